/**
 * escnn's `R3Conv`: the G-steerable convolution on R³ between two field types.
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { SteerableError } from '@steerable/group-theory';
import type { R3LayerBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import type { PaddingMode } from '../ops/spatial-padding.js';
import { BasisExpandedModule } from './basis-module.js';
import { convolveGroups } from './layer-args.js';
import { readPaddingMode } from './r2-layer-args.js';
import { type R3BasisLayerOptions, type R3LayerArgs, readR3LayerArgs } from './r3-layer-args.js';
import { padVoxels } from './voxel-padding.js';

export type { R3BasisLayerOptions } from './r3-layer-args.js';

/** Options of {@link R3Conv}: escnn's keyword arguments. */
export interface R3ConvOptions extends R3BasisLayerOptions {
  /**
   * Implicit padding on both sides of each grid axis: one number, or `[depth, height, width]`.
   * @defaultValue 0
   */
  readonly padding?: number | readonly [number, number, number];
  /** Stride of the convolution. @defaultValue 1 */
  readonly stride?: number;
  /** Spacing between the filter's taps; the basis's shells scale with it. @defaultValue 1 */
  readonly dilation?: number;
  /** How the padding is filled (PyTorch's modes). @defaultValue 'zeros' */
  readonly paddingMode?: PaddingMode;
  /**
   * Number of blocked connections from input to output channels (grouped / depthwise convolution): both types
   * must consist of `groups` identical groups of fields.
   * @defaultValue 1
   */
  readonly groups?: number;
  /**
   * Learn a bias on the output fields' trivial irreps (one parameter each, expanded through the field's change
   * of basis; fields without a trivial irrep get none).
   * @defaultValue true
   */
  readonly bias?: boolean;
}

/**
 * The G-steerable convolution `κ ⋆ f` on R³ between fields of `inType` and `outType` (escnn's `R3Conv`): its
 * filter `κ` is a learned combination `Σ_b w_b κ_b` of a basis of the kernels satisfying
 * `κ(gx) = ρ_out(g) κ(x) ρ_in(g)⁻¹` (Gaussian shells times spherical harmonics; Weiler et al. 2018, "3D
 * Steerable CNNs"), so the layer commutes with the group: `κ ⋆ [T^in_g f] = T^out_g [κ ⋆ f]`, exactly for the
 * symmetries of the voxel grid and up to discretization for other rotations. `weights` is escnn's flat weight
 * vector (same length, order and normalization: escnn's trained weights load unchanged).
 *
 * Layout: inputs and outputs are channels-last `[batch, depth, height, width, channels]` whose grid axes are
 * escnn's voxel axes `−Z`, `−Y`, `X` (escnn's `[batch, channels, z, y, x]` with the channels moved last). The
 * filter is TF.js's `[k, k, k, in/groups, out]` over the same axes: escnn's filter `[out][in][z][y][x]`
 * transposed by `[2, 3, 4, 1, 0]`.
 *
 * In training mode each forward expands the filter (one matmul per block of the basis); `eval()` expands it
 * once and reuses it until `train()` or `loadStateDict`.
 *
 * @see escnn's `escnn.nn.R3Conv`.
 */
export class R3Conv extends BasisExpandedModule<R3LayerBasis> {
  /** Side of the cubic filter. */
  readonly kernelSize: number;
  /** `[depth, height, width]` padding. */
  readonly padding: readonly [number, number, number];
  /** Stride of the convolution (escnn's `stride`). */
  readonly stride: number;
  /** Spacing between the filter's taps (escnn's `dilation`). */
  readonly dilation: number;
  /** How the padding is filled (escnn's `padding_mode`). */
  readonly paddingMode: PaddingMode;
  /** Number of groups of fields convolved separately (escnn's `groups`). */
  readonly groups: number;

  /**
   * @throws InvalidArgumentError for a bad kernel size or option, field types that are not on an R³ gspace,
   *   groups that do not split the fields, or an empty basis; GroupMismatchError for field types of different
   *   gspaces.
   */
  constructor(inType: FieldType, outType: FieldType, kernelSize: number, options: R3ConvOptions = {}) {
    let args!: R3LayerArgs;
    let paddingMode!: PaddingMode;
    super(inType, outType, options, () => {
      args = readR3LayerArgs('R3Conv', inType, outType, kernelSize, options, () => {
        paddingMode = readPaddingMode('R3Conv', options.paddingMode);
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

  /** TF.js filter shape `[k, k, k, in/groups, out]`. */
  get filterShape(): [number, number, number, number, number] {
    const k = this.kernelSize;
    return [k, k, k, this.inType.size / this.groups, this.outType.size];
  }

  /**
   * The filter `[k, k, k, in/groups, out]` (TF.js layout; escnn's `filter` transposed by `[2, 3, 4, 1, 0]`) and
   * bias `[out]` (or null) for the current parameters: fresh tensors the caller owns, differentiable in the
   * parameters.
   * @see escnn's `R3Conv.expand_parameters`.
   */
  expandParameters(): { filter: tf.Tensor5D; bias: tf.Tensor1D | null } {
    return this.expandAs<tf.Tensor5D>(this.filterShape);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const e = this.currentExpansion();
    const filter = e.filter.reshape(this.filterShape) as tf.Tensor5D;
    let input = x.tensor as tf.Tensor5D;
    if (this.padding.some((p) => p > 0))
      input = padVoxels('R3Conv.forward', input, this.padding, this.paddingMode);
    const { stride: s, dilation: d } = this;
    // tf.conv3d takes a stride or a dilation above 1, not both: with both, the stride-1 output is subsampled
    // (output i of the strided convolution is output i·s of the unstrided one)
    const both = s > 1 && d > 1;
    const conv = (xg: tf.Tensor5D, fg: tf.Tensor5D) => tf.conv3d(xg, fg, both ? 1 : s, 'valid', 'NDHWC', d);
    let y = convolveGroups(conv, input, filter, this.groups);
    if (both) y = tf.stridedSlice(y, [0, 0, 0, 0, 0], y.shape, [1, s, s, s, 1]) as tf.Tensor5D;
    return new GeometricTensor(BasisExpandedModule.addBias(y, e.bias), this.outType);
  }

  /** `[b, d, h, w, c] ↦ [b, ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 per axis, out]` (escnn's `evaluate_output_shape`). */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    const size = (n: number, p: number) =>
      Math.floor((n + 2 * p - this.dilation * (this.kernelSize - 1) - 1) / this.stride + 1);
    return [inputShape[0]!, ...this.padding.map((p, i) => size(inputShape[i + 1]!, p)), this.outType.size];
  }

  /**
   * A stock `tf.layers.conv3d` with the expanded filter and bias baked in (escnn's `export` to
   * `torch.nn.Conv3d`): `'valid'` padding without padding, `'same'` for the padding `d(k−1)/2` on every axis at
   * stride 1 (TF.js has no 3D zero-padding layer).
   * @throws SteerableError for what TF.js's layers cannot express: groups, a padding mode other than zeros,
   *   other paddings, or both a stride and a dilation above 1.
   */
  override exportLayers(): tf.layers.Layer[] {
    const fn = 'R3Conv.export';
    if (this.groups !== 1) throw new SteerableError(fn, 'grouped convolutions have no TF.js layer');
    if (this.stride > 1 && this.dilation > 1) {
      throw new SteerableError(fn, "TF.js's conv3d does not take both a stride and a dilation above 1");
    }
    const padded = this.padding.some((p) => p > 0);
    if (padded && this.paddingMode !== 'zeros') {
      throw new SteerableError(fn, `padding mode '${this.paddingMode}' has no TF.js layer`);
    }
    const same = this.dilation * (this.kernelSize - 1);
    if (padded && !(this.stride === 1 && same % 2 === 0 && this.padding.every((p) => 2 * p === same))) {
      throw new SteerableError(
        fn,
        `padding [${this.padding}] has no TF.js layer (only 0, or d(k−1)/2 = ${same / 2} at stride 1 as 'same')`,
      );
    }
    const { filter, bias } = this.expandParameters();
    const conv = tf.layers.conv3d({
      filters: this.outType.size,
      kernelSize: this.kernelSize,
      strides: this.stride,
      dilationRate: this.dilation,
      padding: padded ? 'same' : 'valid',
      useBias: bias !== null,
    });
    return [BasisExpandedModule.baked(conv, filter, bias)];
  }

  override toString(): string {
    const extra = [
      `kernelSize=${this.kernelSize}`,
      `stride=${this.stride}`,
      ...(this.padding.some((p) => p > 0) ? [`padding=[${this.padding}]`] : []),
      ...(this.dilation !== 1 ? [`dilation=${this.dilation}`] : []),
      ...(this.groups !== 1 ? [`groups=${this.groups}`] : []),
      ...(this.bias === null ? ['bias=false'] : []),
    ];
    return `R3Conv(${this.inType}, ${this.outType}, ${extra.join(', ')})`;
  }
}
