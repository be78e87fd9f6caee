import { FieldType, GeometricTensor } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactElements, gspaces2d, useBackend } from '../test-utils/test-fields.js';
import { maxDiff, pointwiseType } from '../test-utils/test-pooling.js';
import { AdaptiveMaxPool2DLayer } from './adaptive-max-layer.js';
import { PointwiseAdaptiveMaxPool2D } from './adaptive-max-pool.js';
import { adaptiveWindows } from './geometry.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** PyTorch's adaptive_max_pool2d in float64. */
function refAdaptive(
  x: ArrayLike<number>,
  [b, h, w, c]: readonly number[],
  oh: number,
  ow: number,
): Float64Array {
  const rows = adaptiveWindows(h!, oh);
  const cols = adaptiveWindows(w!, ow);
  const out = new Float64Array(b! * oh * ow * c!);
  for (let n = 0; n < b!; n++)
    rows.forEach(([r0, r1], i) => {
      cols.forEach(([c0, c1], j) => {
        for (let ch = 0; ch < c!; ch++) {
          let m = Number.NEGATIVE_INFINITY;
          for (let r = r0; r < r1; r++)
            for (let q = c0; q < c1; q++) m = Math.max(m, x[((n * h! + r) * w! + q) * c! + ch]!);
          out[((n * oh + i) * ow + j) * c! + ch] = m;
        }
      });
    });
  return out;
}

describe('PointwiseAdaptiveMaxPool2D', () => {
  it("uses PyTorch's windows", () => {
    expect(adaptiveWindows(7, 3)).toEqual([
      [0, 3],
      [2, 5],
      [4, 7],
    ]);
    expect(adaptiveWindows(4, 4)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
  });

  it.each([
    { side: [7, 7], out: [3, 3] },
    { side: [5, 8], out: [2, 3] },
    { side: [4, 4], out: [1, 1] },
    { side: [3, 3], out: [5, 5] },
  ])('matches the float64 definition ($side → $out)', ({ side, out }) => {
    const gs = rot2dOnR2(8);
    const type = pointwiseType(gs);
    const m = new PointwiseAdaptiveMaxPool2D(type, out as [number, number]);
    const x = new GeometricTensor(
      tf.randomNormal([2, side[0]!, side[1]!, type.size], 0, 1, 'float32', 4),
      type,
    );
    const y = m.forward(x);
    expect(y.shape).toEqual([2, out[0], out[1], type.size]);
    expect(m.evaluateOutputShape(x.shape)).toEqual(y.shape);
    expect(maxDiff(y.tensor.dataSync(), refAdaptive(x.tensor.dataSync(), x.shape, out[0]!, out[1]!))).toBe(0);
    tf.dispose([x.tensor, y.tensor]);
  });

  it.each(gspaces2d())('is equivariant on $name for the grid elements (symmetric windows)', ({ gs }) => {
    const type = pointwiseType(gs);
    for (const [out, side] of [
      [3, 7],
      [4, 10],
      [2, 9],
    ] as const) {
      new PointwiseAdaptiveMaxPool2D(type, out).checkEquivariance({
        elements: exactElements(gs),
        spatialSize: side,
        atol: 0,
        rtol: 0,
      });
    }
  });

  it('rejects fields without pointwise support and bad sizes', () => {
    const gs = rot2dOnR2(4);
    expect(() => new PointwiseAdaptiveMaxPool2D(new FieldType(gs, [gs.irrep(1)]), 2)).toThrow(/'pointwise'/);
    expect(() => new PointwiseAdaptiveMaxPool2D(pointwiseType(gs), 0)).toThrow(/outputSize/);
  });

  it('exports an AdaptiveMaxPool2DLayer equal to forward, which survives save and load', async () => {
    const gs = rot2dOnR2(4);
    const type = pointwiseType(gs);
    const m = new PointwiseAdaptiveMaxPool2D(type, [2, 3]);
    const model = m.export();
    expect(model.layers.some((l) => l instanceof AdaptiveMaxPool2DLayer)).toBe(true);
    const x = new GeometricTensor(tf.randomNormal([2, 7, 8, type.size], 0, 1, 'float32', 8), type);
    const y = m.forward(x);
    const z = model.predict(x.tensor) as tf.Tensor;
    expect(maxDiff(z.dataSync(), y.tensor.dataSync())).toBeLessThan(1e-5);
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const w = loaded.predict(x.tensor) as tf.Tensor;
    expect(maxDiff(w.dataSync(), y.tensor.dataSync())).toBe(0);
    tf.dispose([x.tensor, y.tensor, z, w]);
    model.dispose();
    loaded.dispose();
  });
});
