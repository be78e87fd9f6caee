/**
 * Recognising the base-space actions that permute the pixels of a 2D grid exactly, so that they can run on
 * the device as `tf.transpose`/`tf.reverse` (differentiable, no copy to the CPU).
 *
 * The decision follows escnn (and `@steerable/gspaces`' `transformGrid`, which the tests compare against):
 * the 2×2 action `A` on points `(x, y)` is rewritten in array coordinates `(row, col) = (-y, x)`, rounded to
 * float16, and is exact when the result is a signed permutation (numpy's `isclose` tolerances).
 */

/** Spacing-aware rounding to IEEE half precision (ties to even), as escnn's `astype(np.float16)`. */
export function roundToFloat16(x: number): number {
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

/**
 * How an exact element moves the grid: output pixel `(r, c)` reads the input after transposing the two
 * spatial axes (`transpose`) and then reversing the axes listed in `reverse` (0 = rows, 1 = columns).
 */
export interface GridPermutation {
  readonly transpose: boolean;
  readonly reverse: readonly number[];
}

/**
 * The pixel permutation of the 2×2 action `a` (rows of the matrix on `(x, y)`), or `null` when the action
 * needs interpolation. Output axis `i` reads input axis `perm[i]`, reversed when `sign[i] < 0`; when the
 * axes swap, reading `in[s1(c)][s0(r)]` is reading the transposed array at `[s0(r)][s1(c)]`.
 */
export function gridPermutation(a: readonly (readonly number[])[]): GridPermutation | null {
  // array coordinates: M = S P A P S, P the swap, S = diag(-1, 1)
  const m: number[][] = [0, 1].map((i) =>
    [0, 1].map((j) => roundToFloat16((i === 0 ? -1 : 1) * (j === 0 ? -1 : 1) * a[1 - i]![1 - j]!)),
  );
  for (let i = 0; i < 2; i++) {
    let rowSum = 0;
    let colSum = 0;
    for (let j = 0; j < 2; j++) {
      const v = Math.abs(m[i]![j]!);
      if (!isClose(v, 1) && !isClose(v, 0)) return null;
      rowSum += v;
      colSum += Math.abs(m[j]![i]!);
    }
    if (!isClose(rowSum, 1) || !isClose(colSum, 1)) return null;
  }
  const perm = m.map((row) => (Math.abs(row[1]!) > Math.abs(row[0]!) ? 1 : 0));
  const sign = m.map((row, i) => Math.sign(Math.round(row[perm[i]!]!)));
  return { transpose: perm[0] === 1, reverse: [0, 1].filter((i) => sign[i]! < 0) };
}
