/**
 * Channel-wise dropout.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType, checkSupport, readFlag, readNumber } from '../internal/validation.js';

/** Options of {@link PointwiseDropout} and {@link FieldDropout}. */
export interface DropoutOptions {
  /** Probability of zeroing an entry, in `[0, 1]`. @defaultValue 0.5 */
  readonly p?: number;
  /** escnn's `inplace`, accepted for compatibility (TF.js tensors are immutable). @defaultValue false */
  readonly inplace?: boolean;
}

/**
 * Dropout of single channels (escnn's `PointwiseDropout`, PyTorch's `Dropout`): in training mode each entry
 * is zeroed with probability `p` and the others are scaled by `1/(1 − p)`; in evaluation mode the identity.
 * Equivariant in distribution for fields whose `ρ(g)` permute channels (every field must support
 * 'pointwise' nonlinearities): a permuted i.i.d. mask is again an i.i.d. mask. With `p = 1` the output is
 * zero (PyTorch's convention).
 *
 * @see escnn's `escnn.nn.PointwiseDropout`
 */
export class PointwiseDropout extends EquivariantModule {
  /** The drop probability. */
  readonly p: number;
  /** escnn's `inplace` (no effect in TF.js). */
  readonly inplace: boolean;

  /**
   * @param inType - the input (and output) field type.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities, or for `p`
   *   outside `[0, 1]`.
   */
  constructor(inType: FieldType, options: DropoutOptions = {}) {
    const fn = 'PointwiseDropout';
    const type = checkFieldType(fn, inType);
    checkSupport(fn, type, 'pointwise');
    super(type, type);
    this.p = readNumber(fn, 'p', options.p, 0.5, { min: 0, max: 1 });
    this.inplace = readFlag(fn, 'inplace', options.inplace, false);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    if (!this.training || this.p === 0) return x;
    if (this.p === 1) return this.outType.wrap(tf.zerosLike(x.tensor));
    return this.outType.wrap(tf.dropout(x.tensor, this.p));
  }

  /** `tf.layers.dropout({ rate: p })`, the identity at inference (escnn exports `torch.nn.Dropout`). */
  override exportLayers(): tf.layers.Layer[] {
    return this.p < 1 ? [tf.layers.dropout({ rate: this.p })] : [];
  }
}
