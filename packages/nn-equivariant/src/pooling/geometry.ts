/**
 * PyTorch's pooling geometry (`torch.nn.MaxPool2d`, `AvgPool2d`), which escnn's pooling modules inherit,
 * and the TF.js building blocks the pooling modules share: explicit padding and strided windows made of
 * `pad`, `slice` and `reshape` only, whose gradients exist on every backend (WASM included).
 *
 * Along one axis with input length `H`, kernel `k`, stride `s`, padding `p` and dilation `d`,
 * `H_out = ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1` (`⌈…⌉` with `ceilMode`, minus one when the last window
 * would start in the right padding); output `i` reads input rows `i·s − p + a·d`, `a = 0 … k−1`.
 */

import type { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { checkFieldType, checkSupport, readFlag } from '../internal/validation.js';

/** A size given as one number for both axes or as `[height, width]`. */
export type Size2 = number | readonly [number, number];

/** One axis of a pooling window. */
export interface PoolAxis {
  readonly inSize: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly outSize: number;
}

/** Both spatial axes, `[height, width]`. */
export type PoolGeometry = readonly [PoolAxis, PoolAxis];

/** The pooling arguments shared by escnn's modules, validated and expanded to pairs. */
export interface PoolParams {
  readonly kernelSize: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly ceilMode: boolean;
}

function isInt(v: unknown, min: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}

/** Reads `number | [number, number]` of integers `≥ min`. */
export function readPair(fn: string, argument: string, value: unknown, min: number): [number, number] {
  if (isInt(value, min)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && isInt(value[0], min) && isInt(value[1], min)) {
    return [value[0], value[1]];
  }
  const what = min === 0 ? 'a non-negative integer' : 'a positive integer';
  throw new InvalidArgumentError(fn, argument, value, `must be ${what} or a pair of them`);
}

/**
 * Validates escnn's pooling arguments: `stride` defaults to `kernelSize`, and, as PyTorch demands, the
 * padding is at most half the (dilated) kernel, so that no window lies entirely in the padding.
 */
export function readPoolParams(
  fn: string,
  kernelSize: unknown,
  options: {
    readonly stride?: Size2 | undefined;
    readonly padding?: Size2 | undefined;
    readonly dilation?: Size2 | undefined;
    readonly ceilMode?: boolean | undefined;
  },
): PoolParams {
  const k = readPair(fn, 'kernelSize', kernelSize, 1);
  const stride = options.stride === undefined ? k : readPair(fn, 'stride', options.stride, 1);
  const padding = readPair(fn, 'padding', options.padding ?? 0, 0);
  const dilation = readPair(fn, 'dilation', options.dilation ?? 1, 1);
  const ceilMode = readFlag(fn, 'ceilMode', options.ceilMode, false);
  for (const i of [0, 1] as const) {
    if (2 * padding[i] > (k[i] - 1) * dilation[i] + 1) {
      throw new InvalidArgumentError(
        fn,
        'padding',
        options.padding,
        `must be at most half of the (dilated) kernel size [${k.join(', ')}]`,
      );
    }
  }
  return { kernelSize: k, stride, padding, dilation, ceilMode };
}

/** PyTorch's adaptive windows along one axis: `[⌊iH/o⌋, ⌈(i + 1)H/o⌉)` for `i < o`. */
export function adaptiveWindows(inSize: number, outSize: number): [number, number][] {
  return Array.from({ length: outSize }, (_, i) => [
    Math.floor((i * inSize) / outSize),
    Math.ceil(((i + 1) * inSize) / outSize),
  ]);
}

/**
 * The arguments of the channel-wise adaptive poolings: a field type on a 2D base space whose fields all
 * support 'pointwise' nonlinearities (channel-wise maps commute with `ρ(g)` only when it permutes channels),
 * and a positive output grid.
 */
export function readAdaptivePool(
  fn: string,
  inType: FieldType,
  outputSize: Size2,
): { readonly type: FieldType; readonly outputSize: readonly [number, number] } {
  const type = checkFieldType(fn, inType, 2);
  checkSupport(fn, type, 'pointwise');
  return { type, outputSize: Object.freeze(readPair(fn, 'outputSize', outputSize, 1)) };
}

/** PyTorch's output length of a pooling along one axis (`pooling_output_shape`). */
function pooledLength(
  inSize: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
  ceilMode: boolean,
): number {
  const span = inSize + 2 * padding - dilation * (kernel - 1) - 1;
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  // with ceil mode, the last window must start inside the input or the left padding
  if (ceilMode && (out - 1) * stride >= inSize + padding) out -= 1;
  return out;
}

/**
 * The geometry of pooling a `[height, width]` grid.
 * @throws InvalidArgumentError (naming `fn` and `argument`) when the output would be empty.
 */
export function poolGeometry(
  fn: string,
  argument: string,
  spatial: readonly [number, number],
  params: PoolParams,
): PoolGeometry {
  const axis = (i: 0 | 1): PoolAxis => {
    const outSize = pooledLength(
      spatial[i],
      params.kernelSize[i],
      params.stride[i],
      params.padding[i],
      params.dilation[i],
      params.ceilMode,
    );
    if (outSize < 1) {
      throw new InvalidArgumentError(
        fn,
        argument,
        `spatial size ${spatial[0]}×${spatial[1]}`,
        `is too small for a ${params.kernelSize[0]}×${params.kernelSize[1]} pooling window`,
      );
    }
    return {
      inSize: spatial[i],
      kernel: params.kernelSize[i],
      stride: params.stride[i],
      padding: params.padding[i],
      dilation: params.dilation[i],
      outSize,
    };
  };
  return [axis(0), axis(1)];
}

/** Length of the padded axis that holds every tap of every window: `max(H + p, (k−1)d + s·H_out)`. */
function paddedLength(a: PoolAxis): number {
  return Math.max(a.inSize + a.padding, (a.kernel - 1) * a.dilation + a.stride * a.outSize);
}

/**
 * Pads `x: [b, H, W, c]` with `value` on the top/left by the padding and on the bottom/right as far as
 * {@link windowTap} needs (the ceil-mode overflow and the strided reshape).
 */
export function padForWindows(x: tf.Tensor4D, g: PoolGeometry, value: number): tf.Tensor4D {
  const [h, w] = g;
  const ph = paddedLength(h) - h.inSize - h.padding;
  const pw = paddedLength(w) - w.inSize - w.padding;
  if (h.padding === 0 && w.padding === 0 && ph === 0 && pw === 0) return x;
  return tf.pad(
    x,
    [
      [0, 0],
      [h.padding, ph],
      [w.padding, pw],
      [0, 0],
    ],
    value,
  ) as tf.Tensor4D;
}

/**
 * Every `stride`-th row of `len·stride` rows starting at `offset` along `axis` (1 or 2) of a 4D tensor:
 * a slice, then the strided rows picked by a reshape and a slice that stay 4D (WASM is slow on 5-D).
 */
function strided(x: tf.Tensor4D, axis: 1 | 2, offset: number, len: number, stride: number): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const begin: [number, number, number, number] = [0, 0, 0, 0];
  const size: [number, number, number, number] = [-1, -1, -1, -1];
  begin[axis] = offset;
  size[axis] = len * stride;
  const s = tf.slice(x, begin, size);
  if (stride === 1) return s;
  // axis 1: [b, len, stride, w·c]; axis 2: [b·h, len, stride, c]; keep index 0 of the stride axis
  const split: [number, number, number, number] =
    axis === 1 ? [b, len, stride, w * c] : [b * h, len, stride, c];
  const picked = tf.slice(tf.reshape(s, split), [0, 0, 0, 0], [-1, -1, 1, -1]);
  return tf.reshape(picked, axis === 1 ? [b, len, w, c] : [b, h, len, c]);
}

/**
 * The `(a, b)`-th tap of every window of a padded tensor (from {@link padForWindows}): `[b, H_out, W_out, c]`
 * with entry `(i, j)` the padded input at `(i·s_h + a·d_h, j·s_w + b·d_w)`.
 */
export function windowTap(padded: tf.Tensor4D, g: PoolGeometry, a: number, b: number): tf.Tensor4D {
  const [h, w] = g;
  const rows = strided(padded, 1, a * h.dilation, h.outSize, h.stride);
  return strided(rows, 2, b * w.dilation, w.outSize, w.stride);
}
