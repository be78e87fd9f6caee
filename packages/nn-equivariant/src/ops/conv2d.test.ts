import '@tensorflow/tfjs-backend-wasm';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conv2dOptions } from './conv-geometry.js';
import { conv2dWithGrad } from './conv2d.js';
import { relativeError, seededValues } from './test-conv-reference.js';

/** float32 sums of ≤ 150 products of values in [−1, 1]: rounding stays orders of magnitude below. */
const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});
afterAll(async () => {
  await tf.setBackend('wasm');
});

interface Case {
  readonly x: readonly [number, number, number, number];
  readonly kernel: readonly [number, number];
  readonly out: number;
  readonly options: Conv2dOptions;
}

const cases: readonly Case[] = [
  { x: [2, 9, 8, 3], kernel: [3, 3], out: 4, options: { padding: 'same' } },
  { x: [2, 9, 8, 3], kernel: [3, 3], out: 4, options: { padding: 'same', strides: 2 } },
  { x: [1, 10, 7, 2], kernel: [4, 2], out: 3, options: { padding: 'same', strides: [2, 3] } },
  { x: [2, 11, 9, 3], kernel: [5, 5], out: 2, options: { padding: 'valid', strides: 3 } },
  {
    x: [1, 8, 8, 2],
    kernel: [2, 2],
    out: 3,
    options: {
      padding: [
        [1, 0],
        [0, 2],
      ],
      strides: 2,
    },
  },
  { x: [2, 7, 7, 4], kernel: [5, 5], out: 3, options: { padding: 2 } },
  { x: [2, 13, 11, 16], kernel: [3, 3], out: 8, options: { padding: 1 } },
];

/** Values and autodiff gradients of `tf.conv2d` (cpu backend) or ours (wasm) for the cotangent `w`. */
async function run(
  backend: 'cpu' | 'wasm',
  c: Case,
  seed: number,
): Promise<{ y: Float32Array; dx: Float32Array; df: Float32Array }> {
  await tf.setBackend(backend);
  const rand = seededValues(seed);
  const [n, h, w, ch] = c.x;
  const fShape = [c.kernel[0], c.kernel[1], ch, c.out] as const;
  const xs = rand(n * h * w * ch);
  const fs = rand(fShape.reduce((a, b) => a * b));
  const { strides = 1, padding = 'valid', dilations = 1 } = c.options;
  const tfPad = typeof padding === 'object' ? [[0, 0], padding[0], padding[1], [0, 0]] : padding;
  const op = (x: tf.Tensor4D, f: tf.Tensor4D): tf.Tensor4D =>
    backend === 'cpu'
      ? tf.conv2d(x, f, strides as [number, number], tfPad as 'same', 'NHWC', dilations as [number, number])
      : conv2dWithGrad(x, f, c.options);
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, c.x as [number, number, number, number]);
    const f = tf.tensor4d(fs, fShape as unknown as [number, number, number, number]);
    const y = op(x, f);
    const wt = tf.tensor(rand(y.size), y.shape);
    const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D), wt)),
    )([x, f]);
    return {
      y: y.dataSync() as Float32Array,
      dx: dx!.dataSync() as Float32Array,
      df: df!.dataSync() as Float32Array,
    };
  });
}

describe('conv2dWithGrad on wasm equals tf.conv2d and its autodiff on cpu', () => {
  cases.forEach((c, i) => {
    it(`x ${c.x.join('×')}, kernel ${c.kernel.join('×')}, ${JSON.stringify(c.options)}`, async () => {
      const expected = await run('cpu', c, 100 + i);
      const got = await run('wasm', c, 100 + i);
      expect(relativeError(got.y, expected.y)).toBeLessThan(TOLERANCE);
      expect(relativeError(got.dx, expected.dx)).toBeLessThan(TOLERANCE);
      expect(relativeError(got.df, expected.df)).toBeLessThan(TOLERANCE);
    });
  });

  it('forward with dilations equals tf.conv2d (whose gradient refuses dilations)', async () => {
    const rand = seededValues(7);
    const xs = rand(2 * 12 * 10 * 3);
    const fs = rand(3 * 2 * 3 * 4);
    const forward = async (backend: string): Promise<Float32Array> => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const x = tf.tensor4d(xs, [2, 12, 10, 3]);
        const f = tf.tensor4d(fs, [3, 2, 3, 4]);
        const y =
          backend === 'cpu'
            ? tf.conv2d(x, f, 1, 'same', 'NHWC', [2, 3])
            : conv2dWithGrad(x, f, { padding: 'same', dilations: [2, 3] });
        return y.dataSync() as Float32Array;
      });
    };
    expect(relativeError(await forward('wasm'), await forward('cpu'))).toBeLessThan(TOLERANCE);
  });
});

describe('conv2dWithGrad bookkeeping', () => {
  it('computes only the gradients asked for: no input gradient for the filter alone', () => {
    const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 3, 4]) as tf.Tensor4D;
    const kernelsOf = async (grad: () => tf.Tensor): Promise<string[]> =>
      (await tf.profile(() => tf.tidy(grad))).kernelNames;
    const loss = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.sum(conv2dWithGrad(a, b, { padding: 'same' }));
    return (async () => {
      // The input gradient is the only map that gathers filter taps (a GatherV2 kernel).
      const filterOnly = await kernelsOf(() => tf.grad((b: tf.Tensor) => loss(x, b as tf.Tensor4D))(f));
      const inputOnly = await kernelsOf(() => tf.grad((a: tf.Tensor) => loss(a as tf.Tensor4D, f))(x));
      expect(filterOnly).not.toContain('GatherV2');
      expect(inputOnly).toContain('GatherV2');
      tf.dispose([x, f]);
    })();
  });

  it('leaks no tensors across repeated forward and gradient calls', () => {
    const x = tf.randomNormal([2, 9, 9, 3]) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 3, 5]) as tf.Tensor4D;
    const options: Conv2dOptions = { padding: 'same', strides: 2, dilations: 1 };
    const step = () =>
      tf.tidy(() => {
        conv2dWithGrad(x, f, options).dataSync();
        const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.square(conv2dWithGrad(a as tf.Tensor4D, b as tf.Tensor4D, options))),
        )([x, f]);
        dx!.dataSync();
        df!.dataSync();
      });
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    // A forward call outside tidy returns exactly one new tensor and keeps nothing else.
    const y = conv2dWithGrad(x, f, { padding: 'same', strides: 2, dilations: 2 });
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, f, y]);
  });

  it('trains: loss decreases and the tensor count is flat across optimizer steps', () => {
    const rand = seededValues(11);
    const x = tf.tensor4d(rand(4 * 10 * 10 * 2), [4, 10, 10, 2]);
    const target = tf.tensor4d(rand(3 * 3 * 2 * 3), [3, 3, 2, 3]);
    const y = tf.tidy(() => conv2dWithGrad(x, target, { padding: 1 }));
    const filter = tf.variable(tf.zeros([3, 3, 2, 3]));
    const optimizer = tf.train.adam(0.05);
    const lossFn = (): tf.Scalar =>
      tf.mean(tf.squaredDifference(conv2dWithGrad(x, filter as tf.Tensor4D, { padding: 1 }), y));
    const losses: number[] = [];
    const trainStep = () => {
      const loss = optimizer.minimize(lossFn, true) as tf.Scalar;
      losses.push(loss.dataSync()[0] as number);
      loss.dispose();
    };
    trainStep(); // creates the optimizer's slot variables
    const before = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) trainStep();
    expect(tf.memory().numTensors).toBe(before);
    expect(losses[losses.length - 1]).toBeLessThan(0.1 * (losses[0] as number));
    optimizer.dispose();
    tf.dispose([x, target, y, filter]);
  });

  it('leaves no tensors behind when it rejects its arguments inside tf.grads within tidy', () => {
    const x = tf.zeros([1, 5, 5, 3]) as tf.Tensor4D;
    const f = tf.zeros([3, 3, 3, 2]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      expect(() =>
        tf.tidy(() =>
          tf.grads((a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(conv2dWithGrad(a as tf.Tensor4D, b as tf.Tensor4D, { padding: 'full' as 'same' })),
          )([x, f]),
        ),
      ).toThrow(InvalidArgumentError);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, f]);
  });

  it('rejects bad arguments with typed errors naming function and argument', () => {
    const x = tf.zeros([1, 5, 5, 3]) as tf.Tensor4D;
    const f = tf.zeros([3, 3, 3, 2]) as tf.Tensor4D;
    const bad = (fn: () => unknown, argument: string) => {
      let error: unknown;
      try {
        fn();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect((error as Error).message).toMatch(/^conv2dWithGrad: /);
    };
    const before = tf.memory().numTensors;
    bad(() => conv2dWithGrad(tf.zeros([5, 5, 3]) as unknown as tf.Tensor4D, f), 'x');
    bad(() => conv2dWithGrad(x, tf.zeros([3, 3, 2, 2]) as tf.Tensor4D), 'filter');
    bad(() => conv2dWithGrad(x, f, { padding: 'full' as 'same' }), 'padding');
    bad(() => conv2dWithGrad(x, f, { padding: -1 }), 'padding');
    bad(() => conv2dWithGrad(x, f, { strides: 0 }), 'strides');
    bad(() => conv2dWithGrad(x, f, { dilations: [1, 1.5] as [number, number] }), 'dilations');
    bad(() => conv2dWithGrad(x, f, { dilations: 3 }), 'x');
    // The two rejected zeros() inputs above are the only tensors created.
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([x, f]);
  });
});
