import { FieldType } from '@steerable/field-types';
import { type GSpace2D, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  exactElements,
  gspaces2d,
  inputAndParameterGradients,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { maxDiff, refAvgPool } from '../test-utils/test-pooling.js';
import { PointwiseAvgPool2D, type PointwiseAvgPool2DOptions } from './avg.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** Average pooling is linear: any field type, irreps included. */
function anyType(gs: GSpace2D): FieldType {
  return new FieldType(gs, [...gs.irreps]);
}

const pair = (v: number | readonly [number, number] | undefined, f: number): [number, number] =>
  v === undefined ? [f, f] : typeof v === 'number' ? [v, v] : [v[0], v[1]];

const CASES: readonly { k: number | [number, number]; o: PointwiseAvgPool2DOptions; hw: [number, number] }[] =
  [
    { k: 2, o: {}, hw: [6, 7] },
    { k: 3, o: { stride: 2, padding: 1 }, hw: [8, 7] },
    { k: 3, o: { stride: 2, padding: 1, ceilMode: true }, hw: [8, 8] },
    { k: 3, o: { stride: 2, ceilMode: true }, hw: [8, 9] },
    { k: [3, 2], o: { stride: [1, 2], padding: [1, 1], ceilMode: true }, hw: [5, 6] },
  ];

describe('PointwiseAvgPool2D', () => {
  const gs = rot2dOnR2(8);
  const type = anyType(gs);

  it.each(CASES)('equals PyTorch avg_pool2d for kernel $k, $o on $hw', ({ k, o, hw }) => {
    const m = new PointwiseAvgPool2D(type, k, o);
    const x = tf.randomNormal([2, ...hw, type.size], 0, 1, 'float32', 5);
    const y = m.forward(type.wrap(x));
    const kk = pair(k, 1);
    const ref = refAvgPool(x.dataSync(), x.shape as [number, number, number, number], {
      k: kk,
      s: o.stride === undefined ? kk : pair(o.stride, 1),
      p: pair(o.padding, 0),
      d: [1, 1],
      ceil: o.ceilMode ?? false,
    });
    expect(y.shape).toEqual(ref.shape);
    expect(m.evaluateOutputShape(x.shape)).toEqual(ref.shape);
    expect(maxDiff(y.tensor.dataSync(), ref.out)).toBeLessThan(1e-6);
    tf.dispose([x, y.tensor]);
  });

  it.each(gspaces2d())('is equivariant on $name on a symmetric subsampled grid', ({ gs }) => {
    const t = anyType(gs);
    const elements = exactElements(gs);
    new PointwiseAvgPool2D(t, 2).checkEquivariance({ elements, spatialSize: 10, atol: 1e-6, rtol: 1e-5 });
    new PointwiseAvgPool2D(t, 3, { stride: 1, padding: 1 }).checkEquivariance({
      elements,
      spatialSize: 7,
      atol: 1e-6,
      rtol: 1e-5,
    });
  });

  it('is not equivariant to 90° rotations when the subsampled grid is not symmetric (as escnn)', () => {
    const results = new PointwiseAvgPool2D(type, 2).checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 9,
      throwOnFailure: false,
    });
    expect(results.filter((r) => !r.passed).length).toBeGreaterThan(0);
  });

  it('rejects invalid sizes', () => {
    expect(() => new PointwiseAvgPool2D(type, 2, { padding: 2 })).toThrow(
      /PointwiseAvgPool2D: argument "padding"/,
    );
    expect(() => new PointwiseAvgPool2D(type, 2.5)).toThrow(/argument "kernelSize"/);
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new PointwiseAvgPool2D(type, 3, { stride: 2, padding: 1, ceilMode: true });
    const x = randomField(type, 2, 6);
    const { dx } = inputAndParameterGradients(m, x);
    expect(dx.every(Number.isFinite)).toBe(true);
    expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
    x.tensor.dispose();
    await useBackend('wasm');
  });
});
