/**
 * The two models of the page, built the same way when training (Node) and in the browser: a C8-equivariant
 * steerable CNN from @steerable/nn-equivariant and a conventional CNN on plain TF.js ops with a similar number
 * of parameters. Both follow the shape of the demo's network (escnn's MNIST tutorial, fewer and narrower
 * blocks): 29 → 25 (7×7 conv) → 25 ↓13 → 13 ↓7 → 5, an invariant pooling, then a two-layer head.
 *
 * The sizes 25 → 13 → 7 keep the pixel (14, 14) of the input at the centre of every map, so rotations by
 * multiples of 90° stay exact pixel permutations all the way through and the equivariant model's output is
 * invariant to them; other rotations are invariant up to the interpolation of the rotated image.
 */

import { FieldType, type GeometricTensor } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import {
  GroupPooling,
  MaskModule,
  PointwiseAvgPoolAntialiased2D,
  R2Conv,
  ReLU,
  SequentialModule,
} from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';

/** Side of the input images (MNIST's 28×28 with a zero row and column, so that there is a centre pixel). */
export const SIZE = 29;
/** Order of the rotation group of the equivariant model. */
export const ORDER = 8;
/** Regular C8 fields of the four blocks. */
export const EQUIVARIANT_FIELDS: readonly number[] = [4, 6, 8, 12];
/** Channels of the conventional CNN's four blocks (about the equivariant model's parameter count). */
export const BASELINE_CHANNELS: readonly number[] = [8, 12, 16, 20];
/** Kernel sizes and paddings of the four blocks. */
const KERNELS = [7, 5, 5, 5] as const;
const PADDINGS = [1, 2, 2, 1] as const;
/** Blocks followed by a stride-2 pooling (0-based). */
const POOL_AFTER = new Set([1, 2]);
/** Hidden units of the head. */
const HIDDEN = 32;
/** The blur of the antialiased pooling (escnn's tutorial). */
const SIGMA = 0.66;

/** What the page shows of a model for one input: its class probabilities and the first block's output. */
export interface Inspection {
  /** Softmax probabilities of the ten digits. */
  readonly probabilities: Float32Array;
  /** The first block's feature maps, `[25, 25, channels]` row-major, channels last. */
  readonly features: Float32Array;
  /** Side of the feature maps. */
  readonly side: number;
  /** Channels of the feature maps. */
  readonly channels: number;
}

/** A classifier of `[N, 29, 29, 1]` images with named variables (its weights file). */
export interface PageModel {
  readonly name: string;
  /** Logits `[N, 10]`. */
  apply(images: tf.Tensor4D): tf.Tensor2D;
  /** Logits and the first block's output (after its nonlinearity). */
  applyWithFeatures(images: tf.Tensor4D): { logits: tf.Tensor2D; features: tf.Tensor4D };
  /** The variables by name; the trainable ones are what the weights file holds. */
  readonly variables: ReadonlyMap<string, tf.Variable>;
  /** Assigns trainable variables by name (flat row-major values); names not given keep their values. */
  load(values: ReadonlyMap<string, Float32Array>): void;
  /** Training mode lets gradients reach the steerable filters (evaluation mode caches them). */
  setTraining(training: boolean): void;
  dispose(): void;
}

/** A dense layer `x W + b` with Glorot-uniform weights. */
function dense(prefix: string, inputs: number, outputs: number, seed: number): Map<string, tf.Variable> {
  const limit = Math.sqrt(6 / (inputs + outputs));
  return new Map([
    [`${prefix}.weight`, tf.variable(tf.randomUniform([inputs, outputs], -limit, limit, 'float32', seed))],
    [`${prefix}.bias`, tf.variable(tf.zeros([outputs]))],
  ]);
}

/** Assigns the values of the variables whose names start with `prefix`. */
function assignPlain(
  vars: ReadonlyMap<string, tf.Variable>,
  values: ReadonlyMap<string, Float32Array>,
  prefix: string,
): void {
  for (const [n, value] of values) {
    if (!n.startsWith(prefix)) continue;
    const v = vars.get(n);
    if (v === undefined) throw new Error(`load: unknown variable ${n}`);
    if (value.length !== v.size) throw new Error(`load: ${n} needs ${v.size} values, got ${value.length}`);
    tf.tidy(() => v.assign(tf.tensor(value, v.shape, 'float32')));
  }
}

/** The head on pooled invariant features: Linear(HIDDEN) → ELU → Linear(10). */
function head(vars: ReadonlyMap<string, tf.Variable>, pooled: tf.Tensor2D): tf.Tensor2D {
  const v = (n: string) => vars.get(n)!;
  const h = tf.elu(tf.add(tf.matMul(pooled, v('head.0.weight')), v('head.0.bias'))) as tf.Tensor2D;
  return tf.add(tf.matMul(h, v('head.1.weight')), v('head.1.bias'));
}

function headVariables(features: number, seed: number): Map<string, tf.Variable> {
  return new Map([...dense('head.0', features, HIDDEN, seed), ...dense('head.1', HIDDEN, 10, seed + 1)]);
}

/**
 * The C8 steerable CNN: `MaskModule` → 4 × [R2Conv (regular fields, no bias) → ReLU] with antialiased
 * average pooling after blocks 2 and 3 → `GroupPooling` → spatial mean → head. The first block's regular fields
 * are what the page draws.
 */
export function buildEquivariant(seed = 1): PageModel {
  const gspace = rot2dOnR2(ORDER);
  const inType = new FieldType(gspace, [gspace.trivialRepr]);
  const first: (R2Conv | ReLU | MaskModule)[] = [new MaskModule(inType, SIZE, { margin: 1 })];
  const rest: (R2Conv | ReLU | PointwiseAvgPoolAntialiased2D | GroupPooling)[] = [];
  let type = inType;
  EQUIVARIANT_FIELDS.forEach((n, i) => {
    const out = new FieldType(gspace, Array(n).fill(gspace.regularRepr));
    const block = [
      new R2Conv(type, out, KERNELS[i]!, { padding: PADDINGS[i]!, bias: false, seed: seed * 100 + i }),
      new ReLU(out),
    ];
    (i === 0 ? first : rest).push(...block);
    if (POOL_AFTER.has(i)) rest.push(new PointwiseAvgPoolAntialiased2D(out, SIGMA, 2));
    type = out;
  });
  const pooling = new GroupPooling(type);
  rest.push(pooling);
  const block1 = new SequentialModule(...first);
  const body = new SequentialModule(...rest);
  block1.eval();
  body.eval();
  const features = pooling.outType.size;
  const vars = new Map<string, tf.Variable>([
    ...block1.namedVariables('block1.').map(([n, v]) => [n, v] as const),
    ...body.namedVariables('body.').map(([n, v]) => [n, v] as const),
    ...headVariables(features, seed * 100 + 50),
  ]);
  const run = (images: tf.Tensor4D) => {
    const f: GeometricTensor = block1.forward(inType.wrap(images));
    const y = body.forward(f);
    const pooled = tf.mean(y.tensor, [1, 2]) as tf.Tensor2D;
    y.dispose();
    return { logits: head(vars, pooled), features: f.tensor as tf.Tensor4D };
  };
  return {
    name: `C${ORDER} steerable CNN`,
    apply: (images) =>
      tf.tidy(() => {
        const { logits } = run(images);
        return logits;
      }),
    applyWithFeatures: (images) => tf.tidy(() => run(images)),
    variables: vars,
    load(values) {
      // through the modules' loadStateDict, so that they drop their cached filters
      for (const [prefix, module] of [
        ['block1.', block1],
        ['body.', body],
      ] as const) {
        const state = new Map<string, Float32Array>();
        for (const [n, v] of values) if (n.startsWith(prefix)) state.set(n.slice(prefix.length), v);
        module.loadStateDict(state, { strict: false });
      }
      assignPlain(vars, values, 'head.');
    },
    setTraining(training) {
      block1.train(training);
      body.train(training);
    },
    dispose() {
      block1.dispose();
      body.dispose();
      for (const [n, v] of vars) if (n.startsWith('head.')) v.dispose();
    },
  };
}

/**
 * The conventional CNN: 4 × [conv2d (with bias) → ReLU] with 3×3 average pooling (stride 2) after blocks 2
 * and 3 → spatial mean → head; He-normal initialization.
 */
export function buildBaseline(seed = 1): PageModel {
  const vars = new Map<string, tf.Variable>();
  let inputs = 1;
  BASELINE_CHANNELS.forEach((c, i) => {
    const k = KERNELS[i]!;
    const std = Math.sqrt(2 / (k * k * inputs));
    vars.set(
      `conv${i}.weight`,
      tf.variable(tf.randomNormal([k, k, inputs, c], 0, std, 'float32', seed * 100 + i)),
    );
    vars.set(`conv${i}.bias`, tf.variable(tf.zeros([c])));
    inputs = c;
  });
  for (const [n, v] of headVariables(inputs, seed * 100 + 50)) vars.set(n, v);
  const run = (images: tf.Tensor4D) => {
    let x: tf.Tensor4D = images;
    let features: tf.Tensor4D | undefined;
    BASELINE_CHANNELS.forEach((_, i) => {
      const p = PADDINGS[i]!;
      const w = vars.get(`conv${i}.weight`)! as tf.Tensor4D;
      x = tf.relu(
        tf.add(
          tf.conv2d(
            tf.pad(x, [
              [0, 0],
              [p, p],
              [p, p],
              [0, 0],
            ]),
            w,
            1,
            'valid',
          ),
          vars.get(`conv${i}.bias`)!,
        ),
      );
      if (i === 0) features = x;
      if (POOL_AFTER.has(i)) {
        x = tf.avgPool(
          tf.pad(x, [
            [0, 0],
            [1, 1],
            [1, 1],
            [0, 0],
          ]),
          3,
          2,
          'valid',
        );
      }
    });
    const pooled = tf.mean(x, [1, 2]) as tf.Tensor2D;
    return { logits: head(vars, pooled), features: features! };
  };
  return {
    name: 'conventional CNN',
    apply: (images) =>
      tf.tidy(() => {
        const { logits } = run(images);
        return logits;
      }),
    applyWithFeatures: (images) => tf.tidy(() => run(images)),
    variables: vars,
    load(values) {
      assignPlain(vars, values, '');
    },
    setTraining() {},
    dispose() {
      for (const v of vars.values()) v.dispose();
    },
  };
}

/** Runs a model on one 29×29 image (values in [0, 1], row-major) and reads what the page shows. */
export async function inspect(model: PageModel, image: Float32Array): Promise<Inspection> {
  const { probs, features } = tf.tidy(() => {
    const x = tf.tensor4d(image, [1, SIZE, SIZE, 1]);
    const { logits, features } = model.applyWithFeatures(x);
    return { probs: tf.softmax(logits), features };
  });
  const [p, f] = await Promise.all([probs.data(), features.data()]);
  const [, side = 0, , channels = 0] = features.shape;
  tf.dispose([probs, features]);
  return { probabilities: p as Float32Array, features: f as Float32Array, side, channels };
}

/** The number of trainable scalars. */
export function parameterCount(model: PageModel): number {
  let n = 0;
  for (const v of model.variables.values()) if (v.trainable) n += v.size;
  return n;
}
