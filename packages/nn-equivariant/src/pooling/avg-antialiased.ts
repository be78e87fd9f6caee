/**
 * Anti-aliased channel-wise average pooling: a Gaussian blur, then subsampling.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType, readNumber } from '../internal/validation.js';
import { conv2dWithGrad } from '../ops/conv2d.js';
import { readPair, type Size2 } from './geometry.js';

/** Options of {@link PointwiseAvgPoolAntialiased2D}. */
export interface PointwiseAvgPoolAntialiased2DOptions {
  /**
   * Zero padding on both sides, one number or `[height, width]`.
   * @defaultValue `(filterSize − 1) / 2`, which keeps the size when `stride` is 1
   */
  readonly padding?: Size2;
}

/** Python's `round`: halves go to the even neighbour (escnn sizes the filter with it). */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * escnn's blur filter, `fs × fs` with `fs = 2·round(reach·σ) + 1`: `exp(−|u − c|² / 2σ²)` normalized to sum
 * 1, `c = (fs − 1)/2` the centre (float64, row-major). escnn's anti-aliased average pooling reaches 3σ, its
 * anti-aliased max pooling 4σ.
 */
export function gaussianFilter(sigma: number, reach = 3): { size: number; values: Float64Array } {
  const size = 2 * roundHalfEven(reach * sigma) + 1;
  const mean = (size - 1) / 2;
  const values = new Float64Array(size * size);
  let total = 0;
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      const v = Math.exp(-((i - mean) ** 2 + (j - mean) ** 2) / (2 * sigma * sigma));
      values[i * size + j] = v;
      total += v;
    }
  for (let k = 0; k < values.length; k++) values[k] = values[k]! / total;
  return { size, values };
}

/**
 * Anti-aliased average pooling (escnn's `PointwiseAvgPoolAntialiased2D`, after Zhang 2019, "Making
 * Convolutional Networks Shift-Invariant Again"): every channel is convolved with a normalized Gaussian of
 * standard deviation `sigma` (size `2·round(3σ) + 1`) with stride `stride`. Linear and the same on every
 * channel, so every field type is accepted. The Gaussian is isotropic: on the pixel grid's exact elements
 * the module is equivariant when the subsampled grid is symmetric (`(H + 2p − fs)` divisible by `s`), and
 * for other rotations it is equivariant up to the interpolation error of smooth inputs.
 *
 * The blur runs as one `[fs, fs, 1, 1]` convolution over the channels folded into the batch, with a
 * gradient written as forward convolutions (TF.js's WASM backend has no depthwise-convolution gradient).
 *
 * @see escnn's `escnn.nn.PointwiseAvgPoolAntialiased2D`
 */
export class PointwiseAvgPoolAntialiased2D extends EquivariantModule {
  /** The Gaussian's standard deviation in pixels. */
  readonly sigma: number;
  /** Filter size `[fs, fs]`. */
  readonly kernelSize: readonly [number, number];
  /** Stride `[height, width]`. */
  readonly stride: readonly [number, number];
  /** Padding `[height, width]` on both sides. */
  readonly padding: readonly [number, number];
  /** The normalized Gaussian filter, `[fs, fs, 1, 1]` (a buffer, escnn's `filter`). */
  readonly filter: tf.Variable;

  /**
   * @param inType - the input (and output) field type, on a 2D base space.
   * @param sigma - standard deviation of the blur, > 0.
   * @param stride - subsampling step, one number or `[height, width]`.
   * @throws InvalidArgumentError for a non-positive `sigma` or invalid sizes.
   */
  constructor(
    inType: FieldType,
    sigma: number,
    stride: Size2,
    options: PointwiseAvgPoolAntialiased2DOptions = {},
  ) {
    const fn = 'PointwiseAvgPoolAntialiased2D';
    const type = checkFieldType(fn, inType, 2);
    if (sigma === undefined) throw new InvalidArgumentError(fn, 'sigma', sigma, 'must be a number > 0');
    const s = readNumber(fn, 'sigma', sigma, 1, { min: 0, exclusiveMin: true });
    const strides = readPair(fn, 'stride', stride, 1);
    const { size, values } = gaussianFilter(s);
    const padding = readPair(fn, 'padding', options.padding ?? (size - 1) / 2, 0);
    super(type, type);
    this.sigma = s;
    this.kernelSize = Object.freeze([size, size] as [number, number]);
    this.stride = Object.freeze(strides);
    this.padding = Object.freeze(padding);
    this.filter = tf.tidy(() =>
      this.registerBuffer('filter', tf.tensor4d(Float32Array.from(values), [size, size, 1, 1])),
    );
  }

  #outSize(fn: string, h: number, w: number): [number, number] {
    const out = [h, w].map(
      (n, i) => Math.floor((n + 2 * this.padding[i]! - this.kernelSize[i]!) / this.stride[i]!) + 1,
    );
    if (out.some((o) => o < 1)) {
      throw new InvalidArgumentError(
        fn,
        'x',
        `spatial size ${h}×${w}`,
        `is too small for a ${this.kernelSize[0]}×${this.kernelSize[1]} blur`,
      );
    }
    return out as [number, number];
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const [b, h, w, c] = x.tensor.shape as [number, number, number, number];
    const [ho, wo] = this.#outSize(`${this.constructor.name}.forward`, h, w);
    const folded = tf.reshape(tf.transpose(x.tensor, [0, 3, 1, 2]), [b * c, h, w, 1]) as tf.Tensor4D;
    const [ph, pw] = this.padding;
    const blurred = conv2dWithGrad(folded, this.filter as tf.Tensor4D, {
      strides: [...this.stride],
      padding: [
        [ph, ph],
        [pw, pw],
      ],
    });
    return this.outType.wrap(tf.transpose(tf.reshape(blurred, [b, c, ho, wo]), [0, 2, 3, 1]));
  }

  /** `[b, H', W', C]` with `H' = ⌊(H + 2p − fs)/s⌋ + 1`. */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    const [b, h, w] = inputShape as [number, number, number];
    return [b, ...this.#outSize(`${this.constructor.name}.evaluateOutputShape`, h, w), this.outType.size];
  }
}
