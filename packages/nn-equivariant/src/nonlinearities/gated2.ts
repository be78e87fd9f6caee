/**
 * The gated nonlinearity with gates and gated fields in two separate tensors.
 */

import { FieldType, FieldTypeMismatchError, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, normalStream } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { freshSeed } from '../internal/random.js';
import { concatLast, type FieldRun, fieldRuns, runFields } from './field-runs.js';
import { sizeOrderIndex } from './norm.js';

/** Options of {@link GatedNonLinearity2}. */
export interface GatedNonLinearity2Options {
  /** Seed of the standard normal initialization of the gates' bias. @defaultValue a fresh random seed */
  readonly seed?: number;
}

/**
 * Gated nonlinearity with two inputs (escnn's `GatedNonLinearity2`): a tensor of gates (trivial fields) and
 * a tensor of gated fields; each gated field `x_f` becomes `sigmoid(g_j − b_j) · x_f`, its gate `g_j` an
 * invariant scalar, `b` a learnable bias (standard normal initialization). The gates are dropped.
 *
 * escnn's module takes the two tensors in `forward(gates, input)`: here {@link GatedNonLinearity2.forwardGated}.
 * So that it composes like every other module, {@link EquivariantModule.inType} is the concatenation
 * `gates ⊕ gated` and `forward(x)` splits `x` into the two (the gates are its first channels).
 * As in escnn, the `j`-th gate drives the `j`-th gated field in size order (sizes ascending, stable).
 *
 * @see escnn's `escnn.nn.GatedNonLinearity2`
 */
export class GatedNonLinearity2 extends EquivariantModule {
  /** escnn's `in_type`: the field types of the gates and of the gated fields. */
  readonly inTypes: readonly [FieldType, FieldType];
  /** The gates' bias (escnn's `bias`), one entry per gate. */
  readonly bias: tf.Variable;
  readonly #runs: readonly FieldRun[];
  readonly #gateOf: readonly number[];

  /**
   * @param inTypes - `[gates, gated]`: the gates' field type (trivial fields) and the gated fields' type, with as
   *   many fields each, on the same gspace.
   * @throws InvalidArgumentError for a gate that is not trivial, a gated field not supporting 'gated', unequal
   *   numbers of fields or different gspaces.
   */
  constructor(inTypes: readonly [FieldType, FieldType], options: GatedNonLinearity2Options = {}) {
    const fn = 'GatedNonLinearity2';
    if (
      !Array.isArray(inTypes) ||
      inTypes.length !== 2 ||
      !(inTypes[0] instanceof FieldType) ||
      !(inTypes[1] instanceof FieldType)
    ) {
      throw new InvalidArgumentError(fn, 'inTypes', inTypes, 'must be a pair [gates, gated] of FieldTypes');
    }
    const [gates, gated] = inTypes;
    if (!gates.gspace.equals(gated.gspace)) {
      throw new InvalidArgumentError(fn, 'inTypes', String(gated.gspace), `must be on ${gates.gspace}`);
    }
    gates.representations.forEach((r, i) => {
      if (!r.isTrivial()) {
        throw new InvalidArgumentError(
          fn,
          'inTypes[0]',
          String(gates),
          `field ${i} ("${r.name}") is not trivial`,
        );
      }
    });
    gated.representations.forEach((r, i) => {
      if (!r.supportedNonlinearities.has('gated')) {
        throw new InvalidArgumentError(
          fn,
          'inTypes[1]',
          String(gated),
          `must have fields supporting 'gated' nonlinearities, but field ${i} ("${r.name}") does not`,
        );
      }
    });
    if (gates.length !== gated.length) {
      throw new InvalidArgumentError(
        fn,
        'inTypes',
        `${gates.length} gates, ${gated.length} gated fields`,
        'must have as many gates as gated fields',
      );
    }
    super(gates.concat(gated), gated);
    this.inTypes = Object.freeze([gates, gated] as const);
    this.#runs = fieldRuns(gated.representations);
    this.#gateOf = sizeOrderIndex(gated.representations.map((r) => r.size));
    const seed = options.seed ?? freshSeed();
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new InvalidArgumentError(fn, 'seed', seed, 'must be a finite number');
    }
    const normal = normalStream(seed);
    this.bias = this.registerParameter('bias', tf.tensor1d(Array.from({ length: gates.length }, normal)));
  }

  /**
   * escnn's `forward(gates, input)`: the gated fields rescaled by their gates; a fresh tensor the caller owns.
   * @throws FieldTypeMismatchError if the types are not {@link GatedNonLinearity2.inTypes};
   *   InvalidArgumentError for tensors of different batch or spatial shapes.
   */
  forwardGated(gates: GeometricTensor, input: GeometricTensor): GeometricTensor {
    const fn = 'GatedNonLinearity2.forwardGated';
    for (const [arg, t, type] of [
      ['gates', gates, this.inTypes[0]],
      ['input', input, this.inTypes[1]],
    ] as const) {
      if (!(t instanceof GeometricTensor))
        throw new InvalidArgumentError(fn, arg, t, 'must be a GeometricTensor');
      if (!t.type.equals(type)) throw new FieldTypeMismatchError(fn, arg, String(type), String(t.type));
    }
    const a = gates.shape.slice(0, -1);
    const b = input.shape.slice(0, -1);
    if (a.length !== b.length || a.some((s, i) => s !== b[i])) {
      throw new InvalidArgumentError(
        fn,
        'gates',
        `shape [${gates.shape}]`,
        `must match the input's [${input.shape}]`,
      );
    }
    return this.outType.wrap(tf.tidy(() => this.#gate(gates.tensor, input.tensor)));
  }

  #gate(gatesTensor: tf.Tensor, x: tf.Tensor): tf.Tensor {
    const lead = x.shape.slice(0, -1);
    const g = tf.sigmoid(tf.sub(gatesTensor, this.bias));
    const parts = this.#runs.map((run) => {
      const first = this.#gateOf[run.firstField]!;
      const gr = tf.slice(g, [...lead.map(() => 0), first], [...lead.map(() => -1), run.count]);
      const out = tf.mul(runFields(x, run), tf.reshape(gr, [...lead, run.count, 1]));
      return tf.reshape(out, [...lead, run.count * run.size]);
    });
    return concatLast(parts);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    // explicit sizes: TF.js's Slice gradient mishandles -1 in the last axis
    const n = this.inTypes[0].size;
    const shape = x.tensor.shape;
    const zeros = shape.map(() => 0);
    const gates = tf.slice(x.tensor, zeros, [...shape.slice(0, -1), n]);
    const gated = tf.slice(
      x.tensor,
      [...zeros.slice(0, -1), n],
      [...shape.slice(0, -1), this.inTypes[1].size],
    );
    return this.outType.wrap(this.#gate(gates, gated));
  }
}
