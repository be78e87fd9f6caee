/**
 * The training loop: Adam on the softmax cross-entropy, mini-batches in a seeded shuffled order each
 * epoch, a progress display, and a record of every batch's loss and accuracy and of every epoch.
 */

import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../data/random.js';
import type { RotatedDigits } from '../data/rotated-mnist.js';
import type { ClassifierModel } from '../models/model.js';
import { imageBatch, labelBatch } from './batches.js';
import { Progress, type ProgressStream } from './progress.js';

/** Options of {@link trainModel}. */
export interface TrainOptions {
  readonly epochs: number;
  /** @defaultValue 64 */
  readonly batchSize?: number;
  /** Adam's initial step size. @defaultValue 2e-3 */
  readonly learningRate?: number;
  /**
   * Step-size schedule over the whole run: `'cosine'` decays it as `lr·½(1 + cos(π t/T))` from the first
   * to the last batch (short runs end with small steps, so the final weights — and the batch-norm running
   * statistics evaluation uses — settle); `'constant'` keeps it.
   * @defaultValue 'cosine'
   */
  readonly schedule?: 'cosine' | 'constant';
  /** Seed of the shuffles. @defaultValue 7 */
  readonly seed?: number;
  /** Where progress goes. @defaultValue process.stdout */
  readonly stream?: ProgressStream;
  /** Force live-bar (true) or plain-line (false) progress. @defaultValue the stream's isTTY */
  readonly tty?: boolean;
  /** Called after each epoch, e.g. to measure test accuracy; its result is recorded with the epoch. */
  readonly afterEpoch?: (epoch: number) => number | undefined;
}

/** One epoch's summary. */
interface EpochRecord {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly seconds: number;
  readonly samplesPerSecond: number;
  /** What `afterEpoch` returned (the demo: accuracy on a test subset). */
  readonly testAccuracy?: number;
}

/** Everything recorded while training. */
export interface TrainHistory {
  readonly epochs: EpochRecord[];
  /** Loss of every batch, in order. */
  readonly batchLoss: number[];
  /** Accuracy of every batch, in order. */
  readonly batchAccuracy: number[];
  readonly batchesPerEpoch: number;
  /** Wall-clock seconds of the whole run. */
  readonly seconds: number;
  /** CPU seconds this process used meanwhile (the WASM backend runs on one thread: ≈ the wall time on an idle machine). */
  readonly cpuSeconds: number;
}

/** Trains `model` on `data` in place; returns the history. */
export function trainModel(model: ClassifierModel, data: RotatedDigits, options: TrainOptions): TrainHistory {
  const { epochs, batchSize = 64, learningRate = 2e-3, seed = 7 } = options;
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new Error(`trainModel: epochs must be a non-negative integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`trainModel: batchSize must be a positive integer, got ${batchSize}`);
  const optimizer = tf.train.adam(learningRate);
  const totalSteps = Math.max(1, epochs * Math.ceil(data.count / batchSize));
  const stepSize = (step: number) =>
    options.schedule === 'constant'
      ? learningRate
      : 0.5 * learningRate * (1 + Math.cos((Math.PI * step) / totalSteps));
  const random = new SeededRandom(seed);
  const batchesPerEpoch = Math.ceil(data.count / batchSize);
  const progress = new Progress({
    label: model.name,
    epochs,
    batchesPerEpoch,
    ...(options.stream === undefined ? {} : { stream: options.stream }),
    ...(options.tty === undefined ? {} : { tty: options.tty }),
  });
  const history: TrainHistory = {
    epochs: [],
    batchLoss: [],
    batchAccuracy: [],
    batchesPerEpoch,
    seconds: 0,
    cpuSeconds: 0,
  };
  const variables = [...model.trainableVariables];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = random.permutation(data.count);
    const epochStart = performance.now();
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    for (let b = 0; b < batchesPerEpoch; b++) {
      const indices = order.subarray(b * batchSize, Math.min(data.count, (b + 1) * batchSize));
      const x = imageBatch(data, indices);
      const labels = labelBatch(data, indices);
      const labelTensor = tf.tensor1d(labels, 'int32');
      const oneHot = tf.oneHot(labelTensor, 10);
      // tf.train.adam reads its public-in-JS `learningRate` field at every step.
      (optimizer as unknown as { learningRate: number }).learningRate = stepSize(
        (epoch - 1) * batchesPerEpoch + b,
      );
      let hits: tf.Scalar | null = null;
      const cost = optimizer.minimize(
        () => {
          const logits = model.apply(x, true);
          hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labelTensor), 'float32')));
          return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
        },
        true,
        variables,
      );
      const loss = cost?.dataSync()[0] ?? Number.NaN;
      const batchCorrect = (hits as tf.Scalar | null)?.dataSync()[0] ?? 0;
      tf.dispose(
        [x, labelTensor, oneHot, cost as tf.Scalar, hits as tf.Scalar | null].filter((t) => t != null),
      );
      history.batchLoss.push(loss);
      history.batchAccuracy.push(batchCorrect / indices.length);
      lossSum += loss * indices.length;
      correct += batchCorrect;
      seen += indices.length;
      const elapsed = (performance.now() - epochStart) / 1000;
      progress.update({
        epoch,
        batch: b + 1,
        loss: lossSum / seen,
        accuracy: correct / seen,
        samplesPerSecond: seen / Math.max(elapsed, 1e-9),
      });
    }
    const seconds = (performance.now() - epochStart) / 1000;
    const testAccuracy = options.afterEpoch?.(epoch);
    const record: EpochRecord = {
      epoch,
      loss: lossSum / seen,
      accuracy: correct / seen,
      seconds,
      samplesPerSecond: seen / seconds,
      ...(testAccuracy === undefined ? {} : { testAccuracy }),
    };
    history.epochs.push(record);
    if (testAccuracy !== undefined) {
      progress.log(
        `${model.name}: epoch ${epoch} test accuracy ${(100 * testAccuracy).toFixed(2)}% (${seconds.toFixed(1)} s)`,
      );
    }
  }
  optimizer.dispose();
  const cpu = process.cpuUsage(cpuStart);
  return {
    ...history,
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
