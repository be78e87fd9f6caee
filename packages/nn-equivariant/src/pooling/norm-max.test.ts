import { FieldType } from '@steerable/field-types';
import { type GSpace2D, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  exactElements,
  gradientCheck,
  gspaces2d,
  inputAndParameterGradients,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { maxDiff, outLength } from '../test-utils/test-pooling.js';
import { NormMaxPool, type NormMaxPoolOptions } from './norm-max.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** Irreps of every size, fields of equal size not contiguous. */
function normType(gs: GSpace2D): FieldType {
  return new FieldType(gs, [...[...gs.irreps].reverse(), ...gs.irreps]);
}

/** escnn's NormMaxPool in float64: per window and field, the values at the first pixel of largest norm. */
function reference(
  x: ArrayLike<number>,
  shape: number[],
  type: FieldType,
  k: number,
  s: number,
  p: number,
  d: number,
  ceil: boolean,
) {
  const [b, h, w, c] = shape as [number, number, number, number];
  const ho = outLength(h, k, s, p, d, ceil);
  const wo = outLength(w, k, s, p, d, ceil);
  const out = new Float64Array(b * ho * wo * c);
  for (let n = 0; n < b; n++)
    for (let i = 0; i < ho; i++)
      for (let j = 0; j < wo; j++)
        type.representations.forEach((_, f) => {
          const [c0, c1] = [type.fieldsStart[f]!, type.fieldsEnd[f]!];
          let best = -1;
          let at = -1;
          for (let a = 0; a < k; a++)
            for (let bb = 0; bb < k; bb++) {
              const u = i * s - p + a * d;
              const v = j * s - p + bb * d;
              if (u < 0 || u >= h || v < 0 || v >= w) continue;
              let nn = 0;
              for (let ch = c0; ch < c1; ch++) nn += x[((n * h + u) * w + v) * c + ch]! ** 2;
              if (nn > best) {
                best = nn;
                at = (n * h + u) * w + v;
              }
            }
          for (let ch = c0; ch < c1; ch++) out[((n * ho + i) * wo + j) * c + ch] = x[at * c + ch]!;
        });
  return { out, shape: [b, ho, wo, c] };
}

describe('NormMaxPool', () => {
  const gs = rot2dOnR2(8);
  const type = new FieldType(gs, [gs.irrep(1), gs.trivialRepr, gs.regularRepr, gs.irrep(2), gs.trivialRepr]);

  it.each([
    { k: 2, o: {} as NormMaxPoolOptions, hw: [6, 7] },
    { k: 3, o: { stride: 2, padding: 1 }, hw: [7, 8] },
    { k: 3, o: { stride: 2, padding: 1, ceilMode: true }, hw: [8, 8] },
    { k: 2, o: { stride: 1, dilation: 2 }, hw: [5, 6] },
  ])('keeps the field of largest norm: kernel $k, $o on $hw', ({ k, o, hw }) => {
    const m = new NormMaxPool(type, k, o);
    const x = tf.randomNormal([2, ...hw, type.size], 0, 1, 'float32', 8);
    const y = m.forward(type.wrap(x));
    const ref = reference(
      x.dataSync(),
      x.shape,
      type,
      k,
      (o.stride as number) ?? k,
      (o.padding as number) ?? 0,
      (o.dilation as number) ?? 1,
      o.ceilMode ?? false,
    );
    expect(y.shape).toEqual(ref.shape);
    expect(m.evaluateOutputShape(x.shape)).toEqual(ref.shape);
    expect(maxDiff(y.tensor.dataSync(), ref.out)).toBe(0);
    tf.dispose([x, y.tensor]);
  });

  it.each(gspaces2d())('is equivariant on $name on a symmetric subsampled grid', ({ gs }) => {
    const t = normType(gs);
    new NormMaxPool(t, 2).checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 10,
      atol: 1e-6,
      rtol: 1e-5,
    });
    new NormMaxPool(t, 3, { stride: 2, padding: 1 }).checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 9,
      atol: 1e-6,
      rtol: 1e-5,
    });
  });

  it('is not equivariant to 90° rotations when the subsampled grid is not symmetric (as escnn)', () => {
    const results = new NormMaxPool(type, 2).checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 9,
      throwOnFailure: false,
    });
    expect(results.some((r) => !r.passed)).toBe(true);
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new NormMaxPool(type, 3, { stride: 2, padding: 1 });
    const x = randomField(type, 2, 6);
    const { dx } = inputAndParameterGradients(m, x);
    expect(dx.every(Number.isFinite)).toBe(true);
    // the gradient flows only to the selected pixels: one per window and field
    expect(dx.some((v) => v !== 0)).toBe(true);
    expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
    x.tensor.dispose();
    await useBackend('wasm');
  });

  it('passes the gradient to the selected pixels only (central differences)', () => {
    const m = new NormMaxPool(type, 2);
    const x = randomField(type, 1, 4, 21);
    // a step of 1e-3 moves no arg-max of this seeded input (a moved one would give a gap of order 1);
    // float32 rounding of the differences is then ~1e-3 of the gradient
    expect(gradientCheck(m, x, 26, 1e-3)).toBeLessThan(1e-2);
  });

  it('validates its arguments', () => {
    expect(() => new NormMaxPool(type, 2, { padding: 3 })).toThrow(/NormMaxPool: argument "padding"/);
    expect(() => new NormMaxPool(type, 2, { ceilMode: 'yes' as unknown as boolean })).toThrow(
      /argument "ceilMode"/,
    );
  });
});
