/**
 * PyTorch's non-zero padding modes (`F.pad(x, pad, mode)`, which escnn's convolutions call for
 * `padding_mode != 'zeros'`) on NHWC tensors, built from slices, reversals and concatenations only, so that
 * they are differentiable on every backend.
 */

import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';

/** escnn's (PyTorch's) padding modes of a convolution. */
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** The padding modes, for validation. */
export const PADDING_MODES: readonly PaddingMode[] = Object.freeze([
  'zeros',
  'reflect',
  'replicate',
  'circular',
]);

/** Pads one axis (1 = height, 2 = width) of an NHWC tensor by `p` on both sides. */
function padAxis(fn: string, x: tf.Tensor4D, axis: 1 | 2, p: number, mode: PaddingMode): tf.Tensor4D {
  if (p === 0) return x;
  const n = x.shape[axis];
  const slice = (start: number, size: number): tf.Tensor4D => {
    const begin = [0, 0, 0, 0];
    const sizes = [-1, -1, -1, -1];
    begin[axis] = start;
    sizes[axis] = size;
    return tf.slice(x, begin, sizes);
  };
  if ((mode === 'reflect' && p >= n) || (mode === 'circular' && p > n)) {
    throw new InvalidArgumentError(
      fn,
      'x',
      `spatial size ${x.shape[1]}×${x.shape[2]}`,
      `must exceed the padding ${p} for padding mode '${mode}'`,
    );
  }
  let before: tf.Tensor4D;
  let after: tf.Tensor4D;
  if (mode === 'reflect') {
    // x[p], …, x[1] | x | x[n−2], …, x[n−1−p]: the edge is not repeated
    before = tf.reverse(slice(1, p), axis);
    after = tf.reverse(slice(n - 1 - p, p), axis);
  } else if (mode === 'replicate') {
    const reps = [1, 1, 1, 1];
    reps[axis] = p;
    before = tf.tile(slice(0, 1), reps);
    after = tf.tile(slice(n - 1, 1), reps);
  } else if (mode === 'circular') {
    before = slice(n - p, p);
    after = slice(0, p);
  } else {
    const pads: [number, number][] = [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    pads[axis] = [p, p];
    return tf.pad(x, pads);
  }
  return tf.concat([before, x, after], axis);
}

/** Pads the two spatial axes of NHWC `x` by `[ph, pw]` on both sides with a PyTorch padding mode. */
export function padSpatial(
  fn: string,
  x: tf.Tensor4D,
  padding: readonly [number, number],
  mode: PaddingMode,
): tf.Tensor4D {
  return padAxis(fn, padAxis(fn, x, 1, padding[0], mode), 2, padding[1], mode);
}
