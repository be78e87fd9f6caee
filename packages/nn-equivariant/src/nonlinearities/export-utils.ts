/**
 * Fixed linear maps on the channel axis as TF.js layers, for the `export()` of modules that `tf.layers` has
 * no layer for: a `dense` layer (which acts on the last axis of an NHWC tensor) without bias, its kernel
 * baked in. Not exported from the package.
 */

import * as tf from '@tensorflow/tfjs';
import { withBakedWeights } from '../internal/export-layer.js';

/**
 * A bias-free `tf.layers.dense` computing `y_o = act(Σ_i x_i · kernel[i][o])` on the last axis.
 * @param kernel - row-major `[inputs, units]`.
 */
export function fixedDense(
  kernel: Float32Array,
  inputs: number,
  units: number,
  activation: 'linear' | 'relu' = 'linear',
): tf.layers.Layer {
  return withBakedWeights(tf.layers.dense({ units, useBias: false, activation }), [
    tf.tensor2d(kernel, [inputs, units]),
  ]);
}
