/**
 * The pointwise ELU module.
 */

import type { FieldType } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { fixedDense } from '../internal/export-layer.js';
import { readFlag, readNumber } from '../internal/validation.js';
import { PointwiseActivation } from './pointwise-base.js';

/** Options of {@link ELU}. */
export interface ELUOptions {
  /** The `α` of `ELU(x) = x` for `x > 0`, `α (eˣ − 1)` otherwise. @defaultValue 1 */
  readonly alpha?: number;
  /** escnn's `inplace`, accepted for compatibility (TF.js tensors are immutable). @defaultValue false */
  readonly inplace?: boolean;
}

/**
 * `ELU(x) = x` for `x > 0`, `α (eˣ − 1)` otherwise, applied to every channel (escnn's `ELU`). Input and
 * output types are equal; every field must support 'pointwise' nonlinearities.
 *
 * @see escnn's `escnn.nn.ELU`
 */
export class ELU extends PointwiseActivation {
  /** The `α` of the negative branch. */
  readonly alpha: number;
  /** escnn's `inplace` (no effect in TF.js). */
  readonly inplace: boolean;

  /**
   * @param inType - the input (and output) field type.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities, or for bad options.
   */
  constructor(inType: FieldType, options: ELUOptions = {}) {
    super('ELU', inType);
    this.alpha = readNumber('ELU', 'alpha', options.alpha, 1);
    this.inplace = readFlag('ELU', 'inplace', options.inplace, false);
  }

  protected activation(x: tf.Tensor): tf.Tensor {
    // tf.elu has no α: ELU_α(x) = relu(x) + α·elu(min(x, 0)), differentiable on every backend
    if (this.alpha === 1) return tf.elu(x);
    return tf.add(tf.relu(x), tf.mul(tf.elu(tf.minimum(x, 0)), this.alpha));
  }

  /**
   * `tf.layers.elu()` (escnn exports `torch.nn.ELU`). TF.js's ELU layer only has `α = 1`; for another `α`
   * the layers compute `y = elu(x)`, then `[relu(y), relu(−y)]` and `relu(y) − α·relu(−y)`, which is `x` for
   * `x > 0` and `α(eˣ − 1)` otherwise.
   */
  override exportLayers(): tf.layers.Layer[] {
    if (this.alpha === 1) return [tf.layers.elu()];
    const c = this.inType.size;
    const split = new Float32Array(c * 2 * c);
    const merge = new Float32Array(2 * c * c);
    for (let i = 0; i < c; i++) {
      split[i * 2 * c + i] = 1;
      split[i * 2 * c + c + i] = -1;
      merge[i * c + i] = 1;
      merge[(c + i) * c + i] = -this.alpha;
    }
    return [tf.layers.elu(), fixedDense(split, c, 2 * c, 'relu'), fixedDense(merge, 2 * c, c)];
  }
}
