/**
 * Which elements permute the pixels of a 2D grid exactly, and how: such elements transform a field on the device
 * by `tf.transpose`/`tf.reverse` (differentiable, no copy to the CPU); every other one needs interpolation.
 *
 * The decision follows escnn (and `@steerable/gspaces`' `transformGrid`, which the tests compare against):
 * the 2×2 action `A` on points `(x, y)` is rewritten in array coordinates `(row, col) = (-y, x)`, rounded to
 * float16, and is exact when the result is a signed permutation (numpy's `isclose` tolerances).
 */
import { type GroupElement, InvalidArgumentError } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';

/** Spacing-aware rounding to IEEE half precision (ties to even), as escnn's `astype(np.float16)`. */
function roundToFloat16(x: number): number {
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
 * How an element that is exact on the grid moves it: output pixel `(r, c)` reads the input after transposing the
 * two spatial axes (`transpose`) and then reversing the axes listed in `reverse` (0 = rows, 1 = columns).
 */
export interface GridPermutation {
  /** Whether the two spatial axes are swapped (rotations by ±90°, reflections along a diagonal). */
  readonly transpose: boolean;
  /** The spatial axes reversed after the transposition: 0 = rows, 1 = columns. */
  readonly reverse: readonly number[];
}

/**
 * The pixel permutation of the 2×2 action `a` (rows of the matrix on `(x, y)`), or `null` when the action
 * needs interpolation. Output axis `i` reads input axis `perm[i]`, reversed when `sign[i] < 0`; when the
 * axes swap, reading `in[s1(c)][s0(r)]` is reading the transposed array at `[s0(r)][s1(c)]`.
 */
function actionPermutation(a: readonly (readonly number[])[]): GridPermutation | null {
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

const IDENTITY: GridPermutation = Object.freeze({ transpose: false, reverse: Object.freeze([]) });

/**
 * How `element` permutes the pixels of a field on `gspace`'s grid, or `null` when it moves pixels off the grid
 * and a transformation must interpolate. Exact are the elements whose base-space matrix, rounded to float16
 * as escnn does, is a signed permutation: rotations by multiples of 90° and reflections along the grid axes
 * and diagonals. On a 0-dimensional base space every element is exact (the identity permutation).
 *
 * @throws InvalidArgumentError if `element` is not a group element or the base space is neither 0- nor
 *   2-dimensional.
 * @throws GroupMismatchError if `element` belongs to another group than `gspace.fibergroup`.
 * @see escnn's `linear_transform_array_nd` (its float16 test for a permutation)
 */
export function gridPermutation(gspace: GSpace, element: GroupElement): GridPermutation | null {
  const fn = 'gridPermutation';
  if (gspace === null || typeof gspace !== 'object' || !('fibergroup' in gspace)) {
    throw new InvalidArgumentError(fn, 'gspace', gspace, 'must be a gspace');
  }
  gspace.fibergroup.checkElement(element, fn, 'element');
  if (gspace.dimensionality === 0) return IDENTITY;
  if (gspace.dimensionality !== 2) {
    throw new InvalidArgumentError(fn, 'gspace', gspace.name, 'must have a 0- or 2-dimensional base space');
  }
  return actionPermutation(gspace.basespaceAction(element).to2DArray());
}
