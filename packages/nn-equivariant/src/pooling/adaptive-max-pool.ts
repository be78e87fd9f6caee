/**
 * Adaptive channel-wise max pooling to a fixed output size (escnn's `PointwiseAdaptiveMaxPool2D`).
 */
import type { FieldType, GeometricTensor } from '@steerable/field-types';
import type * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { AdaptiveMaxPool2DLayer, adaptiveMaxPool2d } from './adaptive-max-layer.js';
import { readAdaptivePool, type Size2 } from './geometry.js';

/**
 * Max pooling of every channel over PyTorch's adaptive windows, giving an `outputSize` grid whatever the input
 * size (escnn's `PointwiseAdaptiveMaxPool2D`, PyTorch's `AdaptiveMaxPool2d`): output `(i, j)` is the max over
 * rows `[⌊iH/o_h⌋, ⌈(i+1)H/o_h⌉)` and columns likewise. Channel-wise, so every field must support
 * 'pointwise' nonlinearities (`ρ(g)` permuting channels). The windows are symmetric under reversing an axis,
 * so with a square output on a square grid the module is exactly equivariant to rotations by multiples of 90°
 * and the axis flips.
 *
 * Windows are rectangles, so the max is taken over rows, then over columns (slices and reductions, whose
 * gradients exist on every backend). `export()` gives an {@link AdaptiveMaxPool2DLayer}.
 * @see escnn's `escnn.nn.PointwiseAdaptiveMaxPool2D`
 */
export class PointwiseAdaptiveMaxPool2D extends EquivariantModule {
  /** The output grid `[height, width]`. */
  readonly outputSize: readonly [number, number];

  /**
   * @param inType - the input (and output) field type, on a 2D base space.
   * @param outputSize - the output grid, one number or `[height, width]`.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities, or for a non-positive
   *   size.
   */
  constructor(inType: FieldType, outputSize: Size2) {
    const args = readAdaptivePool('PointwiseAdaptiveMaxPool2D', inType, outputSize);
    super(args.type, args.type);
    this.outputSize = args.outputSize;
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    return this.outType.wrap(adaptiveMaxPool2d(x.tensor, this.outputSize));
  }

  /** `[b, o_h, o_w, C]`. */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    return [inputShape[0]!, ...this.outputSize, this.outType.size];
  }

  /** An {@link AdaptiveMaxPool2DLayer} (escnn exports `torch.nn.AdaptiveMaxPool2d`). */
  override exportLayers(): tf.layers.Layer[] {
    return [new AdaptiveMaxPool2DLayer({ outputSize: this.outputSize })];
  }
}
