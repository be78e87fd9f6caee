/**
 * Which elements permute the pixels of a 2D grid exactly, and how: such elements transform a field on the device
 * by `tf.transpose`/`tf.reverse` (differentiable, no copy to the CPU); every other one needs interpolation.
 *
 * The decision is gspaces' `gridAxisPermutation`, the one `transformGrid` makes (escnn's): the 2×2 action `A` on
 * points `(x, y)` is rewritten in array coordinates `(row, col) = (-y, x)`, rounded to float16, and is exact
 * when the result is a signed permutation (numpy's `isclose` tolerances).
 */
import { type GroupElement, InvalidArgumentError } from '@steerable/group-theory';
import { type GSpace, gridAxisPermutation } from '@steerable/gspaces';

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
 * needs interpolation: gspaces' {@link gridAxisPermutation} (escnn's float16 test). Output axis `i` reads
 * input axis `perm[i]`, reversed when `sign[i] < 0`; when the axes swap, reading `in[s1(c)][s0(r)]` is
 * reading the transposed array at `[s0(r)][s1(c)]`.
 */
function actionPermutation(a: readonly (readonly number[])[]): GridPermutation | null {
  const p = gridAxisPermutation(a);
  if (p === null) return null;
  return { transpose: p.perm[0] === 1, reverse: [0, 1].filter((i) => p.sign[i]! < 0) };
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
