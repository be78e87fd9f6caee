/**
 * escnn's `R2Conv`: the G-steerable convolution on the plane between two field types.
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { SteerableError } from '@steerable/group-theory';
import type { R2LayerBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { conv2dWithGrad } from '../ops/conv2d.js';
import { type PaddingMode, padSpatial } from '../ops/spatial-padding.js';
import { BasisExpandedModule } from './basis-module.js';
import { convolveGroups } from './layer-args.js';
import {
  type R2BasisLayerOptions,
  type R2LayerArgs,
  readPaddingMode,
  readR2LayerArgs,
} from './r2-layer-args.js';

export type { PaddingMode } from '../ops/spatial-padding.js';
export type { R2BasisLayerOptions } from './r2-layer-args.js';

/** Options of {@link R2Conv}: escnn's keyword arguments. */
export interface R2ConvOptions extends R2BasisLayerOptions {
  /**
   * Implicit padding on both sides of each spatial axis: one number, or `[height, width]`.
   * @defaultValue 0
   */
  readonly padding?: number | readonly [number, number];
  /** Stride of the convolution. @defaultValue 1 */
  readonly stride?: number;
  /** Spacing between the filter's taps; the basis's rings scale with it. @defaultValue 1 */
  readonly dilation?: number;
  /** How the padding is filled (PyTorch's modes). @defaultValue 'zeros' */
  readonly paddingMode?: PaddingMode;
  /**
   * Number of blocked connections from input to output channels (grouped / depthwise convolution): both
   * types must consist of `groups` identical groups of fields.
   * @defaultValue 1
   */
  readonly groups?: number;
  /**
   * Learn a bias on the output fields' trivial irreps (one parameter each, expanded through the field's
   * change of basis; fields without a trivial irrep get none).
   * @defaultValue true
   */
  readonly bias?: boolean;
}

/**
 * The G-steerable convolution `κ ⋆ f` on R² between fields of `inType` and `outType` (escnn's `R2Conv`):
 * its filter `κ` is a learned combination `Σ_b w_b κ_b` of a basis of the kernels satisfying
 * `κ(gx) = ρ_out(g) κ(x) ρ_in(g)⁻¹` (Weiler & Cesa 2019), so the layer commutes with the group:
 * `κ ⋆ [T^in_g f] = T^out_g [κ ⋆ f]`. `weights` is escnn's flat weight vector (same length, order and
 * normalization: escnn's trained weights load unchanged, see `@steerable/kernels`'s README for D_N/O(2)
 * signs); inputs and outputs are channels-last `[batch, height, width, channels]`.
 *
 * In training mode each forward expands the filter (one matmul per block of the basis); `eval()` expands
 * it once and reuses it until `train()` or `loadStateDict`.
 *
 * @see escnn's `escnn.nn.R2Conv`.
 */
export class R2Conv extends BasisExpandedModule<R2LayerBasis> {
  /** Side of the square filter. */
  readonly kernelSize: number;
  /** `[height, width]` padding. */
  readonly padding: readonly [number, number];
  /** Stride of the convolution (escnn's `stride`). */
  readonly stride: number;
  /** Spacing between the filter's taps (escnn's `dilation`). */
  readonly dilation: number;
  /** How the padding is filled (escnn's `padding_mode`). */
  readonly paddingMode: PaddingMode;
  /** Number of groups of fields convolved separately (escnn's `groups`). */
  readonly groups: number;

  /**
   * @throws InvalidArgumentError for a bad kernel size or option, field types that are not on a 2D gspace,
   *   groups that do not split the fields, or an empty basis; GroupMismatchError for field types of
   *   different gspaces.
   */
  constructor(inType: FieldType, outType: FieldType, kernelSize: number, options: R2ConvOptions = {}) {
    let args!: R2LayerArgs;
    let paddingMode!: PaddingMode;
    super(inType, outType, options, () => {
      args = readR2LayerArgs('R2Conv', inType, outType, kernelSize, options, 'inType', () => {
        paddingMode = readPaddingMode('R2Conv', options.paddingMode);
      });
      return { basis: args.basis, layout: 'conv' };
    });
    this.kernelSize = args.kernelSize;
    this.padding = args.padding;
    this.stride = args.stride;
    this.dilation = args.dilation;
    this.paddingMode = paddingMode;
    this.groups = args.groups;
  }

  /** TF.js filter shape `[k, k, in/groups, out]`. */
  get filterShape(): [number, number, number, number] {
    const k = this.kernelSize;
    return [k, k, this.inType.size / this.groups, this.outType.size];
  }

  /**
   * The filter `[k, k, in/groups, out]` (TF.js layout; escnn's `filter` transposed) and bias `[out]` (or
   * null) for the current parameters: fresh tensors the caller owns, differentiable in the parameters.
   * @see escnn's `R2Conv.expand_parameters`.
   */
  expandParameters(): { filter: tf.Tensor4D; bias: tf.Tensor1D | null } {
    return this.expandAs<tf.Tensor4D>(this.filterShape);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const e = this.currentExpansion();
    const filter = e.filter.reshape(this.filterShape) as tf.Tensor4D;
    let input = x.tensor as tf.Tensor4D;
    let pad = this.padding;
    if (this.paddingMode !== 'zeros') {
      input = padSpatial('R2Conv.forward', input, pad, this.paddingMode);
      pad = [0, 0];
    }
    const options = {
      strides: this.stride,
      dilations: this.dilation,
      padding: [
        [pad[0], pad[0]],
        [pad[1], pad[1]],
      ] as const,
    };
    const y = convolveGroups((xg, fg) => conv2dWithGrad(xg, fg, options), input, filter, this.groups);
    return new GeometricTensor(BasisExpandedModule.addBias(y, e.bias), this.outType);
  }

  /** `[b, h, w, c] ↦ [b, ⌊(h + 2p − d(k−1) − 1)/s⌋ + 1, …, out]` (escnn's `evaluate_output_shape`). */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    const size = (n: number, p: number) =>
      Math.floor((n + 2 * p - this.dilation * (this.kernelSize - 1) - 1) / this.stride + 1);
    return [
      inputShape[0]!,
      size(inputShape[1]!, this.padding[0]),
      size(inputShape[2]!, this.padding[1]),
      this.outType.size,
    ];
  }

  /**
   * A zero-padding layer (if any) and a `tf.layers.conv2d` with the expanded filter and bias baked in
   * (escnn's `export` to `torch.nn.Conv2d`).
   * @throws SteerableError for what TF.js's layers cannot express: groups, a padding mode other than
   *   zeros, or both a stride and a dilation above 1.
   */
  override exportLayers(): tf.layers.Layer[] {
    const fn = 'R2Conv.export';
    if (this.groups !== 1) throw new SteerableError(fn, 'grouped convolutions have no TF.js layer');
    if (this.paddingMode !== 'zeros') {
      throw new SteerableError(fn, `padding mode '${this.paddingMode}' has no TF.js layer`);
    }
    if (this.stride > 1 && this.dilation > 1) {
      throw new SteerableError(fn, "TF.js's conv2d does not take both a stride and a dilation above 1");
    }
    const { filter, bias } = this.expandParameters();
    const layers: tf.layers.Layer[] = [];
    const [ph, pw] = this.padding;
    if (ph > 0 || pw > 0)
      layers.push(
        tf.layers.zeroPadding2d({
          padding: [
            [ph, ph],
            [pw, pw],
          ],
        }),
      );
    const conv = tf.layers.conv2d({
      filters: this.outType.size,
      kernelSize: this.kernelSize,
      strides: this.stride,
      dilationRate: this.dilation,
      padding: 'valid',
      useBias: bias !== null,
    });
    layers.push(BasisExpandedModule.baked(conv, filter, bias));
    return layers;
  }

  override toString(): string {
    const extra = [
      `kernelSize=${this.kernelSize}`,
      `stride=${this.stride}`,
      ...(this.padding[0] || this.padding[1] ? [`padding=[${this.padding}]`] : []),
      ...(this.dilation !== 1 ? [`dilation=${this.dilation}`] : []),
      ...(this.groups !== 1 ? [`groups=${this.groups}`] : []),
      ...(this.bias === null ? ['bias=false'] : []),
    ];
    return `R2Conv(${this.inType}, ${this.outType}, ${extra.join(', ')})`;
  }
}
