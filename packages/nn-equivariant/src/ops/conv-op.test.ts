import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { runWithGradients } from './conv-op.js';

/** `x·y` elementwise with hand-written gradients that count their calls. */
function product(x: tf.Tensor, y: tf.Tensor, lazy: boolean, calls: number[]): tf.Tensor {
  return runWithGradients(
    [x, y],
    () => tf.mul(x, y),
    [
      (dy, [, ys]) => {
        calls[0] = (calls[0] ?? 0) + 1;
        return tf.mul(dy, ys as tf.Tensor);
      },
      (dy, [xs]) => {
        calls[1] = (calls[1] ?? 0) + 1;
        return tf.mul(dy, xs as tf.Tensor);
      },
    ],
    lazy,
  );
}

describe('runWithGradients', () => {
  for (const lazy of [true, false]) {
    it(`gives the hand-written gradients (${lazy ? 'lazy, engine' : 'eager, tf.customGrad'} path)`, () => {
      const x = tf.tensor1d([1, 2, 3]);
      const y = tf.tensor1d([4, -5, 6]);
      const calls: number[] = [];
      const before = tf.memory().numTensors;
      const [dx, dy] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(product(a, b, lazy, calls))),
      )([x, y]);
      // d/dx (xy)² = 2xy·y, d/dy = 2xy·x
      expect(Array.from(dx!.dataSync())).toEqual([32, 100, 216]);
      expect(Array.from(dy!.dataSync())).toEqual([8, -40, 108]);
      expect(calls).toEqual([1, 1]);
      tf.dispose([dx!, dy!]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, y]);
    });
  }

  it('computes only the gradients the tape asks for on the lazy path; all on the eager one', () => {
    const x = tf.tensor1d([1, 2]);
    const y = tf.tensor1d([3, 4]);
    const lazyCalls: number[] = [];
    const eagerCalls: number[] = [];
    tf.tidy(() => tf.grad((b: tf.Tensor) => tf.sum(product(x, b, true, lazyCalls)))(y));
    tf.tidy(() => tf.grad((b: tf.Tensor) => tf.sum(product(x, b, false, eagerCalls)))(y));
    expect(lazyCalls).toEqual([undefined, 1]);
    expect(eagerCalls).toEqual([1, 1]);
    tf.dispose([x, y]);
  });

  it('records nothing and keeps no tensors outside a gradient tape', () => {
    const x = tf.tensor1d([1, 2]);
    const y = tf.tensor1d([3, 4]);
    const before = tf.memory().numTensors;
    const z = product(x, y, true, []);
    expect(Array.from(z.dataSync())).toEqual([3, 8]);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, y, z]);
  });
});
