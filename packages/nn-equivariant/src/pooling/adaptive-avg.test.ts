import { FieldType } from '@steerable/field-types';
import { SteerableError } from '@steerable/group-theory';
import { type GSpace2D, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  exactElements,
  fiberEquivarianceError,
  gspaces2d,
  inputAndParameterGradients,
  isGridExact,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { maxDiff, roundTripError, smoothBump } from '../test-utils/test-pooling.js';
import { PointwiseAdaptiveAvgPool2D } from './adaptive-avg.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

function pointwiseType(gs: GSpace2D): FieldType {
  const finite = gs.fibergroup.order() > 0;
  return new FieldType(gs, finite ? [gs.regularRepr, gs.trivialRepr] : [gs.trivialRepr, gs.trivialRepr]);
}

/** PyTorch's adaptive_avg_pool2d in float64. */
function reference(x: ArrayLike<number>, [b, h, w, c]: number[], [oh, ow]: [number, number]) {
  const out = new Float64Array(b! * oh * ow * c!);
  for (let n = 0; n < b!; n++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++) {
        const [h0, h1] = [Math.floor((i * h!) / oh), Math.ceil(((i + 1) * h!) / oh)];
        const [w0, w1] = [Math.floor((j * w!) / ow), Math.ceil(((j + 1) * w!) / ow)];
        for (let ch = 0; ch < c!; ch++) {
          let acc = 0;
          for (let u = h0; u < h1; u++)
            for (let v = w0; v < w1; v++) acc += x[((n * h! + u) * w! + v) * c! + ch]!;
          out[((n * oh + i) * ow + j) * c! + ch] = acc / ((h1 - h0) * (w1 - w0));
        }
      }
  return out;
}

describe('PointwiseAdaptiveAvgPool2D', () => {
  const gs = rot2dOnR2(8);
  const type = pointwiseType(gs);

  it.each([
    { out: 1 as const, hw: [5, 7] },
    { out: [3, 2] as [number, number], hw: [7, 5] },
    { out: 4 as const, hw: [10, 9] },
    { out: [5, 5] as [number, number], hw: [5, 5] },
  ])('equals PyTorch adaptive_avg_pool2d to $out on $hw', ({ out, hw }) => {
    const m = new PointwiseAdaptiveAvgPool2D(type, out);
    const x = tf.randomNormal([2, ...hw, type.size], 0, 1, 'float32', 4);
    const y = m.forward(type.wrap(x));
    const o: [number, number] = typeof out === 'number' ? [out, out] : out;
    expect(y.shape).toEqual([2, ...o, type.size]);
    expect(m.evaluateOutputShape(x.shape)).toEqual([2, ...o, type.size]);
    expect(maxDiff(y.tensor.dataSync(), reference(x.dataSync(), x.shape, o))).toBeLessThan(1e-6);
    tf.dispose([x, y.tensor]);
  });

  it.each(gspaces2d())('is equivariant on $name for any output size (mirror-symmetric windows)', ({ gs }) => {
    const t = pointwiseType(gs);
    const elements = exactElements(gs);
    for (const out of [1, 3, 4]) {
      new PointwiseAdaptiveAvgPool2D(t, out).checkEquivariance({
        elements,
        spatialSize: 10,
        atol: 1e-6,
        rtol: 1e-5,
      });
    }
    // pixel-wise in the fibers: the fiber action of every element commutes
    const x = randomField(t, 1, 5);
    expect(
      fiberEquivarianceError(new PointwiseAdaptiveAvgPool2D(t, 2), x, gs.testingElements).error,
    ).toBeLessThan(1e-6);
    x.tensor.dispose();
  });

  it('global average pooling is invariant to 45° rotations up to the interpolation error', () => {
    // the mean of a centred smooth bump changes under an interpolated rotation only by the interpolation
    // error, bounded by the round-trip error of the input (measured 2.2e-6 against a bound of 7.6e-4)
    const t = new FieldType(gs, [gs.trivialRepr, gs.trivialRepr]);
    const m = new PointwiseAdaptiveAvgPool2D(t, 1);
    const x = smoothBump(t, 25, 3);
    const g = gs.testingElements.find((e) => !isGridExact(gs, e))!;
    const err = tf.tidy(
      () => tf.max(tf.abs(tf.sub(m.forward(x.transform(g)).tensor, m.forward(x).tensor))).dataSync()[0]!,
    );
    const bound = roundTripError(x, g);
    expect(err).toBeLessThan(bound);
    x.tensor.dispose();
  });

  it('rejects fields without pointwise support and bad sizes', () => {
    expect(() => new PointwiseAdaptiveAvgPool2D(new FieldType(gs, [gs.irrep(2)]), 1)).toThrow(
      /PointwiseAdaptiveAvgPool2D: argument "inType".*pointwise/,
    );
    expect(() => new PointwiseAdaptiveAvgPool2D(type, 0)).toThrow(/argument "outputSize"/);
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new PointwiseAdaptiveAvgPool2D(type, [2, 3]);
    const x = randomField(type, 2, 7);
    const { dx } = inputAndParameterGradients(m, x);
    expect(dx.every(Number.isFinite)).toBe(true);
    expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
    x.tensor.dispose();
    await useBackend('wasm');
  });

  it('exports global average pooling equal to forward; other sizes are refused', () => {
    const m = new PointwiseAdaptiveAvgPool2D(type, 1);
    const x = randomField(type, 2, 6);
    const model = m.export();
    const a = model.predict(x.tensor) as tf.Tensor;
    const b = m.forward(x).tensor;
    expect(a.shape).toEqual(b.shape);
    expect(maxDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
    tf.dispose([a, b, x.tensor]);
    model.dispose();
    expect(() => new PointwiseAdaptiveAvgPool2D(type, 2).export()).toThrow(SteerableError);
  });
});
