/**
 * Hands baked weights to a TF.js layer for `export()`. Passing them as the layer's `weights` config would
 * keep the tensors referenced by the layer forever (`initialWeights` is never cleared), so they leak
 * when the model is disposed; here they are assigned when the layer is built and then released.
 */

import * as tf from '@tensorflow/tfjs';

/**
 * Sets copies of `values` as `layer`'s weights on its first build and disposes `values`. Copies, not
 * reshaped views: the WASM backend checks the shape a buffer was created with (a fused conv2d rejects a
 * bias whose buffer came from a reshaped `[1, out]` matmul).
 */
export function withBakedWeights<L extends tf.layers.Layer>(layer: L, values: tf.Tensor[]): L {
  const kept = values.map((v) => tf.keep(tf.tensor(v.dataSync(), v.shape, v.dtype)));
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
