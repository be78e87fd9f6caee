/**
 * Which group elements permute the pixel grid exactly. The decision is escnn's (and `@steerable/gspaces`'):
 * the base-space matrix is rounded to float16 and the element is exact when the result is a signed
 * permutation (rotations by multiples of 90°, reflections along the axes); every other element is a
 * resampling, i.e. an interpolation.
 */
import type { GroupElement } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';

/** Nearest IEEE half-precision value of `x` (ties to even), as escnn's `astype(np.float16)`. */
export function roundToHalf(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let e = a < 2 ** -14 ? -14 : Math.floor(Math.log2(a));
  if (a >= 2 ** -14) {
    if (2 ** e > a) e -= 1;
    else if (2 ** (e + 1) <= a) e += 1;
  }
  const q = 2 ** (e - 10);
  const t = a / q;
  const f = Math.floor(t);
  const d = t - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return Math.sign(x) * r * q;
}

function isClose(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}

/** True when `g` acts on the grid of `gspace` by a pixel permutation (always on a 0-dimensional base space). */
export function exactOnGrid(gspace: GSpace, g: GroupElement): boolean {
  if (gspace.dimensionality === 0) return true;
  const a = gspace
    .basespaceAction(g)
    .to2DArray()
    .map((row) => row.map(roundToHalf));
  const n = a.length;
  for (let i = 0; i < n; i++) {
    let row = 0;
    let col = 0;
    for (let j = 0; j < n; j++) {
      const v = Math.abs(a[i]![j]!);
      const w = Math.abs(a[j]![i]!);
      if (!(isClose(v, 0) || isClose(v, 1)) || !(isClose(w, 0) || isClose(w, 1))) return false;
      row += v;
      col += w;
    }
    if (!isClose(row, 1) || !isClose(col, 1)) return false;
  }
  return true;
}
