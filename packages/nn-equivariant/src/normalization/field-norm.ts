/**
 * Normalizing each field on its own, at every pixel (escnn's `FieldNorm`).
 */
import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { stateKey, stopGradient } from '../batchnorm/base.js';
import { Dense, escapeName, fieldSlots, groupFields, irrepLayout } from '../batchnorm/layout.js';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType, readFlag, readNumber } from '../internal/validation.js';

/** Options of {@link FieldNorm} (escnn's keyword arguments). */
export interface FieldNormOptions {
  /** Added to the variance before its square root. @defaultValue 1e-5 */
  readonly eps?: number;
  /** Learn a scale per field and a bias on its trivial irreps. @defaultValue true */
  readonly affine?: boolean;
}

/** One representation name's variables. */
interface GroupVars {
  readonly weight: tf.Variable | undefined;
  readonly bias: tf.Variable | undefined;
}

/**
 * Normalizes every field separately at every position, from that field's own values only (escnn's
 * `FieldNorm`; no batch or spatial statistics, no running statistics, the same in training and evaluation):
 * with `P` the projection onto the field's trivial irreps (`Q S Q⁻¹`, `S` masking the non-trivial ones),
 * `μ = P x`, `σ² = |x − μ|² / size` and
 * `y = w · (x − μ)/√(σ² + ε) + Q_T b`, `Q_T` the columns of `Q` of the trivial irreps. `μ` and `σ²` are
 * computed on the detached input, as in escnn (the input gradient is `w/√(σ² + ε)` per field). Every step
 * commutes with `ρ(g)`: `P` is an intertwiner, the norm is invariant under the orthogonal `ρ(g)`, and `Q_T b`
 * is a fixed vector. A field of trivial irreps only is replaced by its bias.
 *
 * Fields are grouped by representation name (escnn's parameter layout): `<name>_weight` `[n, 1]` and, when the
 * representation has trivial irreps, `<name>_bias` `[n, trivials]` (names with characters other than letters,
 * digits and `_` get `_` there, as in the batch normalizations).
 * @see escnn's `escnn.nn.FieldNorm`
 */
export class FieldNorm extends EquivariantModule {
  /** Added to the variance. */
  readonly eps: number;
  /** Whether the module learns scales and biases. */
  readonly affine: boolean;
  readonly #vars: readonly GroupVars[];
  readonly #constants: tf.Tensor[] = [];
  /** `[C, C]`: `x · mean` projects each field on its trivial irreps. */
  readonly #mean: tf.Tensor;
  /** `[C, F]`: `x² · average` is each field's mean square. */
  readonly #average: tf.Tensor;
  /** `[F, C]`: spreads a per-field value to the field's channels. */
  readonly #spread: tf.Tensor;
  /** `[T, C]`: maps the trivial-irrep biases (groups, fields, trivials in order) to channels; undefined if none. */
  readonly #biasMap: tf.Tensor | undefined;

  /**
   * @param inType - the input (and output) field type, on any base space.
   * @param options - see {@link FieldNormOptions}.
   * @throws InvalidArgumentError for a negative `eps` or fields of one name with different sizes.
   */
  constructor(inType: FieldType, options: FieldNormOptions = {}) {
    const fn = 'FieldNorm';
    const type = checkFieldType(fn, inType);
    if (options === null || typeof options !== 'object') {
      throw new InvalidArgumentError(fn, 'options', options, 'must be an options object');
    }
    const eps = readNumber(fn, 'options.eps', options.eps, 1e-5, { min: 0 });
    const affine = readFlag(fn, 'options.affine', options.affine, true);
    super(type, type);
    this.eps = eps;
    this.affine = affine;
    const c = type.size;
    const groups = groupFields(fn, type, (r) => r.name);
    const mean = new Dense(c, c);
    const trivialCols: number[][] = []; // per bias slot: the channel vector Q[:, t]
    const taken = new Set<string>();
    const vars: GroupVars[] = [];
    for (const g of groups) {
      const r = g.representation;
      const { trivials } = irrepLayout(type, r);
      const Q = r.changeOfBasis;
      const Qi = r.changeOfBasisInv;
      if (trivials.length > 0) {
        // P = Q S Q⁻¹; as a right factor on row vectors: mean[c_in, c_out] = P[c_out, c_in]
        for (let k = 0; k < g.fields.length; k++) {
          const base = k * g.size;
          for (let i = 0; i < g.size; i++)
            for (let j = 0; j < g.size; j++) {
              let p = 0;
              for (const t of trivials) p += Q.get(i, t) * Qi.get(t, j);
              mean.set(g.channels[base + j]!, g.channels[base + i]!, p);
            }
          for (const t of trivials) {
            const col = new Array<number>(c).fill(0);
            for (let i = 0; i < g.size; i++) col[g.channels[base + i]!] = Q.get(i, t);
            trivialCols.push(col);
          }
        }
      }
      const key = stateKey(escapeName(g.label), taken);
      const n = g.fields.length;
      vars.push({
        weight: affine ? this.registerParameter(`${key}_weight`, tf.ones([n, 1])) : undefined,
        bias:
          affine && trivials.length > 0
            ? this.registerParameter(`${key}_bias`, tf.zeros([n, trivials.length]))
            : undefined,
      });
    }
    this.#vars = vars;
    const { spread, average } = fieldSlots(groups, c);
    this.#mean = this.#constant(mean);
    this.#average = this.#constant(average);
    this.#spread = this.#constant(spread);
    if (affine && trivialCols.length > 0) {
      const m = new Dense(trivialCols.length, c);
      trivialCols.forEach((col, t) => {
        col.forEach((v, j) => {
          m.set(t, j, v);
        });
      });
      this.#biasMap = this.#constant(m);
    }
  }

  #constant(m: Dense): tf.Tensor {
    const t = tf.keep(tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]));
    this.#constants.push(t);
    return t;
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const c = this.inType.size;
    const flat = tf.reshape(x.tensor, [-1, c]);
    // μ and σ² on the detached input (escnn's slice.detach())
    const fixed = stopGradient(flat);
    const centered = tf.sub(flat, tf.matMul(fixed, this.#mean));
    const variance = tf.matMul(tf.square(tf.sub(fixed, tf.matMul(fixed, this.#mean))), this.#average); // [N, F]
    const inv = tf.rsqrt(tf.add(variance, this.eps));
    const scale = this.affine
      ? tf.mul(
          inv,
          tf.reshape(
            tf.concat(
              this.#vars.map((v) => tf.reshape(v.weight!, [-1])),
              0,
            ),
            [1, -1],
          ),
        )
      : inv;
    let y = tf.mul(centered, tf.matMul(scale, this.#spread));
    if (this.#biasMap !== undefined) {
      const biases = this.#vars.filter((v) => v.bias !== undefined).map((v) => tf.reshape(v.bias!, [-1]));
      y = tf.add(y, tf.matMul(tf.reshape(tf.concat(biases, 0), [1, -1]), this.#biasMap));
    }
    return this.outType.wrap(tf.reshape(y, x.tensor.shape));
  }

  /** Frees the variables and the constant matrices. */
  override dispose(): void {
    tf.dispose(this.#constants);
    super.dispose();
  }

  /** `FieldNorm(inType, eps=…, affine=…)`, escnn's printout. */
  override toString(): string {
    return `FieldNorm(${this.inType}, eps=${this.eps}, affine=${this.affine})`;
  }
}
