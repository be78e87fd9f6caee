/**
 * Batch normalization of induced fields by a shared variance per field (escnn's `InducedNormBatchNorm`).
 */
import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { subfieldSizes } from '../internal/induced-subfields.js';
import { checkFieldType } from '../internal/validation.js';
import { BatchNormBase, type NormBatchNormOptions, stateKey } from './base.js';
import { fieldSlots, groupFields } from './layout.js';

/** Options of {@link InducedNormBatchNorm}: escnn's `eps`, `momentum`, `affine`, and the sub-field size. */
export interface InducedNormBatchNormOptions extends NormBatchNormOptions {
  /**
   * The size of the sub-fields of every field, replacing `dim ψ` of the representation the fields are induced
   * from; it enters the unbiased correction.
   * @defaultValue per field, the `d` of its tag `induced_norm_<d>` (escnn's)
   */
  readonly subfieldSize?: number;
}

/**
 * Batch normalization for fields of induced representations `Ind_H^G ψ` with no trivial irrep (escnn's
 * `InducedNormBatchNorm`): the fields are assumed centred (a representation without trivial irrep averages
 * to zero over the group), so only a scale is normalized, one per field, shared by its sub-fields:
 * `y = w · x / √(v + ε)`. In training the batch variance of each field is the mean squared norm of its
 * sub-fields over batch, sub-fields and pixels divided by `dim ψ`, with Bessel's correction `M/(M − 1)`
 * (`M` the number of sub-field samples); as in escnn it updates the running variance
 * `v ← (1 − m)·v + m·v_batch` first, and the output is scaled by the *running* variance in both modes.
 * A scale per field commutes with `ρ(g)`, so the module is equivariant for every element.
 *
 * Fields are grouped by `(size, dim ψ)`; the state holds, per group (key escnn's tuple with `_` for other
 * characters, e.g. `_4__2__weight`), `weight` `[n]` and the buffer `running_var` `[n]`, then
 * `num_batches_tracked`.
 * @see escnn's `escnn.nn.InducedNormBatchNorm`
 */
export class InducedNormBatchNorm extends BatchNormBase {
  /** The sub-field size of each field. */
  readonly subfieldSizes: readonly number[];
  readonly #weights: readonly tf.Variable[];
  readonly #runningVars: readonly tf.Variable[];
  readonly #numBatchesTracked: tf.Variable;
  readonly #counts: readonly number[];
  /** `[C, F]`: `x² · average` is each field's mean square over its channels. */
  readonly #average: tf.Tensor;
  /** `[F, C]`: spreads a per-field value to its channels. */
  readonly #spread: tf.Tensor;
  /** `M/(M−1)` needs `M = N · size/dim ψ` per field: `size/dim ψ` per field slot. */
  readonly #subfieldsPerField: Float64Array;

  /**
   * @param inType - the input (and output) field type, on any base space.
   * @param options - see {@link InducedNormBatchNormOptions}.
   * @throws InvalidArgumentError if a field has no tag `induced_norm_<d>` or contains a trivial irrep, or
   *   for invalid options.
   */
  constructor(inType: FieldType, options: InducedNormBatchNormOptions = {}) {
    const fn = 'InducedNormBatchNorm';
    const type = checkFieldType(fn, inType);
    const sizes = subfieldSizes(fn, type, 'norm', options?.subfieldSize);
    type.representations.forEach((r, i) => {
      if (r.irreps.some((id) => type.fibergroup.irrep(...id).isTrivial())) {
        throw new InvalidArgumentError(
          fn,
          'inType',
          String(type),
          `must have fields without trivial irreps (they are assumed centred), but field ${i} ("${r.name}") has one`,
        );
      }
    });
    const { subfieldSize: _, ...rest } = options;
    super(type, rest, fn);
    this.subfieldSizes = Object.freeze(sizes);
    const byRepr = new Map(type.representations.map((r, i) => [r, sizes[i]!]));
    const groups = groupFields(fn, type, (r) => `(${r.size}, ${byRepr.get(r)})`);
    const taken = new Set<string>();
    const weights: tf.Variable[] = [];
    const running: tf.Variable[] = [];
    const keys = groups.map((g) => stateKey(g.label, taken));
    if (this.affine) {
      groups.forEach((g, i) => {
        weights.push(this.registerParameter(`${keys[i]}_weight`, tf.ones([g.fields.length])));
      });
    }
    groups.forEach((g, i) => {
      running.push(this.registerBuffer(`${keys[i]}_running_var`, tf.ones([g.fields.length])));
    });
    this.#numBatchesTracked = this.registerBuffer('num_batches_tracked', tf.scalar(0, 'int32'));
    this.#weights = weights;
    this.#runningVars = running;
    this.#counts = groups.map((g) => g.fields.length);
    const { spread, average } = fieldSlots(groups, type.size);
    this.#average = this.constant(average);
    this.#spread = this.constant(spread);
    this.#subfieldsPerField = Float64Array.from(
      groups.flatMap((g) => g.fields.map((f) => type.representations[f]!.size / sizes[f]!)),
    );
  }

  /** The running variance of every field slot, `[1, F]` (groups in order). */
  #running(): tf.Tensor {
    return tf.reshape(tf.concat([...this.#runningVars], 0), [1, -1]);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const flat = this.flatten(x.tensor);
    const n = flat.shape[0]!;
    if (this.training) {
      const a = this.averageFactor(this.#numBatchesTracked);
      // E‖x_f‖²/size = E‖x_sub‖²/dim ψ, times M/(M − 1) with M = N · (size/dim ψ) sub-field samples
      const meanSquare = tf.mean(tf.matMul(tf.square(flat), this.#average), 0);
      const correction = Float32Array.from(this.#subfieldsPerField, (k) =>
        n * k > 1 ? (n * k) / (n * k - 1) : 1,
      );
      const batchVar = tf.mul(meanSquare, tf.tensor1d(correction));
      let offset = 0;
      this.#runningVars.forEach((v, i) => {
        const count = this.#counts[i]!;
        BatchNormBase.updateRunning(v, tf.slice(batchVar, [offset], [count]), a);
        offset += count;
      });
    }
    let scale = tf.rsqrt(tf.add(this.#running(), this.eps));
    if (this.affine) scale = tf.mul(scale, tf.reshape(tf.concat([...this.#weights], 0), [1, -1]));
    return this.outType.wrap(tf.reshape(tf.mul(flat, tf.matMul(scale, this.#spread)), x.tensor.shape));
  }

  /**
   * A `tf.layers.batchNormalization` with mean 0, variance the running variance and scale the weight of
   * each channel's field (escnn has no `export` here; this one computes the evaluation-mode forward).
   */
  override exportLayers(): tf.layers.Layer[] {
    const [gamma, variance, zeros] = tf.tidy(() => {
      const v = tf.matMul(this.#running(), this.#spread);
      const g = this.affine
        ? tf.matMul(tf.reshape(tf.concat([...this.#weights], 0), [1, -1]), this.#spread)
        : tf.onesLike(v);
      return [g, v, tf.zerosLike(v)];
    });
    try {
      return [this.batchNormLayer(gamma, zeros, zeros, variance)];
    } finally {
      tf.dispose([gamma, variance, zeros]);
    }
  }

  /** `InducedNormBatchNorm(inType, eps=…, momentum=…, affine=…)`. */
  override toString(): string {
    return `InducedNormBatchNorm(${this.inType}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine})`;
  }
}
