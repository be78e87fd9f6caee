import { FieldType } from '@steerable/field-types';
import { type GSpace2D, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  exactElements,
  gspaces2d,
  inputAndParameterGradients,
  isGridExact,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { maxDiff, roundTripError, smoothBump } from '../test-utils/test-pooling.js';
import { gaussianFilter, PointwiseAvgPoolAntialiased2D } from './avg-antialiased.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

function anyType(gs: GSpace2D): FieldType {
  return new FieldType(gs, [...gs.irreps]);
}

/** Strided 2D cross-correlation of every channel with `f` (zero padding `p`), float64, NHWC. */
function refBlur(x: ArrayLike<number>, shape: number[], f: Float64Array, fs: number, s: number, p: number) {
  const [b, h, w, c] = shape as [number, number, number, number];
  const ho = Math.floor((h + 2 * p - fs) / s) + 1;
  const wo = Math.floor((w + 2 * p - fs) / s) + 1;
  const out = new Float64Array(b * ho * wo * c);
  for (let n = 0; n < b; n++)
    for (let i = 0; i < ho; i++)
      for (let j = 0; j < wo; j++)
        for (let ch = 0; ch < c; ch++) {
          let acc = 0;
          for (let a = 0; a < fs; a++)
            for (let bb = 0; bb < fs; bb++) {
              const u = i * s - p + a;
              const v = j * s - p + bb;
              if (u >= 0 && u < h && v >= 0 && v < w)
                acc += f[a * fs + bb]! * x[((n * h + u) * w + v) * c + ch]!;
            }
          out[((n * ho + i) * wo + j) * c + ch] = acc;
        }
  return { out, shape: [b, ho, wo, c] };
}

describe('PointwiseAvgPoolAntialiased2D', () => {
  const gs = rot2dOnR2(8);
  const type = anyType(gs);

  it("sizes the filter as escnn (Python's round: halves to even)", () => {
    expect(gaussianFilter(0.6).size).toBe(5); // 3σ = 1.8
    expect(gaussianFilter(0.5).size).toBe(5); // round(1.5) = 2
    expect(gaussianFilter(2.5 / 3).size).toBe(5); // round(2.5) = 2, not 3
    expect(gaussianFilter(1).size).toBe(7);
    const { values } = gaussianFilter(1);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(values[24]! / values[23]!).toBeCloseTo(Math.exp(0.5), 12); // centre over its neighbour
  });

  it.each([
    { sigma: 0.6, stride: 2, hw: [9, 8] },
    { sigma: 1, stride: 1, hw: [6, 7] },
    { sigma: 0.6, stride: 3, hw: [10, 10], padding: 0 },
  ])('blurs and subsamples: sigma $sigma, stride $stride on $hw', ({ sigma, stride, hw, padding }) => {
    const m = new PointwiseAvgPoolAntialiased2D(
      type,
      sigma,
      stride,
      padding === undefined ? {} : { padding },
    );
    const x = tf.randomNormal([2, ...hw, type.size], 0, 1, 'float32', 2);
    const y = m.forward(type.wrap(x));
    const { size, values } = gaussianFilter(sigma);
    const ref = refBlur(x.dataSync(), x.shape, values, size, stride, padding ?? (size - 1) / 2);
    expect(y.shape).toEqual(ref.shape);
    expect(m.evaluateOutputShape(x.shape)).toEqual(ref.shape);
    expect(maxDiff(y.tensor.dataSync(), ref.out)).toBeLessThan(1e-5);
    tf.dispose([x, y.tensor]);
    m.dispose();
  });

  it.each(gspaces2d())('is equivariant on $name (exact elements, symmetric grid)', ({ gs }) => {
    const t = anyType(gs);
    const elements = exactElements(gs);
    // σ = 0.6: 5×5 filter, padding 2; 9×9 stride 2: (9 + 4 − 5) divisible by 2
    const m = new PointwiseAvgPoolAntialiased2D(t, 0.6, 2);
    m.checkEquivariance({ elements, spatialSize: 9, atol: 1e-6, rtol: 1e-5 });
    m.dispose();
  });

  it('is equivariant to 45° rotations up to the interpolation error on a smooth centred field', () => {
    // The blur is isotropic up to its truncation to a square (the corners it keeps weigh e^-9 ≈ 1e-4 of
    // the centre), so f(g·x) − g·f(x) is the difference of the interpolation errors made on x and on the
    // smoother f(x): bounded by twice the round-trip interpolation error of x itself. Measured: 1.1e-3
    // against a bound of 4.0e-3, for a field of maximum 2.1.
    const m = new PointwiseAvgPoolAntialiased2D(type, 1, 1);
    const x = smoothBump(type, 25, 3);
    const g = gs.testingElements.find((e) => !isGridExact(gs, e))!;
    const err = tf.tidy(() => {
      const a = m.forward(x.transform(g)).tensor;
      const b = m.forward(x).transform(g).tensor;
      return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    });
    const scale = tf.tidy(() => tf.max(tf.abs(x.tensor)).dataSync()[0]!);
    const bound = 2 * roundTripError(x, g);
    expect(bound).toBeLessThan(0.05 * scale); // the input is smooth enough for the check to mean something
    expect(err).toBeLessThan(bound);
    x.tensor.dispose();
    m.dispose();
  });

  it('validates its arguments', () => {
    expect(() => new PointwiseAvgPoolAntialiased2D(type, 0, 2)).toThrow(/argument "sigma"/);
    expect(() => new PointwiseAvgPoolAntialiased2D(type, 1, 0)).toThrow(/argument "stride"/);
    expect(() => new PointwiseAvgPoolAntialiased2D(type, 1, 2, { padding: -1 })).toThrow(
      /argument "padding"/,
    );
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new PointwiseAvgPoolAntialiased2D(type, 0.6, 2);
    const x = randomField(type, 2, 7);
    const { dx, dvars } = inputAndParameterGradients(m, x);
    expect(dx.every(Number.isFinite)).toBe(true);
    expect(dx.some((v) => v !== 0)).toBe(true);
    expect(dvars).toHaveLength(0); // the filter is a buffer
    const state = m.stateDict();
    expect([...state.keys()]).toEqual(['filter']);
    tf.dispose([...state.values()]);
    expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
    x.tensor.dispose();
    m.dispose();
    await useBackend('wasm');
  });
});
