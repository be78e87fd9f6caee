/**
 * The norm nonlinearity: a function of each field's norm rescales the field.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType, checkSupport, readChoice, readFlag } from '../internal/validation.js';
import {
  concatColumns,
  type FieldRun,
  fieldNorms,
  fieldRuns,
  flatten,
  fromRows,
  runRows,
} from './field-runs.js';

/** escnn's names of the norm functions: ReLU, sigmoid, softplus, and `squash(t) = t / (1 + t)`. */
export type NormFunction = 'n_relu' | 'n_sigmoid' | 'n_softplus' | 'squash';

const FUNCTIONS: readonly NormFunction[] = ['n_relu', 'n_sigmoid', 'n_softplus', 'squash'];

/** The function σ of a norm nonlinearity, applied to the (biased) field norms. */
export function normFunction(name: NormFunction, t: tf.Tensor): tf.Tensor {
  switch (name) {
    case 'n_relu':
      return tf.relu(t);
    case 'n_sigmoid':
      return tf.sigmoid(t);
    case 'n_softplus':
      return tf.softplus(t);
    case 'squash':
      return tf.div(t, tf.add(t, 1));
  }
}

/** escnn's threshold under which a norm counts as zero (the field is then mapped to zero). */
const EPS = 1e-10;

/** Options of {@link NormNonLinearity}. */
export interface NormNonLinearityOptions {
  /** The function `σ` of the (biased) norm. @defaultValue 'n_relu' */
  readonly function?: NormFunction;
  /** Subtract a learnable positive bias `b_f = exp(log_bias_f)` from each norm; not allowed with 'squash'. @defaultValue true */
  readonly bias?: boolean;
}

/**
 * Norm nonlinearity (escnn's `NormNonLinearity`): each field `x_f` becomes
 * `σ(‖x_f‖ − b_f) · x_f / ‖x_f‖` (zero where `‖x_f‖ ≤ 10⁻¹⁰`), with `b_f = exp(log_bias_f)` a learnable bias
 * per field (initialized to 1) unless `bias: false`. Equivariant for orthogonal representations, whose
 * `ρ(g)` preserve norms: the field is only rescaled by a function of an invariant. Every field must support
 * 'norm' nonlinearities.
 *
 * The parameter `log_bias` has one entry per field in escnn's order: fields grouped by size, sizes
 * ascending, fields in order within a size (so escnn's `log_bias`, flattened, loads unchanged).
 *
 * @see escnn's `escnn.nn.NormNonLinearity`
 */
export class NormNonLinearity extends EquivariantModule {
  /** The function's escnn name. */
  readonly function: NormFunction;
  /** Whether a learnable bias is subtracted from the norms. */
  readonly bias: boolean;
  /** `log b` per field, escnn's order (see the class comment); null without bias. */
  readonly logBias: tf.Variable | null;
  readonly #runs: readonly FieldRun[];
  /** Index into `log_bias` of each field. */
  readonly #biasIndex: readonly number[];

  /**
   * @param inType - the input (and output) field type.
   * @throws InvalidArgumentError if a field does not support 'norm' nonlinearities, for an unknown function,
   *   or for `function: 'squash'` with a bias.
   */
  constructor(inType: FieldType, options: NormNonLinearityOptions = {}) {
    const fn = 'NormNonLinearity';
    const type = checkFieldType(fn, inType);
    checkSupport(fn, type, 'norm');
    super(type, type);
    this.function = readChoice(fn, 'function', options.function, 'n_relu', FUNCTIONS);
    this.bias = readFlag(fn, 'bias', options.bias, true);
    if (this.function === 'squash' && this.bias) {
      throw new InvalidArgumentError(fn, 'bias', true, "must be false with function 'squash'");
    }
    this.#runs = fieldRuns(type.representations);
    this.#biasIndex = sizeOrderIndex(type.representations.map((r) => r.size));
    this.logBias = this.bias
      ? tf.tidy(() => this.registerParameter('log_bias', tf.zeros([type.length])))
      : null;
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const biases = this.logBias === null ? null : tf.exp(this.logBias);
    const x2 = flatten(x.tensor);
    const parts = this.#runs.map((run) => {
      const rows = runRows(x2, run); // [M·count, size]
      const norms = fieldNorms(rows); // [M·count, 1]
      let arg = norms;
      if (biases !== null) {
        const bias = tf.slice(biases, [this.#biasIndex[run.firstField]!], [run.count]);
        arg = tf.reshape(tf.sub(tf.reshape(norms, [-1, run.count]), bias), [-1, 1]);
      }
      // multiplier σ(‖x‖ − b)/‖x‖, set to 0 where ‖x‖ ≤ eps (step has a zero gradient everywhere)
      const m = tf.mul(
        tf.div(normFunction(this.function, arg), tf.maximum(norms, EPS)),
        tf.step(tf.sub(norms, EPS)),
      );
      return fromRows(tf.mul(rows, m), run);
    });
    return this.outType.wrap(tf.reshape(concatColumns(parts), x.tensor.shape));
  }
}

/**
 * escnn's parameter order for per-field parameters grouped by size: for each field, its position when the
 * fields are sorted by size (ascending, stable).
 */
export function sizeOrderIndex(sizes: readonly number[]): number[] {
  const order = sizes.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const index = new Array<number>(sizes.length);
  order.forEach(([, i], p) => {
    index[i] = p;
  });
  return index;
}
