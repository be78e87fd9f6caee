/**
 * The invariant map of induced fields: the largest norm among each field's sub-fields (escnn's
 * `InducedNormPool`).
 */
import { FieldType, type GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { subfieldSizes } from '../internal/induced-subfields.js';
import { checkFieldType } from '../internal/validation.js';
import { concatLast, fieldNorms, fieldRuns, runFields } from '../nonlinearities/field-runs.js';

/** Options of {@link InducedNormPool}. */
export interface InducedNormPoolOptions {
  /**
   * The size of the sub-fields of every field, replacing `dim ψ` of the representation `ψ` the fields are
   * induced from.
   * @defaultValue per field, the `d` of its tag `induced_norm_<d>` (escnn's)
   */
  readonly subfieldSize?: number;
}

/**
 * Maps every field of an induced representation `Ind_H^G ψ` to one invariant channel, the largest norm of its
 * sub-fields (escnn's `InducedNormPool`): `y_f = max_i ‖x_{f,i}‖`, `x_{f,i}` the `i`-th block of `dim ψ`
 * consecutive channels. `ρ(g)` permutes the blocks up to the orthogonal `ψ(h)`, which keeps norms, so the set of
 * norms and its maximum are invariant: the output type is one trivial field per input field.
 * Every field must support `'induced_norm'`: carry a tag `induced_norm_<dim ψ>` (induced from a `ψ` supporting norm
 * nonlinearities).
 * @see escnn's `escnn.nn.InducedNormPool`
 */
export class InducedNormPool extends EquivariantModule {
  /** The sub-field size of each input field. */
  readonly subfieldSizes: readonly number[];
  readonly #runs: ReturnType<typeof fieldRuns>;

  /**
   * @param inType - the input field type (any base space).
   * @param options - see {@link InducedNormPoolOptions}.
   * @throws InvalidArgumentError if a field has no tag `induced_norm_<d>`, or for a bad `subfieldSize`.
   */
  constructor(inType: FieldType, options: InducedNormPoolOptions = {}) {
    const fn = 'InducedNormPool';
    const type = checkFieldType(fn, inType);
    const sizes = subfieldSizes(fn, type, 'norm', options.subfieldSize);
    super(type, new FieldType(type.gspace, Array(type.length).fill(type.gspace.trivialRepr)));
    this.subfieldSizes = Object.freeze(sizes);
    // runs of consecutive fields with the same size and sub-field size
    this.#runs = fieldRuns(
      type.representations,
      type.representations.map((r, i) => `${r.size}/${sizes[i]}`),
    );
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const lead = x.tensor.shape.slice(0, -1);
    const parts = this.#runs.map((run) => {
      const d = this.subfieldSizes[run.firstField]!;
      const fields = runFields(x.tensor, run); // [..., count, size]
      const sub = tf.reshape(fields, [...lead, run.count, run.size / d, d]);
      const norms = fieldNorms(sub); // [..., count, n, 1]
      return tf.reshape(tf.max(norms, -2), [...lead, run.count]);
    });
    return this.outType.wrap(concatLast(parts));
  }
}
