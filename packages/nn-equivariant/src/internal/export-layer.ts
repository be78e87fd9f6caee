/**
 * Hands baked weights to a TF.js layer for `export()`. Passing them as the layer's `weights` config would
 * keep the tensors referenced by the layer forever (`initialWeights` is never cleared), so they leak
 * when the model is disposed; here they are assigned when the layer is built and then released.
 */

import * as tf from '@tensorflow/tfjs';

/** Sets `values` as `layer`'s weights on its first build (the layer takes them over). */
export function withBakedWeights<L extends tf.layers.Layer>(layer: L, values: tf.Tensor[]): L {
  const kept = values.map((v) => tf.keep(v));
  const build = layer.build.bind(layer);
  layer.build = (inputShape) => {
    build(inputShape);
    layer.built = true;
    layer.setWeights(kept);
    tf.dispose(kept);
  };
  return layer;
}
