/**
 * The norm nonlinearity on the sub-fields of induced fields.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { subfieldSizes } from '../internal/induced-subfields.js';
import { checkFieldType, readChoice, readFlag } from '../internal/validation.js';
import { concatLast, type FieldRun, fieldNorms, fieldRuns, runFields } from './field-runs.js';
import { type NormFunction, normFunction } from './norm.js';

/** escnn's names of the functions of {@link InducedNormNonLinearity}. */
export type InducedNormFunction = Exclude<NormFunction, 'n_softplus'>;

const FUNCTIONS: readonly InducedNormFunction[] = ['n_relu', 'n_sigmoid', 'squash'];

/** escnn's threshold under which a norm counts as zero. */
const EPS = 1e-10;

/** Options of {@link InducedNormNonLinearity}. */
export interface InducedNormNonLinearityOptions {
  /** The function `σ` of the (biased) norm. @defaultValue 'n_relu' */
  readonly function?: InducedNormFunction;
  /** Subtract a learnable positive bias `exp(log_bias_f)`, shared by the sub-fields of a field. @defaultValue true */
  readonly bias?: boolean;
}

/**
 * For each field, its position when the fields are sorted by `keys` (ascending, stable): escnn's order of
 * per-field parameters grouped by `(size, sub-field size)`.
 */
export function keyOrderIndex(keys: readonly (readonly number[])[]): number[] {
  const cmp = (a: readonly number[], b: readonly number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  };
  const order = keys.map((k, i) => [k, i] as const).sort((a, b) => cmp(a[0], b[0]) || a[1] - b[1]);
  const index = new Array<number>(keys.length);
  order.forEach(([, i], p) => {
    index[i] = p;
  });
  return index;
}

/**
 * Induced norm nonlinearity (escnn's `InducedNormNonLinearity`): every field is induced, `Ind_H^G ψ`, from an
 * irrep `ψ` of a subgroup supporting norm nonlinearities; it is made of `[G:H]` sub-fields of size `dim ψ`,
 * which `ρ(g)` permutes while acting on each by an orthogonal `ψ(h)`. Each sub-field `x_{f,i}` becomes
 * `σ(‖x_{f,i}‖ − b_f) · x_{f,i} / ‖x_{f,i}‖` (zero where the norm is ≤ 10⁻¹⁰), the bias `b_f = exp(log_bias_f)`
 * shared by the sub-fields of a field; equivariant because the sub-fields' norms are permuted.
 *
 * `log_bias` (zeros at first) has escnn's order: fields sorted by `(size, sub-field size)`, stable.
 *
 * @see escnn's `escnn.nn.InducedNormNonLinearity`
 */
export class InducedNormNonLinearity extends EquivariantModule {
  /** The function's escnn name. */
  readonly function: InducedNormFunction;
  /** `log b` per field (escnn's order), null without bias. */
  readonly logBias: tf.Variable | null;
  /** The sub-field size (`dim ψ`) of each field. */
  readonly subfieldSizes: readonly number[];
  readonly #runs: readonly FieldRun[];
  readonly #biasIndex: readonly number[];

  /**
   * @param inType - the input (and output) field type: fields induced from irreps supporting 'norm'.
   * @throws InvalidArgumentError for a field without a tag `induced_norm_<d>` (escnn's, read for the sub-field
   *   size `d`), or for an unknown function.
   */
  constructor(inType: FieldType, options: InducedNormNonLinearityOptions = {}) {
    const fn = 'InducedNormNonLinearity';
    const type = checkFieldType(fn, inType);
    const sizes = subfieldSizes(fn, type, 'norm');
    super(type, type);
    this.function = readChoice(fn, 'function', options.function, 'n_relu', FUNCTIONS);
    const bias = readFlag(fn, 'bias', options.bias, true);
    this.subfieldSizes = Object.freeze(sizes);
    this.#runs = fieldRuns(
      type.representations,
      sizes.map((s, i) => `${type.representations[i]!.size}/${s}`),
    );
    this.#biasIndex = keyOrderIndex(type.representations.map((r, i) => [r.size, sizes[i]!]));
    this.logBias = bias ? this.registerParameter('log_bias', tf.zeros([type.length])) : null;
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const lead = x.tensor.shape.slice(0, -1);
    const biases = this.logBias === null ? null : tf.exp(this.logBias);
    const parts = this.#runs.map((run) => {
      const s = this.subfieldSizes[run.firstField]!;
      const sub = tf.reshape(runFields(x.tensor, run), [...lead, run.count, run.size / s, s]);
      const norms = fieldNorms(sub);
      let arg = norms;
      if (biases !== null) {
        const first = this.#biasIndex[run.firstField]!;
        arg = tf.sub(norms, tf.reshape(tf.slice(biases, [first], [run.count]), [run.count, 1, 1]));
      }
      const m = tf.mul(
        tf.div(normFunction(this.function, arg), tf.maximum(norms, EPS)),
        tf.step(tf.sub(norms, EPS)),
      );
      return tf.reshape(tf.mul(sub, m), [...lead, run.count * run.size]);
    });
    return this.outType.wrap(concatLast(parts));
  }
}
