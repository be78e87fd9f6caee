/**
 * A gather on the channel axis whose gradient runs on every TF.js backend.
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';

/**
 * `y[..., k] = x[..., indices[k]]`: picks (and reorders, or repeats) channels of the last axis, like
 * `tf.gather(x, indices, -1)`, with a gradient written as a gather too. TF.js's own gradient of `gather` needs
 * the `UnsortedSegmentSum` kernel, which the WASM backend (our default in Node) does not have; this one scatters
 * the output gradient back by gathering from it (a zero channel standing for unpicked channels), or by a
 * matmul with the selection matrix when an index repeats.
 * @param x - any float32 tensor of rank ≥ 1.
 * @param indices - channel indices in `[0, x.shape[-1])`.
 * @throws InvalidArgumentError for an index out of range.
 */
export function gatherChannels(x: tf.Tensor, indices: ArrayLike<number>): tf.Tensor {
  const c = x.shape[x.rank - 1] ?? 0;
  const idx = Int32Array.from(indices as ArrayLike<number>);
  if (idx.length === 0 || idx.some((i) => !Number.isInteger(i) || i < 0 || i >= c)) {
    throw new InvalidArgumentError(
      'gatherChannels',
      'indices',
      indices,
      `must be channel indices in [0, ${c})`,
    );
  }
  const k = idx.length;
  const injective = new Set(idx).size === k;
  // inverse[c] = position of channel c in the output, or k (a zero channel) when it is not picked
  const inverse = new Int32Array(c).fill(k);
  idx.forEach((ch, pos) => {
    inverse[ch] = pos;
  });
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const value = tf.gather(input, tf.tensor1d(idx, 'int32'), input.rank - 1);
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const axis = dy.rank - 1;
      if (injective) {
        const zero = tf.zeros([...dy.shape.slice(0, -1), 1]);
        return tf.gather(tf.concat([dy, zero], axis), tf.tensor1d(inverse, 'int32'), axis);
      }
      const sel = new Float32Array(k * c);
      idx.forEach((ch, pos) => {
        sel[pos * c + ch] = (sel[pos * c + ch] ?? 0) + 1;
      });
      const flat = tf.matMul(tf.reshape(dy, [-1, k]), tf.tensor2d(sel, [k, c]));
      return tf.reshape(flat, [...dy.shape.slice(0, -1), c]);
    };
    return { value, gradFunc };
  });
  return op(x);
}
