/**
 * Evaluation: class probabilities of a data set, test accuracy, accuracy as a function of the digit's
 * rotation angle, and the invariance error of the prediction under rotations of the input.
 */

import * as tf from '@tensorflow/tfjs';
import { rot90, rotateImage } from '../data/rotate.js';
import type { RotatedDigits } from '../data/rotated-mnist.js';
import type { ClassifierModel } from '../models/model.js';
import { imageBatch, ranges } from './batches.js';

/** Softmax probabilities `[count × 10]` (row-major) of the model on the first `count` images of `data`. */
export function predictProbabilities(
  model: Pick<ClassifierModel, 'apply'>,
  data: RotatedDigits,
  options: { batchSize?: number; count?: number } = {},
): Float32Array {
  const count = Math.min(options.count ?? data.count, data.count);
  const out = new Float32Array(count * 10);
  for (const run of ranges(count, options.batchSize ?? 250)) {
    const probs = tf.tidy(() => tf.softmax(model.apply(imageBatch(data, run), false)));
    out.set(probs.dataSync(), (run[0] ?? 0) * 10);
    probs.dispose();
  }
  return out;
}

/** The predicted class of row `n` of a probability matrix. */
function predictedClass(probs: Float32Array, n: number): number {
  let best = 0;
  for (let k = 1; k < 10; k++) if ((probs[n * 10 + k] as number) > (probs[n * 10 + best] as number)) best = k;
  return best;
}

/** Fraction of rows whose predicted class is the label. */
export function accuracy(probs: Float32Array, labels: ArrayLike<number>): number {
  const count = probs.length / 10;
  let correct = 0;
  for (let n = 0; n < count; n++) if (predictedClass(probs, n) === labels[n]) correct++;
  return count === 0 ? Number.NaN : correct / count;
}

/** Accuracy over the digits whose angle falls in one bin. */
export interface AngleBin {
  /** Bin centre in degrees. */
  readonly angle: number;
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly accuracy: number;
}

/** Accuracy of the predictions in `bins` equal bins of the rotation angle over `[0°, 360°)`. */
export function accuracyByAngle(
  probs: Float32Array,
  labels: ArrayLike<number>,
  angles: ArrayLike<number>,
  bins = 24,
): AngleBin[] {
  const counts = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  const count = probs.length / 10;
  for (let n = 0; n < count; n++) {
    const degrees = (((((angles[n] as number) * 180) / Math.PI) % 360) + 360) % 360;
    const bin = Math.min(bins - 1, Math.floor((degrees / 360) * bins));
    counts[bin]! += 1;
    if (predictedClass(probs, n) === labels[n]) hits[bin]! += 1;
  }
  const width = 360 / bins;
  return counts.map((c, b) => ({
    angle: (b + 0.5) * width,
    from: b * width,
    to: (b + 1) * width,
    count: c,
    accuracy: c === 0 ? Number.NaN : hits[b]! / c,
  }));
}

/** How much the prediction moves when the input is rotated by one angle. */
export interface InvarianceAtAngle {
  /** Rotation of the input in degrees. */
  readonly angle: number;
  /** Whether the rotation is exact on the pixel grid (a multiple of 90°). */
  readonly exact: boolean;
  /** Mean over digits of the total variation ½‖p(g·x) − p(x)‖₁ of the softmax outputs, in [0, 1]. */
  readonly meanTotalVariation: number;
  /** Largest such total variation. */
  readonly maxTotalVariation: number;
  /** Fraction of digits whose predicted class changes. */
  readonly changedPredictions: number;
}

/** `data` with every image rotated by `angle` (exact pixel permutations for multiples of 90°). */
export function rotateAll(data: RotatedDigits, angle: number, count = data.count): RotatedDigits {
  const size = data.size;
  const pixels = size * size;
  const images = new Float32Array(count * pixels);
  const quarter = angle / (Math.PI / 2);
  const exact = Math.abs(quarter - Math.round(quarter)) < 1e-12;
  for (let n = 0; n < count; n++) {
    const src = data.images.subarray(n * pixels, (n + 1) * pixels);
    if (exact) images.set(rot90(src, size, Math.round(quarter)), n * pixels);
    else rotateImage(src, images, size, angle, { dstOffset: n * pixels });
  }
  const angles = Float64Array.from(data.angles.subarray(0, count), (a) => (a + angle) % (2 * Math.PI));
  return { count, size, images, labels: data.labels.subarray(0, count), angles };
}

/**
 * The invariance error of the model's prediction on the first `count` digits of `data` under rotations of
 * the input by each of `angles` (degrees). An invariant model gives 0 at multiples of 90° up to
 * floating-point error for C4 ⊂ G; other angles add the interpolation error of rotating a pixel grid.
 */
export function invarianceError(
  model: Pick<ClassifierModel, 'apply'>,
  data: RotatedDigits,
  angles: readonly number[],
  count = Math.min(500, data.count),
): InvarianceAtAngle[] {
  const base = predictProbabilities(model, data, { count });
  return angles.map((degrees) => {
    const rotated = rotateAll(data, (degrees * Math.PI) / 180, count);
    const probs = predictProbabilities(model, rotated, { count });
    let sum = 0;
    let max = 0;
    let changed = 0;
    for (let n = 0; n < count; n++) {
      let tv = 0;
      for (let k = 0; k < 10; k++)
        tv += Math.abs((probs[n * 10 + k] as number) - (base[n * 10 + k] as number));
      tv /= 2;
      sum += tv;
      max = Math.max(max, tv);
      if (predictedClass(probs, n) !== predictedClass(base, n)) changed++;
    }
    return {
      angle: degrees,
      exact: Math.abs(degrees / 90 - Math.round(degrees / 90)) < 1e-9,
      meanTotalVariation: sum / count,
      maxTotalVariation: max,
      changedPredictions: changed / count,
    };
  });
}
