/**
 * Transposed 2D convolution (the adjoint of {@link conv2dWithGrad} in its input), differentiable in both
 * arguments, built from forward convolutions only (see ./conv-kernels.ts). escnn's `R2ConvTransposed`
 * calls PyTorch's `conv_transpose2d`, which this matches up to the NHWC/NCHW layout.
 */

import { InvalidArgumentError } from '@steerable/group-theory';
import type * as tf from '@tensorflow/tfjs';
import { type Conv2dTransposeOptions, conv2dTransposeGeometry } from './conv-geometry.js';
import { convFilterGrad, convForward, convInputGrad } from './conv-kernels.js';
import { runWithGradients } from './conv-op.js';
import { checkRank4 } from './conv2d.js';

/**
 * The transposed convolution of NHWC `x: [N, H, W, Cin]` with `filter: [kh, kw, Cout, Cin]` (the layout of
 * `tf.conv2dTranspose`): `y[n, q, r, c] = Σ_{i, j, a, b, o} x[n, i, j, o] · filter[a, b, c, o]` over
 * `q = i·sh + a·dh − p_top`, `r = j·sw + b·dw − p_left`, i.e. the gradient with respect to the input of a
 * forward convolution with the same strides, dilations and padding whose input has `y`'s size. Unlike
 * `tf.conv2dTranspose`, it supports dilations and is differentiable in `filter` on the WASM backend.
 *
 * @see PyTorch's `torch.nn.functional.conv_transpose2d` (weight `[Cin, Cout, kh, kw]`), which escnn's
 * `R2ConvTransposed` calls.
 */
export function conv2dTransposeWithGrad(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  options: Conv2dTransposeOptions = {},
): tf.Tensor4D {
  const fn = 'conv2dTransposeWithGrad';
  const [, h, w, c] = checkRank4(fn, 'x', x);
  const [kh, kw, , fc] = checkRank4(fn, 'filter', filter);
  if (fc !== c) {
    throw new InvalidArgumentError(
      fn,
      'filter',
      filter.shape,
      `must have ${c} input channels (its last axis)`,
    );
  }
  const g = conv2dTransposeGeometry(fn, [h, w], [kh, kw], options);
  return runWithGradients([x, filter], () => convInputGrad(x, filter, g), [
    // y = Aᵀx with A the forward convolution: dL/dx = A dy, and the filter gradient is the forward
    // convolution's filter gradient with the roles of its input (here dy) and output (here x) swapped.
    (dy, [, f]) => convForward(dy as tf.Tensor4D, f as tf.Tensor4D, g),
    (dy, [xs]) => convFilterGrad(dy as tf.Tensor4D, xs as tf.Tensor4D, g),
  ]);
}
