/**
 * The pointwise leaky ReLU module.
 */

import type { FieldType } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { readFlag, readNumber } from '../internal/validation.js';
import { PointwiseActivation } from './pointwise-base.js';

/** Options of {@link LeakyReLU}. */
export interface LeakyReLUOptions {
  /** The slope `a` of `LeakyReLU(x) = max(x, 0) + a·min(x, 0)`. @defaultValue 0.01 */
  readonly negativeSlope?: number;
  /** escnn's `inplace`, accepted for compatibility (TF.js tensors are immutable). @defaultValue false */
  readonly inplace?: boolean;
}

/**
 * `LeakyReLU(x) = max(x, 0) + a·min(x, 0)` applied to every channel (escnn's `LeakyReLU`). Input and output
 * types are equal; every field must support 'pointwise' nonlinearities.
 *
 * @see escnn's `escnn.nn.LeakyReLU`
 */
export class LeakyReLU extends PointwiseActivation {
  /** The slope `a` for negative inputs. */
  readonly negativeSlope: number;
  /** escnn's `inplace` (no effect in TF.js). */
  readonly inplace: boolean;

  /**
   * @param inType - the input (and output) field type.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities, or for bad options.
   */
  constructor(inType: FieldType, options: LeakyReLUOptions = {}) {
    super('LeakyReLU', inType);
    this.negativeSlope = readNumber('LeakyReLU', 'negativeSlope', options.negativeSlope, 0.01);
    this.inplace = readFlag('LeakyReLU', 'inplace', options.inplace, false);
  }

  protected activation(x: tf.Tensor): tf.Tensor {
    return tf.leakyRelu(x, this.negativeSlope);
  }

  /** `tf.layers.leakyReLU({ alpha: negativeSlope })` (escnn exports `torch.nn.LeakyReLU`). */
  override exportLayers(): tf.layers.Layer[] {
    return [tf.layers.leakyReLU({ alpha: this.negativeSlope })];
  }
}
