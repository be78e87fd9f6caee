/**
 * escnn's `R2ConvTransposed`: the transposed G-steerable convolution on the plane (learned up-sampling).
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import type { R2LayerBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { conv2dTransposeWithGrad } from '../ops/conv2d-transpose.js';
import { BasisExpandedModule } from './basis-module.js';
import { convolveGroups } from './layer-args.js';
import { type R2BasisLayerOptions, type R2LayerArgs, readPadding, readR2LayerArgs } from './r2-layer-args.js';

/** Options of {@link R2ConvTransposed}: escnn's keyword arguments. */
export interface R2ConvTransposedOptions extends R2BasisLayerOptions {
  /**
   * Implicit padding removed from both sides of the output (PyTorch's `conv_transpose2d` padding): one
   * number, or `[height, width]`.
   * @defaultValue 0
   */
  readonly padding?: number | readonly [number, number];
  /**
   * Extra rows and columns at the end of the output (PyTorch's `output_padding`); smaller than the stride.
   * Non-zero values break exact equivariance to flips and rotations (the output is no longer centred).
   * @defaultValue 0
   */
  readonly outputPadding?: number | readonly [number, number];
  /** Stride (the up-sampling factor). @defaultValue 1 */
  readonly stride?: number;
  /** Spacing between the filter's taps; the basis's rings scale with it. @defaultValue 1 */
  readonly dilation?: number;
  /**
   * Number of blocked connections (grouped transposed convolution): both types must consist of `groups`
   * identical groups of fields.
   * @defaultValue 1
   */
  readonly groups?: number;
  /** Learn a bias on the output fields' trivial irreps. @defaultValue true */
  readonly bias?: boolean;
}

/** escnn's bias expansion of `groups` copies of a group's fields: block diagonal. */
function repeatBias(basis: R2LayerBasis, groups: number) {
  const B = basis.biasSize;
  const O = basis.outSize;
  const expansion = new Float64Array(groups * O * groups * B);
  for (let g = 0; g < groups; g++)
    for (let c = 0; c < O; c++)
      for (let j = 0; j < B; j++)
        expansion[(g * O + c) * groups * B + g * B + j] = basis.biasExpansion[c * B + j]!;
  return { size: groups * B, outSize: groups * O, expansion };
}

/** PyTorch's `output_padding`: non-negative, smaller than the stride. */
function readOutputPadding(fn: string, value: unknown, stride: number): readonly [number, number] {
  let op: [number, number];
  try {
    op = readPadding(fn, value);
  } catch {
    throw new InvalidArgumentError(
      fn,
      'outputPadding',
      value,
      'must be a non-negative integer or a pair of them',
    );
  }
  if (op[0] >= stride || op[1] >= stride) {
    throw new InvalidArgumentError(fn, 'outputPadding', value, `must be smaller than the stride ${stride}`);
  }
  return Object.freeze(op);
}

/**
 * The transposed G-steerable convolution between fields of `inType` and `outType` (escnn's
 * `R2ConvTransposed`): the adjoint of a strided convolution, used to up-sample feature fields. Its filter
 * is a combination of the same steerable kernel basis as {@link R2Conv} (from `inType` to `outType`), so it
 * commutes with the group as well. `weights` is escnn's flat weight vector; channels-last tensors.
 *
 * @see escnn's `escnn.nn.R2ConvTransposed`; PyTorch's `conv_transpose2d`.
 */
export class R2ConvTransposed extends BasisExpandedModule<R2LayerBasis> {
  /** Side of the square filter. */
  readonly kernelSize: number;
  /** `[height, width]` padding. */
  readonly padding: readonly [number, number];
  /** `[height, width]` output padding. */
  readonly outputPadding: readonly [number, number];
  /** Stride of the convolution (escnn's `stride`). */
  readonly stride: number;
  /** Spacing between the filter's taps (escnn's `dilation`). */
  readonly dilation: number;
  /** Number of groups of fields convolved separately (escnn's `groups`). */
  readonly groups: number;

  /**
   * @throws InvalidArgumentError for a bad kernel size or option, an output padding not smaller than the
   *   stride, field types that are not on a 2D gspace, groups that do not split the fields, or an empty
   *   basis; GroupMismatchError for field types of different gspaces.
   */
  constructor(
    inType: FieldType,
    outType: FieldType,
    kernelSize: number,
    options: R2ConvTransposedOptions = {},
  ) {
    const fn = 'R2ConvTransposed';
    let args!: R2LayerArgs;
    let outputPadding!: readonly [number, number];
    super(inType, outType, options, () => {
      args = readR2LayerArgs(fn, inType, outType, kernelSize, options, 'outType', ({ stride }) => {
        outputPadding = readOutputPadding(fn, options.outputPadding, stride);
      });
      const bias = args.groups === 1 ? undefined : repeatBias(args.basis, args.groups);
      return { basis: args.basis, layout: 'transposed', ...(bias === undefined ? {} : { bias }) };
    });
    this.kernelSize = args.kernelSize;
    this.padding = args.padding;
    this.stride = args.stride;
    this.dilation = args.dilation;
    this.groups = args.groups;
    this.outputPadding = outputPadding;
  }

  /** TF.js filter shape `[k, k, out/groups, in]` (`tf.conv2dTranspose`'s layout). */
  get filterShape(): [number, number, number, number] {
    const k = this.kernelSize;
    return [k, k, this.outType.size / this.groups, this.inType.size];
  }

  /**
   * The filter `[k, k, out/groups, in]` (escnn's `filter` `[in, out/groups, k, k]` transposed) and bias
   * `[out]` (or null): fresh tensors the caller owns, differentiable in the parameters.
   * @see escnn's `R2ConvTransposed.expand_parameters`.
   */
  expandParameters(): { filter: tf.Tensor4D; bias: tf.Tensor1D | null } {
    return this.expandAs<tf.Tensor4D>(this.filterShape);
  }

  #outputSize(inputShape: readonly number[]): [number, number] {
    const size = (n: number, i: 0 | 1) =>
      (n - 1) * this.stride -
      2 * this.padding[i] +
      this.dilation * (this.kernelSize - 1) +
      this.outputPadding[i] +
      1;
    return [size(inputShape[1]!, 0), size(inputShape[2]!, 1)];
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const e = this.currentExpansion();
    const filter = e.filter.reshape(this.filterShape) as tf.Tensor4D;
    const input = x.tensor as tf.Tensor4D;
    const [ph, pw] = this.padding;
    const options = {
      strides: this.stride,
      dilations: this.dilation,
      padding: [
        [ph, ph],
        [pw, pw],
      ] as const,
      outputShape: this.#outputSize(input.shape),
    };
    const y = convolveGroups(
      (xg, fg) => conv2dTransposeWithGrad(xg, fg, options),
      input,
      filter,
      this.groups,
    );
    return new GeometricTensor(BasisExpandedModule.addBias(y, e.bias), this.outType);
  }

  /** `[b, h, w, c] ↦ [b, (h−1)s − 2p + d(k−1) + op + 1, …, out]` (escnn's `evaluate_output_shape`). */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    return [inputShape[0]!, ...this.#outputSize(inputShape), this.outType.size];
  }

  /**
   * A `tf.layers.conv2dTranspose` with the filter and bias baked in, then a cropping of the padding
   * (escnn's `export` to `torch.nn.ConvTranspose2d`).
   * @throws SteerableError for what TF.js's layers cannot express: groups, a dilation, or an output
   *   padding larger than the padding.
   */
  override exportLayers(): tf.layers.Layer[] {
    const fn = 'R2ConvTransposed.export';
    if (this.groups !== 1)
      throw new SteerableError(fn, 'grouped transposed convolutions have no TF.js layer');
    if (this.dilation !== 1) throw new SteerableError(fn, "TF.js's conv2dTranspose layer has no dilation");
    const [ph, pw] = this.padding;
    const [oh, ow] = this.outputPadding;
    if (oh > ph || ow > pw) {
      throw new SteerableError(fn, 'an output padding larger than the padding has no TF.js layer');
    }
    const { filter, bias } = this.expandParameters();
    const conv = tf.layers.conv2dTranspose({
      filters: this.outType.size,
      kernelSize: this.kernelSize,
      strides: this.stride,
      padding: 'valid',
      useBias: bias !== null,
    });
    const layers: tf.layers.Layer[] = [BasisExpandedModule.baked(conv, filter, bias)];
    // PyTorch's padding removes p rows at the start and p − outputPadding at the end of the valid output
    if (ph + pw > 0) {
      layers.push(
        tf.layers.cropping2D({
          cropping: [
            [ph, ph - oh],
            [pw, pw - ow],
          ],
        }),
      );
    }
    return layers;
  }
}
