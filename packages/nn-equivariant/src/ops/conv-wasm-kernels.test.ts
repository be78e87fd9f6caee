import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  registerWasmGradients,
  unregisterWasmGradients,
  wasmGradientsRegistered,
} from './conv-wasm-kernels.js';
import { relativeError, seededValues } from './test-conv-reference.js';

/** float32 sums of ≤ 150 products of values in [−1, 1]: rounding stays orders of magnitude below. */
const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  registerWasmGradients();
});
afterAll(async () => {
  await tf.setBackend('wasm');
  unregisterWasmGradients();
});

type Pad =
  | 'same'
  | 'valid'
  | number
  | [[number, number], [number, number], [number, number], [number, number]];

const cases: readonly { x: number[]; filter: number[]; strides: number | [number, number]; pad: Pad }[] = [
  { x: [2, 9, 8, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 9, 8, 3], filter: [3, 2, 3, 4], strides: 2, pad: 'same' },
  { x: [1, 11, 10, 2], filter: [4, 5, 2, 3], strides: [3, 2], pad: 'valid' },
  { x: [2, 7, 7, 4], filter: [5, 5, 4, 2], strides: 1, pad: 2 },
  {
    x: [1, 8, 9, 2],
    filter: [2, 3, 2, 2],
    strides: 2,
    pad: [
      [0, 0],
      [1, 0],
      [2, 1],
      [0, 0],
    ],
  },
];

/** Value and gradients of plain `tf.conv2d` and `tf.conv2dTranspose` (with the same filter) on `backend`. */
async function run(backend: string, c: (typeof cases)[number], seed: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const rand = seededValues(seed);
  const x = tf.tensor4d(rand(c.x.reduce((a, b) => a * b)), c.x as [number, number, number, number]);
  const f = tf.tensor4d(rand(c.filter.reduce((a, b) => a * b)), c.filter as [number, number, number, number]);
  const y = tf.conv2d(x, f, c.strides, c.pad);
  const w = tf.tensor(rand(y.size), y.shape);
  const conv = (a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), w));
  const convT = (a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, x.shape, c.strides, c.pad), x));
  const [dx, df] = tf.grads(conv)([x, f]);
  const [dw, dfT] = tf.grads(convT)([w, f]);
  const yT = tf.conv2dTranspose(w as tf.Tensor4D, f, x.shape, c.strides, c.pad);
  const out = [y, dx!, df!, yT, dw!, dfT!].map((t) => t.dataSync() as Float32Array);
  tf.dispose([x, f, y, w, dx!, df!, dw!, dfT!, yT]);
  return out;
}

describe('registerWasmGradients', () => {
  it('is registered (idempotently)', () => {
    registerWasmGradients();
    expect(wasmGradientsRegistered()).toBe(true);
  });

  cases.forEach((c, i) => {
    it(`tf.conv2d / tf.conv2dTranspose gradients on wasm equal cpu: x ${c.x.join('×')}, filter ${c.filter.join('×')}, strides ${JSON.stringify(c.strides)}, pad ${JSON.stringify(c.pad)}`, async () => {
      const expected = await run('cpu', c, 300 + i);
      const got = await run('wasm', c, 300 + i);
      expected.forEach((e, k) => {
        expect(relativeError(got[k] as Float32Array, e)).toBeLessThan(TOLERANCE);
      });
    });
  });

  it('leaks no tensors across repeated gradient calls', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 3, 4]) as tf.Tensor4D;
    const step = () =>
      tf.tidy(() => {
        const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'))),
        )([x, f]);
        dx!.dataSync();
        df!.dataSync();
      });
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, f]);
  });

  it('lets a tf.layers model with conv2d train on wasm', async () => {
    await tf.setBackend('wasm');
    const rand = seededValues(17);
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [8, 8, 2],
          filters: 3,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
        }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 1 }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const xs = tf.tensor4d(rand(16 * 8 * 8 * 2), [16, 8, 8, 2]);
    const ys = tf.tensor2d(rand(16), [16, 1]);
    const history = await model.fit(xs, ys, { epochs: 20, batchSize: 16, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(0.5 * (losses[0] as number));
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('unregisterWasmGradients restores TF.js: the conv2d filter gradient throws again on wasm', async () => {
    await tf.setBackend('wasm');
    unregisterWasmGradients();
    expect(wasmGradientsRegistered()).toBe(false);
    const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
    const f = tf.ones([2, 2, 1, 1]) as tf.Tensor4D;
    expect(() =>
      tf.tidy(() => tf.grad((b: tf.Tensor) => tf.sum(tf.conv2d(x, b as tf.Tensor4D, 1, 'valid')))(f)),
    ).toThrow();
    // The original input-gradient kernel is back and still works.
    const dx = tf.tidy(() =>
      tf.grad((a: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, f, 1, 'valid')))(x),
    );
    expect(Array.from(dx.dataSync())).toEqual([1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1]);
    tf.dispose([x, f, dx]);
    registerWasmGradients();
    expect(wasmGradientsRegistered()).toBe(true);
  });
});
