/**
 * Channel-wise adaptive average pooling to a fixed output size.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { SteerableError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { adaptiveWindows, readAdaptivePool, type Size2 } from './geometry.js';

/**
 * PyTorch's adaptive windows along one axis as a row-stochastic `[out, n]` matrix: output `i` averages the
 * inputs `⌊i·n/out⌋ … ⌈(i+1)·n/out⌉ − 1`.
 */
function adaptiveAverageMatrix(n: number, out: number): Float32Array {
  const m = new Float32Array(out * n);
  adaptiveWindows(n, out).forEach(([start, end], i) => {
    for (let j = start; j < end; j++) m[i * n + j] = 1 / (end - start);
  });
  return m;
}

/**
 * Adaptive average pooling of every channel independently to an `outputSize` grid (escnn's
 * `PointwiseAdaptiveAvgPool2D`, PyTorch's `AdaptiveAvgPool2d`): output `(i, j)` averages the input window
 * `[⌊iH/h'⌋, ⌈(i+1)H/h'⌉) × [⌊jW/w'⌋, ⌈(j+1)W/w'⌉)`. Those windows are mirror-symmetric (window `h' − 1 − i`
 * is the mirror image of window `i`), so on a square grid the module is exactly equivariant under the
 * rotations by 90° and the axis flips for every output size; `outputSize: 1` (global average pooling)
 * makes the fields spatially invariant. As in escnn, every field must support 'pointwise'
 * nonlinearities.
 *
 * Computed as two matrix products with the averaging matrices (differentiable on every backend).
 *
 * @see escnn's `escnn.nn.PointwiseAdaptiveAvgPool2D`
 */
export class PointwiseAdaptiveAvgPool2D extends EquivariantModule {
  /** The output grid `[height, width]`. */
  readonly outputSize: readonly [number, number];

  /**
   * @param inType - the input (and output) field type, on a 2D base space.
   * @param outputSize - the output grid, one number or `[height, width]`.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities, or for an invalid
   *   size.
   */
  constructor(inType: FieldType, outputSize: Size2) {
    const args = readAdaptivePool('PointwiseAdaptiveAvgPool2D', inType, outputSize);
    super(args.type, args.type);
    this.outputSize = args.outputSize;
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const [b, h, w, c] = x.tensor.shape as [number, number, number, number];
    const [oh, ow] = this.outputSize;
    const ah = tf.tensor2d(adaptiveAverageMatrix(h, oh), [oh, h]);
    const aw = tf.tensor2d(adaptiveAverageMatrix(w, ow), [ow, w]);
    // rows: [H, b·W·C] → [oh, b, W, C]; then columns: [W, b·oh·C] → [ow, b, oh, C]
    const rows = tf.matMul(ah, tf.reshape(tf.transpose(x.tensor, [1, 0, 2, 3]), [h, b * w * c]));
    const byCol = tf.reshape(tf.transpose(tf.reshape(rows, [oh, b, w, c]), [2, 1, 0, 3]), [w, b * oh * c]);
    const cols = tf.reshape(tf.matMul(aw, byCol), [ow, b, oh, c]);
    return this.outType.wrap(tf.transpose(cols, [1, 2, 0, 3]));
  }

  /** `[b, h', w', C]`. */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    return [inputShape[0]!, ...this.outputSize, this.outType.size];
  }

  /**
   * For `outputSize` 1: `tf.layers.globalAveragePooling2d` and a reshape to `[1, 1, C]` (escnn exports
   * `torch.nn.AdaptiveAvgPool2d`).
   * @throws SteerableError for other output sizes: TF.js has no adaptive pooling layer.
   */
  override exportLayers(): tf.layers.Layer[] {
    if (this.outputSize[0] !== 1 || this.outputSize[1] !== 1) {
      throw new SteerableError(
        'PointwiseAdaptiveAvgPool2D.export',
        `only outputSize 1 can be exported (TF.js has no adaptive pooling layer), got [${this.outputSize.join(', ')}]`,
      );
    }
    return [
      tf.layers.globalAveragePooling2d({ dataFormat: 'channelsLast' }),
      tf.layers.reshape({ targetShape: [1, 1, this.inType.size] }),
    ];
  }
}
