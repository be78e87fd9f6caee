/**
 * Channel-wise max pooling.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { SteerableError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { checkFieldType, checkSupport } from '../internal/validation.js';
import { padForWindows, readPoolParams, type Size2, windowTap } from './geometry.js';
import { WindowPool2D, type WindowPoolOptions } from './window-pool.js';

/** Options of {@link PointwiseMaxPool2D}. */
export type PointwiseMaxPool2DOptions = WindowPoolOptions;

/**
 * Max pooling of every channel independently (escnn's `PointwiseMaxPool2D`, PyTorch's `MaxPool2d` on
 * channels-last tensors): `y[i, j, c] = max_{a,b} x[i·s + a·d − p, j·s + b·d − p, c]`, the padding never
 * winning. Equivariant for fields whose `ρ(g)` permute channels (every field must support 'pointwise'
 * nonlinearities), on the grid elements that map windows onto windows (see {@link WindowPool2D}).
 *
 * @example
 * ```ts
 * const pool = new PointwiseMaxPool2D(type, 2); // 2×2 windows, stride 2
 * const y = pool.forward(x); // [b, H/2, W/2, C]
 * ```
 * @see escnn's `escnn.nn.PointwiseMaxPool2D`
 */
export class PointwiseMaxPool2D extends WindowPool2D {
  /**
   * @param inType - the input (and output) field type, on a 2D base space.
   * @param kernelSize - the window, one number or `[height, width]`.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities, or for invalid
   *   sizes (padding more than half the kernel).
   */
  constructor(inType: FieldType, kernelSize: Size2, options: PointwiseMaxPool2DOptions = {}) {
    const fn = 'PointwiseMaxPool2D';
    const type = checkFieldType(fn, inType, 2);
    checkSupport(fn, type, 'pointwise');
    super(type, type, readPoolParams(fn, kernelSize, options));
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const t = x.tensor as tf.Tensor4D;
    const g = this.geometry(`${this.constructor.name}.forward`, [t.shape[1], t.shape[2]]);
    const [gh, gw] = g;
    // −∞ padding: a padded tap never wins (a window always holds an input pixel, padding ≤ kernel/2)
    const padded = padForWindows(t, g, Number.NEGATIVE_INFINITY);
    let y: tf.Tensor4D;
    if (gh.dilation === 1 && gw.dilation === 1) {
      const pooled = tf.maxPool(padded, [gh.kernel, gw.kernel], [gh.stride, gw.stride], 'valid');
      y = tf.slice(pooled, [0, 0, 0, 0], [-1, gh.outSize, gw.outSize, -1]);
    } else {
      // dilated windows: the maximum over the taps, each a strided view of the padded input
      y = windowTap(padded, g, 0, 0);
      for (let a = 0; a < gh.kernel; a++)
        for (let b = 0; b < gw.kernel; b++) if (a > 0 || b > 0) y = tf.maximum(y, windowTap(padded, g, a, b));
    }
    return this.outType.wrap(y);
  }

  /**
   * `tf.layers.maxPooling2d` with `'valid'` padding (escnn exports `torch.nn.MaxPool2d`).
   * @throws SteerableError with padding, dilation or `ceilMode`, which that layer cannot express (its
   *   `'same'` padding differs from PyTorch's).
   */
  override exportLayers(): tf.layers.Layer[] {
    if (this.padding.some((p) => p !== 0) || this.dilation.some((d) => d !== 1) || this.ceilMode) {
      throw new SteerableError(
        'PointwiseMaxPool2D.export',
        'only padding 0, dilation 1 and ceilMode false can be exported to tf.layers.maxPooling2d',
      );
    }
    return [
      tf.layers.maxPooling2d({
        poolSize: [...this.kernelSize],
        strides: [...this.stride],
        padding: 'valid',
      }),
    ];
  }
}
