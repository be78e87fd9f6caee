/**
 * The pointwise nonlinearity chosen by name.
 */

import type { FieldType } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { readChoice } from '../internal/validation.js';
import { PointwiseActivation } from './pointwise-base.js';

/** escnn's names of the pointwise functions: ReLU, ELU (α = 1), logistic sigmoid, tanh. */
export type PointwiseFunction = 'p_relu' | 'p_elu' | 'p_sigmoid' | 'p_tanh';

const FUNCTIONS: readonly PointwiseFunction[] = ['p_relu', 'p_elu', 'p_sigmoid', 'p_tanh'];

const ACTIVATIONS = {
  p_relu: 'relu',
  p_elu: 'elu',
  p_sigmoid: 'sigmoid',
  p_tanh: 'tanh',
} as const;

/** Options of {@link PointwiseNonLinearity}. */
export interface PointwiseNonLinearityOptions {
  /** The function applied to every channel. @defaultValue 'p_relu' */
  readonly function?: PointwiseFunction;
}

/**
 * A scalar function (ReLU, ELU, sigmoid or tanh) applied to every channel independently (escnn's
 * `PointwiseNonLinearity`). Input and output types are equal; every field must support 'pointwise'
 * nonlinearities.
 *
 * @see escnn's `escnn.nn.PointwiseNonLinearity`
 */
export class PointwiseNonLinearity extends PointwiseActivation {
  /** The function's escnn name. */
  readonly function: PointwiseFunction;

  /**
   * @param inType - the input (and output) field type.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities, or for an unknown
   *   function name.
   */
  constructor(inType: FieldType, options: PointwiseNonLinearityOptions = {}) {
    super('PointwiseNonLinearity', inType);
    this.function = readChoice('PointwiseNonLinearity', 'function', options.function, 'p_relu', FUNCTIONS);
  }

  protected activation(x: tf.Tensor): tf.Tensor {
    switch (this.function) {
      case 'p_relu':
        return tf.relu(x);
      case 'p_elu':
        return tf.elu(x);
      case 'p_sigmoid':
        return tf.sigmoid(x);
      case 'p_tanh':
        return tf.tanh(x);
    }
  }

  /** `tf.layers.activation` with the same function (escnn has no export for this module). */
  override exportLayers(): tf.layers.Layer[] {
    return [tf.layers.activation({ activation: ACTIVATIONS[this.function] })];
  }
}
