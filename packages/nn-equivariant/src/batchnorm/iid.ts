/**
 * escnn's `IIDBatchNorm1d` / `IIDBatchNorm2d`: batch normalization of any representation, one variance
 * per field and a mean on its trivial subspace only.
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { BatchNormBase, type BatchNormOptions, stateKey, stopGradient } from './base.js';
import { Dense, escapeName, type FieldGroup, fieldSlots, groupFields, irrepLayout } from './layout.js';

/** The variables of the fields of one representation (escnn's `<name>_running_mean`, ...). */
interface GroupState {
  readonly group: FieldGroup;
  readonly trivials: readonly number[];
  readonly weight?: tf.Variable;
  readonly bias?: tf.Variable;
  readonly runningMean?: tf.Variable;
  readonly runningVar: tf.Variable;
}

/** The projector `Q S Q⁻¹` on the trivial isotypic subspace of `r` (S masks the trivial irreps). */
function trivialProjector(r: RepresentationLike, trivials: readonly number[]): Dense {
  const q = r.changeOfBasis;
  const qInv = r.changeOfBasisInv;
  const p = new Dense(r.size, r.size);
  for (let i = 0; i < r.size; i++) {
    for (let j = 0; j < r.size; j++)
      p.set(
        i,
        j,
        trivials.reduce((s, t) => s + q.get(i, t) * qInv.get(t, j), 0),
      );
  }
  return p;
}

/**
 * The shared implementation of {@link IIDBatchNorm1d} and {@link IIDBatchNorm2d} (escnn's `_IIDBatchNorm`).
 *
 * Each field `f` gets one variance `σ²` (the channels are assumed i.i.d.: the covariance is a multiple of
 * the identity), the mean of the unbiased per-channel variances over the batch and pixels; the mean is
 * `P·m` with `m` the per-channel mean and `P = Q S Q⁻¹` the projector on the trivial irreps of the field's
 * representation, so only invariant directions are centred. The output is `(f − P·m)·γ/√(σ² + eps) + Q_T·β`
 * with one scale `γ` per field and a bias `β` per trivial irrep (`Q_T`: the trivial columns of the change of
 * basis). As in escnn the batch statistics are detached (no gradient flows through them) and the unbiased
 * variance both normalizes and enters the running average. Fields are grouped by representation name; the
 * state holds `<name>_weight` `[n, 1]`, `<name>_bias` `[n, trivials]`, `<name>_running_mean` `[n, size]`
 * (fields with a trivial irrep only), `<name>_running_var` `[n, 1]` and `num_batches_tracked`, with
 * escnn's names made key-safe (characters other than letters, digits, `_` become `_`).
 */
export abstract class IIDBatchNorm extends BatchNormBase {
  readonly #groups: GroupState[];
  readonly #numBatchesTracked: tf.Variable;
  readonly #spread: tf.Tensor;
  readonly #average: tf.Tensor;
  /** `[C, C]`: row vector of channel means times it is the projected mean `(P·m)ᵀ`. */
  readonly #projectT: tf.Tensor;
  /** `[M, C]`: the running-mean slots (grouped channels of fields with a trivial irrep) to channels. */
  readonly #meanToChannels: tf.Tensor | undefined;
  /** `[B, C]`: the bias slots to channels through the trivial columns of the change of basis. */
  readonly #biasToChannels: tf.Tensor | undefined;

  protected constructor(inType: FieldType, options: BatchNormOptions, fn: string) {
    super(inType, options, fn);
    const groups = groupFields(fn, inType, (r) => r.name);
    const c = inType.size;
    const project = new Dense(c, c);
    const withTrivial = groups.map((g) => irrepLayout(inType, g.representation).trivials);
    const meanSlots = groups.reduce((s, g, i) => s + (withTrivial[i]!.length > 0 ? g.channels.length : 0), 0);
    const biasSlots = groups.reduce((s, g, i) => s + g.fields.length * withTrivial[i]!.length, 0);
    const meanToChannels = new Dense(meanSlots, c);
    const biasToChannels = new Dense(biasSlots, c);
    let mp = 0;
    let bp = 0;
    const keys = new Set<string>(['num_batches_tracked']);
    this.#groups = groups.map((g, gi) => {
      const trivials = withTrivial[gi]!;
      const n = g.fields.length;
      const key = stateKey(escapeName(g.label), keys);
      if (trivials.length > 0) {
        const p = trivialProjector(g.representation, trivials);
        const q = g.representation.changeOfBasis;
        for (let k = 0; k < n; k++) {
          const ch = g.channels.slice(k * g.size, (k + 1) * g.size);
          ch.forEach((ci, i) => {
            // (P·m)_i = Σ_j P_ij m_j: entry (j, i) of the right-multiplied matrix.
            ch.forEach((cj, j) => {
              project.set(cj, ci, p.get(i, j));
            });
            meanToChannels.set(mp++, ci, 1);
          });
          for (const t of trivials) {
            ch.forEach((ci, i) => {
              biasToChannels.set(bp, ci, q.get(i, t));
            });
            bp++;
          }
        }
      }
      const register = (name: string, t: tf.Tensor, trainable: boolean): tf.Variable =>
        trainable ? this.registerParameter(`${key}_${name}`, t) : this.registerBuffer(`${key}_${name}`, t);
      const weight = this.affine ? register('weight', tf.ones([n, 1]), true) : undefined;
      const bias =
        this.affine && trivials.length > 0
          ? register('bias', tf.zeros([n, trivials.length]), true)
          : undefined;
      const runningMean =
        trivials.length > 0 ? register('running_mean', tf.zeros([n, g.size]), false) : undefined;
      const runningVar = register('running_var', tf.ones([n, 1]), false);
      return { group: g, trivials, weight, bias, runningMean, runningVar };
    });
    this.#numBatchesTracked = this.registerBuffer('num_batches_tracked', tf.scalar(0, 'int32'));
    const { spread, average } = fieldSlots(groups, c);
    this.#spread = this.constant(spread);
    this.#average = this.constant(average);
    this.#projectT = this.constant(project);
    this.#meanToChannels = meanSlots > 0 ? this.constant(meanToChannels) : undefined;
    this.#biasToChannels = biasSlots > 0 ? this.constant(biasToChannels) : undefined;
  }

  /** Concatenates one variable per group (groups without it skipped) into a row `[1, K]`. */
  #row(pick: (s: GroupState) => tf.Variable | undefined): tf.Tensor {
    const vs = this.#groups.map(pick).filter((v): v is tf.Variable => v !== undefined);
    return tf.reshape(tf.concat(vs.map((v) => tf.reshape(v, [-1]))), [1, -1]);
  }

  /** Mean per channel `[1, C]` and variance per field `[1, F]`: the batch's (detached) or the running ones. */
  #statistics(x2: tf.Tensor): { mean: tf.Tensor; variance: tf.Tensor } {
    const n = x2.shape[0];
    if (this.training || !this.trackRunningStats) {
      if (n < 2) {
        throw new InvalidArgumentError(
          `${this.constructor.name}.forward`,
          'x',
          `${n} sample(s)`,
          'must hold at least 2 samples (batch × pixels) to estimate an unbiased variance',
        );
      }
      const xs = stopGradient(x2);
      const m = tf.mean(xs, 0, true);
      const mean = tf.matMul(m, this.#projectT);
      // escnn: the unbiased variance of each channel (around its own batch mean), averaged over the field.
      const channelVar = tf.div(tf.sum(tf.square(tf.sub(xs, m)), 0, true), tf.scalar(n - 1));
      const variance = tf.matMul(channelVar, this.#average);
      if (this.training && this.trackRunningStats) {
        const a = this.averageFactor(this.#numBatchesTracked);
        const vars = tf.split(
          tf.reshape(variance, [-1]),
          this.#groups.map((s) => s.group.fields.length),
        );
        this.#groups.forEach((s, i) => {
          BatchNormBase.updateRunning(s.runningVar, vars[i]!, a);
        });
        if (this.#meanToChannels !== undefined) {
          const slots = tf.matMul(mean, this.#meanToChannels, false, true);
          const sizes = this.#groups.filter((s) => s.runningMean).map((s) => s.group.channels.length);
          const means = tf.split(tf.reshape(slots, [-1]), sizes);
          this.#groups
            .filter((s) => s.runningMean)
            .forEach((s, i) => {
              BatchNormBase.updateRunning(s.runningMean!, means[i]!, a);
            });
        }
      }
      return { mean, variance };
    }
    const mean =
      this.#meanToChannels === undefined
        ? tf.zeros([1, this.inType.size])
        : tf.matMul(
            this.#row((s) => s.runningMean),
            this.#meanToChannels,
          );
    return { mean: mean as tf.Tensor, variance: this.#row((s) => s.runningVar) };
  }

  /** Per-channel scale and shift `[1, C]`: `y = x·scale + shift`. */
  #affine(mean: tf.Tensor, variance: tf.Tensor): { scale: tf.Tensor; shift: tf.Tensor } {
    let perField: tf.Tensor = tf.rsqrt(tf.add(variance, tf.scalar(this.eps)));
    if (this.affine)
      perField = tf.mul(
        perField,
        this.#row((s) => s.weight),
      );
    const scale = tf.matMul(perField, this.#spread);
    let shift = tf.neg(tf.mul(mean, scale));
    if (this.affine && this.#biasToChannels !== undefined) {
      shift = tf.add(
        shift,
        tf.matMul(
          this.#row((s) => s.bias),
          this.#biasToChannels,
        ),
      );
    }
    return { scale, shift };
  }

  /** Normalizes with the batch's statistics (training, or no running statistics) or the running ones. */
  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const x2 = this.flatten(x.tensor);
    const { mean, variance } = this.#statistics(x2);
    const { scale, shift } = this.#affine(mean, variance);
    const y = tf.add(tf.mul(x2, scale), shift);
    return new GeometricTensor(tf.reshape(y, x.tensor.shape), this.outType);
  }

  /**
   * One `tf.layers.batchNormalization` with the running mean `P·m` per channel, each field's variance and
   * scale repeated over its channels and the bias `Q_T·β` (escnn's `_export`).
   * @throws SteerableError when running statistics are not tracked.
   */
  override exportLayers(): tf.layers.Layer[] {
    this.checkExportable();
    const values = tf.tidy(() => {
      const c = this.inType.size;
      const mean =
        this.#meanToChannels === undefined
          ? tf.zeros([1, c])
          : tf.matMul(
              this.#row((s) => s.runningMean),
              this.#meanToChannels,
            );
      const variance = tf.matMul(
        this.#row((s) => s.runningVar),
        this.#spread,
      );
      const gamma = this.affine
        ? tf.matMul(
            this.#row((s) => s.weight),
            this.#spread,
          )
        : tf.ones([1, c]);
      const beta =
        this.affine && this.#biasToChannels !== undefined
          ? tf.matMul(
              this.#row((s) => s.bias),
              this.#biasToChannels,
            )
          : tf.zeros([1, c]);
      return [gamma, beta, mean, variance];
    });
    try {
      const [gamma, beta, mean, variance] = values as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      return [this.batchNormLayer(gamma, beta, mean, variance)];
    } finally {
      tf.dispose(values);
    }
  }
}

function checkDimensionality(fn: string, type: FieldType, allowed: readonly number[]): void {
  const d = type?.gspace?.dimensionality;
  if (d !== undefined && !allowed.includes(d)) {
    throw new InvalidArgumentError(
      fn,
      'inType',
      String(type.gspace),
      `must live on a base space of dimension ${allowed.join(' or ')} (got R^${d})`,
    );
  }
}

/**
 * {@link IIDBatchNorm} for fields without a base space or on a line (escnn's 2D or 3D inputs): the gspace
 * must have dimensionality 0 (`noBaseSpace`) or 1; tensors `[batch, C]`.
 *
 * @example
 * ```ts
 * const gs = noBaseSpace(so2Group(3));
 * const bn = new IIDBatchNorm1d(new FieldType(gs, [gs.trivialRepr, gs.irrep(1), gs.irrep(2)]));
 * ```
 * @see escnn's `escnn.nn.IIDBatchNorm1d`
 */
export class IIDBatchNorm1d extends IIDBatchNorm {
  /**
   * @param inType - the input (and output) field type, on a 0- or 1-dimensional base space.
   * @param options - eps (1e-5), momentum (0.1; null = cumulative), affine (true), trackRunningStats (true).
   * @throws InvalidArgumentError for another base space or a bad option.
   */
  constructor(inType: FieldType, options: BatchNormOptions = {}) {
    checkDimensionality('IIDBatchNorm1d', inType, [0, 1]);
    super(inType, options, 'IIDBatchNorm1d');
  }
}

/**
 * {@link IIDBatchNorm} for fields on the plane (escnn's 4D inputs; ours `[batch, h, w, C]`): the gspace
 * must have dimensionality 2.
 *
 * @example
 * ```ts
 * const gs = rot2dOnR2(8);
 * const bn = new IIDBatchNorm2d(new FieldType(gs, [gs.regularRepr, gs.irrep(1), gs.irrep(1)]));
 * ```
 * @see escnn's `escnn.nn.IIDBatchNorm2d`
 */
export class IIDBatchNorm2d extends IIDBatchNorm {
  /**
   * @param inType - the input (and output) field type, on a 2-dimensional base space.
   * @param options - eps (1e-5), momentum (0.1; null = cumulative), affine (true), trackRunningStats (true).
   * @throws InvalidArgumentError for another base space or a bad option.
   */
  constructor(inType: FieldType, options: BatchNormOptions = {}) {
    checkDimensionality('IIDBatchNorm2d', inType, [2]);
    super(inType, options, 'IIDBatchNorm2d');
  }
}
