import { initBackend } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRotatedMnist } from '../data/rotated-mnist.js';
import { trainModel } from '../training/train.js';
import { buildEquivariantModel, parseGroup } from './equivariant.js';
import { type ClassifierModel, parameterCount } from './model.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const tiny = [1, 2, 2, 2, 2, 2];

function build(group: string, fields = tiny): ClassifierModel {
  return buildEquivariantModel({ group: parseGroup(group), fields, seed: 3 });
}

/** Largest difference between the logits of images and of the images turned by a quarter turn. */
function quarterTurnGap(model: ClassifierModel, x: tf.Tensor4D, training = false): number {
  return tf.tidy(() => {
    const turned = tf.reverse(tf.transpose(x, [0, 2, 1, 3]), 1) as tf.Tensor4D; // out[i][j] = in[j][S−1−i]
    const a = model.apply(x, training);
    const b = model.apply(turned, training);
    return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
  });
}

describe('buildEquivariantModel', () => {
  const x = tf.randomUniform([3, 29, 29, 1], 0, 1, 'float32', 7) as tf.Tensor4D;

  for (const group of ['C8', 'D4', 'SO2', 'SO2-norm']) {
    it(`${group}: 10 logits, invariant under quarter turns of the input`, () => {
      const model = build(group);
      expect(parameterCount(model)).toBeGreaterThan(0);
      // Training mode: batch statistics, the same for a batch and its quarter-turned copy (pixels permuted).
      const logits = model.apply(x, true);
      expect(logits.shape).toEqual([3, 10]);
      const scale = tf.max(tf.abs(logits)).dataSync()[0]!;
      logits.dispose();
      expect(scale).toBeGreaterThan(1e-3);
      expect(quarterTurnGap(model, x, true)).toBeLessThan(1e-4 * Math.max(1, scale));
      expect(quarterTurnGap(model, x, false)).toBeLessThan(1e-4 * Math.max(1, scale));
      model.dispose();
    });
  }

  it('a conventional check that could fail: a non-equivariant input map breaks the invariance', () => {
    const model = build('C8');
    // Shifting the digit by a pixel is not a group action: the logits must move.
    const shifted = tf.pad(tf.slice(x, [0, 0, 0, 0], [3, 28, 29, 1]), [
      [0, 0],
      [1, 0],
      [0, 0],
      [0, 0],
    ]) as tf.Tensor4D;
    const gap = tf.tidy(
      () => tf.max(tf.abs(tf.sub(model.apply(x, false), model.apply(shifted, false)))).dataSync()[0]!,
    );
    expect(gap).toBeGreaterThan(1e-4);
    model.dispose();
  });

  it('trains: the C8 model’s loss falls on rotated digits and it stays invariant', () => {
    const { train } = buildRotatedMnist({ trainSize: 64, testSize: 1, seed: 8 });
    const model = build('C8', [2, 2, 2, 2, 2, 2]);
    const history = trainModel(model, train, {
      epochs: 3,
      batchSize: 32,
      learningRate: 1e-2,
      stream: { write: () => true },
      tty: false,
    });
    expect(history.epochs[2]!.loss).toBeLessThan(history.epochs[0]!.loss);
    expect(quarterTurnGap(model, x)).toBeLessThan(1e-4);
    model.dispose();
  });

  it('rejects bad field counts', () => {
    expect(() => buildEquivariantModel({ group: parseGroup('C8'), fields: [1, 2, 3] })).toThrow(/six|6/);
  });
});
