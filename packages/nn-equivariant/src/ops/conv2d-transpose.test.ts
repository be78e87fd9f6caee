import '@tensorflow/tfjs-backend-wasm';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Conv2dTransposeOptions } from './conv-geometry.js';
import { conv2dWithGrad } from './conv2d.js';
import { conv2dTransposeWithGrad } from './conv2d-transpose.js';
import { relativeError, seededValues } from './test-conv-reference.js';

/** float32 sums of ≤ 150 products of values in [−1, 1]: rounding stays orders of magnitude below. */
const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

interface Case {
  /** The transposed convolution's input `[N, H, W, Cin]`. */
  readonly x: readonly [number, number, number, number];
  /** `[kh, kw, Cout]`; the filter is `[kh, kw, Cout, Cin]`. */
  readonly kernel: readonly [number, number, number];
  /** Output spatial size, as `tf.conv2dTranspose` needs it. */
  readonly outSize: readonly [number, number];
  readonly options: Conv2dTransposeOptions;
}

const cases: readonly Case[] = [
  { x: [2, 5, 4, 3], kernel: [3, 3, 2], outSize: [5, 4], options: { padding: 'same' } },
  { x: [2, 5, 4, 3], kernel: [3, 3, 2], outSize: [10, 8], options: { padding: 'same', strides: 2 } },
  { x: [1, 4, 3, 2], kernel: [4, 2, 3], outSize: [8, 9], options: { padding: 'same', strides: [2, 3] } },
  { x: [2, 3, 3, 3], kernel: [5, 5, 2], outSize: [11, 11], options: { padding: 'valid', strides: 3 } },
  // PyTorch-style: (H − 1)·s − 2p + k + output_padding.
  {
    x: [2, 4, 5, 4],
    kernel: [3, 3, 3],
    outSize: [8, 10],
    options: { padding: 1, strides: 2, outputPadding: 1 },
  },
  { x: [1, 5, 5, 8], kernel: [5, 5, 4], outSize: [5, 5], options: { padding: 2 } },
];

async function run(
  backend: 'cpu' | 'wasm',
  c: Case,
  seed: number,
): Promise<{ y: Float32Array; dx: Float32Array; df: Float32Array; shape: number[] }> {
  await tf.setBackend(backend);
  const rand = seededValues(seed);
  const [n, h, w, ch] = c.x;
  const fShape: [number, number, number, number] = [c.kernel[0], c.kernel[1], c.kernel[2], ch];
  const xs = rand(n * h * w * ch);
  const fs = rand(fShape.reduce((a, b) => a * b));
  const { strides = 1, padding = 'valid' } = c.options;
  const outShape: [number, number, number, number] = [n, c.outSize[0], c.outSize[1], c.kernel[2]];
  const op = (x: tf.Tensor4D, f: tf.Tensor4D): tf.Tensor4D =>
    backend === 'cpu'
      ? tf.conv2dTranspose(x, f, outShape, strides as number, padding as number)
      : conv2dTransposeWithGrad(x, f, c.options);
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, c.x as [number, number, number, number]);
    const f = tf.tensor4d(fs, fShape);
    const y = op(x, f);
    const wt = tf.tensor(rand(y.size), y.shape);
    const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D), wt)),
    )([x, f]);
    return {
      y: y.dataSync() as Float32Array,
      dx: dx!.dataSync() as Float32Array,
      df: df!.dataSync() as Float32Array,
      shape: y.shape,
    };
  });
}

describe('conv2dTransposeWithGrad on wasm equals tf.conv2dTranspose and its autodiff on cpu', () => {
  cases.forEach((c, i) => {
    it(`x ${c.x.join('×')}, kernel ${c.kernel.join('×')}, ${JSON.stringify(c.options)}`, async () => {
      const expected = await run('cpu', c, 200 + i);
      const got = await run('wasm', c, 200 + i);
      expect(got.shape).toEqual(expected.shape);
      expect(relativeError(got.y, expected.y)).toBeLessThan(TOLERANCE);
      expect(relativeError(got.dx, expected.dx)).toBeLessThan(TOLERANCE);
      expect(relativeError(got.df, expected.df)).toBeLessThan(TOLERANCE);
    });
  });
});

describe('conv2dTransposeWithGrad', () => {
  it('is the adjoint of conv2dWithGrad: <conv(u), v> = <u, convT(v)>, dilated and strided', () => {
    const rand = seededValues(5);
    const options = {
      strides: [2, 3] as [number, number],
      dilations: [2, 2] as [number, number],
      padding: 3,
    };
    tf.tidy(() => {
      const u = tf.tensor4d(rand(2 * 13 * 14 * 3), [2, 13, 14, 3]);
      const f = tf.tensor4d(rand(3 * 3 * 3 * 4), [3, 3, 3, 4]);
      const cu = conv2dWithGrad(u, f, options);
      const v = tf.tensor4d(rand(cu.size), cu.shape);
      const ctv = conv2dTransposeWithGrad(v, f, { ...options, outputShape: u.shape });
      const lhs = tf.sum(tf.mul(cu, v)).dataSync()[0] as number;
      const rhs = tf.sum(tf.mul(u, ctv)).dataSync()[0] as number;
      expect(Math.abs(lhs - rhs)).toBeLessThan(TOLERANCE * Math.max(1, Math.abs(lhs)));
    });
  });

  it('leaks no tensors across repeated calls and optimizer steps', () => {
    const rand = seededValues(9);
    const x = tf.tensor4d(rand(2 * 4 * 4 * 3), [2, 4, 4, 3]);
    const filter = tf.variable(tf.tensor4d(rand(3 * 3 * 2 * 3), [3, 3, 2, 3]));
    const optimizer = tf.train.sgd(0.01);
    const options: Conv2dTransposeOptions = { strides: 2, padding: 1, outputPadding: 1 };
    const step = () =>
      optimizer
        .minimize(() => tf.mean(tf.square(conv2dTransposeWithGrad(x, filter as tf.Tensor4D, options))), true)!
        .dispose();
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    tf.dispose([x, filter]);
  });

  it('rejects inconsistent output sizes and paddings with typed errors', () => {
    const x = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
    const f = tf.zeros([3, 3, 2, 3]) as tf.Tensor4D;
    const argumentOf = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidArgumentError);
        expect((e as Error).message).toMatch(/^conv2dTransposeWithGrad: /);
        return (e as InvalidArgumentError).argument;
      }
      return undefined;
    };
    expect(argumentOf(() => conv2dTransposeWithGrad(x, f, { strides: 2, outputShape: [12, 9] }))).toBe(
      'outputShape',
    );
    expect(argumentOf(() => conv2dTransposeWithGrad(x, f, { strides: 2, outputPadding: 2 }))).toBe(
      'outputPadding',
    );
    expect(argumentOf(() => conv2dTransposeWithGrad(x, f, { padding: 'same', outputPadding: 1 }))).toBe(
      'outputPadding',
    );
    expect(argumentOf(() => conv2dTransposeWithGrad(x, tf.zeros([3, 3, 2, 2]) as tf.Tensor4D))).toBe(
      'filter',
    );
    // Two valid output sizes for stride 2: both accepted.
    for (const size of [9, 10]) {
      const y = conv2dTransposeWithGrad(x, f, { strides: 2, outputShape: [size, size] });
      expect(y.shape).toEqual([1, size, size, 2]);
      y.dispose();
    }
    tf.dispose([x, f]);
  });
});
