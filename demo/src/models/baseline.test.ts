import { initBackend } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRotatedMnist } from '../data/rotated-mnist.js';
import { trainModel } from '../training/train.js';
import { scaledFields } from './architecture.js';
import { baselineParameterCount, buildBaselineModel, matchBaselineChannels } from './baseline.js';
import { parameterCount } from './model.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', wasmGradients: true });
});

const silent = { write: () => true, isTTY: false };

describe('conventional CNN baseline', () => {
  it('counts its parameters as its variables add up, and maps 29×29 images to 10 logits', () => {
    const channels = [3, 5, 5, 8, 8, 4];
    const model = buildBaselineModel({ channels, seed: 2 });
    expect(parameterCount(model)).toBe(baselineParameterCount(channels));
    const logits = model.apply(tf.zeros([2, 29, 29, 1]), false);
    expect(logits.shape).toEqual([2, 10]);
    logits.dispose();
    model.dispose();
  });

  it('matches a parameter budget within 3%', () => {
    for (const target of [20_000, 75_000, 300_000, 1_000_000]) {
      const count = baselineParameterCount(matchBaselineChannels(target));
      expect(Math.abs(count - target) / target).toBeLessThan(0.03);
    }
    expect(scaledFields(0.5)).toEqual([12, 24, 24, 48, 48, 32]);
  });

  it('learns rotated MNIST digits, reproducibly for a seed', () => {
    const { train } = buildRotatedMnist({ trainSize: 128, testSize: 1, seed: 5 });
    const run = () => {
      const model = buildBaselineModel({ channels: [4, 8, 8, 8, 8, 8], seed: 3 });
      const history = trainModel(model, train, {
        epochs: 3,
        batchSize: 32,
        learningRate: 3e-3,
        seed: 1,
        stream: silent,
      });
      model.dispose();
      return history;
    };
    const a = run();
    expect(a.batchLoss).toHaveLength(3 * 4);
    expect(a.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(a.epochs[2]!.loss).toBeLessThan(a.epochs[0]!.loss);
    expect(a.epochs[2]!.accuracy).toBeGreaterThan(0.2);
    expect(run().batchLoss).toEqual(a.batchLoss);
  });

  it('updates batch-norm running statistics in training only', () => {
    const model = buildBaselineModel({ channels: [2, 2, 2, 2, 2, 2], seed: 1 });
    const x = tf.randomUniform([4, 29, 29, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
    const before = model.apply(x, false).arraySync();
    expect(model.apply(x, false).arraySync()).toEqual(before);
    model.apply(x, true).dispose();
    expect(model.apply(x, false).arraySync()).not.toEqual(before);
    model.dispose();
  });
});
