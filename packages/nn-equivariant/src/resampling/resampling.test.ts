import { FieldType, GeometricTensor } from '@steerable/field-types';
import { cyclicGroup, InvalidArgumentError } from '@steerable/group-theory';
import { type GSpace2D, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMask, MaskModule } from '../containers/mask.js';
import {
  BACKENDS,
  exactElements,
  gspaces2d,
  inputAndParameterGradients,
  isGridExact,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { Resize2DLayer } from './resize-layer.js';
import { R2Upsampling } from './upsampling.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** Trivial field and the first irreps: channels mixed by rotations. */
function typeOf(gs: GSpace2D): FieldType {
  return new FieldType(gs, [gs.trivialRepr, ...gs.irreps.slice(0, 3)]);
}

/** A smooth (low-frequency) input on a `side × side` grid: smooth in every channel. */
function smooth(type: FieldType, side: number): GeometricTensor {
  const c = type.size;
  const data = new Float32Array(side * side * c);
  const mid = (side - 1) / 2;
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++)
      for (let k = 0; k < c; k++) {
        const u = (i - mid) / side;
        const v = (j - mid) / side;
        data[(i * side + j) * c + k] =
          Math.cos(2.1 * u + 1.3 * k) * Math.sin(1.7 * v + 0.4 * k + 1) + 0.3 * Math.cos(3 * (u + v) + k);
      }
  return new GeometricTensor(tf.tensor4d(data, [1, side, side, c]), type);
}

/** `max |a − b|` over the pixels strictly inside the centred disc of `radius` (pixel units). */
function discError(a: tf.Tensor, b: tf.Tensor, radius: number): number {
  const [, h, w, c] = a.shape as [number, number, number, number];
  const da = a.dataSync();
  const db = b.dataSync();
  let e = 0;
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      if ((i - (h - 1) / 2) ** 2 + (j - (w - 1) / 2) ** 2 >= radius ** 2) continue;
      for (let k = 0; k < c; k++) {
        const p = (i * w + j) * c + k;
        e = Math.max(e, Math.abs(da[p]! - db[p]!));
      }
    }
  return e;
}

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

describe('MaskModule', () => {
  it("builds escnn's mask: 1 inside the radius, exp((t − r²)/σ²) outside", () => {
    const m = buildMask(5, 2, 0, 2);
    // c = 2, t = 4: the centre and the axis points at distance 2 are 1, the corner has r = 8
    expect(m[2 * 5 + 2]).toBe(1);
    expect(m[0 * 5 + 2]).toBe(1);
    expect(m[0]).toBeCloseTo(Math.exp((4 - 8) / 4), 14);
    const margin = buildMask(5, 2, 50, 1);
    // t = (2 − 1)² = 1: distance-2 axis point has r = 4
    expect(margin[2]).toBeCloseTo(Math.exp(1 - 4), 14);
    expect(buildMask(3, 3, 0, 2)).toHaveLength(27);
  });

  it('multiplies every channel by the mask and keeps the shape', () => {
    const gs = rot2dOnR2(4);
    const type = typeOf(gs);
    const m = new MaskModule(type, 7, { margin: 10, sigma: 1.5 });
    const x = smooth(type, 7);
    const y = m.forward(x);
    const mask = buildMask(7, 2, 10, 1.5);
    const xd = x.tensor.dataSync();
    const yd = y.tensor.dataSync();
    let err = 0;
    for (let p = 0; p < 49; p++)
      for (let k = 0; k < type.size; k++) {
        err = Math.max(err, Math.abs(yd[p * type.size + k]! - xd[p * type.size + k]! * mask[p]!));
      }
    expect(err).toBeLessThan(1e-6);
    expect(m.stateDict().get('mask')?.shape).toEqual([1, 7, 7, 1]);
    tf.dispose([...m.stateDict().values(), x.tensor, y.tensor]);
    expect(m.trainableVariables).toHaveLength(0);
  });

  it.each(gspaces2d())(
    'on $name: exact on the grid elements, and on the central disc for the others',
    ({ gs }) => {
      const type = typeOf(gs);
      const S = 21;
      const m = new MaskModule(type, S);
      // exact elements: the mask is invariant under the grid's symmetries
      m.checkEquivariance({ elements: exactElements(gs), spatialSize: S, atol: 1e-6, rtol: 0 });
      const x = smooth(type, S);
      const fx = m.forward(x);
      const scale = tf.max(tf.abs(x.tensor)).dataSync()[0]!;
      // on the disc of radius S/4 the stencil (±1.5 px) sees mask 1; masked pixels (r > c = 10) are at least
      // c − S/4 − 1.5 px away, and the quadratic spline's prefilter leaks |z|^distance of them (z = 2√2 − 3), both
      // sides: bound 2·max|x|·|z|^distance (≈ 8e-3 here)
      const z = Math.abs(2 * Math.SQRT2 - 3);
      const bound = 2 * scale * z ** ((S - 1) / 2 - S / 4 - 1.5);
      for (const g of gs.testingElements.filter((e) => !isGridExact(gs, e))) {
        const a = m.forward(x.transform(g)).tensor;
        const b = fx.transform(g).tensor;
        expect(discError(a, b, S / 4)).toBeLessThan(bound);
        tf.dispose([a, b]);
      }
      tf.dispose([x.tensor, fx.tensor]);
      m.dispose();
    },
  );

  it('is not equivariant near the edge for a 45° rotation (the masking is what differs)', () => {
    const gs = rot2dOnR2(8);
    const type = typeOf(gs);
    const m = new MaskModule(type, 21);
    const x = smooth(type, 21);
    const g = gs.testingElements.find((e) => !isGridExact(gs, e))!;
    const a = m.forward(x.transform(g)).tensor;
    const b = m.forward(x).transform(g).tensor;
    expect(discError(a, b, 100)).toBeGreaterThan(1e-2);
    tf.dispose([a, b, x.tensor]);
  });

  it('rejects grids of another size, R⁰ and bad options', () => {
    const gs = rot2dOnR2(4);
    const m = new MaskModule(typeOf(gs), 5);
    const x = smooth(typeOf(gs), 6);
    expect(() => m.forward(x)).toThrow(/MaskModule.forward: argument "x"/);
    expect(() => m.evaluateOutputShape([1, 6, 6, typeOf(gs).size])).toThrow(InvalidArgumentError);
    expect(() => new MaskModule(new FieldType(noBaseSpace(cyclicGroup(2)), []), 5)).toThrow(
      InvalidArgumentError,
    );
    expect(() => new MaskModule(typeOf(gs), 0)).toThrow(/argument "S"/);
    expect(() => new MaskModule(typeOf(gs), 5, { sigma: 0 })).toThrow(/options.sigma/);
    x.tensor.dispose();
  });
});

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

describe.each(BACKENDS)('on %s', (backend) => {
  it('MaskModule and R2Upsampling run forward and backward without leaking', async () => {
    await useBackend(backend);
    try {
      const gs = rot2dOnR2(4);
      const type = typeOf(gs);
      for (const m of [
        new MaskModule(type, 6),
        new R2Upsampling(type, { scaleFactor: 2 }),
        new R2Upsampling(type, { scaleFactor: 2, mode: 'nearest' }),
      ]) {
        const x = smooth(type, 6);
        const { dx } = inputAndParameterGradients(m, x);
        expect(dx.length).toBe(x.tensor.size);
        expect(dx.every(Number.isFinite)).toBe(true);
        expect(dx.some((v) => v !== 0)).toBe(true);
        const counts = tensorsAfter(3, () =>
          tf.grad((t: tf.Tensor) => tf.sum(m.forward(type.wrap(t)).tensor))(x.tensor),
        );
        expect(new Set(counts).size).toBe(1);
        x.tensor.dispose();
        m.dispose();
      }
    } finally {
      await useBackend('wasm');
    }
  });
});
