import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../data/random.js';
import type { RotatedDigits } from '../data/rotated-mnist.js';
import type { ClassifierModel } from '../models/model.js';
import { accuracy, accuracyByAngle, invarianceError, predictProbabilities, rotateAll } from './evaluate.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function digits(count: number, size = 9): RotatedDigits {
  const random = new SeededRandom(4);
  return {
    count,
    size,
    images: Float32Array.from({ length: count * size * size }, () => random.next()),
    labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
    angles: Float64Array.from({ length: count }, (_, i) => (2 * Math.PI * i) / count),
  };
}

/** A model from a fixed function of the image: logits = W · features(x). */
function model(
  features: (x: tf.Tensor4D) => tf.Tensor2D,
  inputs: number,
): Pick<ClassifierModel, 'apply' | 'dispose'> {
  const w = tf.variable(tf.randomNormal([inputs, 10], 0, 1, 'float32', 5));
  return {
    apply: (x) => tf.tidy(() => tf.matMul(features(x), w)),
    dispose: () => w.dispose(),
  };
}

describe('accuracy and accuracy by angle', () => {
  it('counts argmax hits, overall and per angle bin', () => {
    // Four digits; the prediction is right for the first and third.
    const probs = new Float32Array(40);
    [3, 1, 7, 2].forEach((k, n) => {
      probs[n * 10 + k] = 0.9;
    });
    const labels = [3, 4, 7, 5];
    expect(accuracy(probs, labels)).toBe(0.5);
    const angles = [0.1, 0.2, Math.PI + 0.1, Math.PI + 0.2];
    const bins = accuracyByAngle(probs, labels, angles, 4);
    expect(bins.map((b) => b.count)).toEqual([2, 0, 2, 0]);
    expect(bins.map((b) => b.accuracy)).toEqual([0.5, Number.NaN, 0.5, Number.NaN]);
    expect(bins.map((b) => b.angle)).toEqual([45, 135, 225, 315]);
  });
});

describe('invarianceError', () => {
  const data = digits(20);

  it('is zero at multiples of 90° for a model invariant under quarter turns, and at 0° for any model', () => {
    // Pixel sum and sum of squares: invariant under every pixel permutation, rot90 among them.
    const invariant = model(
      (x) => tf.stack([tf.sum(x, [1, 2, 3]), tf.sum(tf.square(x), [1, 2, 3])], 1) as tf.Tensor2D,
      2,
    );
    const result = invarianceError(invariant, data, [0, 90, 180, 270, 45], 20);
    for (const r of result.slice(0, 4)) {
      expect(r.exact).toBe(true);
      expect(r.meanTotalVariation).toBeLessThan(1e-6);
      expect(r.changedPredictions).toBe(0);
    }
    expect(result[4]!.exact).toBe(false);
    invariant.dispose();
  });

  it('detects a model that is not invariant', () => {
    // Reads the top-left pixel and the image mean: moves under rotations.
    const corner = model(
      (x) =>
        tf.stack(
          [tf.reshape(tf.slice(x, [0, 0, 0, 0], [-1, 1, 1, 1]), [-1]), tf.mean(x, [1, 2, 3])],
          1,
        ) as tf.Tensor2D,
      2,
    );
    const [zero, quarter] = invarianceError(corner, data, [0, 90], 20);
    expect(zero!.meanTotalVariation).toBe(0);
    expect(quarter!.meanTotalVariation).toBeGreaterThan(1e-3);
    expect(quarter!.maxTotalVariation).toBeGreaterThanOrEqual(quarter!.meanTotalVariation);
    corner.dispose();
  });

  it('rotateAll shifts the recorded angles and predictProbabilities gives distributions', () => {
    const turned = rotateAll(data, Math.PI / 2, 5);
    expect(turned.count).toBe(5);
    expect(turned.angles[0]).toBeCloseTo(Math.PI / 2, 12);
    const m = model((x) => tf.reshape(tf.mean(x, [1, 2, 3]), [-1, 1]) as tf.Tensor2D, 1);
    const probs = predictProbabilities(m, data, { batchSize: 7 });
    expect(probs.length).toBe(200);
    for (let n = 0; n < 20; n++) {
      expect(probs.subarray(n * 10, n * 10 + 10).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    }
    m.dispose();
  });
});
