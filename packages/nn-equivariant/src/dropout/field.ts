/**
 * Field-wise dropout.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType, readFlag, readNumber } from '../internal/validation.js';
import {
  concatColumns,
  type FieldRun,
  fieldRuns,
  flatten,
  fromRows,
  runRows,
} from '../nonlinearities/field-runs.js';
import type { DropoutOptions } from './pointwise.js';

/** Options of {@link FieldDropout}. */
export type FieldDropoutOptions = DropoutOptions;

/**
 * Dropout of whole fields (escnn's `FieldDropout`): in training mode, independently for each sample, pixel
 * and field, the field is zeroed with probability `p` and otherwise scaled by `1/(1 − p)`; in evaluation
 * mode the identity. Multiplying a field by a scalar commutes with any `ρ(g)`, so any field type is
 * accepted (equivariant in distribution). With `p = 1` the output is zero.
 *
 * @see escnn's `escnn.nn.FieldDropout`
 */
export class FieldDropout extends EquivariantModule {
  /** The drop probability. */
  readonly p: number;
  /** escnn's `inplace` (no effect in TF.js). */
  readonly inplace: boolean;
  readonly #runs: readonly FieldRun[];

  /**
   * @param inType - the input (and output) field type.
   * @throws InvalidArgumentError for `p` outside `[0, 1]`.
   */
  constructor(inType: FieldType, options: FieldDropoutOptions = {}) {
    const fn = 'FieldDropout';
    const type = checkFieldType(fn, inType);
    super(type, type);
    this.p = readNumber(fn, 'p', options.p, 0.5, { min: 0, max: 1 });
    this.inplace = readFlag(fn, 'inplace', options.inplace, false);
    this.#runs = fieldRuns(type.representations);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    if (!this.training || this.p === 0) return x;
    if (this.p === 1) return this.outType.wrap(tf.zerosLike(x.tensor));
    const x2 = flatten(x.tensor);
    const rows = x2.shape[0];
    // keep a field where u > p (escnn's mask), u uniform in [0, 1), one draw per sample, pixel and field
    const keep = tf.div(
      tf.cast(tf.greater(tf.randomUniform([rows, this.inType.length]), this.p), 'float32'),
      1 - this.p,
    );
    let f = 0;
    const parts = this.#runs.map((run) => {
      const m = tf.reshape(tf.slice(keep, [0, f], [-1, run.count]), [-1, 1]);
      f += run.count;
      return fromRows(tf.mul(runRows(x2, run), m), run);
    });
    return this.outType.wrap(tf.reshape(concatColumns(parts), x.tensor.shape));
  }

  /** The identity: dropout does nothing at inference (escnn has no export for this module). */
  override exportLayers(): tf.layers.Layer[] {
    return [];
  }
}
