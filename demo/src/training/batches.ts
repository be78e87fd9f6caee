/** Turning rows of a flat image array into NHWC batches. */

import * as tf from '@tensorflow/tfjs';
import type { RotatedDigits } from '../data/rotated-mnist.js';

/** The images `indices` of `data` as a `[n, size, size, 1]` tensor. */
export function imageBatch(data: RotatedDigits, indices: ArrayLike<number>): tf.Tensor4D {
  const pixels = data.size * data.size;
  const values = new Float32Array(indices.length * pixels);
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n] as number;
    values.set(data.images.subarray(i * pixels, (i + 1) * pixels), n * pixels);
  }
  return tf.tensor4d(values, [indices.length, data.size, data.size, 1]);
}

/** The labels `indices` of `data`. */
export function labelBatch(data: RotatedDigits, indices: ArrayLike<number>): Int32Array {
  const labels = new Int32Array(indices.length);
  for (let n = 0; n < indices.length; n++) labels[n] = data.labels[indices[n] as number] as number;
  return labels;
}

/** `0 … n − 1` split into consecutive runs of at most `size`. */
export function ranges(n: number, size: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let start = 0; start < n; start += size) {
    const run = new Int32Array(Math.min(size, n - start));
    for (let i = 0; i < run.length; i++) run[i] = start + i;
    out.push(run);
  }
  return out;
}
