/**
 * Channel-wise average pooling.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { checkFieldType } from '../internal/validation.js';
import { type PoolAxis, padForWindows, readPoolParams, type Size2 } from './geometry.js';
import { WindowPool2D } from './window-pool.js';

/** Options of {@link PointwiseAvgPool2D} (PyTorch's `AvgPool2d` arguments after `kernel_size`). */
export interface PointwiseAvgPool2DOptions {
  /** Step between windows. @defaultValue the kernel size */
  readonly stride?: Size2;
  /** Implicit zero padding on both sides, counted in the average (at most half the kernel). @defaultValue 0 */
  readonly padding?: Size2;
  /** Round the output size up instead of down. @defaultValue false */
  readonly ceilMode?: boolean;
}

/**
 * For each output index along an axis, PyTorch's divisor: the window length clipped to the padded input
 * (`count_include_pad`: padding counts, the ceil-mode overflow beyond it does not).
 */
function divisors(a: PoolAxis): number[] {
  return Array.from({ length: a.outSize }, (_, i) => {
    const start = i * a.stride - a.padding;
    return Math.min(start + a.kernel, a.inSize + a.padding) - start;
  });
}

/**
 * Average pooling of every channel independently (escnn's `PointwiseAvgPool2D`, PyTorch's `AvgPool2d`
 * with `count_include_pad`): `y[i, j, c] = (1/|w|) Σ_{(u,v) ∈ w_ij} x[u, v, c]`, zero padding included.
 * Linear and the same on every channel, hence it commutes with any `ρ(g)`: every field type is accepted,
 * as in escnn. Spatial equivariance holds on the elements that map windows onto windows
 * (see {@link WindowPool2D}).
 *
 * @see escnn's `escnn.nn.PointwiseAvgPool2D`
 */
export class PointwiseAvgPool2D extends WindowPool2D {
  /**
   * @param inType - the input (and output) field type, on a 2D base space.
   * @param kernelSize - the window, one number or `[height, width]`.
   * @throws InvalidArgumentError for invalid sizes (padding more than half the kernel).
   */
  constructor(inType: FieldType, kernelSize: Size2, options: PointwiseAvgPool2DOptions = {}) {
    const fn = 'PointwiseAvgPool2D';
    const type = checkFieldType(fn, inType, 2);
    const { stride, padding, ceilMode } = options;
    super(type, type, readPoolParams(fn, kernelSize, { stride, padding, ceilMode }));
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const t = x.tensor as tf.Tensor4D;
    const g = this.geometry(`${this.constructor.name}.forward`, [t.shape[1], t.shape[2]]);
    const [gh, gw] = g;
    const padded = padForWindows(t, g, 0);
    const pooled = tf.avgPool(padded, [gh.kernel, gw.kernel], [gh.stride, gw.stride], 'valid');
    let y = tf.slice(pooled, [0, 0, 0, 0], [-1, gh.outSize, gw.outSize, -1]);
    // tf.avgPool divided every window by k_h·k_w; rescale the ceil-mode windows that PyTorch clips
    const dh = divisors(gh);
    const dw = divisors(gw);
    if (dh.some((d) => d !== gh.kernel) || dw.some((d) => d !== gw.kernel)) {
      const scale = new Float32Array(gh.outSize * gw.outSize);
      for (let i = 0; i < gh.outSize; i++)
        for (let j = 0; j < gw.outSize; j++)
          scale[i * gw.outSize + j] = (gh.kernel * gw.kernel) / (dh[i]! * dw[j]!);
      y = tf.mul(y, tf.tensor4d(scale, [1, gh.outSize, gw.outSize, 1]));
    }
    return this.outType.wrap(y);
  }
}
