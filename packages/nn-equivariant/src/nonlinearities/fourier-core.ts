/**
 * The common part of the Fourier nonlinearities: the sampling matrix `A` (inverse Fourier transform from
 * band-limited coefficients to values on a grid of group elements), its regularized pseudo-inverse `A⁺`
 * (Fourier transform back), and the TF.js computation `x ↦ A⁺ σ(A x)` per field. The package exports only
 * its option types; the functions are internal.
 */

import { FieldType, type GeometricTensor } from '@steerable/field-types';
import type { RepresentationLike } from '@steerable/group-theory';
import { type Group, type GroupElement, InvalidArgumentError, type IrrepId } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { inverse, Matrix } from 'ml-matrix';
import { EquivariantModule } from '../equivariant-module.js';
import { fixedDense } from '../internal/export-layer.js';
import { checkChannels, checkGSpace, readChoice, readFlag } from '../internal/validation.js';
import type { PointwiseFunction } from './pointwise.js';

/** escnn's regularization of `(AᵀA + εI)⁻¹Aᵀ`. */
const EPS = 1e-8;

const FUNCTIONS: readonly PointwiseFunction[] = ['p_relu', 'p_elu', 'p_sigmoid', 'p_tanh'];

/** How the grid of group elements is chosen: escnn's `*grid_args, **grid_kwargs` of `G.grid`, or explicit elements. */
export interface FourierGridOptions {
  /**
   * escnn's grid type for `G.grid(type, N)`: `'regular'` (evenly spaced rotations, and the same composed with the
   * flip for D_N and O(2)) or `'rand'` (`N` random elements, seeded by `seed`).
   * @defaultValue 'regular'
   */
  readonly type?: 'regular' | 'rand';
  /**
   * escnn's `N` of `G.grid`: the number of rotations of a regular grid (for D_N and O(2) the grid has `2N`
   * elements), or the number of random elements.
   * @defaultValue the number of rotations of a finite group (its whole regular grid); required for SO(2) and O(2)
   */
  readonly N?: number;
  /** Seed of a `'rand'` grid. @defaultValue 0 */
  readonly seed?: number;
  /** Explicit grid elements (escnn's `grid` argument of the quotient module); overrides `type`, `N`, `seed`. */
  readonly grid?: readonly GroupElement[];
}

/** The options shared by the Fourier nonlinearities. */
export interface FourierCommonOptions extends FourierGridOptions {
  /** The function applied on the grid. @defaultValue 'p_relu' */
  readonly function?: PointwiseFunction;
  /** escnn's `inplace`, accepted for compatibility (TF.js tensors are immutable). @defaultValue true */
  readonly inplace?: boolean;
  /** A different band limit of the output (irrep ids). @defaultValue the input's irreps */
  readonly outIrreps?: readonly IrrepId[];
  /** Normalize the sampling kernel to unit norm (escnn's `normalize`). @defaultValue true */
  readonly normalize?: boolean;
}

/** The grid of elements from the options (escnn passes its grid arguments to `G.grid`). */
function readGrid(fn: string, G: Group, options: FourierGridOptions): GroupElement[] {
  if (options.grid !== undefined) {
    if (!Array.isArray(options.grid) || options.grid.length === 0) {
      throw new InvalidArgumentError(fn, 'grid', options.grid, 'must be a non-empty list of group elements');
    }
    return options.grid.map((g, i) => G.checkElement(g, fn, `grid[${i}]`));
  }
  const type = readChoice(fn, 'type', options.type, 'regular', ['regular', 'rand'] as const);
  let N = options.N;
  if (N === undefined) {
    if (G.order() <= 0) {
      throw new InvalidArgumentError(fn, 'N', N, `must be given for the continuous group ${G.name}`);
    }
    N = (G as unknown as { rotationOrder?: number }).rotationOrder ?? G.order();
  }
  if (typeof N !== 'number' || !Number.isInteger(N) || N < 1) {
    throw new InvalidArgumentError(fn, 'N', N, 'must be a positive integer');
  }
  return G.grid(type, N, { seed: options.seed ?? 0 });
}

/** Checks a list of irrep ids of `G` (escnn's `irreps` argument); returns the ids as the group spells them. */
function readIrreps(fn: string, argument: string, G: Group, irreps: unknown): IrrepId[] {
  if (!Array.isArray(irreps) || irreps.length === 0) {
    throw new InvalidArgumentError(fn, argument, irreps, 'must be a non-empty list of irrep ids');
  }
  return irreps.map((id, i) => {
    if (!Array.isArray(id) || id.some((v) => typeof v !== 'number')) {
      throw new InvalidArgumentError(
        fn,
        `${argument}[${i}]`,
        id,
        'must be an irrep id (an array of numbers)',
      );
    }
    return G.irrep(...(id as number[])).id;
  });
}

/** The key of an irrep id, for set operations on id lists. */
function idKey(id: IrrepId): string {
  return id.join(',');
}

/**
 * escnn's `A`: row `g` is `(ρ(g) k)ᵀ` for the grid element `g`, with `k` the (optionally normalized) kernel.
 * Returns the `[grid][size]` matrix.
 */
function samplingMatrix(
  rho: RepresentationLike,
  kernel: Float64Array,
  grid: readonly GroupElement[],
  normalize: boolean,
): Matrix {
  let k = Array.from(kernel);
  if (normalize) {
    const n = Math.sqrt(k.reduce((s, v) => s + v * v, 0));
    k = k.map((v) => v / n);
  }
  const col = Matrix.columnVector(k);
  const a = new Matrix(grid.length, rho.size);
  grid.forEach((g, i) => {
    const v = rho.at(g).mmul(col);
    for (let j = 0; j < rho.size; j++) a.set(i, j, v.get(j, 0));
  });
  return a;
}

/** escnn's `Ainv = (AᵀA + εI)⁻¹ Aᵀ`, the first `rows` rows: `[rows][grid]`. */
function pseudoInverse(a: Matrix, rows: number): Matrix {
  const ata = a.transpose().mmul(a);
  for (let i = 0; i < ata.rows; i++) ata.set(i, i, ata.get(i, i) + EPS);
  const full = inverse(ata).mmul(a.transpose());
  return full.subMatrix(0, rows - 1, 0, full.columns - 1);
}

/** The checked arguments of a {@link FourierSampledModule}. */
export interface FourierModuleArgs {
  /** `channels` copies of the input representation. */
  readonly inType: FieldType;
  /** `channels` copies of the output representation. */
  readonly outType: FieldType;
  /** Number of fields. */
  readonly channels: number;
  /** The grid elements. */
  readonly grid: readonly GroupElement[];
  /** escnn's `A`, `[grid][F_in]`. */
  readonly A: Matrix;
  /** escnn's `Ainv`, `[F_out][grid]`. */
  readonly Ainv: Matrix;
  /** The module's options. */
  readonly options: FourierCommonOptions;
}

/** The band-limited functions a Fourier module acts on: their representation and escnn's kernel `k`, per irrep list. */
export interface FourierSpace {
  /** The band-limited representation on the irreps `ids`. */
  readonly representation: (ids: readonly IrrepId[]) => RepresentationLike;
  /** escnn's kernel `k` of that representation (`_build_kernel`). */
  readonly kernel: (ids: readonly IrrepId[]) => Float64Array;
}

/**
 * Checks a Fourier module's arguments and builds `A` and `A⁺` (escnn's `_build_kernel`, `A` and `Ainv`). With
 * `outIrreps` the output has another band limit: the least-squares projection is solved with the input's
 * missing irreps included, then the output's rows are kept (as escnn does).
 * @throws InvalidArgumentError for a bad gspace, channel count, irrep id, grid or `normalize`.
 */
export function fourierArgs(
  fn: string,
  gspace: GSpace,
  channels: number,
  irreps: readonly IrrepId[],
  options: FourierCommonOptions,
  space: (G: Group) => FourierSpace,
): {
  readonly args: FourierModuleArgs;
  readonly irreps: readonly IrrepId[];
  readonly outIrreps: readonly IrrepId[];
} {
  const gs = checkGSpace(fn, gspace);
  const C = checkChannels(fn, channels);
  const G = gs.fibergroup;
  const X = space(G);
  const ids = readIrreps(fn, 'irreps', G, irreps);
  const outIds = options.outIrreps === undefined ? ids : readIrreps(fn, 'outIrreps', G, options.outIrreps);
  const rho = X.representation(ids);
  const rhoOut = options.outIrreps === undefined ? rho : X.representation(outIds);
  const grid = readGrid(fn, G, options);
  const normalize = options.normalize ?? true;
  if (typeof normalize !== 'boolean') {
    throw new InvalidArgumentError(fn, 'normalize', normalize, 'must be a boolean');
  }
  const A = samplingMatrix(rho, X.kernel(ids), grid, normalize);
  let aOut: Matrix = A;
  if (options.outIrreps !== undefined) {
    const outKeys = new Set(outIds.map(idKey));
    const seen = new Set<string>();
    const missing = ids.filter((id) => {
      const k = idKey(id);
      if (outKeys.has(k) || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const all = [...outIds, ...missing];
    aOut = samplingMatrix(X.representation(all), X.kernel(all), grid, normalize);
  }
  return {
    args: {
      inType: new FieldType(gs, Array(C).fill(rho)),
      outType: new FieldType(gs, Array(C).fill(rhoOut)),
      channels: C,
      grid,
      A,
      Ainv: pseudoInverse(aOut, rhoOut.size),
      options,
    },
    irreps: Object.freeze(ids),
    outIrreps: Object.freeze(outIds),
  };
}

/**
 * A module computing, for every field `x_c` (of size `F`), `A⁺ σ(A x_c)`: samples the function with Fourier
 * coefficients `x_c` on the grid, applies `σ`, and projects back. Inputs and outputs are `channels` copies
 * of one representation each. The matrices are float32 constants (escnn's buffers `A` and `Ainv`).
 */
export abstract class FourierSampledModule extends EquivariantModule {
  /** The function applied on the grid. */
  readonly function: PointwiseFunction;
  /** escnn's `inplace` (no effect in TF.js). */
  readonly inplace: boolean;
  /** Whether the kernel was normalized. */
  readonly normalize: boolean;
  /** The grid elements. */
  readonly grid: readonly GroupElement[];
  /** Number of fields. */
  readonly channels: number;
  /** escnn's `A`, `[grid][F_in]` row-major (float64). */
  readonly A: Float64Array;
  /** escnn's `Ainv`, `[F_out][grid]` row-major (float64). */
  readonly Ainv: Float64Array;
  readonly #aT: tf.Tensor2D;
  readonly #ainvT: tf.Tensor2D;
  readonly #fin: number;
  readonly #fout: number;

  protected constructor(fn: string, args: FourierModuleArgs) {
    super(args.inType, args.outType);
    this.function = readChoice(fn, 'function', args.options.function, 'p_relu', FUNCTIONS);
    this.inplace = readFlag(fn, 'inplace', args.options.inplace, true);
    this.normalize = readFlag(fn, 'normalize', args.options.normalize, true);
    this.grid = Object.freeze([...args.grid]);
    this.channels = args.channels;
    this.#fin = args.A.columns;
    this.#fout = args.Ainv.rows;
    this.A = Float64Array.from(args.A.to1DArray());
    this.Ainv = Float64Array.from(args.Ainv.to1DArray());
    // constants of the module (like escnn's buffers, not in the state dict: they follow from the arguments)
    this.#aT = tf.keep(tf.tensor2d(args.A.transpose().to2DArray(), [this.#fin, args.A.rows], 'float32'));
    this.#ainvT = tf.keep(
      tf.tensor2d(args.Ainv.transpose().to2DArray(), [args.Ainv.columns, this.#fout], 'float32'),
    );
  }

  /** The scalar function σ on the grid values. */
  protected sigma(t: tf.Tensor): tf.Tensor {
    switch (this.function) {
      case 'p_relu':
        return tf.relu(t);
      case 'p_elu':
        return tf.elu(t);
      case 'p_sigmoid':
        return tf.sigmoid(t);
      case 'p_tanh':
        return tf.tanh(t);
    }
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const lead = x.tensor.shape.slice(0, -1);
    const flat = tf.reshape(x.tensor, [-1, this.#fin]);
    const sampled = this.sigma(tf.matMul(flat, this.#aT));
    const y = tf.matMul(sampled, this.#ainvT);
    return this.outType.wrap(tf.reshape(y, [...lead, this.channels * this.#fout]));
  }

  /**
   * Two bias-free dense layers with block-diagonal kernels (one block `Aᵀ`, resp. `A⁺ᵀ`, per field) around
   * the activation (escnn has no export for these modules; ours computes the same map).
   */
  override exportLayers(): tf.layers.Layer[] {
    const n = this.grid.length;
    const c = this.channels;
    const fin = this.#fin;
    const fout = this.#fout;
    const k1 = new Float32Array(c * fin * c * n);
    const k2 = new Float32Array(c * n * c * fout);
    for (let f = 0; f < c; f++) {
      for (let i = 0; i < fin; i++)
        for (let g = 0; g < n; g++) k1[(f * fin + i) * c * n + f * n + g] = this.A[g * fin + i]!;
      for (let g = 0; g < n; g++)
        for (let o = 0; o < fout; o++) k2[(f * n + g) * c * fout + f * fout + o] = this.Ainv[o * n + g]!;
    }
    const act = { p_relu: 'relu', p_elu: 'elu', p_sigmoid: 'sigmoid', p_tanh: 'tanh' } as const;
    return [
      fixedDense(k1, c * fin, c * n),
      tf.layers.activation({ activation: act[this.function] }),
      fixedDense(k2, c * n, c * fout),
    ];
  }

  /** Frees the constant matrices together with the variables. */
  override dispose(): void {
    tf.dispose([this.#aT, this.#ainvT]);
    super.dispose();
  }
}
