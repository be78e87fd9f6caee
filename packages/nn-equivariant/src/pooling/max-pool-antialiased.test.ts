import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactElements, gspaces2d, randomField, useBackend } from '../test-utils/test-fields.js';
import { maxDiff, pointwiseType } from '../test-utils/test-pooling.js';
import { maxPoolBlurFilter, PointwiseMaxPoolAntialiased2D } from './max-pool-antialiased.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** PyTorch's max_pool2d(stride 1, padding p, −∞) then conv2d with escnn's blur (zero padding p + (fs−1)/2). */
function refAntialiased(
  x: ArrayLike<number>,
  [b, h, w, c]: readonly number[],
  k: number,
  s: number,
  p: number,
  sigma: number,
): { data: Float64Array; shape: number[] } {
  const hd = h! + 2 * p - k + 1;
  const wd = w! + 2 * p - k + 1;
  const dense = new Float64Array(b! * hd * wd * c!);
  for (let n = 0; n < b!; n++)
    for (let i = 0; i < hd; i++)
      for (let j = 0; j < wd; j++)
        for (let ch = 0; ch < c!; ch++) {
          let m = Number.NEGATIVE_INFINITY;
          for (let a = 0; a < k; a++)
            for (let e = 0; e < k; e++) {
              const r = i + a - p;
              const q = j + e - p;
              if (r >= 0 && r < h! && q >= 0 && q < w!)
                m = Math.max(m, x[((n * h! + r) * w! + q) * c! + ch]!);
            }
          dense[((n * hd + i) * wd + j) * c! + ch] = m;
        }
  const { size: fs, values } = maxPoolBlurFilter(sigma);
  const pad = p + (fs - 1) / 2;
  const ho = Math.floor((hd + 2 * pad - fs) / s) + 1;
  const wo = Math.floor((wd + 2 * pad - fs) / s) + 1;
  const out = new Float64Array(b! * ho * wo * c!);
  for (let n = 0; n < b!; n++)
    for (let i = 0; i < ho; i++)
      for (let j = 0; j < wo; j++)
        for (let ch = 0; ch < c!; ch++) {
          let acc = 0;
          for (let a = 0; a < fs; a++)
            for (let e = 0; e < fs; e++) {
              const r = i * s + a - pad;
              const q = j * s + e - pad;
              if (r >= 0 && r < hd && q >= 0 && q < wd)
                acc += values[a * fs + e]! * dense[((n * hd + r) * wd + q) * c! + ch]!;
            }
          out[((n * ho + i) * wo + j) * c! + ch] = acc;
        }
  return { data: out, shape: [b!, ho, wo, c!] };
}

describe('PointwiseMaxPoolAntialiased2D', () => {
  it("uses escnn's blur: size 2·round(4σ) + 1, normalized Gaussian", () => {
    expect(maxPoolBlurFilter(0.6).size).toBe(5);
    expect(maxPoolBlurFilter(0.625).size).toBe(5); // round(2.5) = 2 (half to even)
    expect(maxPoolBlurFilter(1).size).toBe(9);
    const { values } = maxPoolBlurFilter(0.6);
    expect(values.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 14);
    expect(values[12]! / values[13]!).toBeCloseTo(Math.exp(1 / (2 * 0.36)), 12);
  });

  it.each([
    { k: 2, s: 2, p: 0, sigma: 0.6, side: 8 },
    { k: 3, s: 2, p: 1, sigma: 0.6, side: 7 },
    { k: 3, s: 1, p: 1, sigma: 1, side: 5 },
    { k: 2, s: 3, p: 1, sigma: 0.4, side: 9 },
  ])('matches the float64 definition (k $k, s $s, p $p, σ $sigma)', ({ k, s, p, sigma, side }) => {
    const gs = rot2dOnR2(4);
    const type = pointwiseType(gs);
    const m = new PointwiseMaxPoolAntialiased2D(type, k, { stride: s, padding: p, sigma });
    const x = randomField(type, 2, side, 3);
    const y = m.forward(x);
    const ref = refAntialiased(x.tensor.dataSync(), x.shape, k, s, p, sigma);
    expect(y.shape).toEqual(ref.shape);
    expect(m.evaluateOutputShape(x.shape)).toEqual(ref.shape);
    expect(maxDiff(y.tensor.dataSync(), ref.data)).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it.each(gspaces2d())(
    'is equivariant on $name for the grid elements when H + 4p − k is divisible by s',
    ({ gs }) => {
      const type = pointwiseType(gs);
      for (const [k, s, p, side] of [
        [2, 2, 0, 8],
        [3, 2, 1, 9],
        [3, 3, 0, 9],
      ] as const) {
        const m = new PointwiseMaxPoolAntialiased2D(type, k, { stride: s, padding: p });
        m.checkEquivariance({ elements: exactElements(gs), spatialSize: side, atol: 1e-5, rtol: 1e-5 });
        m.dispose();
      }
    },
  );

  it('is off by the subsampling phase when H + 4p − k is not divisible by s', () => {
    const gs = rot2dOnR2(4);
    const m = new PointwiseMaxPoolAntialiased2D(pointwiseType(gs), 2, { stride: 2 });
    const results = m.checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 9,
      throwOnFailure: false,
    });
    expect(results.some((r) => r.maxError > 1e-2)).toBe(true);
  });

  it('rejects fields without pointwise support, dilation, bad σ', () => {
    const gs = rot2dOnR2(4);
    expect(() => new PointwiseMaxPoolAntialiased2D(new FieldType(gs, [gs.irrep(1)]), 2)).toThrow(
      /'pointwise'/,
    );
    expect(() => new PointwiseMaxPoolAntialiased2D(pointwiseType(gs), 2, { dilation: 2 })).toThrow(
      /options.dilation/,
    );
    expect(() => new PointwiseMaxPoolAntialiased2D(pointwiseType(gs), 2, { sigma: 0 })).toThrow(
      /options.sigma/,
    );
    expect(() => new PointwiseMaxPoolAntialiased2D(pointwiseType(gs), 2, { padding: 2 })).toThrow(
      InvalidArgumentError,
    );
    const tiny = randomField(pointwiseType(gs), 1, 1);
    expect(() => new PointwiseMaxPoolAntialiased2D(pointwiseType(gs), 3).forward(tiny)).toThrow(/too small/);
    tiny.tensor.dispose();
  });
});
