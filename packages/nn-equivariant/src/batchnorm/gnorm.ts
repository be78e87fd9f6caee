/**
 * escnn's `GNormBatchNorm`: batch normalization of any representation, one variance per irrep.
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { BatchNormBase, type BatchNormOptions, stateKey, stopGradient } from './base.js';
import { Dense, escapeName, type FieldGroup, groupFields, irrepLayout, isIdentity } from './layout.js';

/** The variables of the fields of one representation (escnn's `<name>_running_var`, ...). */
interface GroupState {
  readonly group: FieldGroup;
  readonly weight?: tf.Variable;
  readonly bias?: tf.Variable;
  readonly runningMean?: tf.Variable;
  readonly runningVar: tf.Variable;
}

/**
 * Batch normalization for any representation, in the basis of its irreps: with `z = Q⁻¹ f` a field in the
 * irrep basis, every irrep block `z_i` gets its own variance `σ_i²` (the covariance within an irrep is a
 * multiple of the identity, by Schur's lemma in expectation) and only trivial irreps a mean `μ_i`; the output
 * is `Q·((z_i − μ_i)·γ_i/√(σ_i² + eps) + β_i)` with a scale `γ_i` per irrep and a bias `β_i` per trivial irrep.
 * `σ_i²` is the mean of `z²` over the batch, the pixels and the irrep's channels (minus `μ_i²` on trivial
 * irreps), times `N/(N−1)` (N = batch × pixels); as in escnn the batch statistics are detached, the corrected
 * variance both normalizes and enters the running average, and negative variances are clamped to 0.
 *
 * Fields are grouped by representation name; the state holds `<name>_weight` `[n, irreps]`, `<name>_bias`
 * `[n, trivials]`, `<name>_running_var` `[n, irreps]`, `<name>_running_mean` `[n, trivials]` (the last two of
 * each pair only when the representation has a trivial irrep; escnn keeps empty tensors) and
 * `num_batches_tracked`, escnn's names made key-safe (characters other than letters, digits, `_` become `_`).
 * Works on any base space.
 *
 * @example
 * ```ts
 * const gs = flipRot2dOnR2(4);
 * const bn = new GNormBatchNorm(new FieldType(gs, [gs.regularRepr, gs.irrep(1, 1)]));
 * ```
 * @see escnn's `escnn.nn.GNormBatchNorm`
 */
export class GNormBatchNorm extends BatchNormBase {
  readonly #groups: GroupState[];
  readonly #numBatchesTracked: tf.Variable;
  /** `[C, C]` block-diagonal `Q⁻¹ᵀ` / `Qᵀ` (right-multiplied rows), when some field is not in the irrep basis. */
  readonly #toIrreps: tf.Tensor | undefined;
  readonly #fromIrreps: tf.Tensor | undefined;
  /** `[C, K]`: averages a channel row over each irrep block (escnn's `vars_aggregator`). */
  readonly #aggregate: tf.Tensor;
  /** `[K, C]`: an irrep row to its channels (escnn's `vars_propagator`). */
  readonly #propagate: tf.Tensor;
  /** `[T, C]`: a trivial-irrep row to its channel; undefined without trivial irreps. */
  readonly #trivialToChannels: tf.Tensor | undefined;

  /**
   * @param inType - the input (and output) field type; any representations.
   * @param options - eps (1e-5), momentum (0.1; null = cumulative), affine (true), trackRunningStats (true).
   * @throws InvalidArgumentError for a bad option.
   */
  constructor(inType: FieldType, options: BatchNormOptions = {}) {
    super(inType, options, 'GNormBatchNorm');
    const fn = 'GNormBatchNorm';
    const groups = groupFields(fn, inType, (r) => r.name);
    const c = inType.size;
    const layouts = groups.map((g) => irrepLayout(inType, g.representation));
    const k = groups.reduce((s, g, i) => s + g.fields.length * layouts[i]!.irreps.length, 0);
    const t = groups.reduce((s, g, i) => s + g.fields.length * layouts[i]!.trivials.length, 0);
    const aggregate = new Dense(c, k);
    const propagate = new Dense(k, c);
    const trivialToChannels = new Dense(t, c);
    const toIrreps = new Dense(c, c);
    const fromIrreps = new Dense(c, c);
    let needsBasis = false;
    let kp = 0;
    let tp = 0;
    const keys = new Set<string>(['num_batches_tracked']);
    this.#groups = groups.map((g, gi) => {
      const { irreps, trivials } = layouts[gi]!;
      const r = g.representation;
      const q = r.changeOfBasis;
      const qInv = r.changeOfBasisInv;
      needsBasis ||= !isIdentity(q);
      const n = g.fields.length;
      for (let f = 0; f < n; f++) {
        const ch = g.channels.slice(f * g.size, (f + 1) * g.size);
        ch.forEach((ci, i) => {
          ch.forEach((cj, j) => {
            // z = Q⁻¹ x on column vectors is the row x·Q⁻¹ᵀ: entry (j, i) = Q⁻¹_ij.
            toIrreps.set(cj, ci, qInv.get(i, j));
            fromIrreps.set(cj, ci, q.get(i, j));
          });
        });
        for (const irr of irreps) {
          for (let j = irr.offset; j < irr.offset + irr.size; j++) {
            aggregate.set(ch[j]!, kp, 1 / irr.size);
            propagate.set(kp, ch[j]!, 1);
          }
          kp++;
          if (irr.trivial) trivialToChannels.set(tp++, ch[irr.offset]!, 1);
        }
      }
      const key = stateKey(escapeName(g.label), keys);
      const register = (name: string, init: tf.Tensor, trainable: boolean): tf.Variable =>
        trainable
          ? this.registerParameter(`${key}_${name}`, init)
          : this.registerBuffer(`${key}_${name}`, init);
      const nt = trivials.length;
      const weight = this.affine ? register('weight', tf.ones([n, irreps.length]), true) : undefined;
      const bias = this.affine && nt > 0 ? register('bias', tf.zeros([n, nt]), true) : undefined;
      const runningVar = register('running_var', tf.ones([n, irreps.length]), false);
      const runningMean = nt > 0 ? register('running_mean', tf.zeros([n, nt]), false) : undefined;
      return { group: g, weight, bias, runningMean, runningVar };
    });
    this.#numBatchesTracked = this.registerBuffer('num_batches_tracked', tf.scalar(0, 'int32'));
    this.#aggregate = this.constant(aggregate);
    this.#propagate = this.constant(propagate);
    this.#trivialToChannels = t > 0 ? this.constant(trivialToChannels) : undefined;
    this.#toIrreps = needsBasis ? this.constant(toIrreps) : undefined;
    this.#fromIrreps = needsBasis ? this.constant(fromIrreps) : undefined;
  }

  /** Concatenates one variable per group (groups without it skipped) into a row `[1, K]`. */
  #row(pick: (s: GroupState) => tf.Variable | undefined): tf.Tensor {
    const vs = this.#groups.map(pick).filter((v): v is tf.Variable => v !== undefined);
    return tf.reshape(tf.concat(vs.map((v) => tf.reshape(v, [-1]))), [1, -1]);
  }

  /** Trivial means `[1, T]` (or undefined) and irrep variances `[1, K]`: the batch's (detached) or running. */
  #statistics(z: tf.Tensor): { mean: tf.Tensor | undefined; variance: tf.Tensor } {
    if (!this.training && this.trackRunningStats) {
      return {
        mean: this.#trivialToChannels && this.#row((s) => s.runningMean),
        variance: this.#row((s) => s.runningVar),
      };
    }
    const n = z.shape[0];
    const zs = stopGradient(z);
    let squares = tf.mean(tf.square(zs), 0, true);
    let mean: tf.Tensor | undefined;
    if (this.#trivialToChannels !== undefined) {
      mean = tf.matMul(tf.mean(zs, 0, true), this.#trivialToChannels, false, true);
      squares = tf.relu(tf.sub(squares, tf.matMul(tf.square(mean), this.#trivialToChannels)));
    }
    const correction = n > 1 ? n / (n - 1) : 1;
    const variance = tf.mul(tf.relu(tf.matMul(squares, this.#aggregate)), tf.scalar(correction));
    if (this.training && this.trackRunningStats) {
      const a = this.averageFactor(this.#numBatchesTracked);
      const vars = tf.split(
        tf.reshape(variance, [-1]),
        this.#groups.map((s) => s.runningVar.size),
      );
      this.#groups.forEach((s, i) => {
        BatchNormBase.updateRunning(s.runningVar, vars[i]!, a);
      });
      if (mean !== undefined) {
        const withMean = this.#groups.filter((s) => s.runningMean);
        const means = tf.split(
          tf.reshape(mean, [-1]),
          withMean.map((s) => s.runningMean!.size),
        );
        withMean.forEach((s, i) => {
          BatchNormBase.updateRunning(s.runningMean!, means[i]!, a);
        });
      }
    }
    return { mean, variance };
  }

  /** Per-channel scale and shift in the irrep basis `[1, C]`: `z' = z·scale + shift`. */
  #affine(mean: tf.Tensor | undefined, variance: tf.Tensor): { scale: tf.Tensor; shift: tf.Tensor } {
    let perIrrep: tf.Tensor = tf.rsqrt(tf.add(tf.relu(variance), tf.scalar(this.eps)));
    if (this.affine)
      perIrrep = tf.mul(
        perIrrep,
        this.#row((s) => s.weight),
      );
    const scale = tf.matMul(perIrrep, this.#propagate);
    let shift: tf.Tensor = tf.zeros([1, this.inType.size]);
    if (mean !== undefined && this.#trivialToChannels !== undefined) {
      shift = tf.neg(tf.mul(tf.matMul(mean, this.#trivialToChannels), scale));
      if (this.affine)
        shift = tf.add(
          shift,
          tf.matMul(
            this.#row((s) => s.bias),
            this.#trivialToChannels,
          ),
        );
    }
    return { scale, shift };
  }

  /**
   * The evaluation map with a change of basis as `x ↦ x·kernel + bias` on rows: `kernel = Q⁻¹ᵀ·diag(scale)·Qᵀ`
   * `[C, C]`, `bias = shift·Qᵀ` `[1, C]`, from the running statistics.
   */
  #runningMap(): [tf.Tensor, tf.Tensor] {
    const { scale, shift } = this.#affine(
      this.#trivialToChannels && this.#row((s) => s.runningMean),
      this.#row((s) => s.runningVar),
    );
    return [
      tf.matMul(tf.mul(this.#toIrreps!, scale), this.#fromIrreps!),
      tf.matMul(shift, this.#fromIrreps!),
    ];
  }

  /** Normalizes in the irrep basis with the batch's statistics (training, or untracked) or the running ones. */
  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const x2 = this.flatten(x.tensor);
    if ((this.training || !this.trackRunningStats) && x2.shape[0] < 1) {
      throw new InvalidArgumentError(
        'GNormBatchNorm.forward',
        'x',
        `shape [${x.tensor.shape}]`,
        'must not be empty',
      );
    }
    if (this.#toIrreps !== undefined && !this.training && this.trackRunningStats) {
      // Evaluation with a change of basis: the composed affine map, one channel-mixing matmul instead of two.
      const [kernel, bias] = this.#runningMap();
      return new GeometricTensor(
        tf.reshape(tf.add(tf.matMul(x2, kernel), bias), x.tensor.shape),
        this.outType,
      );
    }
    const z = this.#toIrreps ? tf.matMul(x2, this.#toIrreps) : x2;
    const { mean, variance } = this.#statistics(z);
    const { scale, shift } = this.#affine(mean, variance);
    const normalized = tf.add(tf.mul(z, scale), shift);
    const y = this.#fromIrreps ? tf.matMul(normalized, this.#fromIrreps) : normalized;
    return new GeometricTensor(tf.reshape(y, x.tensor.shape), this.outType);
  }

  /**
   * The evaluation-mode map as TF.js layers: a `tf.layers.batchNormalization` when every field is already
   * in its irrep basis (escnn's export), otherwise one layer mixing the channels (a 1×1 convolution, or dense on R⁰) computing the
   * affine map `x ↦ Q·(D·Q⁻¹x + s)` exactly (escnn's BatchNorm export drops the change of basis).
   * @throws SteerableError when running statistics are not tracked.
   */
  override exportLayers(): tf.layers.Layer[] {
    this.checkExportable();
    const c = this.inType.size;
    if (this.#toIrreps === undefined || this.#fromIrreps === undefined) {
      const values = tf.tidy(() => {
        const toChannels = (t: tf.Tensor | undefined) =>
          t && this.#trivialToChannels ? tf.matMul(t, this.#trivialToChannels) : tf.zeros([1, c]);
        const mean = toChannels(this.#trivialToChannels && this.#row((s) => s.runningMean));
        const variance = tf.matMul(tf.relu(this.#row((s) => s.runningVar)), this.#propagate);
        const gamma = this.affine
          ? tf.matMul(
              this.#row((s) => s.weight),
              this.#propagate,
            )
          : tf.ones([1, c]);
        const beta = this.affine
          ? toChannels(this.#trivialToChannels && this.#row((s) => s.bias))
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
    const values = tf.tidy(() => this.#runningMap());
    try {
      return [this.channelMixLayer(values[0]!, values[1]!)];
    } finally {
      tf.dispose(values);
    }
  }
}
