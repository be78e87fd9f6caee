/**
 * The pointwise ReLU module.
 */

import type { FieldType } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { readFlag } from '../internal/validation.js';
import { PointwiseActivation } from './pointwise-base.js';

/** Options of {@link ReLU}. */
export interface ReLUOptions {
  /**
   * escnn's `inplace`, accepted for compatibility: TF.js tensors are immutable, so the output is always a
   * fresh tensor and the input is never modified.
   * @defaultValue false
   */
  readonly inplace?: boolean;
}

/**
 * `ReLU(x) = max(x, 0)` applied to every channel (escnn's `ReLU`). Input and output types are equal; every
 * field must support 'pointwise' nonlinearities (trivial, regular, quotient representations).
 *
 * @example
 * ```ts
 * const type = new FieldType(rot2dOnR2(8), Array(4).fill(rot2dOnR2(8).regularRepr));
 * const relu = new ReLU(type);
 * const y = relu.forward(type.wrap(tf.randomNormal([2, 9, 9, type.size])));
 * ```
 * @see escnn's `escnn.nn.ReLU`
 */
export class ReLU extends PointwiseActivation {
  /** escnn's `inplace` (no effect in TF.js). */
  readonly inplace: boolean;

  /**
   * @param inType - the input (and output) field type.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities, or for bad options.
   */
  constructor(inType: FieldType, options: ReLUOptions = {}) {
    super('ReLU', inType);
    this.inplace = readFlag('ReLU', 'inplace', options.inplace, false);
  }

  protected activation(x: tf.Tensor): tf.Tensor {
    return tf.relu(x);
  }

  /** `tf.layers.reLU()` (escnn exports `torch.nn.ReLU`). */
  override exportLayers(): tf.layers.Layer[] {
    return [tf.layers.reLU()];
  }
}
