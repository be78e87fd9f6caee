/**
 * The gated nonlinearity on induced fields: quotient-representation gates drive the sub-fields of induced
 * fields.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, normalStream } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { fieldSubfieldSize } from '../internal/induced-subfields.js';
import { freshSeed } from '../internal/random.js';
import { checkFieldType, readFlag } from '../internal/validation.js';
import { concatLast, type FieldRun, fieldRuns, runFields } from './field-runs.js';
import { GATED_ID, GATES_ID, type GateLabel } from './gated1.js';
import { keyOrderIndex } from './induced-norm.js';

/** Options of {@link InducedGatedNonLinearity1}. */
export interface InducedGatedNonLinearity1Options {
  /**
   * One label per field, `'gate'` or `'gated'`, as many of each.
   * @defaultValue the first half of the fields are gates, the second half gated
   */
  readonly gates?: readonly GateLabel[];
  /** Drop the gates from the output; with `false` the (sigmoid-ed) gates stay in place. @defaultValue true */
  readonly dropGates?: boolean;
  /** Seed of the standard normal initialization of the bias. @defaultValue a fresh random seed */
  readonly seed?: number;
}

/**
 * Induced gated nonlinearity (escnn's `InducedGatedNonLinearity1`): the gates are quotient fields on `G/H`
 * (one scalar per coset, supporting 'induced_gate'), the gated fields are induced from irreps of `H`
 * (`[G:H]` sub-fields of size `dim ψ`, tagged `induced_gated_<dim ψ>`); sub-field `i` of a gated field is scaled
 * by `sigmoid(g_i − b_j)`, `g_i` the `i`-th entry of its gate `j` and `b_j` a learnable bias per gate
 * (standard normal initialization). Equivariant because `ρ(g)` permutes the cosets of gate and gated field
 * alike. All gates must have the same size `[G:H]`, equal to each gated field's number of sub-fields.
 *
 * As in escnn, the `j`-th gate drives the `j`-th gated field in the order of `(size, sub-field size)`
 * (ascending, stable).
 *
 * @see escnn's `escnn.nn.InducedGatedNonLinearity1`
 */
export class InducedGatedNonLinearity1 extends EquivariantModule {
  /** The role of each input field. */
  readonly gates: readonly GateLabel[];
  /** Whether the gates are dropped. */
  readonly dropGates: boolean;
  /** The number of cosets `[G:H]`: the size of each gate. */
  readonly quotientSize: number;
  /** The bias, one entry per gate. */
  readonly bias: tf.Variable;
  readonly #runs: readonly FieldRun[];
  readonly #gateOf: readonly number[];
  readonly #subfield: readonly number[];

  /**
   * @param inType - gates and gated fields together.
   * @throws InvalidArgumentError for bad labels, a gate not supporting 'induced_gate', a gated field not
   *   without a tag `induced_gated_<d>` (escnn's, read for the sub-field size), gates of different sizes, a gated field with
   *   another number of sub-fields, or unequal numbers of gates and gated fields.
   */
  constructor(inType: FieldType, options: InducedGatedNonLinearity1Options = {}) {
    const fn = 'InducedGatedNonLinearity1';
    const type = checkFieldType(fn, inType);
    let labels = options.gates;
    if (labels === undefined) {
      if (type.length % 2 !== 0) {
        throw new InvalidArgumentError(
          fn,
          'inType',
          String(type),
          'must have an even number of fields when no gates are given',
        );
      }
      const h = type.length / 2;
      labels = [...Array<GateLabel>(h).fill(GATES_ID), ...Array<GateLabel>(h).fill(GATED_ID)];
    }
    if (
      !Array.isArray(labels) ||
      labels.length !== type.length ||
      labels.some((g) => g !== GATES_ID && g !== GATED_ID)
    ) {
      throw new InvalidArgumentError(
        fn,
        'gates',
        labels,
        `must list 'gate' or 'gated' for each of the ${type.length} fields`,
      );
    }
    let quotient: number | undefined;
    const subfield = type.representations.map((r, i) => {
      if (labels[i] === GATES_ID) {
        if (!r.supportedNonlinearities.has('induced_gate')) {
          throw new InvalidArgumentError(
            fn,
            'inType',
            r.name,
            `field ${i} cannot be a gate (no 'induced_gate')`,
          );
        }
        if (quotient !== undefined && r.size !== quotient) {
          throw new InvalidArgumentError(
            fn,
            'inType',
            r.name,
            `gate ${i} must have the size ${quotient} of the other gates`,
          );
        }
        quotient = r.size;
        return r.size;
      }
      return fieldSubfieldSize(fn, r, i, 'gated');
    });
    const ngates = labels.filter((g) => g === GATES_ID).length;
    if (2 * ngates !== labels.length) {
      throw new InvalidArgumentError(
        fn,
        'gates',
        labels,
        `must have as many gates as gated fields (got ${ngates} and ${labels.length - ngates})`,
      );
    }
    type.representations.forEach((r, i) => {
      if (labels[i] === GATED_ID && r.size / subfield[i]! !== quotient) {
        throw new InvalidArgumentError(
          fn,
          'inType',
          r.name,
          `gated field ${i} must have ${quotient} sub-fields (as many as the gates' cosets), not ${r.size / subfield[i]!}`,
        );
      }
    });
    const dropGates = readFlag(fn, 'dropGates', options.dropGates, true);
    const kept = labels.flatMap((g, i) => (g === GATED_ID ? [i] : []));
    super(type, dropGates ? type.indexSelect(kept) : type);
    this.gates = Object.freeze([...labels]);
    this.dropGates = dropGates;
    this.quotientSize = quotient!;
    this.#subfield = subfield;
    this.#runs = fieldRuns(
      type.representations,
      labels.map((g, i) => (g === GATES_ID ? GATES_ID : `${type.representations[i]!.size}/${subfield[i]}`)),
    );
    const rank = keyOrderIndex(kept.map((i) => [type.representations[i]!.size, subfield[i]!]));
    const gateOf = new Array<number>(type.length);
    let nextGate = 0;
    let nextGated = 0;
    labels.forEach((g, i) => {
      gateOf[i] = g === GATES_ID ? nextGate++ : rank[nextGated++]!;
    });
    this.#gateOf = gateOf;
    const seed = options.seed ?? freshSeed();
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new InvalidArgumentError(fn, 'seed', seed, 'must be a finite number');
    }
    const normal = normalStream(seed);
    this.bias = this.registerParameter('bias', tf.tensor1d(Array.from({ length: ngates }, normal)));
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const lead = x.tensor.shape.slice(0, -1);
    const n = this.quotientSize;
    const gateRuns = this.#runs.filter((r) => r.label === GATES_ID);
    // [..., ngates, n]: sigmoid(g − b_j), the bias shared by the entries of a gate
    const raw = concatLast(gateRuns.map((r) => tf.reshape(runFields(x.tensor, r), [...lead, r.count * n])));
    const ngates = this.bias.shape[0]!;
    const gates = tf.sigmoid(
      tf.sub(tf.reshape(raw, [...lead, ngates, n]), tf.reshape(this.bias, [ngates, 1])),
    );
    const zeros = lead.map(() => 0);
    const parts: tf.Tensor[] = [];
    for (const run of this.#runs) {
      const first = this.#gateOf[run.firstField]!;
      const g = tf.slice(gates, [...zeros, first, 0], [...lead, run.count, n]);
      if (run.label === GATES_ID) {
        if (!this.dropGates) parts.push(tf.reshape(g, [...lead, run.count * n]));
        continue;
      }
      const s = this.#subfield[run.firstField]!;
      const sub = tf.reshape(runFields(x.tensor, run), [...lead, run.count, n, s]);
      const out = tf.mul(sub, tf.reshape(g, [...lead, run.count, n, 1]));
      parts.push(tf.reshape(out, [...lead, run.count * run.size]));
    }
    return this.outType.wrap(concatLast(parts));
  }
}
