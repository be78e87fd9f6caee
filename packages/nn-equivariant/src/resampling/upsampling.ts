/**
 * Upsampling a planar feature map by interpolation (escnn's `R2Upsampling`).
 */
import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType, readChoice, readFlag } from '../internal/validation.js';
import { type Resize2DConfig, Resize2DLayer, resize2d, resizedSize } from './resize-layer.js';

/** Options of {@link R2Upsampling}; exactly one of `scaleFactor` and `size` must be given. */
export interface R2UpsamplingOptions {
  /**
   * Multiplier of the spatial size, the same on both axes (preferred: it scales both axes uniformly, which
   * rotations need). The output is `⌊H·s⌋ × ⌊W·s⌋`.
   */
  readonly scaleFactor?: number;
  /** The output size, one number or `[height, width]` (a non-uniform scaling breaks rotation equivariance). */
  readonly size?: number | readonly [number, number];
  /**
   * `'bilinear'` or `'nearest'` (PyTorch's legacy nearest: source pixel `⌊i · H/H'⌋`, equivariant only for
   * integer factors).
   * @defaultValue 'bilinear'
   */
  readonly mode?: 'bilinear' | 'nearest';
  /**
   * Align the corner pixels of input and output (PyTorch's `align_corners`; bilinear only): source coordinate
   * `i·(H − 1)/(H' − 1)` instead of the half-pixel `(i + ½)·H/H' − ½`.
   * @defaultValue false
   */
  readonly alignCorners?: boolean;
}

/**
 * Upsamples every channel by interpolation (escnn's `R2Upsampling`, a wrapper of PyTorch's `interpolate`):
 * `tf.image.resizeBilinear` with half-pixel centres (PyTorch's `align_corners=False`) or corner alignment, or
 * `tf.image.resizeNearestNeighbor`. Interpolation acts on each channel alike, so it commutes with `ρ(g)`.
 *
 * Equivariance: bilinear interpolation on the pixel grid with a scale factor is symmetric under reversing an
 * axis, so the module is exactly equivariant to rotations by multiples of 90° and the axis flips (and so is
 * nearest with an integer factor). Other rotations commute with resampling only approximately: the error is
 * the difference between two interpolations of the signal, small on smooth (band-limited) inputs and large on
 * noise; escnn checks them on a smoothed photograph with 10% tolerances.
 *
 * The coordinates follow PyTorch when `size` is given or `H·s` is an integer; for a fractional product PyTorch
 * maps with `1/s` and TF.js with `H/H'`.
 * @see escnn's `escnn.nn.R2Upsampling`
 */
export class R2Upsampling extends EquivariantModule {
  /** The scale factor, or undefined when `size` is given. */
  readonly scaleFactor: number | undefined;
  /** The output size `[height, width]`, or undefined when `scaleFactor` is given. */
  readonly size: readonly [number, number] | undefined;
  /** The interpolation. */
  readonly mode: 'bilinear' | 'nearest';
  /** PyTorch's `align_corners` (always false with `'nearest'`, where escnn ignores it). */
  readonly alignCorners: boolean;

  /**
   * @param inType - the input (and output) field type, on a 2D base space.
   * @param options - see {@link R2UpsamplingOptions}.
   * @throws InvalidArgumentError for both or none of `scaleFactor` and `size`, a non-positive factor or size,
   *   or an unknown mode.
   */
  constructor(inType: FieldType, options: R2UpsamplingOptions = {}) {
    const fn = 'R2Upsampling';
    const type = checkFieldType(fn, inType, 2);
    const { scaleFactor, size } = options;
    if ((scaleFactor === undefined) === (size === undefined)) {
      throw new InvalidArgumentError(
        fn,
        'options',
        `scaleFactor=${scaleFactor}, size=${size}`,
        'must set exactly one of scaleFactor and size',
      );
    }
    if (
      scaleFactor !== undefined &&
      !(typeof scaleFactor === 'number' && Number.isFinite(scaleFactor) && scaleFactor > 0)
    ) {
      throw new InvalidArgumentError(fn, 'options.scaleFactor', scaleFactor, 'must be a finite number > 0');
    }
    let pair: [number, number] | undefined;
    if (size !== undefined) {
      const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
      if (ok(size)) pair = [size, size];
      else if (Array.isArray(size) && size.length === 2 && ok(size[0]) && ok(size[1]))
        pair = [size[0], size[1]];
      else
        throw new InvalidArgumentError(
          fn,
          'options.size',
          size,
          'must be a positive integer or a pair of them',
        );
    }
    const mode = readChoice(fn, 'options.mode', options.mode, 'bilinear', ['bilinear', 'nearest'] as const);
    const alignCorners = readFlag(fn, 'options.alignCorners', options.alignCorners, false);
    super(type, type);
    this.scaleFactor = scaleFactor;
    this.size = pair === undefined ? undefined : Object.freeze(pair);
    this.mode = mode;
    this.alignCorners = mode === 'bilinear' && alignCorners;
  }

  /** The resizing, as the exported layer's configuration. */
  get resizeConfig(): Resize2DConfig {
    return {
      scaleFactor: this.scaleFactor ?? null,
      size: this.size ?? null,
      mode: this.mode,
      alignCorners: this.alignCorners,
    };
  }

  #outSize(fn: string, h: number, w: number): [number, number] {
    const out = resizedSize(this.resizeConfig, h, w);
    if (out[0] < 1 || out[1] < 1) {
      throw new InvalidArgumentError(
        fn,
        'x',
        `spatial size ${h}×${w}`,
        'must give an output of at least 1×1',
      );
    }
    return out;
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const t = x.tensor as tf.Tensor4D;
    this.#outSize(`${this.constructor.name}.forward`, t.shape[1], t.shape[2]);
    return this.outType.wrap(resize2d(t, this.resizeConfig));
  }

  /** `[b, H', W', C]`: `⌊H·s⌋ × ⌊W·s⌋`, or `size`. */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    const [b, h, w] = inputShape as [number, number, number];
    return [b, ...this.#outSize(`${this.constructor.name}.evaluateOutputShape`, h, w), this.outType.size];
  }

  /**
   * `tf.layers.upSampling2d` for nearest upsampling by an integer factor (the same computation), else a
   * {@link Resize2DLayer} (escnn exports `torch.nn.Upsample`; TF.js's `upSampling2d` has neither half-pixel
   * centres nor aligned corners).
   */
  override exportLayers(): tf.layers.Layer[] {
    const s = this.scaleFactor;
    if (this.mode === 'nearest' && s !== undefined && Number.isInteger(s)) {
      return [tf.layers.upSampling2d({ size: [s, s], interpolation: 'nearest' })];
    }
    return [new Resize2DLayer(this.resizeConfig)];
  }

  /** `R2Upsampling(inType, scaleFactor=…, mode=…)`. */
  override toString(): string {
    const what =
      this.size === undefined ? `scaleFactor=${this.scaleFactor}` : `size=[${this.size.join(', ')}]`;
    return `R2Upsampling(${this.inType}, ${what}, mode=${this.mode}, alignCorners=${this.alignCorners})`;
  }
}
