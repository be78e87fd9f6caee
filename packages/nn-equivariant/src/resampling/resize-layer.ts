/**
 * The TF.js layer that `R2Upsampling.export()` returns: PyTorch's `interpolate` as a serializable layer.
 */
import * as tf from '@tensorflow/tfjs';

/** How {@link Resize2DLayer} resizes: a scale factor or a fixed size, the interpolation and the corners. */
export interface Resize2DConfig {
  /** Multiplier of both spatial sizes (`⌊H·s⌋ × ⌊W·s⌋`), or null when `size` is given. */
  readonly scaleFactor: number | null;
  /** The output size `[height, width]`, or null when `scaleFactor` is given. */
  readonly size: readonly [number, number] | null;
  /** `'bilinear'` (PyTorch's) or `'nearest'` (PyTorch's legacy nearest). */
  readonly mode: 'bilinear' | 'nearest';
  /** PyTorch's `align_corners` (bilinear only). */
  readonly alignCorners: boolean;
}

/** The output grid of resizing an `h × w` grid. */
export function resizedSize(config: Resize2DConfig, h: number, w: number): [number, number] {
  return config.size === null
    ? [Math.floor(h * config.scaleFactor!), Math.floor(w * config.scaleFactor!)]
    : [config.size[0], config.size[1]];
}

/**
 * Resizes `x: [b, h, w, c]` as PyTorch's `interpolate` does: bilinear with half-pixel centres
 * (`align_corners=False`) or aligned corners, or nearest with source pixel `⌊i·H/H'⌋`.
 */
export function resize2d(x: tf.Tensor4D, config: Resize2DConfig): tf.Tensor4D {
  const out = resizedSize(config, x.shape[1], x.shape[2]);
  return config.mode === 'bilinear'
    ? tf.image.resizeBilinear(x, out, config.alignCorners, !config.alignCorners)
    : tf.image.resizeNearestNeighbor(x, out, false, false);
}

/**
 * A TF.js layer resizing channels-last images like PyTorch's `torch.nn.Upsample` (which escnn's
 * `R2Upsampling.export()` returns): TF.js's own `upSampling2d` has neither half-pixel centres nor aligned
 * corners. Registered for serialization as `SteerableResize2D`: a saved model loads where this class has been
 * imported (as escnn's exported group pooling needs escnn's `MaxPoolChannels`).
 */
export class Resize2DLayer extends tf.layers.Layer {
  /** The serialization name. */
  static className = 'SteerableResize2D';
  /** The resizing. */
  readonly resize: Resize2DConfig;

  /** @param config - the resizing and TF.js's layer arguments (`name`, …). */
  constructor(config: Resize2DConfig & ConstructorParameters<typeof tf.layers.Layer>[0]) {
    super(config);
    this.resize = Object.freeze({
      scaleFactor: config.scaleFactor ?? null,
      size:
        config.size === null || config.size === undefined
          ? null
          : ([config.size[0], config.size[1]] as const),
      mode: config.mode,
      alignCorners: config.alignCorners,
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const [h, w] = [s[1], s[2]];
    if (this.resize.size !== null) return [s[0] ?? null, ...this.resize.size, s[3] ?? null];
    const f = this.resize.scaleFactor!;
    return [
      s[0] ?? null,
      h == null ? null : Math.floor(h * f),
      w == null ? null : Math.floor(w * f),
      s[3] ?? null,
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => resize2d((Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D, this.resize));
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { scaleFactor, size, mode, alignCorners } = this.resize;
    return { ...super.getConfig(), scaleFactor, size: size === null ? null : [...size], mode, alignCorners };
  }
}
tf.serialization.registerClass(Resize2DLayer);
