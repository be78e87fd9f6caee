/**
 * Anti-aliased channel-wise max pooling: a dense max, a Gaussian blur, then subsampling (escnn's
 * `PointwiseMaxPoolAntialiased2D`).
 */
import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType, checkSupport, readNumber } from '../internal/validation.js';
import { conv2dWithGrad } from '../ops/conv2d.js';
import { gaussianFilter } from './avg-antialiased.js';
import { readPoolParams, type Size2 } from './geometry.js';

/** Options of {@link PointwiseMaxPoolAntialiased2D} (PyTorch's `MaxPool2d` arguments, and the blur's). */
export interface PointwiseMaxPoolAntialiased2DOptions {
  /** Step of the subsampling, one number or `[height, width]`. @defaultValue the kernel size */
  readonly stride?: Size2;
  /** Implicit padding on both sides (at most half the kernel). @defaultValue 0 */
  readonly padding?: Size2;
  /** Only 1 is supported, as in escnn. @defaultValue 1 */
  readonly dilation?: Size2;
  /** PyTorch's `ceil_mode` (no effect: the max runs with stride 1). @defaultValue false */
  readonly ceilMode?: boolean;
  /** Standard deviation of the Gaussian blur, in pixels. @defaultValue 0.6 */
  readonly sigma?: number;
}

/**
 * escnn's blur of the anti-aliased max pooling: `fs × fs` with `fs = 2·round(4σ) + 1`, values
 * `exp(−|u − c|²/2σ²)` normalized to sum 1, `c = (fs − 1)/2` (float64, row-major).
 */
export function maxPoolBlurFilter(sigma: number): { size: number; values: Float64Array } {
  return gaussianFilter(sigma, 4);
}

/**
 * Anti-aliased max pooling of every channel (escnn's `PointwiseMaxPoolAntialiased2D`, after Zhang 2019,
 * "Making Convolutional Networks Shift-Invariant Again"): the max over `kernelSize` windows is taken densely
 * (stride 1, `−∞` padding), then every channel is convolved with a normalized Gaussian of standard deviation
 * `sigma` (size `2·round(4σ) + 1`, zero padding `padding + (fs − 1)/2`) with stride `stride`.
 * Channel-wise, so it commutes with `ρ(g)` when `ρ(g)` permutes channels: every field must support
 * 'pointwise' nonlinearities. On the grid's exact elements (90° rotations, axis flips) it is equivariant when
 * the subsampled grid is symmetric, i.e. `H + 4p − k` divisible by the stride on a square grid (the blur's
 * taps are centred on dense pixels `s·i − p`); the isotropic blur makes it nearly equivariant to other
 * rotations on smooth inputs.
 *
 * The blur runs as one `[fs, fs, 1, 1]` convolution with the channels folded into the batch (its gradient
 * exists on WASM, where TF.js's depthwise convolution has none).
 * @see escnn's `escnn.nn.PointwiseMaxPoolAntialiased2D`
 */
export class PointwiseMaxPoolAntialiased2D extends EquivariantModule {
  /** Window size `[height, width]` of the max. */
  readonly kernelSize: readonly [number, number];
  /** Stride `[height, width]` of the subsampling. */
  readonly stride: readonly [number, number];
  /** Padding `[height, width]` of the max. */
  readonly padding: readonly [number, number];
  /** PyTorch's `ceil_mode`, kept for escnn's signature (no effect at stride 1). */
  readonly ceilMode: boolean;
  /** The blur's standard deviation. */
  readonly sigma: number;
  /** The normalized Gaussian, `[fs, fs, 1, 1]` (escnn's buffer `filter`, per channel there). */
  readonly filter: tf.Variable;

  /**
   * @param inType - the input (and output) field type, on a 2D base space.
   * @param kernelSize - the window of the max, one number or `[height, width]`.
   * @param options - see {@link PointwiseMaxPoolAntialiased2DOptions}.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities, a dilation other than
   *   1, a non-positive `sigma`, or invalid sizes.
   */
  constructor(inType: FieldType, kernelSize: Size2, options: PointwiseMaxPoolAntialiased2DOptions = {}) {
    const fn = 'PointwiseMaxPoolAntialiased2D';
    const type = checkFieldType(fn, inType, 2);
    checkSupport(fn, type, 'pointwise');
    const params = readPoolParams(fn, kernelSize, options);
    if (params.dilation.some((d) => d !== 1)) {
      throw new InvalidArgumentError(fn, 'options.dilation', options.dilation, 'must be 1 (as in escnn)');
    }
    const sigma = readNumber(fn, 'options.sigma', options.sigma, 0.6, { min: 0, exclusiveMin: true });
    super(type, type);
    this.kernelSize = Object.freeze([...params.kernelSize] as [number, number]);
    this.stride = Object.freeze([...params.stride] as [number, number]);
    this.padding = Object.freeze([...params.padding] as [number, number]);
    this.ceilMode = params.ceilMode;
    this.sigma = sigma;
    const { size, values } = maxPoolBlurFilter(sigma);
    this.filter = this.registerBuffer('filter', tf.tensor4d(Float32Array.from(values), [size, size, 1, 1]));
  }

  /** The blur's size `fs`. */
  get filterSize(): number {
    return this.filter.shape[0]!;
  }

  #outSize(fn: string, h: number, w: number): [number, number] {
    const fs = this.filterSize;
    const out = [h, w].map((n, i) => {
      const dense = n + 2 * this.padding[i]! - this.kernelSize[i]! + 1;
      const pad = this.padding[i]! + (fs - 1) / 2;
      return dense < 1 ? 0 : Math.floor((dense + 2 * pad - fs) / this.stride[i]!) + 1;
    });
    if (out.some((o) => o < 1)) {
      throw new InvalidArgumentError(
        fn,
        'x',
        `spatial size ${h}×${w}`,
        `is too small for a ${this.kernelSize[0]}×${this.kernelSize[1]} pooling window`,
      );
    }
    return out as [number, number];
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const t = x.tensor as tf.Tensor4D;
    const [b, h, w, c] = t.shape;
    const [ho, wo] = this.#outSize(`${this.constructor.name}.forward`, h, w);
    const [ph, pw] = this.padding;
    // dense max: −∞ padding never wins (a window always holds an input pixel, padding ≤ kernel/2)
    const padded =
      ph === 0 && pw === 0
        ? t
        : tf.pad(
            t,
            [
              [0, 0],
              [ph, ph],
              [pw, pw],
              [0, 0],
            ],
            Number.NEGATIVE_INFINITY,
          );
    const dense = tf.maxPool(padded, [...this.kernelSize], 1, 'valid');
    const [hd, wd] = [dense.shape[1], dense.shape[2]];
    const folded = tf.reshape(tf.transpose(dense, [0, 3, 1, 2]), [b * c, hd, wd, 1]) as tf.Tensor4D;
    const q = (this.filterSize - 1) / 2;
    const blurred = conv2dWithGrad(folded, this.filter as tf.Tensor4D, {
      strides: [...this.stride],
      padding: [
        [ph + q, ph + q],
        [pw + q, pw + q],
      ],
    });
    return this.outType.wrap(tf.transpose(tf.reshape(blurred, [b, c, ho, wo]), [0, 2, 3, 1]));
  }

  /** `[b, H', W', C]`, `H' = ⌊(H + 2p − k + 1 + 2(p + (fs−1)/2) − fs)/s⌋ + 1`. */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    const [b, h, w] = inputShape as [number, number, number];
    return [b, ...this.#outSize(`${this.constructor.name}.evaluateOutputShape`, h, w), this.outType.size];
  }
}
