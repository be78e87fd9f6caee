/**
 * 2D convolution with gradients that are themselves forward convolutions (see ./conv-kernels.ts), so
 * that training works, and is fast, on TF.js's WASM backend, where `tf.conv2d`'s own filter gradient
 * throws (no `Conv2DBackpropFilter` kernel) and its input gradient is a slow loop.
 */

import { InvalidArgumentError } from '@steerable/group-theory';
import type * as tf from '@tensorflow/tfjs';
import { type Conv2dOptions, conv2dGeometry } from './conv-geometry.js';
import { convFilterGrad, convForward, convInputGrad } from './conv-kernels.js';
import { runWithGradients } from './conv-op.js';

/** Checks that `t` is a float32 rank-4 tensor; returns its shape. */
export function checkRank4(fn: string, argument: string, t: unknown): [number, number, number, number] {
  const shape = (t as { shape?: unknown } | null)?.shape;
  if (!Array.isArray(shape) || shape.length !== 4 || (t as tf.Tensor).dtype !== 'float32') {
    throw new InvalidArgumentError(fn, argument, shape ?? t, 'must be a float32 tensor of rank 4');
  }
  return shape as [number, number, number, number];
}

/**
 * The 2D cross-correlation `y[n, i, j, o] = Σ_{a, b, c} x[n, i·sh + a·dh − p_top, j·sw + b·dw − p_left, c] ·
 * filter[a, b, c, o]` of NHWC `x: [N, H, W, C]` with `filter: [kh, kw, C, O]` (`tf.conv2d`'s layout and
 * numbers; PyTorch's `conv2d` up to the NCHW/OIHW layout), differentiable in both arguments on every
 * backend. Unlike `tf.conv2d`, strides and dilations may both exceed 1.
 *
 * @see PyTorch's `torch.nn.functional.conv2d`, which escnn's `R2Conv` calls.
 */
export function conv2dWithGrad(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  options: Conv2dOptions = {},
): tf.Tensor4D {
  const fn = 'conv2dWithGrad';
  const [, h, w, c] = checkRank4(fn, 'x', x);
  const [kh, kw, fc] = checkRank4(fn, 'filter', filter);
  if (fc !== c) {
    throw new InvalidArgumentError(
      fn,
      'filter',
      filter.shape,
      `must have ${c} input channels (x's last axis)`,
    );
  }
  const g = conv2dGeometry(fn, [h, w], [kh, kw], options);
  return runWithGradients([x, filter], () => convForward(x, filter, g), [
    (dy, [, f]) => convInputGrad(dy as tf.Tensor4D, f as tf.Tensor4D, g),
    (dy, [xs]) => convFilterGrad(xs as tf.Tensor4D, dy as tf.Tensor4D, g),
  ]);
}
