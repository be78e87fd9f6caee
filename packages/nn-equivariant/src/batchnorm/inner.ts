/**
 * escnn's `InnerBatchNorm`: batch normalization of fields whose representations permute their channels.
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { Module } from '../equivariant-module.js';
import { BatchNormBase, type BatchNormOptions } from './base.js';
import { type FieldGroup, fieldSlots, groupFields } from './layout.js';

/** PyTorch's `BatchNormNd` state for the fields of one size: one statistic per field. */
class FieldStats extends Module {
  readonly weight: tf.Variable | undefined;
  readonly bias: tf.Variable | undefined;
  readonly runningMean: tf.Variable | undefined;
  readonly runningVar: tf.Variable | undefined;
  readonly numBatchesTracked: tf.Variable | undefined;
  constructor(n: number, affine: boolean, track: boolean) {
    super();
    if (affine) {
      this.weight = this.registerParameter('weight', tf.ones([n]));
      this.bias = this.registerParameter('bias', tf.zeros([n]));
    }
    if (track) {
      this.runningMean = this.registerBuffer('running_mean', tf.zeros([n]));
      this.runningVar = this.registerBuffer('running_var', tf.ones([n]));
      this.numBatchesTracked = this.registerBuffer('num_batches_tracked', tf.scalar(0, 'int32'));
    }
  }
}

/**
 * Batch normalization for fields whose representations act by permuting channels (they support
 * `'pointwise'` nonlinearities: trivial, regular, quotient): every field gets one mean and one variance,
 * computed over the batch, the pixels and its own channels, since a permutation mixes those channels. A
 * field `f` of size `s` becomes `(f − μ)/√(σ² + eps)·γ + β` with scalars `μ, σ², γ, β` per field; fields of
 * the same size are normalized by one PyTorch batch norm in escnn, whose state this module keeps under
 * `batch_norm_<size>.{weight, bias, running_mean, running_var, num_batches_tracked}` (escnn:
 * `batch_norm_[<size>].…`).
 *
 * In training mode the batch's biased variance normalizes and its unbiased variance (× n/(n−1), n = batch ×
 * pixels × s) enters the running average, and gradients flow through the batch statistics, as in PyTorch.
 * Works on any base space (R⁰: `[batch, C]`; R²: `[batch, h, w, C]`).
 *
 * @example
 * ```ts
 * const gs = rot2dOnR2(8);
 * const bn = new InnerBatchNorm(new FieldType(gs, Array(4).fill(gs.regularRepr)));
 * const y = bn.forward(x); // x: GeometricTensor [b, h, w, 32]
 * ```
 * @see escnn's `escnn.nn.InnerBatchNorm`
 */
export class InnerBatchNorm extends BatchNormBase {
  readonly #groups: FieldGroup[];
  readonly #stats: FieldStats[];
  readonly #spread: tf.Tensor;
  readonly #average: tf.Tensor;

  /**
   * @param inType - the input (and output) field type; every representation must support `'pointwise'`.
   * @param options - eps (1e-5), momentum (0.1; null = cumulative), affine (true), trackRunningStats (true).
   * @throws InvalidArgumentError for a representation without `'pointwise'` support or a bad option.
   */
  constructor(inType: FieldType, options: BatchNormOptions = {}) {
    super(inType, options, 'InnerBatchNorm');
    for (const r of inType.representations) {
      if (!r.supportedNonlinearities.has('pointwise')) {
        throw new InvalidArgumentError(
          'InnerBatchNorm',
          'inType',
          r.name,
          "must contain only representations supporting 'pointwise' nonlinearities (permutation representations)",
        );
      }
    }
    this.#groups = groupFields('InnerBatchNorm', inType, (r) => String(r.size));
    this.#stats = this.#groups.map((g) =>
      this.registerModule(
        `batch_norm_${g.label}`,
        new FieldStats(g.fields.length, this.affine, this.trackRunningStats),
      ),
    );
    const { spread, average } = fieldSlots(this.#groups, inType.size);
    this.#spread = this.constant(spread);
    this.#average = this.constant(average);
  }

  /** Per-field values of all groups, `[1, F]`. */
  #perField(pick: (s: FieldStats) => tf.Variable | undefined): tf.Tensor {
    return tf.reshape(tf.concat(this.#stats.map((s) => pick(s)!)), [1, -1]);
  }

  /** Normalizes with the batch's statistics (training, or no running statistics) or the running ones. */
  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const x2 = this.flatten(x.tensor);
    const n = x2.shape[0];
    const useBatch = this.training || !this.trackRunningStats;
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    if (useBatch) {
      if (this.training && this.#groups.some((g) => n * g.size < 2)) {
        throw new InvalidArgumentError(
          'InnerBatchNorm.forward',
          'x',
          `shape [${x.tensor.shape}]`,
          'must hold more than one value per field in training mode',
        );
      }
      // Mean and biased variance over batch, pixels and the field's channels.
      mean = tf.matMul(tf.mean(x2, 0, true), this.#average);
      const centered = tf.sub(x2, tf.matMul(mean, this.#spread));
      variance = tf.matMul(tf.mean(tf.square(centered), 0, true), this.#average);
      if (this.training && this.trackRunningStats) this.#updateRunning(mean, variance, n);
    } else {
      mean = this.#perField((s) => s.runningMean);
      variance = this.#perField((s) => s.runningVar);
    }
    let scale: tf.Tensor = tf.rsqrt(tf.add(variance, tf.scalar(this.eps)));
    if (this.affine)
      scale = tf.mul(
        scale,
        this.#perField((s) => s.weight),
      );
    let shift = tf.neg(tf.mul(mean, scale));
    if (this.affine)
      shift = tf.add(
        shift,
        this.#perField((s) => s.bias),
      );
    const y = tf.add(tf.mul(x2, tf.matMul(scale, this.#spread)), tf.matMul(shift, this.#spread));
    return new GeometricTensor(tf.reshape(y, x.tensor.shape), this.outType);
  }

  #updateRunning(mean: tf.Tensor, variance: tf.Tensor, n: number): void {
    const sizes = this.#groups.map((g) => g.fields.length);
    const means = tf.split(tf.reshape(mean, [-1]), sizes);
    const vars = tf.split(tf.reshape(variance, [-1]), sizes);
    this.#groups.forEach((g, i) => {
      const s = this.#stats[i]!;
      const a = this.averageFactor(s.numBatchesTracked!);
      const m = n * g.size;
      // PyTorch tracks the unbiased variance.
      const unbiased = tf.mul(vars[i]!, tf.scalar(m / (m - 1)));
      BatchNormBase.updateRunning(s.runningMean!, means[i]!, a);
      BatchNormBase.updateRunning(s.runningVar!, unbiased, a);
    });
  }

  /**
   * One `tf.layers.batchNormalization` with every field's statistics and affine parameters repeated over
   * its channels (escnn exports to PyTorch's BatchNorm the same way).
   * @throws SteerableError when running statistics are not tracked.
   */
  override exportLayers(): tf.layers.Layer[] {
    this.checkExportable();
    const [gamma, beta, mean, variance] = tf.tidy(() => {
      const spread = (t: tf.Tensor) => tf.matMul(t, this.#spread);
      const ones = tf.onesLike(this.#perField((s) => s.runningMean));
      return [
        spread(this.affine ? this.#perField((s) => s.weight) : ones),
        spread(this.affine ? this.#perField((s) => s.bias) : tf.zerosLike(ones)),
        spread(this.#perField((s) => s.runningMean)),
        spread(this.#perField((s) => s.runningVar)),
      ];
    });
    try {
      return [this.batchNormLayer(gamma, beta, mean, variance)];
    } finally {
      tf.dispose([gamma, beta, mean, variance]);
    }
  }
}
