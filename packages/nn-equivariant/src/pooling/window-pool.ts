/**
 * The common part of the window poolings (max, average, norm-max): escnn's arguments, PyTorch's geometry
 * and output shape.
 */

import type { FieldType } from '@steerable/field-types';
import { EquivariantModule } from '../equivariant-module.js';
import { type PoolGeometry, type PoolParams, poolGeometry, type Size2 } from './geometry.js';

/** Options of the window poolings (PyTorch's `MaxPool2d` arguments after `kernel_size`). */
export interface WindowPoolOptions {
  /** Step between windows, one number or `[height, width]`. @defaultValue the kernel size */
  readonly stride?: Size2;
  /** Implicit padding on both sides (at most half the kernel). @defaultValue 0 */
  readonly padding?: Size2;
  /** Spacing of the taps inside a window. @defaultValue 1 */
  readonly dilation?: Size2;
  /** Round the output size up (PyTorch's `ceil_mode`) instead of down. @defaultValue false */
  readonly ceilMode?: boolean;
}

/**
 * A pooling over `kernelSize` windows of the pixel grid, channels-last: `[b, H, W, C] → [b, H', W', C]`
 * with PyTorch's `H' = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1`.
 *
 * Equivariance: a rotation by 90° or a flip maps the windows onto windows only when the subsampled grid
 * is symmetric, i.e. `(H + 2p − d(k − 1) − 1)` is divisible by `s` on a square grid (always for `s = 1`);
 * otherwise the output grid is shifted by a pixel fraction and the module is equivariant only up to that
 * shift, as in escnn. Elements needing interpolation (45°) are not exact either.
 */
export abstract class WindowPool2D extends EquivariantModule {
  /** Window size `[height, width]`. */
  readonly kernelSize: readonly [number, number];
  /** Stride `[height, width]`. */
  readonly stride: readonly [number, number];
  /** Padding `[height, width]` on both sides. */
  readonly padding: readonly [number, number];
  /** Dilation `[height, width]`. */
  readonly dilation: readonly [number, number];
  /** PyTorch's `ceil_mode`. */
  readonly ceilMode: boolean;

  protected constructor(inType: FieldType, outType: FieldType, params: PoolParams) {
    super(inType, outType);
    this.kernelSize = Object.freeze([...params.kernelSize] as [number, number]);
    this.stride = Object.freeze([...params.stride] as [number, number]);
    this.padding = Object.freeze([...params.padding] as [number, number]);
    this.dilation = Object.freeze([...params.dilation] as [number, number]);
    this.ceilMode = params.ceilMode;
  }

  /** The geometry of pooling a `[height, width]` grid. */
  protected geometry(fn: string, spatial: readonly [number, number]): PoolGeometry {
    return poolGeometry(fn, 'x', spatial, this);
  }

  /** `[b, H', W', C]` for `[b, H, W, C]` (escnn's `evaluate_output_shape`, channels-last). */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    const [b, h, w] = inputShape as [number, number, number];
    const [gh, gw] = this.geometry(`${this.constructor.name}.evaluateOutputShape`, [h, w]);
    return [b, gh.outSize, gw.outSize, this.outType.size];
  }
}
