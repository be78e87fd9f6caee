import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, SteerableError } from '@steerable/group-theory';
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
import { maxDiff, type RefParams, refMaxPool } from '../test-utils/test-pooling.js';
import { PointwiseMaxPool2D, type PointwiseMaxPool2DOptions } from './max.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

function pointwiseType(gs: GSpace2D): FieldType {
  const finite = gs.fibergroup.order() > 0;
  return new FieldType(gs, finite ? [gs.regularRepr, gs.trivialRepr] : [gs.trivialRepr, gs.trivialRepr]);
}

const pair = (v: number | readonly [number, number] | undefined, f: number): [number, number] =>
  v === undefined ? [f, f] : typeof v === 'number' ? [v, v] : [v[0], v[1]];

const CASES: readonly { k: number | [number, number]; o: PointwiseMaxPool2DOptions; hw: [number, number] }[] =
  [
    { k: 2, o: {}, hw: [6, 6] },
    { k: 2, o: {}, hw: [7, 5] },
    { k: 3, o: { stride: 2, padding: 1 }, hw: [8, 7] },
    { k: 3, o: { stride: 2, padding: 1, ceilMode: true }, hw: [8, 8] },
    { k: 3, o: { stride: 2, ceilMode: true }, hw: [8, 9] },
    { k: 2, o: { stride: 1, dilation: 2 }, hw: [6, 6] },
    { k: 3, o: { stride: 2, padding: 2, dilation: 2, ceilMode: true }, hw: [9, 8] },
    { k: [3, 2], o: { stride: [2, 1], padding: [1, 0] }, hw: [7, 6] },
  ];

describe('PointwiseMaxPool2D', () => {
  const gs = rot2dOnR2(4);
  const type = pointwiseType(gs);

  it.each(CASES)('equals PyTorch max_pool2d for kernel $k, $o on $hw', ({ k, o, hw }) => {
    const m = new PointwiseMaxPool2D(type, k, o);
    const x = tf.randomNormal([2, ...hw, type.size], 0, 1, 'float32', 5);
    const y = m.forward(type.wrap(x));
    const kk = pair(k, 1);
    const q: RefParams = {
      k: kk,
      s: o.stride === undefined ? kk : pair(o.stride, 1),
      p: pair(o.padding, 0),
      d: pair(o.dilation, 1),
      ceil: o.ceilMode ?? false,
    };
    const ref = refMaxPool(x.dataSync(), x.shape as [number, number, number, number], q);
    expect(y.shape).toEqual(ref.shape);
    expect(m.evaluateOutputShape(x.shape)).toEqual(ref.shape);
    expect(maxDiff(y.tensor.dataSync(), ref.out)).toBe(0);
    tf.dispose([x, y.tensor]);
  });

  it.each(gspaces2d())('is equivariant on $name on a symmetric subsampled grid', ({ gs }) => {
    const t = pointwiseType(gs);
    // 10×10, 2×2 windows, stride 2: (10 − 2) divisible by 2; 9×9, 3×3 stride 2 padding 1: (9 + 2 − 3) too
    new PointwiseMaxPool2D(t, 2).checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 10,
      atol: 0,
      rtol: 0,
    });
    new PointwiseMaxPool2D(t, 3, { stride: 2, padding: 1 }).checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 9,
      atol: 0,
      rtol: 0,
    });
  });

  it('is not equivariant to 90° rotations when the subsampled grid is not symmetric (as escnn)', () => {
    // 9×9, 2×2 windows, stride 2: the last row and column are dropped, so rotating shifts the windows
    const results = new PointwiseMaxPool2D(type, 2).checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 9,
      throwOnFailure: false,
    });
    expect(results.filter((r) => !r.passed).length).toBeGreaterThan(0);
    expect(results[0]!.passed).toBe(true); // the identity
  });

  it('rejects fields without pointwise support and invalid sizes', () => {
    expect(() => new PointwiseMaxPool2D(new FieldType(gs, [gs.irrep(1)]), 2)).toThrow(
      /PointwiseMaxPool2D: argument "inType".*pointwise.*field 0 \("irrep_1"\)/,
    );
    expect(() => new PointwiseMaxPool2D(type, 0)).toThrow(/argument "kernelSize"/);
    expect(() => new PointwiseMaxPool2D(type, 2, { padding: 2 })).toThrow(
      /argument "padding" must be at most half/,
    );
    expect(() => new PointwiseMaxPool2D(type, 2, { stride: [1, 0] as unknown as [number, number] })).toThrow(
      InvalidArgumentError,
    );
    const m = new PointwiseMaxPool2D(type, 5);
    const x = randomField(type, 1, 3);
    expect(() => m.forward(x)).toThrow(/PointwiseMaxPool2D.forward: argument "x".*too small/);
    x.tensor.dispose();
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    for (const m of [
      new PointwiseMaxPool2D(type, 3, { stride: 2, padding: 1 }),
      new PointwiseMaxPool2D(type, 2, { stride: 1, dilation: 2 }),
    ]) {
      const x = randomField(type, 2, 6);
      const { dx } = inputAndParameterGradients(m, x);
      expect(dx.every(Number.isFinite)).toBe(true);
      expect(dx.some((v) => v !== 0)).toBe(true);
      expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
      x.tensor.dispose();
    }
    await useBackend('wasm');
  });

  it('exports tf.layers.maxPooling2d equal to forward, and refuses what it cannot express', () => {
    const m = new PointwiseMaxPool2D(type, [3, 2], { stride: [2, 1] });
    const x = randomField(type, 2, 7);
    const model = m.export();
    const a = model.predict(x.tensor) as tf.Tensor;
    const b = m.forward(x).tensor;
    expect(a.shape).toEqual(b.shape);
    expect(maxDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
    tf.dispose([a, b, x.tensor]);
    model.dispose();
    expect(() => new PointwiseMaxPool2D(type, 3, { padding: 1 }).export()).toThrow(SteerableError);
  });
});
