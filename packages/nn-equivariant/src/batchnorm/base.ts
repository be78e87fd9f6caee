/**
 * What the equivariant batch normalizations share: escnn's options (eps, momentum, affine,
 * trackRunningStats), the running-average rule, constant tensors owned by the module, and the TF.js
 * layers they export to.
 */

import type { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { freshCopy } from '../internal/export-layer.js';

/** Options of the equivariant batch normalizations (escnn's keyword arguments). */
export interface BatchNormOptions {
  /** Added to the variance before its square root, for numerical stability. @defaultValue 1e-5 */
  readonly eps?: number;
  /**
   * Weight of the batch statistics in the running averages: `running ← (1 − momentum)·running +
   * momentum·batch`; `null` for the cumulative average (`momentum = 1 / batches seen`).
   * @defaultValue 0.1
   */
  readonly momentum?: number | null;
  /** Learn a scale per statistic (and a bias on the trivial channels). @defaultValue true */
  readonly affine?: boolean;
  /**
   * Track running statistics and use them in evaluation mode; with `false` the batch statistics are used in
   * both modes (and the module cannot be exported).
   * @defaultValue true
   */
  readonly trackRunningStats?: boolean;
}

/** Options of {@link NormBatchNorm}: escnn's NormBatchNorm always tracks running statistics. */
export type NormBatchNormOptions = Omit<BatchNormOptions, 'trackRunningStats'>;

/** The resolved options. */
interface Resolved {
  eps: number;
  momentum: number | null;
  affine: boolean;
  trackRunningStats: boolean;
}

function resolveOptions(fn: string, options: BatchNormOptions): Resolved {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(fn, 'options', options, 'must be an options object');
  }
  const eps = options.eps ?? 1e-5;
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps < 0) {
    throw new InvalidArgumentError(fn, 'eps', eps, 'must be a finite number ≥ 0');
  }
  const momentum = options.momentum === undefined ? 0.1 : options.momentum;
  if (momentum !== null && (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1))) {
    throw new InvalidArgumentError(fn, 'momentum', momentum, 'must be a number in [0, 1] or null');
  }
  const affine = options.affine ?? true;
  if (typeof affine !== 'boolean') throw new InvalidArgumentError(fn, 'affine', affine, 'must be a boolean');
  const trackRunningStats = options.trackRunningStats ?? true;
  if (typeof trackRunningStats !== 'boolean') {
    throw new InvalidArgumentError(fn, 'trackRunningStats', trackRunningStats, 'must be a boolean');
  }
  return { eps, momentum, affine, trackRunningStats };
}

/**
 * `x` with a zero gradient (PyTorch's `detach()`): escnn computes some batch statistics on detached
 * tensors, so no gradient flows through them.
 */
export const stopGradient = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.clone(inputs[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as <T extends tf.Tensor>(x: T) => T;

/**
 * A name usable as a state-dict key: characters other than letters, digits and `_` (escnn keys hold
 * representation names such as `irrep_1,2`) become `_`; a suffix `_2`, `_3`, … keeps keys unique.
 */
export function stateKey(name: string, taken: Set<string>): string {
  const base = name.replace(/[^A-Za-z0-9_]/g, '_');
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  taken.add(key);
  return key;
}

/**
 * The base of the batch normalizations: validated options, constants, the running-average update and
 * export to TF.js layers. Subclasses compute on the input reshaped to `[N, C]`.
 */
export abstract class BatchNormBase extends EquivariantModule {
  /** Added to the variance before the square root. */
  readonly eps: number;
  /** Weight of a batch in the running averages; `null`: cumulative average. */
  readonly momentum: number | null;
  /** Whether the module learns scales and biases. */
  readonly affine: boolean;
  /** Whether running statistics are tracked and used in evaluation mode. */
  readonly trackRunningStats: boolean;
  readonly #constants: tf.Tensor[] = [];

  protected constructor(inType: FieldType, options: BatchNormOptions, fn: string) {
    super(inType, inType);
    const o = resolveOptions(fn, options);
    this.eps = o.eps;
    this.momentum = o.momentum;
    this.affine = o.affine;
    this.trackRunningStats = o.trackRunningStats;
  }

  /**
   * A constant float32 tensor owned by the module (kept out of any tidy; freed by dispose) from a row-major
   * `rows × cols` matrix.
   */
  protected constant(m: {
    readonly rows: number;
    readonly cols: number;
    readonly data: ArrayLike<number>;
  }): tf.Tensor {
    const t = tf.keep(tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]));
    this.#constants.push(t);
    return t;
  }

  /**
   * The factor of this batch in the running averages (PyTorch's `exponential_average_factor`), after
   * counting the batch in `counter` (`num_batches_tracked`): the momentum, or `1 / batches` when it is null.
   */
  protected averageFactor(counter: tf.Variable): number | tf.Scalar {
    counter.assign(tf.add(counter, tf.scalar(1, counter.dtype)));
    if (this.momentum !== null) return this.momentum;
    // 1 / batches as a tensor, not a number: reading the counter back would be a synchronous read,
    // which TF.js's WebGPU backend cannot do in Node (and which stalls the GPU pipeline in a browser)
    return tf.div(tf.scalar(1), tf.cast(counter, 'float32')) as tf.Scalar;
  }

  /** `running ← (1 − a)·running + a·batch` (batch reshaped to the variable's shape), in place. */
  protected static updateRunning(running: tf.Variable, batch: tf.Tensor, a: number | tf.Scalar): void {
    const factor = typeof a === 'number' ? tf.scalar(a) : a;
    running.assign(
      tf.add(tf.mul(running, tf.sub(tf.scalar(1), factor)), tf.mul(tf.reshape(batch, running.shape), factor)),
    );
  }

  /** The input as `[N, C]` (N = batch × pixels). */
  protected flatten(x: tf.Tensor): tf.Tensor {
    return tf.reshape(x, [-1, this.inType.size]);
  }

  /** Throws the error escnn's `export` raises without running statistics. */
  protected checkExportable(): void {
    if (!this.trackRunningStats) {
      throw new SteerableError(
        `${this.constructor.name}.export`,
        'cannot export without running statistics (trackRunningStats is false): the statistics of a single batch are generally not symmetric',
      );
    }
  }

  /**
   * A `tf.layers.batchNormalization` over the last axis computing `(x − mean)·gamma/√(var + eps) + beta`
   * in inference, with the given per-channel `[1, C]` values (PyTorch's BatchNorm escnn exports to).
   */
  protected batchNormLayer(
    gamma: tf.Tensor,
    beta: tf.Tensor,
    mean: tf.Tensor,
    variance: tf.Tensor,
  ): tf.layers.Layer {
    // Fresh tensors, not reshapes: the WASM backend's kernels may check the rank of the stored data. Given as the
    // layer's initial `weights` (disposed by `export()` once built), so that the layer builds inside the model and
    // its weights get scoped names (`<layer>/gamma`): a layer built by hand saves `gamma`, which
    // `tf.loadLayersModel` cannot place.
    const weights = [gamma, beta, mean, variance].map((t) => freshCopy(t, [this.inType.size]));
    return tf.layers.batchNormalization({ axis: -1, epsilon: this.eps, weights });
  }

  /**
   * A layer computing `x·kernel + bias` on the channels (`kernel: [C, C]`, `bias: [1, C]`): a
   * `tf.layers.dense` on R⁰, a 1×1 convolution on R¹–R³ (TF.js's dense layer cannot add a bias to inputs of
   * rank > 2 on every backend).
   */
  protected channelMixLayer(kernel: tf.Tensor, bias: tf.Tensor): tf.layers.Layer {
    const c = this.inType.size;
    const d = this.inType.gspace.dimensionality;
    // Fresh tensors, not reshapes: the WASM backend's fused kernels check the rank of the stored data. Initial
    // `weights` rather than a hand-built layer, for scoped weight names (see `batchNormLayer`).
    const weights = [freshCopy(kernel, [...Array<number>(d).fill(1), c, c]), freshCopy(bias, [c])];
    const args = { filters: c, kernelSize: 1, useBias: true, weights };
    return d === 0
      ? tf.layers.dense({ units: c, useBias: true, weights })
      : d === 1
        ? tf.layers.conv1d(args)
        : d === 2
          ? tf.layers.conv2d(args)
          : tf.layers.conv3d(args);
  }

  /** Frees the variables and the constants. */
  override dispose(): void {
    super.dispose();
    tf.dispose(this.#constants);
    this.#constants.length = 0;
  }

  /** `Name(inType, eps=…, momentum=…, affine=…, track_running_stats=…)`, like escnn's printout. */
  override toString(): string {
    return `${this.constructor.name}(${this.inType}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine}, track_running_stats=${this.trackRunningStats})`;
  }
}
