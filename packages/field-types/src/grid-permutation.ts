/**
 * Which elements permute the pixels of a 2D grid or the voxels of a 3D grid exactly, and how: such elements
 * transform a field on the device by `tf.transpose`/`tf.reverse` (differentiable, no copy to the CPU); every other
 * one needs interpolation.
 *
 * The decision is gspaces' `gridAxisPermutation`, the one `transformGrid` / `transformVoxels` make (escnn's): the
 * action `A` on points `(x, y)` or `(x, y, z)` is rewritten in array coordinates (`(−Y, X)` on a pixel grid,
 * `(−Z, −Y, X)` on a voxel grid), rounded to float16, and is exact when the result is a signed permutation
 * (numpy's `isclose` tolerances).
 */
import { type GroupElement, InvalidArgumentError } from '@steerable/group-theory';
import { type GSpace, gridAxisPermutation } from '@steerable/gspaces';

/**
 * How an element that is exact on the grid moves it: the output reads the input after permuting the spatial
 * axes (`transpose`; on a voxel grid the permutation is `axes`) and then reversing the spatial axes listed in
 * `reverse` (0 = rows, 1 = columns on a pixel grid; 0 = depth, 1 = rows, 2 = columns on a voxel grid).
 */
export interface GridPermutation {
  /**
   * Whether spatial axes are exchanged (on a pixel grid: rotations by ±90°, reflections along a diagonal; on a
   * voxel grid: any symmetry of the cube that does not fix the three axes).
   */
  readonly transpose: boolean;
  /** The spatial axes reversed after the transposition. */
  readonly reverse: readonly number[];
  /**
   * On a voxel grid only: output spatial axis `i` reads input spatial axis `axes[i]` (before the reversal), so the
   * transposition is `tf.transpose` with the permutation `[0, 1 + axes[0], 1 + axes[1], 1 + axes[2], 4]`.
   */
  readonly axes?: readonly number[];
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

/**
 * The voxel permutation of the 3×3 action `a` on `(x, y, z)`, or `null`: output axis `i` reads input axis
 * `perm[i]`, reversed when `sign[i] < 0`, i.e. `out[a] = in[s]` with `s[perm[i]] = ±a[i]`; that is the array
 * transposed by `perm` (`t[a] = in[s]`, `s[perm[i]] = a[i]`) with the axes of negative sign reversed.
 */
function voxelPermutation(a: readonly (readonly number[])[]): GridPermutation | null {
  const p = gridAxisPermutation(a);
  if (p === null) return null;
  return {
    transpose: p.perm.some((j, i) => j !== i),
    reverse: [0, 1, 2].filter((i) => p.sign[i]! < 0),
    axes: p.perm,
  };
}

const IDENTITY: GridPermutation = Object.freeze({ transpose: false, reverse: Object.freeze([]) });

/**
 * How `element` permutes the pixels (voxels) of a field on `gspace`'s grid, or `null` when it moves them off the
 * grid and a transformation must interpolate. Exact are the elements whose base-space matrix, rounded to float16
 * as escnn does, is a signed permutation: on R² rotations by multiples of 90° and reflections along the grid
 * axes and diagonals, on R³ the 48 symmetries of the cube. On a 0-dimensional base space every element is exact
 * (the identity permutation).
 *
 * @throws InvalidArgumentError if `element` is not a group element or the base space is not 0-, 2- or
 *   3-dimensional.
 * @throws GroupMismatchError if `element` belongs to another group than `gspace.fibergroup`.
 * @see escnn's `linear_transform_array_nd` / `linear_transform_array_3d` (their float16 test for a permutation)
 */
export function gridPermutation(gspace: GSpace, element: GroupElement): GridPermutation | null {
  const fn = 'gridPermutation';
  if (gspace === null || typeof gspace !== 'object' || !('fibergroup' in gspace)) {
    throw new InvalidArgumentError(fn, 'gspace', gspace, 'must be a gspace');
  }
  gspace.fibergroup.checkElement(element, fn, 'element');
  if (gspace.dimensionality === 0) return IDENTITY;
  if (gspace.dimensionality === 3) return voxelPermutation(gspace.basespaceAction(element).to2DArray());
  if (gspace.dimensionality !== 2) {
    throw new InvalidArgumentError(
      fn,
      'gspace',
      gspace.name,
      'must have a 0-, 2- or 3-dimensional base space',
    );
  }
  return actionPermutation(gspace.basespaceAction(element).to2DArray());
}
