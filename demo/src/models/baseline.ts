/**
 * The conventional CNN baseline: the steerable CNN's architecture (see ./architecture.ts) with ordinary
 * channels — the same input mask; convolution, batch normalization, ReLU; the same antialiased average
 * pooling (σ = 0.66, stride 2, and the last stride-1 blur of the 5×5 map to 1×1); dense 64, batch
 * normalization, ELU; dense 10 — and its width chosen so that it has about as many parameters as the
 * equivariant model. The mask and the pooling are @steerable/nn-equivariant's modules on trivial fields
 * (`trivialOnR2`: translations only), i.e. escnn's; everything else is plain TensorFlow.js.
 */

import { FieldType } from '@steerable/field-types';
import { trivialOnR2 } from '@steerable/gspaces';
import { type EquivariantModule, MaskModule, PointwiseAvgPoolAntialiased2D } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { CLASSES, HEAD_HIDDEN, KERNELS, PADDINGS, POOL_AFTER, TUTORIAL_FIELDS } from './architecture.js';
import { assignNamed, BatchNorm, Conv2d, Dense } from './layers.js';
import { type ClassifierModel, type ModelOutputs, type NamedVariable, tidyOutputs } from './model.js';

/** Blur of the antialiased pooling (escnn's tutorial). */
const POOL_SIGMA = 0.66;

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

/** A module's variables as {@link NamedVariable}s under `prefix`. */
function moduleVariables(prefix: string, module: EquivariantModule): NamedVariable[] {
  return module.namedVariables(prefix).map(([name, variable, kind]) => ({ name, variable, kind }));
}

/**
 * Builds the conventional CNN. Its variables are named `mask.mask`, `conv<i>.{weight,bias}`,
 * `norm<i>.{weight,bias,running_mean,running_var}`, `pool<i>.filter` (the stride-2 poolings after blocks
 * `i`), `pool_last.filter` and `head.{hidden,norm,output}.<name>`.
 */
export function buildBaselineModel(options: BaselineOptions): ClassifierModel {
  const { channels, seed = 1 } = options;
  if (channels.length !== KERNELS.length || channels.some((c) => !Number.isInteger(c) || c < 1)) {
    throw new Error(
      `buildBaselineModel: channels must be ${KERNELS.length} positive integers, got ${channels}`,
    );
  }
  const gspace = trivialOnR2();
  const scalars = (n: number) => new FieldType(gspace, Array(n).fill(gspace.trivialRepr));
  const mask = new MaskModule(scalars(1), 29, { margin: 1 });
  const convs: Conv2d[] = [];
  const norms: BatchNorm[] = [];
  const pools = new Map<number, EquivariantModule>();
  let cin = 1;
  channels.forEach((c, i) => {
    convs.push(new Conv2d(cin, c, KERNELS[i]!, PADDINGS[i]!, seed * 1000 + i));
    norms.push(new BatchNorm(c));
    if (POOL_AFTER.has(i)) pools.set(i, new PointwiseAvgPoolAntialiased2D(scalars(c), POOL_SIGMA, 2));
    cin = c;
  });
  const lastPool = new PointwiseAvgPoolAntialiased2D(scalars(cin), POOL_SIGMA, 1, { padding: 0 });
  const pool = (module: EquivariantModule, x: tf.Tensor4D) =>
    module.forward(module.inType.wrap(x)).tensor as tf.Tensor4D;
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
  const namedVariables = (): NamedVariable[] => [
    ...moduleVariables('mask.', mask),
    ...convs.flatMap((c, i) => [
      ...c.namedVariables(`conv${i}.`),
      ...norms[i]!.namedVariables(`norm${i}.`),
      ...(pools.has(i) ? moduleVariables(`pool${i}.`, pools.get(i)!) : []),
    ]),
    ...moduleVariables('pool_last.', lastPool),
    ...hidden.namedVariables('head.hidden.'),
    ...headNorm.namedVariables('head.norm.'),
    ...output.namedVariables('head.output.'),
  ];
  const run = (images: tf.Tensor4D, training: boolean): ModelOutputs => {
    let x: tf.Tensor4D = pool(mask, images);
    let features: tf.Tensor4D | undefined;
    convs.forEach((conv, i) => {
      x = tf.relu(norms[i]!.apply(conv.apply(x), training));
      if (i === 0) features = x;
      const p = pools.get(i);
      if (p !== undefined) x = pool(p, x);
    });
    const pooled = tf.reshape(pool(lastPool, x), [images.shape[0], cin]) as tf.Tensor2D;
    const h = tf.elu(headNorm.apply(hidden.apply(pooled), training)) as tf.Tensor2D;
    return { logits: output.apply(h), features: features! };
  };
  return {
    name: 'conventional CNN',
    description: `6 conv blocks with [${channels.join(', ')}] channels (7×7, 5×5 kernels), BN, ReLU; antialiased avg pooling; MLP ${cin}→${HEAD_HIDDEN}→${CLASSES}`,
    architecture: { kind: 'baseline', channels: [...channels] },
    trainableVariables,
    apply: (images, training) => tf.tidy(() => run(images, training).logits),
    applyWithFeatures: (images, training) => tidyOutputs(() => run(images, training)),
    namedVariables,
    loadVariables(values) {
      // nothing here caches values derived from the variables (the mask and poolings read theirs)
      assignNamed(namedVariables(), values);
    },
    dispose() {
      for (const layer of [...convs, hidden, output]) for (const v of layer.variables) v.dispose();
      for (const n of [...norms, headNorm]) n.dispose();
      for (const m of [mask, ...pools.values(), lastPool]) m.dispose();
    },
  };
}
