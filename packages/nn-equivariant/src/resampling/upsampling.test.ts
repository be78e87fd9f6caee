import { FieldType } from '@steerable/field-types';
import { cyclicGroup, InvalidArgumentError } from '@steerable/group-theory';
import { noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactElements, gspaces2d, isGridExact, useBackend } from '../test-utils/test-fields.js';
import { discError, smooth, typeOf } from '../test-utils/test-resampling.js';
import { Resize2DLayer } from './resize-layer.js';
import { R2Upsampling } from './upsampling.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** `max_{pixels} |Δ²_row x| + max |Δ²_col x|`: the second differences that bound linear interpolation errors. */
function secondDifferences(x: tf.Tensor): number {
  const [, h, w, c] = x.shape as [number, number, number, number];
  const d = x.dataSync();
  const at = (i: number, j: number, k: number) => d[(i * w + j) * c + k]!;
  let rows = 0;
  let cols = 0;
  for (let i = 1; i < h - 1; i++)
    for (let j = 1; j < w - 1; j++)
      for (let k = 0; k < c; k++) {
        rows = Math.max(rows, Math.abs(at(i - 1, j, k) - 2 * at(i, j, k) + at(i + 1, j, k)));
        cols = Math.max(cols, Math.abs(at(i, j - 1, k) - 2 * at(i, j, k) + at(i, j + 1, k)));
      }
  return rows + cols;
}

describe('R2Upsampling', () => {
  it('matches PyTorch bilinear (align_corners False): 1D ramp 0..3 → half-pixel interpolation', () => {
    const gs = rot2dOnR2(4);
    const type = new FieldType(gs, [gs.trivialRepr]);
    const m = new R2Upsampling(type, { scaleFactor: 2 });
    const x = type.wrap(tf.tensor4d([0, 1, 2, 3], [1, 1, 4, 1]));
    const y = m.forward(x);
    // PyTorch: src = (i + 0.5)/2 − 0.5 clamped at 0: [0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3]
    expect(Array.from(y.tensor.dataSync())).toEqual([
      0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3, 0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3,
    ]);
    const aligned = new R2Upsampling(type, { size: [1, 7], alignCorners: true }).forward(x);
    expect(Array.from(aligned.tensor.dataSync())).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    const nearest = new R2Upsampling(type, { scaleFactor: 2, mode: 'nearest' }).forward(x);
    expect(Array.from(nearest.tensor.dataSync()).slice(0, 8)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    tf.dispose([x.tensor, y.tensor, aligned.tensor, nearest.tensor]);
  });

  it.each(gspaces2d())(
    'on $name: exact on the grid elements, within the bilinear error bound for others',
    ({ gs }) => {
      const type = typeOf(gs);
      for (const options of [
        { scaleFactor: 2 },
        { scaleFactor: 3, alignCorners: true },
        { scaleFactor: 2, mode: 'nearest' as const },
      ]) {
        const m = new R2Upsampling(type, options);
        m.checkEquivariance({ elements: exactElements(gs), spatialSize: 9, atol: 1e-5, rtol: 1e-5 });
      }
      const m = new R2Upsampling(type, { scaleFactor: 2 });
      const x = smooth(type, 21);
      const fx = m.forward(x);
      // each path interpolates bilinearly once (error ≤ (Δ²_row + Δ²_col)/8 in input pixels) besides the common
      // spline resampling; ρ(g) may mix two channels (factor √2): bound √2 · 2 · (Δ²_row + Δ²_col)/8
      const bound = Math.SQRT2 * 2 * (secondDifferences(x.tensor) / 8);
      for (const g of gs.testingElements.filter((e) => !isGridExact(gs, e))) {
        const a = m.forward(x.transform(g)).tensor;
        const b = fx.transform(g).tensor;
        // escnn's check_equivariance also compares the disc of radius 0.4·H only (corners leave the grid)
        expect(discError(a, b, 0.4 * fx.shape[1]!)).toBeLessThan(bound);
        tf.dispose([a, b]);
      }
      tf.dispose([x.tensor, fx.tensor]);
    },
  );

  it('evaluates output shapes', () => {
    const type = typeOf(rot2dOnR2(4));
    expect(new R2Upsampling(type, { scaleFactor: 1.5 }).evaluateOutputShape([2, 5, 4, type.size])).toEqual([
      2,
      7,
      6,
      type.size,
    ]);
    expect(new R2Upsampling(type, { size: [3, 8] }).evaluateOutputShape([2, 5, 4, type.size])).toEqual([
      2,
      3,
      8,
      type.size,
    ]);
  });

  it.each([
    { scaleFactor: 3, mode: 'nearest' as const },
    { scaleFactor: 2 },
    { scaleFactor: 2, alignCorners: true },
    { size: [7, 9] as [number, number] },
  ])(
    'exports $scaleFactor $size $mode $alignCorners equal to forward, surviving save and load',
    async (options) => {
      const type = typeOf(rot2dOnR2(4));
      const m = new R2Upsampling(type, options);
      const model = m.export();
      expect(model.layers.some((l) => l instanceof Resize2DLayer)).toBe(options.mode !== 'nearest');
      const x = smooth(type, 5);
      const y = m.forward(x);
      const z = model.predict(x.tensor) as tf.Tensor;
      expect(z.shape).toEqual(y.shape);
      expect(tf.max(tf.abs(tf.sub(y.tensor, z))).dataSync()[0]).toBeLessThan(1e-6);
      let artifacts: tf.io.ModelArtifacts | undefined;
      await model.save(
        tf.io.withSaveHandler(async (a) => {
          artifacts = a;
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        }),
      );
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
      const w = loaded.predict(x.tensor) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(y.tensor, w))).dataSync()[0]).toBe(0);
      tf.dispose([x.tensor, y.tensor, z, w]);
      model.dispose();
      loaded.dispose();
    },
  );

  it('rejects bad options', () => {
    const type = typeOf(rot2dOnR2(4));
    expect(() => new R2Upsampling(type)).toThrow(/exactly one of scaleFactor and size/);
    expect(() => new R2Upsampling(type, { scaleFactor: 2, size: 4 })).toThrow(InvalidArgumentError);
    expect(() => new R2Upsampling(type, { scaleFactor: -1 })).toThrow(/options.scaleFactor/);
    expect(() => new R2Upsampling(type, { size: [2, 0] as never })).toThrow(/options.size/);
    expect(() => new R2Upsampling(type, { scaleFactor: 2, mode: 'bicubic' as never })).toThrow(
      /options.mode/,
    );
    expect(
      () => new R2Upsampling(new FieldType(noBaseSpace(cyclicGroup(2)), []), { scaleFactor: 2 }),
    ).toThrow(InvalidArgumentError);
  });
});
