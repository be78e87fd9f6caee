/**
 * Norm pooling: the norm of each field, an invariant scalar per field.
 */

import { FieldType, type GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType } from '../internal/validation.js';
import {
  concatColumns,
  type FieldRun,
  fieldNorms,
  fieldRuns,
  flatten,
  fromRows,
  runRows,
} from '../nonlinearities/field-runs.js';

/**
 * Norm pooling (escnn's `NormPool`): each field `x_f` becomes the scalar `‖x_f‖`, a trivial field. Invariant
 * for every orthogonal representation (all of steerable's), so any field type is accepted. The gradient
 * at a zero field is taken as 0, as PyTorch's `norm` does.
 *
 * @see escnn's `escnn.nn.NormPool`
 */
export class NormPool extends EquivariantModule {
  readonly #runs: readonly FieldRun[];

  /** @param inType - the input field type. */
  constructor(inType: FieldType) {
    const type = checkFieldType('NormPool', inType);
    super(type, new FieldType(type.gspace, Array(type.length).fill(type.gspace.trivialRepr)));
    this.#runs = fieldRuns(type.representations);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const x2 = flatten(x.tensor);
    const norms = concatColumns(this.#runs.map((run) => fromRows(fieldNorms(runRows(x2, run)), run)));
    return this.outType.wrap(tf.reshape(norms, [...x.tensor.shape.slice(0, -1), this.outType.size]));
  }
}
