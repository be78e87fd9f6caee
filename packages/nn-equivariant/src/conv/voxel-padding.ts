/**
 * PyTorch's padding modes (`F.pad(x, pad, mode)`, which escnn's `R3Conv` calls for `padding_mode != 'zeros'`)
 * on the three grid axes of a channels-last `[batch, d, h, w, C]` tensor, built from slices, reversals, tiles
 * and concatenations only, so that they are differentiable on every backend.
 */

import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import type { PaddingMode } from '../ops/spatial-padding.js';

/** Pads grid axis `axis` (1 = depth, 2 = height, 3 = width) by `p` on both sides. */
function padVoxelAxis(
  fn: string,
  x: tf.Tensor5D,
  axis: 1 | 2 | 3,
  p: number,
  mode: PaddingMode,
): tf.Tensor5D {
  if (p === 0) return x;
  const n = x.shape[axis];
  if ((mode === 'reflect' && p >= n) || (mode === 'circular' && p > n)) {
    throw new InvalidArgumentError(
      fn,
      'x',
      `grid ${x.shape.slice(1, 4).join('×')}`,
      `must exceed the padding ${p} along every axis for padding mode '${mode}'`,
    );
  }
  if (mode === 'zeros') {
    const pads: [number, number][] = x.shape.map(() => [0, 0]);
    pads[axis] = [p, p];
    return tf.pad(x, pads);
  }
  const slice = (start: number, size: number): tf.Tensor5D => {
    const begin = [0, 0, 0, 0, 0];
    const sizes = [-1, -1, -1, -1, -1];
    begin[axis] = start;
    sizes[axis] = size;
    return tf.slice(x, begin, sizes);
  };
  let before: tf.Tensor5D;
  let after: tf.Tensor5D;
  if (mode === 'reflect') {
    // x[p], …, x[1] | x | x[n−2], …, x[n−1−p]: the edge is not repeated
    before = tf.reverse(slice(1, p), axis);
    after = tf.reverse(slice(n - 1 - p, p), axis);
  } else if (mode === 'replicate') {
    const reps = [1, 1, 1, 1, 1];
    reps[axis] = p;
    before = tf.tile(slice(0, 1), reps);
    after = tf.tile(slice(n - 1, 1), reps);
  } else {
    before = slice(n - p, p);
    after = slice(0, p);
  }
  return tf.concat([before, x, after], axis);
}

/**
 * Pads the grid axes of `x: [batch, d, h, w, C]` by `padding = [pd, ph, pw]` on both sides with a PyTorch padding
 * mode (the three axes in turn, as `F.pad` does).
 * @throws InvalidArgumentError when `'reflect'` pads by at least an axis's extent or `'circular'` by more.
 */
export function padVoxels(
  fn: string,
  x: tf.Tensor5D,
  padding: readonly [number, number, number],
  mode: PaddingMode,
): tf.Tensor5D {
  let out = x;
  for (const axis of [1, 2, 3] as const) out = padVoxelAxis(fn, out, axis, padding[axis - 1]!, mode);
  return out;
}
