/**
 * The gated nonlinearity: scalar gate fields, through a sigmoid, rescale the other fields.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, normalStream } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { freshSeed } from '../internal/random.js';
import { checkFieldType, readFlag } from '../internal/validation.js';
import {
  concatColumns,
  type FieldRun,
  fieldRuns,
  flatten,
  fromRows,
  runColumns,
  runRows,
} from './field-runs.js';
import { sizeOrderIndex } from './norm.js';

/** escnn's label of a gate field (`GATES_ID`). */
export const GATES_ID = 'gate';
/** escnn's label of a gated field (`GATED_ID`). */
export const GATED_ID = 'gated';

/** The role of a field in a {@link GatedNonLinearity1}. */
export type GateLabel = typeof GATES_ID | typeof GATED_ID;

/** Options of {@link GatedNonLinearity1}. */
export interface GatedNonLinearity1Options {
  /**
   * One label per field: `'gate'` for a gate (a trivial field), `'gated'` for a gated field; as many gates as
   * gated fields.
   * @defaultValue the first half of the fields are gates, the second half gated
   */
  readonly gates?: readonly GateLabel[];
  /** Drop the gates from the output; with `false` the (sigmoid-ed) gates stay in place. @defaultValue true */
  readonly dropGates?: boolean;
  /** Seed of the standard normal initialization of the gates' bias. @defaultValue a fresh random seed */
  readonly seed?: number;
}

/**
 * Gated nonlinearity (escnn's `GatedNonLinearity1`, Weiler et al. 2018, "3D Steerable CNNs"): each gated
 * field `x_f` becomes `sigmoid(g_f − b_f) · x_f`, where `g_f` is its gate (a trivial, hence invariant,
 * scalar field) and `b_f` a learnable bias (standard normal initialization). Equivariant because the
 * gated field is only multiplied by an invariant scalar. Gated fields must support 'gated'
 * nonlinearities; gates must be trivial.
 *
 * As in escnn, gates are matched to gated fields not in field order but in the order of the gated fields
 * sorted by size (ascending, stable): the `j`-th gate drives the `j`-th gated field of that order, and the
 * bias follows the gates' order, so escnn's weights load unchanged.
 *
 * @see escnn's `escnn.nn.GatedNonLinearity1`
 */
export class GatedNonLinearity1 extends EquivariantModule {
  /** The role of each input field. */
  readonly gates: readonly GateLabel[];
  /** Whether the gates are dropped from the output. */
  readonly dropGates: boolean;
  /** The gates' bias (escnn's `bias`), one entry per gate. */
  readonly bias: tf.Variable;
  readonly #runs: readonly FieldRun[];
  /** For each input field: its gate's index (gated fields) or its own index among the gates (gates). */
  readonly #gateOf: readonly number[];

  /**
   * @param inType - the input field type, gates and gated fields together.
   * @throws InvalidArgumentError for a label list of the wrong length or with unknown labels, a gate that
   *   is not trivial, a gated field that does not support 'gated', or unequal numbers of gates and gated
   *   fields.
   */
  constructor(inType: FieldType, options: GatedNonLinearity1Options = {}) {
    const fn = 'GatedNonLinearity1';
    const type = checkFieldType(fn, inType);
    const gates = readGates(fn, type, options.gates);
    const dropGates = readFlag(fn, 'dropGates', options.dropGates, true);
    const kept = gates.flatMap((g, i) => (g === GATED_ID ? [i] : []));
    super(type, dropGates ? type.indexSelect(kept) : type);
    this.gates = Object.freeze([...gates]);
    this.dropGates = dropGates;
    this.#runs = fieldRuns(type.representations, gates);
    // gates in field order; gated fields in escnn's size order
    const gatedSizes = kept.map((i) => type.representations[i]!.size);
    const gatedRank = sizeOrderIndex(gatedSizes);
    const gateOf = new Array<number>(type.length);
    let nextGate = 0;
    let nextGated = 0;
    gates.forEach((g, i) => {
      gateOf[i] = g === GATES_ID ? nextGate++ : gatedRank[nextGated++]!;
    });
    this.#gateOf = gateOf;
    const seed = options.seed ?? freshSeed();
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new InvalidArgumentError(fn, 'seed', seed, 'must be a finite number');
    }
    const normal = normalStream(seed);
    const initial = Array.from({ length: nextGate }, normal);
    this.bias = tf.tidy(() => this.registerParameter('bias', tf.tensor1d(initial)));
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const x2 = flatten(x.tensor);
    // gates are size-1 fields: their columns, in field order, are the raw gates [M, ngates]
    const raw = concatColumns(this.#runs.filter((r) => r.label === GATES_ID).map((r) => runColumns(x2, r)));
    const gates = tf.sigmoid(tf.sub(raw, this.bias));
    const parts: tf.Tensor2D[] = [];
    for (const run of this.#runs) {
      const g = tf.slice(gates, [0, this.#gateOf[run.firstField]!], [-1, run.count]);
      if (run.label === GATES_ID) {
        if (!this.dropGates) parts.push(g as tf.Tensor2D);
        continue;
      }
      parts.push(fromRows(tf.mul(runRows(x2, run), tf.reshape(g, [-1, 1])), run));
    }
    return this.outType.wrap(
      tf.reshape(concatColumns(parts), [...x.tensor.shape.slice(0, -1), this.outType.size]),
    );
  }
}

function readGates(fn: string, type: FieldType, gates: unknown): GateLabel[] {
  let labels: GateLabel[];
  if (gates === undefined) {
    if (type.length % 2 !== 0) {
      throw new InvalidArgumentError(
        fn,
        'inType',
        String(type),
        'must have an even number of fields when no gates are given (first half gates, second half gated)',
      );
    }
    const half = type.length / 2;
    labels = [...Array<GateLabel>(half).fill(GATES_ID), ...Array<GateLabel>(half).fill(GATED_ID)];
  } else {
    if (
      !Array.isArray(gates) ||
      gates.length !== type.length ||
      gates.some((g) => g !== GATES_ID && g !== GATED_ID)
    ) {
      throw new InvalidArgumentError(
        fn,
        'gates',
        gates,
        `must list '${GATES_ID}' or '${GATED_ID}' for each of the ${type.length} fields`,
      );
    }
    labels = [...gates] as GateLabel[];
  }
  labels.forEach((g, i) => {
    const r = type.representations[i]!;
    if (g === GATES_ID && !r.isTrivial()) {
      throw new InvalidArgumentError(
        fn,
        'gates',
        gates ?? labels,
        `marks field ${i} ("${r.name}") as a gate, but it is not trivial`,
      );
    }
    if (g === GATED_ID && !r.supportedNonlinearities.has('gated')) {
      throw new InvalidArgumentError(
        fn,
        'inType',
        String(type),
        `must have gated fields supporting 'gated' nonlinearities, but field ${i} ("${r.name}") does not`,
      );
    }
  });
  const ngates = labels.filter((g) => g === GATES_ID).length;
  if (ngates * 2 !== labels.length) {
    throw new InvalidArgumentError(
      fn,
      'gates',
      gates ?? labels,
      `must have as many gates as gated fields (got ${ngates} and ${labels.length - ngates})`,
    );
  }
  return labels;
}
