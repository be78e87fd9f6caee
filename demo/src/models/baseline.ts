/**
 * The conventional CNN baseline: the same six-block architecture as the steerable CNN (see
 * ./architecture.ts) with ordinary channels — convolution, batch normalization, ReLU; 3×3 average
 * pooling with stride 2; global average pooling; dense 64, batch normalization, ELU; dense 10 — and its
 * width chosen so that it has about as many parameters as the equivariant model.
 */

import * as tf from '@tensorflow/tfjs';
import { CLASSES, HEAD_HIDDEN, KERNELS, PADDINGS, POOL_AFTER, TUTORIAL_FIELDS } from './architecture.js';
import { BatchNorm, Conv2d, Dense } from './layers.js';
import type { ClassifierModel } from './model.js';

/** Options of {@link buildBaselineModel}. */
export interface BaselineOptions {
  /** Channels of the six convolution blocks. */
  readonly channels: readonly number[];
  /** Seed of the weight initialization. @defaultValue 1 */
  readonly seed?: number;
}

/** Trainable parameters of the baseline with the given block channels (convolutions, batch norms, head). */
export function baselineParameterCount(channels: readonly number[]): number {
  let total = 0;
  let cin = 1;
  channels.forEach((c, i) => {
    const k = KERNELS[i] ?? 5;
    total += k * k * cin * c + c + 2 * c;
    cin = c;
  });
  return total + cin * HEAD_HIDDEN + HEAD_HIDDEN + 2 * HEAD_HIDDEN + HEAD_HIDDEN * CLASSES + CLASSES;
}

/**
 * Block channels in the tutorial's proportions whose parameter count is closest to `target`: the
 * channels are `round(s · [24, 48, 48, 96, 96, 64])` for the best scale `s`.
 */
export function matchBaselineChannels(target: number): number[] {
  let best: number[] = TUTORIAL_FIELDS.map(() => 1);
  let bestGap = Number.POSITIVE_INFINITY;
  for (let s = 0.02; s <= 8; s *= 1.005) {
    const channels = TUTORIAL_FIELDS.map((n) => Math.max(1, Math.round(n * s)));
    const gap = Math.abs(baselineParameterCount(channels) - target);
    if (gap < bestGap) {
      bestGap = gap;
      best = channels;
    }
  }
  return best;
}

/** Builds the conventional CNN. */
export function buildBaselineModel(options: BaselineOptions): ClassifierModel {
  const { channels, seed = 1 } = options;
  if (channels.length !== KERNELS.length || channels.some((c) => !Number.isInteger(c) || c < 1)) {
    throw new Error(
      `buildBaselineModel: channels must be ${KERNELS.length} positive integers, got ${channels}`,
    );
  }
  const convs: Conv2d[] = [];
  const norms: BatchNorm[] = [];
  let cin = 1;
  channels.forEach((c, i) => {
    convs.push(new Conv2d(cin, c, KERNELS[i]!, PADDINGS[i]!, seed * 1000 + i));
    norms.push(new BatchNorm(c));
    cin = c;
  });
  const hidden = new Dense(cin, HEAD_HIDDEN, seed * 1000 + 100);
  const headNorm = new BatchNorm(HEAD_HIDDEN);
  const output = new Dense(HEAD_HIDDEN, CLASSES, seed * 1000 + 101);
  const trainableVariables = [
    ...convs.flatMap((c) => c.variables),
    ...norms.flatMap((n) => n.variables),
    ...hidden.variables,
    ...headNorm.variables,
    ...output.variables,
  ];
  return {
    name: 'conventional CNN',
    description: `6 conv blocks with [${channels.join(', ')}] channels (7×7, 5×5 kernels), BN, ReLU, avg pooling, global avg pool, MLP ${cin}→${HEAD_HIDDEN}→${CLASSES}`,
    trainableVariables,
    apply(images, training) {
      return tf.tidy(() => {
        let x: tf.Tensor4D = images;
        convs.forEach((conv, i) => {
          x = tf.relu(norms[i]!.apply(conv.apply(x), training));
          if (POOL_AFTER.has(i)) x = tf.avgPool(x, 3, 2, 'same');
        });
        const pooled = tf.mean(x, [1, 2]) as tf.Tensor2D;
        const h = tf.elu(headNorm.apply(hidden.apply(pooled), training)) as tf.Tensor2D;
        return output.apply(h);
      });
    },
    dispose() {
      for (const layer of [...convs, hidden, output]) for (const v of layer.variables) v.dispose();
      for (const n of [...norms, headNorm]) n.dispose();
    },
  };
}
