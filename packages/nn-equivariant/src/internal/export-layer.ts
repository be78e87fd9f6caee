/**
 * Baked weights for the TF.js layers of `export()`. Passing them as the layer's `weights` config would keep the
 * tensors referenced by the layer forever (`initialWeights` is never cleared), so they leak when the model is
 * disposed; here they are assigned when the layer is built and then released. Not exported from the package.
 */

import * as tf from '@tensorflow/tfjs';

/**
 * A copy of `t` with its own buffer of shape `shape`, computed on the backend (`t · 1`), never read back:
 * not a reshaped view, because the WASM backend checks the shape a buffer was created with (a fused conv2d
 * rejects a bias whose buffer came from a reshaped `[1, out]` matmul), and not a `dataSync` copy, which
 * TF.js's WebGPU backend cannot do in Node (and which stalls the GPU in a browser).
 */
export function freshCopy(t: tf.Tensor, shape: readonly number[] = t.shape): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.reshape(t, [...shape]), tf.scalar(1, t.dtype)));
}

/** Sets fresh copies of `values` (see {@link freshCopy}) as `layer`'s weights on its first build and disposes `values`. */
export function withBakedWeights<L extends tf.layers.Layer>(layer: L, values: tf.Tensor[]): L {
  const kept = values.map((v) => tf.keep(freshCopy(v)));
  tf.dispose(values);
  const build = layer.build.bind(layer);
  layer.build = (inputShape) => {
    build(inputShape);
    layer.built = true;
    layer.setWeights(kept);
    tf.dispose(kept);
  };
  return layer;
}

/**
 * A fixed linear map on the channel axis, for the `export()` of modules that `tf.layers` has no layer for: a
 * bias-free `tf.layers.dense` computing `y_o = act(Σ_i x_i · kernel[i][o])` on the last axis of an input of any
 * rank (no `inputDim`, which would pin the input to rank 2), its kernel baked in.
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
