/**
 * escnn's `NormBatchNorm`: batch normalization of fields without invariant part, scaling their norms.
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { BatchNormBase, type NormBatchNormOptions, stopGradient } from './base.js';
import { fieldSlots, groupFields, irrepLayout } from './layout.js';

/**
 * Batch normalization for isometric representations without a trivial irrep: their fields average to zero
 * over the group (`(1/|G|) Σ_g ρ(g) v = 0`), so no mean is subtracted and no bias added; each field `f` of
 * size `s` is only rescaled, `f·γ/√(σ² + eps)`, where `σ² = E[|f|²]/s` (batch and pixels, Bessel-corrected
 * by `N/(N−1)`) is the running variance. As in escnn the running variance is updated first in training
 * mode and always used to normalize (also while training), from detached inputs. Fields are grouped by size;
 * the state holds `<size>_weight` `[1, n, 1]`, `<size>_running_var` `[1, n, 1]` and `num_batches_tracked`.
 * Works on any base space.
 *
 * @example
 * ```ts
 * const gs = rot2dOnR2(-1, { maximumFrequency: 3 });
 * const bn = new NormBatchNorm(new FieldType(gs, [gs.irrep(1), gs.irrep(2), gs.irrep(1)]));
 * ```
 * @see escnn's `escnn.nn.NormBatchNorm`
 */
export class NormBatchNorm extends BatchNormBase {
  readonly #weights: (tf.Variable | undefined)[];
  readonly #runningVars: tf.Variable[];
  readonly #numBatchesTracked: tf.Variable;
  readonly #spread: tf.Tensor;
  readonly #average: tf.Tensor;

  /**
   * @param inType - the input (and output) field type: representations supporting `'norm'` nonlinearities
   *   and containing no trivial irrep.
   * @param options - eps (1e-5), momentum (0.1; null = cumulative), affine (true).
   * @throws InvalidArgumentError for a representation without `'norm'` support, one with a trivial irrep,
   *   or a bad option.
   */
  constructor(inType: FieldType, options: NormBatchNormOptions = {}) {
    const fn = 'NormBatchNorm';
    if (options !== null && typeof options === 'object' && 'trackRunningStats' in options) {
      throw new InvalidArgumentError(
        fn,
        'trackRunningStats',
        options.trackRunningStats,
        'is not an option of NormBatchNorm (it always tracks)',
      );
    }
    super(inType, options, fn);
    for (const r of inType.representations) {
      if (!r.supportedNonlinearities.has('norm')) {
        throw new InvalidArgumentError(
          fn,
          'inType',
          r.name,
          "must contain only representations supporting 'norm' nonlinearities",
        );
      }
      if (irrepLayout(inType, r).trivials.length > 0) {
        throw new InvalidArgumentError(
          fn,
          'inType',
          r.name,
          'must contain no trivial irrep (its mean would not be zero); use IIDBatchNorm or GNormBatchNorm',
        );
      }
    }
    const groups = groupFields(fn, inType, (r) => String(r.size));
    this.#weights = groups.map((g) =>
      this.affine ? this.registerParameter(`${g.label}_weight`, tf.ones([1, g.fields.length, 1])) : undefined,
    );
    this.#runningVars = groups.map((g) =>
      this.registerBuffer(`${g.label}_running_var`, tf.ones([1, g.fields.length, 1])),
    );
    this.#numBatchesTracked = this.registerBuffer('num_batches_tracked', tf.scalar(0, 'int32'));
    const { spread, average } = fieldSlots(groups, inType.size);
    this.#spread = this.constant(spread);
    this.#average = this.constant(average);
  }

  #row(vs: readonly tf.Variable[]): tf.Tensor {
    return tf.reshape(tf.concat(vs.map((v) => tf.reshape(v, [-1]))), [1, -1]);
  }

  /** The channel scales `γ/√(σ² + eps)` `[1, C]` from the (just updated) running variances. */
  #scale(): tf.Tensor {
    let perField = tf.rsqrt(tf.add(this.#row(this.#runningVars), tf.scalar(this.eps)));
    if (this.affine) perField = tf.mul(perField, this.#row(this.#weights as tf.Variable[]));
    return tf.matMul(perField, this.#spread);
  }

  /** Updates the running variance in training mode, then rescales every field by it. */
  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const x2 = this.flatten(x.tensor);
    if (this.training) {
      const n = x2.shape[0]!;
      if (n < 1) {
        throw new InvalidArgumentError(
          'NormBatchNorm.forward',
          'x',
          `shape [${x.tensor.shape}]`,
          'must not be empty',
        );
      }
      const a = this.averageFactor(this.#numBatchesTracked);
      const meanSquare = tf.matMul(tf.mean(tf.square(stopGradient(x2)), 0, true), this.#average);
      const variance = tf.mul(meanSquare, tf.scalar(n > 1 ? n / (n - 1) : 1));
      const vars = tf.split(
        tf.reshape(variance, [-1]),
        this.#runningVars.map((v) => v.size),
      );
      this.#runningVars.forEach((v, i) => {
        BatchNormBase.updateRunning(v, vars[i]!, a);
      });
    }
    const y = tf.mul(x2, this.#scale());
    return new GeometricTensor(tf.reshape(y, x.tensor.shape), this.outType);
  }

  /** One `tf.layers.batchNormalization` with zero mean and bias, each field's variance and scale repeated. */
  override exportLayers(): tf.layers.Layer[] {
    const c = this.inType.size;
    const values = tf.tidy(() => [
      this.affine ? tf.matMul(this.#row(this.#weights as tf.Variable[]), this.#spread) : tf.ones([1, c]),
      tf.zeros([1, c]),
      tf.zeros([1, c]),
      tf.matMul(this.#row(this.#runningVars), this.#spread),
    ]);
    try {
      return [this.batchNormLayer(values[0]!, values[1]!, values[2]!, values[3]!)];
    } finally {
      tf.dispose(values);
    }
  }

  /** `NormBatchNorm(inType, eps=…, momentum=…, affine=…)`. */
  override toString(): string {
    return `NormBatchNorm(${this.inType}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine})`;
  }
}
