/**
 * escnn's `R2Conv`: the G-steerable convolution on the plane between two field types.
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { SteerableError } from '@steerable/group-theory';
import type { R2LayerBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from './equivariant-module.js';
import { generalizedHeInitValues } from './init.js';
import { BlocksExpansion } from './internal/basis-expansion.js';
import { conv2dWithGrad } from './internal/conv2d.js';
import { ExpandedParameters } from './internal/expanded-parameters.js';
import { withBakedWeights } from './internal/export-layer.js';
import {
  buildR2Basis,
  checkR2Types,
  groupReprs,
  positiveInt,
  type R2BasisLayerOptions,
  readPadding,
  readPaddingMode,
} from './internal/r2-layer-args.js';
import { type PaddingMode, padSpatial } from './internal/spatial-padding.js';

export type { R2BasisLayerOptions } from './internal/r2-layer-args.js';
export type { PaddingMode } from './internal/spatial-padding.js';

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
export class R2Conv extends EquivariantModule {
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
  /** The layer basis: escnn's `basisexpansion` (weights' attributes, sampled blocks, bias expansion). */
  readonly basis: R2LayerBasis;
  /** The learnable expansion coefficients, escnn's `weights`. */
  readonly weights: tf.Variable;
  /** The bias parameters (one per trivial irrep of the output), escnn's `bias`, or null. */
  readonly bias: tf.Variable | null;
  readonly #params: ExpandedParameters;

  /**
   * @throws InvalidArgumentError for a bad kernel size or option, field types that are not on a 2D gspace,
   *   groups that do not split the fields, or an empty basis; GroupMismatchError for field types of
   *   different gspaces.
   */
  constructor(inType: FieldType, outType: FieldType, kernelSize: number, options: R2ConvOptions = {}) {
    super(inType, outType);
    const fn = 'R2Conv';
    const gspace = checkR2Types(fn, inType, outType);
    this.kernelSize = positiveInt(fn, 'kernelSize', kernelSize, 1);
    this.padding = Object.freeze(readPadding(fn, options.padding));
    this.stride = positiveInt(fn, 'stride', options.stride, 1);
    this.dilation = positiveInt(fn, 'dilation', options.dilation, 1);
    this.paddingMode = readPaddingMode(fn, options.paddingMode);
    this.groups = positiveInt(fn, 'groups', options.groups, 1);
    groupReprs(fn, 'outType', outType, this.groups);
    const inReprs = groupReprs(fn, 'inType', inType, this.groups);
    this.basis = buildR2Basis(
      fn,
      gspace,
      inReprs,
      outType.representations,
      this.kernelSize,
      this.dilation,
      options,
    );
    const init =
      (options.initialize ?? true)
        ? generalizedHeInitValues(this.basis, options.seed === undefined ? {} : { seed: options.seed })
        : new Float32Array(this.basis.dimension);
    // registerParameter takes ownership of the fresh initial tensors
    this.weights = this.registerParameter('weights', tf.tensor1d(init));
    if ((options.bias ?? true) && this.basis.biasSize > 0) {
      this.bias = this.registerParameter('bias', tf.zeros([this.basis.biasSize]));
    } else this.bias = null;
    this.#params = new ExpandedParameters(new BlocksExpansion(this.basis, 'conv'), this.weights, this.bias);
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
    const { filter, bias } = this.#params.expand();
    const shaped = filter.reshape(this.filterShape) as tf.Tensor4D;
    filter.dispose();
    return { filter: shaped, bias };
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const e = this.#params.current(this.training);
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
    let y: tf.Tensor4D;
    if (this.groups === 1) y = conv2dWithGrad(input, filter, options);
    else {
      const xs = tf.split(input, this.groups, 3);
      const fs = tf.split(filter, this.groups, 3);
      y = tf.concat(
        xs.map((xg, g) => conv2dWithGrad(xg as tf.Tensor4D, fs[g] as tf.Tensor4D, options)),
        3,
      );
    }
    const out = e.bias === null ? y : tf.add(y, e.bias);
    return new GeometricTensor(out, this.outType);
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

  protected override onModeChange(training: boolean): void {
    this.#params.follow(training);
  }

  protected override onStateLoaded(): void {
    this.#params.follow(this.training);
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
    layers.push(withBakedWeights(conv, bias === null ? [filter] : [filter, bias]));
    return layers;
  }

  /** Frees the parameters, the basis tensors and the cached filter. */
  override dispose(): void {
    this.#params.dispose();
    super.dispose();
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
