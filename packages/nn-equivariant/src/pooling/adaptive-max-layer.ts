/**
 * Adaptive max pooling as a function and as the serializable TF.js layer `PointwiseAdaptiveMaxPool2D.export()`
 * returns.
 */
import * as tf from '@tensorflow/tfjs';
import { adaptiveWindows } from './geometry.js';

/**
 * PyTorch's `adaptive_max_pool2d` on `x: [b, H, W, c]`: windows are rectangles, so the max is taken over rows,
 * then over columns (slices and reductions, whose gradients exist on every backend).
 */
export function adaptiveMaxPool2d(x: tf.Tensor, outputSize: readonly [number, number]): tf.Tensor {
  let y = x;
  for (const axis of [1, 2] as const) {
    const windows = adaptiveWindows(y.shape[axis]!, outputSize[axis - 1]!);
    const parts = windows.map(([s, e]) => {
      const begin = [0, 0, 0, 0];
      const size = [-1, -1, -1, -1];
      begin[axis] = s;
      size[axis] = e - s;
      return tf.max(tf.slice(y, begin, size), axis, true);
    });
    y = parts.length === 1 ? parts[0]! : tf.concat(parts, axis);
  }
  return y;
}

/**
 * A TF.js layer computing PyTorch's `AdaptiveMaxPool2d` (which escnn's `PointwiseAdaptiveMaxPool2D.export()`
 * returns; TF.js has no adaptive pooling layer) on channels-last images. Registered for serialization as
 * `SteerableAdaptiveMaxPool2D`: a saved model loads where this class has been imported.
 */
export class AdaptiveMaxPool2DLayer extends tf.layers.Layer {
  /** The serialization name. */
  static className = 'SteerableAdaptiveMaxPool2D';
  /** The output grid `[height, width]`. */
  readonly outputSize: readonly [number, number];

  /** @param config - the output grid and TF.js's layer arguments (`name`, …). */
  constructor(
    config: { readonly outputSize: readonly [number, number] } & ConstructorParameters<
      typeof tf.layers.Layer
    >[0],
  ) {
    super(config);
    this.outputSize = Object.freeze([config.outputSize[0], config.outputSize[1]] as [number, number]);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [s[0] ?? null, ...this.outputSize, s[3] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => adaptiveMaxPool2d(Array.isArray(inputs) ? inputs[0]! : inputs, this.outputSize));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), outputSize: [...this.outputSize] };
  }
}
tf.serialization.registerClass(AdaptiveMaxPool2DLayer);
