/**
 * The action of a linear map of space on a signal sampled on a voxel grid, with escnn's conventions
 * (`escnn.gspaces.utils.linear_transform_array_3d`): `f'(x) = f(A⁻¹ x)` for `x` on the grid.
 *
 * Conventions. The matrix `A` acts on points written `(x, y, z)`. On the array the three grid axes are `−Z`,
 * `−Y` and `X` (escnn's voxel convention, the 3D analogue of an image's rows `−Y` and columns `X`); the grid is
 * centred at `((d−1)/2, (h−1)/2, (w−1)/2)`. As escnn does, the matrix in array coordinates is rounded to float16
 * first: when it then is a signed permutation (the 48 symmetries of the cube) the voxels are permuted exactly;
 * otherwise the signal is resampled by quadratic B-spline interpolation, 0 outside the grid (scipy's
 * `affine_transform(order=2, mode='constant')`).
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import {
  arrayCoordinateMatrix,
  type GridTransformOptions,
  type MatrixInput,
  matrixRows,
  signedPermutation,
} from './grid-action.js';
import {
  checkFloatArray,
  checkLayout,
  type FloatArray,
  flatIndex,
  type ParsedShape,
  parseShape,
} from './internal/layout.js';
import { quadraticSplineCoefficients3d, quadraticStencil3d } from './internal/spline.js';

/** Same typed-array class as `like`, of length `n`. */
function allocateLike<T extends FloatArray>(like: T, n: number): T {
  return (like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n)) as T;
}

/** Exact voxel permutation: output axis `i` reads input axis `perm[i]`, reversed when `sign[i] < 0`. */
function permuteVoxels<T extends FloatArray>(
  fn: string,
  input: T,
  s: ParsedShape,
  m: { perm: number[]; sign: number[] },
): T {
  const [d, h, w] = s.grid as [number, number, number];
  if (m.perm.some((j, i) => s.grid[j] !== s.grid[i])) {
    throw new InvalidArgumentError(
      fn,
      'shape',
      [...s.grid],
      'must be a cubic grid (or keep the extents of the axes the element exchanges) for an element that permutes the grid axes',
    );
  }
  const out = allocateLike(input, input.length);
  const a = [0, 0, 0];
  const src = [0, 0, 0];
  for (a[0] = 0; a[0] < d; a[0]++) {
    for (a[1] = 0; a[1] < h; a[1]++) {
      for (a[2] = 0; a[2] < w; a[2]++) {
        for (let i = 0; i < 3; i++) {
          const j = m.perm[i]!;
          src[j] = m.sign[i]! > 0 ? a[i]! : s.grid[j]! - 1 - a[i]!;
        }
        const pOut = (a[0] * h + a[1]) * w + a[2];
        const pIn = (src[0]! * h + src[1]!) * w + src[2]!;
        for (let b = 0; b < s.batch; b++) {
          for (let ch = 0; ch < s.channels; ch++) {
            out[flatIndex(s, b, ch, pOut)] = input[flatIndex(s, b, ch, pIn)]!;
          }
        }
      }
    }
  }
  return out;
}

/** Quadratic-spline resampling at `M o + offset`, `M = mᵀ`, offset `−(M − I) c` (scipy's pull convention). */
function interpolateVoxels<T extends FloatArray>(
  input: T,
  s: ParsedShape,
  m: readonly (readonly number[])[],
): T {
  const [d, h, w] = s.grid as [number, number, number];
  // M = mᵀ: M[i][j] = m[j][i]
  const M = [0, 1, 2].map((i) => [0, 1, 2].map((j) => m[j]![i]!));
  const centre = [(d - 1) / 2, (h - 1) / 2, (w - 1) / 2];
  // offset = −(M − I) c, as escnn computes it
  const offset = [0, 1, 2].map((i) => {
    const row = M[i]!.map((v, j) => (i === j ? v - 1 : v));
    return -(row[0]! * centre[0]! + row[1]! * centre[1]! + row[2]! * centre[2]!);
  });
  const coeffs: Float64Array[] = [];
  const volume = new Float64Array(s.points);
  for (let b = 0; b < s.batch; b++) {
    for (let ch = 0; ch < s.channels; ch++) {
      for (let p = 0; p < s.points; p++) volume[p] = input[flatIndex(s, b, ch, p)]!;
      coeffs.push(quadraticSplineCoefficients3d(volume, d, h, w));
    }
  }
  const out = allocateLike(input, input.length);
  const index = new Int32Array(27);
  const weight = new Float64Array(27);
  const planes = s.batch * s.channels;
  // (z, y, x): the array indices along the −Z, −Y and X axes
  for (let z = 0; z < d; z++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        // scipy's affine map, summed in the same order: (M o)_i + offset_i
        const pos = [0, 1, 2].map((i) => z * M[i]![0]! + y * M[i]![1]! + x * M[i]![2]! + offset[i]!);
        const p = (z * h + y) * w + x;
        const inside = quadraticStencil3d(d, h, w, pos[0]!, pos[1]!, pos[2]!, index, weight);
        for (let k = 0; k < planes; k++) {
          let value = 0;
          if (inside) {
            const coeff = coeffs[k]!;
            for (let q = 0; q < 27; q++) value += coeff[index[q]!]! * weight[q]!;
          }
          out[flatIndex(s, Math.floor(k / s.channels), k % s.channels, p)] = value;
        }
      }
    }
  }
  return out;
}

/**
 * Transforms a signal on a 3D voxel grid by the linear map `action` of space (given in `(x, y, z)`
 * coordinates): returns `f'` with `f'(x) = f(action⁻¹ x)`, on the same grid, in a fresh array of the input's
 * type. Exact voxel permutation when the map sends the grid onto itself, quadratic B-spline interpolation
 * otherwise (escnn's `GSpace._interpolate_transform_basespace` on R³).
 *
 * @param input - the signal, flat, in `options.layout`.
 * @param shape - `[...batch, d, h, w, c]` (channels-last) or `[...batch, c, d, h, w]` (channels-first); the grid
 * axes are `−Z`, `−Y`, `X`.
 * @param action - the 3×3 matrix of the base-space action (e.g. a `GSpace3D`'s `basespaceAction`).
 * @throws InvalidArgumentError for a shape that does not match the input, a matrix that is not 3×3, or an
 * element that exchanges grid axes of different extents.
 * @see escnn's `linear_transform_array_3d`
 */
export function transformVoxels<T extends FloatArray>(
  input: T,
  shape: readonly number[],
  action: MatrixInput,
  options: GridTransformOptions = {},
): T {
  const fn = 'transformVoxels';
  checkFloatArray(fn, 'input', input);
  const layout = checkLayout(fn, options.layout ?? 'channels-last');
  const a = matrixRows(fn, 'action', action);
  if (a.length !== 3) throw new InvalidArgumentError(fn, 'action', action, 'must be a 3×3 matrix');
  const s = parseShape(fn, shape, 3, layout, input.length);
  const m = arrayCoordinateMatrix(a, fn);
  const permutation = options.exact === false ? null : signedPermutation(m);
  return permutation ? permuteVoxels(fn, input, s, permutation) : interpolateVoxels(input, s, m);
}
