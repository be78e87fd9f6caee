import '@tensorflow/tfjs-backend-wasm';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PaddingMode, padSpatial } from './spatial-padding.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** PyTorch's definitions per axis: the source index of padded position q (or −1 for a zero). */
const source: Record<PaddingMode, (q: number, n: number, p: number) => number> = {
  zeros: (q, n, p) => (q - p >= 0 && q - p < n ? q - p : -1),
  reflect: (q, n, p) => {
    const i = q - p;
    return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
  },
  replicate: (q, n, p) => Math.min(n - 1, Math.max(0, q - p)),
  circular: (q, n, p) => (((q - p) % n) + n) % n,
};

describe('padSpatial (PyTorch padding modes on NHWC)', () => {
  it.each(['zeros', 'reflect', 'replicate', 'circular'] as const)('%s matches its definition', (mode) => {
    const [H, W, C, ph, pw] = [4, 5, 2, 2, 3];
    const x = tf.randomNormal([1, H, W, C], 0, 1, 'float32', 1) as tf.Tensor4D;
    const xs = x.arraySync()[0]!;
    const y = padSpatial('test', x, [ph, pw], mode);
    expect(y.shape).toEqual([1, H + 2 * ph, W + 2 * pw, C]);
    const ys = y.arraySync()[0]!;
    for (let r = 0; r < H + 2 * ph; r++)
      for (let c = 0; c < W + 2 * pw; c++) {
        const [i, j] = [source[mode](r, H, ph), source[mode](c, W, pw)];
        for (let k = 0; k < C; k++) expect(ys[r]![c]![k]).toBe(i < 0 || j < 0 ? 0 : xs[i]![j]![k]);
      }
    if (mode === 'reflect') {
      const ref = tf.mirrorPad(
        x,
        [
          [0, 0],
          [ph, ph],
          [pw, pw],
          [0, 0],
        ],
        'reflect',
      );
      expect(tf.sub(ref, y).abs().max().dataSync()[0]).toBe(0);
      ref.dispose();
    }
    // differentiable on WASM: the gradient of Σ pad(x) counts how often each pixel is copied
    const g = tf.grad((t: tf.Tensor) => padSpatial('test', t as tf.Tensor4D, [ph, pw], mode).sum())(x);
    expect(g.sum().dataSync()[0]).toBeCloseTo(
      mode === 'zeros' ? H * W * C : (H + 2 * ph) * (W + 2 * pw) * C,
      3,
    );
    tf.dispose([x, y, g]);
  });

  it('rejects a padding the input is too small for', () => {
    const x = tf.zeros([1, 3, 3, 1]) as tf.Tensor4D;
    expect(() => padSpatial('R2Conv.forward', x, [3, 0], 'reflect')).toThrow(InvalidArgumentError);
    expect(() => padSpatial('R2Conv.forward', x, [0, 4], 'circular')).toThrow(/R2Conv.forward.*circular/);
    x.dispose();
  });
});
