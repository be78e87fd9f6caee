/**
 * The action of a linear map of the base space on a signal sampled on a pixel grid, with escnn's conventions
 * (`escnn.gspaces.utils.linear_transform_array_nd`): `f'(x) = f(A⁻¹ x)` for `x` on the grid.
 *
 * Conventions. The matrix `A` acts on points written `(x, y)` (X first). On the array, the first grid axis
 * (rows) is `-Y` and the second (columns) is `X`, like an image whose row index grows downwards; the grid is
 * centred at `((h-1)/2, (w-1)/2)`. As escnn does, the matrix is rounded to float16 first: when it then is a
 * signed permutation (rotations by multiples of 90°, flips along the axes) the pixels are permuted exactly;
 * otherwise the signal is resampled by quadratic B-spline interpolation, 0 outside the grid (scipy's
 * `affine_transform(order=2, mode='constant')`).
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import type { Matrix } from 'ml-matrix';
import { roundToFloat16 } from './internal/float16.js';
import {
  checkFloatArray,
  checkLayout,
  type FloatArray,
  flatIndex,
  type ParsedShape,
  parseShape,
} from './internal/layout.js';
import { quadraticSplineCoefficients, quadraticStencil } from './internal/spline.js';

/**
 * Where the channel axis of a flat feature array sits: `'channels-last'` is `[...batch, h, w, c]` (NHWC, the
 * layout of our tensors), `'channels-first'` is `[...batch, c, h, w]` (escnn's and PyTorch's).
 */
export type GridLayout = 'channels-last' | 'channels-first';

/** A flat float array, as accepted and returned by the grid actions. */
export type { FloatArray };

/** Options of {@link transformGrid} and the grid actions of a gspace. */
export interface GridTransformOptions {
  /**
   * Where the channel axis is.
   * @defaultValue 'channels-last'
   */
  readonly layout?: GridLayout;
  /**
   * Permute pixels exactly when the (float16-rounded) matrix maps the grid onto itself, as escnn does; with
   * `false` every element is resampled by interpolation (useful to compare the two).
   * @defaultValue true
   */
  readonly exact?: boolean;
}

/** A square matrix given as an ml-matrix `Matrix` or as row-major nested arrays. */
export type MatrixInput = Matrix | readonly (readonly number[])[];

/** Converts a matrix argument to row-major nested arrays, checking it is square and finite. */
export function matrixRows(fn: string, argument: string, m: unknown): number[][] {
  let rows: number[][] | undefined;
  if (Array.isArray(m)) {
    if (m.every((r) => Array.isArray(r) && r.length === m.length)) rows = m.map((r: number[]) => [...r]);
  } else if (m != null && typeof (m as Matrix).to2DArray === 'function') {
    const mm = m as Matrix;
    if (mm.rows === mm.columns) rows = mm.to2DArray();
  }
  if (rows === undefined || rows.some((r) => r.some((v) => typeof v !== 'number' || !Number.isFinite(v)))) {
    throw new InvalidArgumentError(fn, argument, m, 'must be a square matrix of finite numbers');
  }
  return rows;
}

/** numpy's `isclose(a, b)` with its default tolerances (rtol 1e-5, atol 1e-8). */
function isClose(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}

/**
 * The matrix of the base-space map in array coordinates `(row, col) = (-y, x)`: `S P A P S` with `P` the swap
 * and `S = diag(-1, 1)`, rounded to float16 as escnn does.
 */
export function arrayCoordinateMatrix(action: MatrixInput, fn = 'arrayCoordinateMatrix'): number[][] {
  const a = matrixRows(fn, 'action', action);
  const n = a.length;
  // Reversing the axes turns (x, y, z...) into (..., z, y, x); every reversed axis but the last is negated.
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      const sign = (i < n - 1 ? -1 : 1) * (j < n - 1 ? -1 : 1);
      row.push(roundToFloat16(sign * a[n - 1 - i]![n - 1 - j]!));
    }
    out.push(row);
  }
  return out;
}

/**
 * The signed permutation `m` is, as `perm[i] = j` and `sign[i] = ±1` with `m[i][j] = sign[i]`, or `null` when it
 * is not one (escnn's test: absolute row and column sums 1, entries 0 or ±1, numpy's tolerances).
 */
export function signedPermutation(
  m: readonly (readonly number[])[],
): { perm: number[]; sign: number[] } | null {
  const n = m.length;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    let colSum = 0;
    for (let j = 0; j < n; j++) {
      const v = Math.abs(m[i]![j]!);
      if (!isClose(v, 1) && !isClose(v, 0)) return null;
      rowSum += v;
      colSum += Math.abs(m[j]![i]!);
    }
    if (!isClose(rowSum, 1) || !isClose(colSum, 1)) return null;
  }
  const perm: number[] = [];
  const sign: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = m[i]!;
    let j = 0;
    for (let k = 1; k < n; k++) if (Math.abs(row[k]!) > Math.abs(row[j]!)) j = k;
    perm.push(j);
    sign.push(Math.sign(Math.round(row[j]!)));
  }
  return { perm, sign };
}

/**
 * How the base-space map `action` (a matrix on points `(x, y, ...)`) moves the axes of an array sampled on a
 * grid, when it moves the grid onto itself: output axis `i` reads input axis `perm[i]`, reversed when
 * `sign[i] < 0` (array axes in escnn's order, rows first, with `row = -y`). `null` when it does not, and a
 * transformation must interpolate. The test is escnn's: the matrix in array coordinates, rounded to float16,
 * must be a signed permutation (rotations by multiples of 90°, reflections along the axes and diagonals).
 * Every exact/interpolated decision of this library goes through it.
 *
 * @throws InvalidArgumentError if `action` is not a square matrix of finite numbers.
 * @see escnn's `linear_transform_array_nd` (its float16 permutation test)
 */
export function gridAxisPermutation(action: MatrixInput): { perm: number[]; sign: number[] } | null {
  return signedPermutation(arrayCoordinateMatrix(action, 'gridAxisPermutation'));
}

/** Same typed-array class as `like`, of length `n`. */
function allocateLike<T extends FloatArray>(like: T, n: number): T {
  return (like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n)) as T;
}

/** Exact pixel permutation: output pixel `a` takes input pixel `M^T (a - c) + c`. */
function permuteGrid<T extends FloatArray>(
  fn: string,
  input: T,
  s: ParsedShape,
  m: { perm: number[]; sign: number[] },
): T {
  const [h, w] = s.grid as [number, number];
  // Output axis i reads input axis perm[i] (reversed when sign[i] < 0): the grid must keep its extents.
  if (s.grid[m.perm[0]!] !== h || s.grid[m.perm[1]!] !== w) {
    throw new InvalidArgumentError(
      fn,
      'shape',
      [...s.grid],
      'must be a square grid for an element that swaps the grid axes (a rotation by ±90°)',
    );
  }
  const out = allocateLike(input, input.length);
  const src = [0, 0];
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const a = [r, c];
      for (let i = 0; i < 2; i++) {
        const j = m.perm[i]!;
        const extent = s.grid[j]!;
        src[j] = m.sign[i]! > 0 ? a[i]! : extent - 1 - a[i]!;
      }
      const pOut = r * w + c;
      const pIn = src[0]! * w + src[1]!;
      for (let b = 0; b < s.batch; b++) {
        for (let ch = 0; ch < s.channels; ch++) {
          out[flatIndex(s, b, ch, pOut)] = input[flatIndex(s, b, ch, pIn)]!;
        }
      }
    }
  }
  return out;
}

/** Quadratic-spline resampling at `A o + offset`, `A = M^T`, offset `-(A - I) c` (scipy's pull convention). */
function interpolateGrid<T extends FloatArray>(
  input: T,
  s: ParsedShape,
  m: readonly (readonly number[])[],
): T {
  const [h, w] = s.grid as [number, number];
  const a00 = m[0]![0]!;
  const a01 = m[1]![0]!;
  const a10 = m[0]![1]!;
  const a11 = m[1]![1]!;
  const cr = (h - 1) / 2;
  const cc = (w - 1) / 2;
  const off0 = -((a00 - 1) * cr + a01 * cc);
  const off1 = -(a10 * cr + (a11 - 1) * cc);
  const planes = s.batch * s.channels;
  const coeffs: Float64Array[] = [];
  const plane = new Float64Array(s.points);
  for (let b = 0; b < s.batch; b++) {
    for (let ch = 0; ch < s.channels; ch++) {
      for (let p = 0; p < s.points; p++) plane[p] = input[flatIndex(s, b, ch, p)]!;
      coeffs.push(quadraticSplineCoefficients(plane, h, w));
    }
  }
  const out = allocateLike(input, input.length);
  const index = new Int32Array(9);
  const weight = new Float64Array(9);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      // same operation order as scipy's affine map, so that positions on the border fall the same side
      const row = r * a00 + c * a01 + off0;
      const col = r * a10 + c * a11 + off1;
      const p = r * w + c;
      const inside = quadraticStencil(h, w, row, col, index, weight);
      for (let k = 0; k < planes; k++) {
        const b = Math.floor(k / s.channels);
        const ch = k % s.channels;
        let value = 0;
        if (inside) {
          const coeff = coeffs[k]!;
          // scipy multiplies c · w_row · w_col in that order; the weights pre-multiplied differ in the last bits only
          for (let q = 0; q < 9; q++) value += coeff[index[q]!]! * weight[q]!;
        }
        out[flatIndex(s, b, ch, p)] = value;
      }
    }
  }
  return out;
}

/**
 * Transforms a signal on a 2D pixel grid by the linear map `action` of the plane (given in `(x, y)`
 * coordinates): returns `f'` with `f'(x) = f(action⁻¹ x)`, on the same grid, in a fresh array of the input's
 * type. Exact pixel permutation when the map sends the grid onto itself, quadratic B-spline interpolation
 * otherwise (escnn's `GSpace._interpolate_transform_basespace`). A 0×0 `action` (a field on a point, R⁰)
 * returns a copy.
 *
 * @param input - the signal, flat, in `options.layout`.
 * @param shape - `[...batch, h, w, c]` (channels-last) or `[...batch, c, h, w]` (channels-first).
 * @param action - the 2×2 matrix of the base-space action (e.g. {@link GSpace.basespaceAction}).
 * @throws InvalidArgumentError for a shape that does not match the input, a non-square grid under a 90°
 * rotation, or a matrix that is not 2×2 (or 0×0).
 * @see escnn's `linear_transform_array_nd`
 */
export function transformGrid<T extends FloatArray>(
  input: T,
  shape: readonly number[],
  action: MatrixInput,
  options: GridTransformOptions = {},
): T {
  const fn = 'transformGrid';
  checkFloatArray(fn, 'input', input);
  const layout = checkLayout(fn, options.layout ?? 'channels-last');
  const a = matrixRows(fn, 'action', action);
  if (a.length !== 0 && a.length !== 2) {
    throw new InvalidArgumentError(fn, 'action', action, 'must be a 2×2 matrix (or 0×0 for R⁰)');
  }
  const s = parseShape(fn, shape, a.length, layout, input.length);
  if (a.length === 0) return input.slice() as T;
  const m = arrayCoordinateMatrix(a);
  const permutation = options.exact === false ? null : signedPermutation(m);
  return permutation ? permuteGrid(fn, input, s, permutation) : interpolateGrid(input, s, m);
}
