import { FieldType, GeometricTensor } from '@steerable/field-types';
import { cyclicGroup, InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import {
  flip2dOnR2,
  flipRot2dOnR2,
  type GSpace,
  type GSpace2D,
  noBaseSpace,
  rot2dOnR2,
  trivialOnR2,
} from '@steerable/gspaces';
import { changeBasis, directSum, inducedRepresentation } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { Matrix } from 'ml-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InducedNormPool } from '../invariant/induced-norm-pool.js';
import { MaxPoolChannels } from '../invariant/max-pool-channels.js';
import {
  BACKENDS,
  exactElements,
  fiberEquivarianceError,
  gspaces2d,
  inputAndParameterGradients,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { AdaptiveMaxPool2DLayer } from './adaptive-max-layer.js';
import { PointwiseAdaptiveMaxPool2D } from './adaptive-max-pool.js';
import { adaptiveWindows } from './geometry.js';
import { maxPoolBlurFilter, PointwiseMaxPoolAntialiased2D } from './max-pool-antialiased.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** Fields whose ρ(g) permute channels: regular and trivial ones for finite groups, trivial otherwise. */
function pointwiseType(gs: GSpace2D): FieldType {
  const finite = gs.fibergroup.order() > 0;
  return new FieldType(
    gs,
    finite ? [gs.regularRepr, gs.trivialRepr, gs.regularRepr] : [gs.trivialRepr, gs.trivialRepr],
  );
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return a.length === b.length ? e : Number.POSITIVE_INFINITY;
}

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

describe('MaxPoolChannels', () => {
  it('takes the max of each group of consecutive channels', () => {
    const m = new MaxPoolChannels(3);
    const x = tf.tensor2d([
      [1, 5, 2, -1, -4, -2],
      [0, 0, 7, 3, 9, 1],
    ]);
    const y = m.forward(x);
    expect(y.arraySync()).toEqual([
      [5, -1],
      [7, 9],
    ]);
    expect(() => m.forward(tf.zeros([2, 4]))).toThrow(/divisible by the kernel size 3/);
    expect(() => new MaxPoolChannels(0)).toThrow(InvalidArgumentError);
    tf.dispose([x, y]);
  });

  it('pools regular fields invariantly (it is what group pooling exports to)', () => {
    const gs = rot2dOnR2(8);
    const type = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    const m = new MaxPoolChannels(8);
    const x = randomField(type, 2, 3, 5);
    const y = m.forward(x.tensor);
    for (const g of gs.testingElements) {
      const gx = x.transformFibers(g);
      const z = m.forward(gx.tensor);
      expect(maxDiff(z.dataSync(), y.dataSync())).toBe(0);
      tf.dispose([gx.tensor, z]);
    }
    tf.dispose([x.tensor, y]);
  });
});

/** Induced fields of each gspace that has them, with escnn's sub-field size (`dim ψ`). */
function inducedCases(gs: GSpace): { repr: RepresentationLike; d: number }[] {
  const G = gs.fibergroup;
  const sub = (id: unknown) => G.subgroup(id).subgroup;
  if (G.name.startsWith('C') && G.order() === 8)
    return [
      { repr: gs.inducedRepr(2, sub(2).irrep(1)), d: 1 },
      { repr: gs.quotientRepr(4), d: 1 },
      { repr: gs.inducedRepr(4, sub(4).irrep(1)), d: 2 },
    ];
  if (G.name.startsWith('C') && G.order() === 4) return [{ repr: gs.inducedRepr(2, sub(2).irrep(1)), d: 1 }];
  if (G.name.startsWith('D') && G.order() === 8)
    return [
      { repr: gs.inducedRepr([null, 4], sub([null, 4]).irrep(1)), d: 2 },
      { repr: gs.inducedRepr([null, 2], sub([null, 2]).irrep(1)), d: 1 },
    ];
  if (G.name === 'O(2)')
    return [
      { repr: gs.inducedRepr([null, -1], sub([null, -1]).irrep(1)), d: 2 },
      { repr: gs.inducedRepr([null, -1], sub([null, -1]).irrep(2)), d: 2 },
    ];
  if (G.order() === 2) return [{ repr: gs.quotientRepr(1), d: 1 }];
  return [];
}

const INDUCED_GSPACES: readonly { name: string; gs: GSpace2D }[] = [
  { name: 'C4', gs: rot2dOnR2(4) },
  { name: 'C8', gs: rot2dOnR2(8) },
  { name: 'D4', gs: flipRot2dOnR2(4) },
  { name: 'O(2)', gs: flipRot2dOnR2(-1, { maximumFrequency: 3 }) },
  { name: 'flip', gs: flip2dOnR2() },
];

describe('InducedNormPool', () => {
  it('takes the largest sub-field norm of each field', () => {
    const gs = rot2dOnR2(8);
    const [a, b, c] = inducedCases(gs).map((e) => e.repr) as [
      RepresentationLike,
      RepresentationLike,
      RepresentationLike,
    ];
    const type = new FieldType(gs, [c, a, c, b]);
    // escnn's dim ψ, read from the tags: C4's irrep 1 (2), C2's irrep 1 (1), the quotient's trivial ψ (1)
    const m = new InducedNormPool(type);
    expect(m.subfieldSizes).toEqual([2, 1, 2, 1]);
    const m2 = new InducedNormPool(type, { subfieldSize: 2 });
    const x = randomField(type, 2, 3, 9);
    for (const [mod, sizes] of [
      [m, [2, 1, 2, 1]],
      [m2, [2, 2, 2, 2]],
    ] as const) {
      const y = mod.forward(x);
      expect(y.type.representations.every((r) => r.isTrivial())).toBe(true);
      const xd = x.tensor.dataSync();
      const want: number[] = [];
      for (let p = 0; p < xd.length / type.size; p++)
        type.representations.forEach((r, f) => {
          const d = sizes[f]!;
          let best = 0;
          for (let s = 0; s < r.size / d; s++) {
            let n = 0;
            for (let i = 0; i < d; i++) n += xd[p * type.size + type.fieldsStart[f]! + s * d + i]! ** 2;
            best = Math.max(best, Math.sqrt(n));
          }
          want.push(best);
        });
      expect(maxDiff(y.tensor.dataSync(), want)).toBeLessThan(1e-5);
      y.tensor.dispose();
    }
    x.tensor.dispose();
  });

  it("reads dim ψ from escnn's tag induced_norm_<dim ψ>, whatever the name", () => {
    for (const { gs } of INDUCED_GSPACES) {
      for (const { repr, d } of inducedCases(gs)) {
        expect([...repr.supportedNonlinearities].filter((t) => t.startsWith('induced_norm'))).toEqual([
          `induced_norm_${d}`,
        ]);
        expect(new InducedNormPool(new FieldType(gs, [repr])).subfieldSizes).toEqual([d]);
      }
    }
    const G = flipRot2dOnR2(-1, { maximumFrequency: 3 }).fibergroup;
    const gs = noBaseSpace(G);
    const renamed = inducedRepresentation(G, [null, -1], G.subgroup([null, -1]).subgroup.irrep(2), {
      name: 'mine',
    });
    expect(new InducedNormPool(new FieldType(gs, [renamed])).subfieldSizes).toEqual([2]);
    // escnn's change of basis keeps no tags unless given, and then they are read
    const eye = Matrix.eye(renamed.size);
    expect(() => new InducedNormPool(new FieldType(gs, [changeBasis(renamed, eye, 'P')]))).toThrow(
      /'induced_norm'/,
    );
    const tagged = changeBasis(renamed, eye, 'P', { supportedNonlinearities: ['norm', 'induced_norm_1'] });
    expect(new InducedNormPool(new FieldType(gs, [tagged])).subfieldSizes).toEqual([1]);
    // a direct sum keeps the tags its summands share (escnn's intersection)
    expect(new InducedNormPool(new FieldType(gs, [directSum([renamed, renamed])])).subfieldSizes).toEqual([
      2,
    ]);
    const twoSizes = changeBasis(renamed, eye, 'P', {
      supportedNonlinearities: ['induced_norm_1', 'induced_norm_2'],
    });
    expect(() => new InducedNormPool(new FieldType(gs, [twoSizes]))).toThrow(/one sub-field size/);
  });

  it.each(INDUCED_GSPACES)(
    'is invariant on $name: every element on the fibers, grid elements in space',
    ({ gs }) => {
      const cases = inducedCases(gs);
      const type = new FieldType(gs, [...cases.map((c) => c.repr), cases[0]!.repr]);
      for (const subfieldSize of [undefined, Math.min(...cases.map((c) => c.d)) === 1 ? undefined : 2]) {
        const m = new InducedNormPool(type, subfieldSize === undefined ? {} : { subfieldSize });
        m.checkEquivariance({ elements: exactElements(gs), atol: 1e-5, rtol: 1e-5 });
        const x = randomField(type, 2, 3, 2);
        const { error, scale } = fiberEquivarianceError(m, x, gs.testingElements);
        expect(error).toBeLessThan(1e-5 * Math.max(1, scale));
        x.tensor.dispose();
      }
    },
  );

  it('is invariant on noBaseSpace (tensors [batch, C])', () => {
    const gs = noBaseSpace(cyclicGroup(8));
    const type = new FieldType(gs, [
      gs.inducedRepr(2, cyclicGroup(8).subgroup(2).subgroup.irrep(1)),
      gs.quotientRepr(4),
    ]);
    const m = new InducedNormPool(type);
    const results = m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
    expect(results).toHaveLength(8);
    expect(m.evaluateOutputShape([3, type.size])).toEqual([3, 2]);
  });

  it('rejects fields that are not induced, and sub-field sizes that do not divide', () => {
    const gs = rot2dOnR2(8);
    expect(() => new InducedNormPool(new FieldType(gs, [gs.regularRepr]))).toThrow(/'induced_norm'/);
    expect(() => new InducedNormPool(new FieldType(gs, [gs.quotientRepr(4)]), { subfieldSize: 3 })).toThrow(
      /options.subfieldSize/,
    );
    expect(() => new InducedNormPool(new FieldType(trivialOnR2(), [trivialOnR2().trivialRepr]))).toThrow(
      InvalidArgumentError,
    );
  });
});

describe.each(BACKENDS)('on %s', (backend) => {
  it('the pooling modules run forward and backward without leaking', async () => {
    await useBackend(backend);
    try {
      const gs = rot2dOnR2(8);
      const type = pointwiseType(gs);
      const induced = new FieldType(
        gs,
        inducedCases(gs).map((c) => c.repr),
      );
      for (const [m, t] of [
        [new PointwiseMaxPoolAntialiased2D(type, 3, { stride: 2, padding: 1 }), type],
        [new PointwiseAdaptiveMaxPool2D(type, 2), type],
        [new InducedNormPool(induced, { subfieldSize: 2 }), induced],
      ] as const) {
        const x = randomField(t, 2, 5, 6);
        const { dx } = inputAndParameterGradients(m, x);
        expect(dx.length).toBe(x.tensor.size);
        expect(dx.every(Number.isFinite)).toBe(true);
        expect(dx.some((v) => v !== 0)).toBe(true);
        const counts = tensorsAfter(3, () =>
          tf.grad((u: tf.Tensor) => tf.sum(m.forward(t.wrap(u)).tensor))(x.tensor),
        );
        expect(new Set(counts).size).toBe(1);
        x.tensor.dispose();
        m.dispose();
      }
      const channels = new MaxPoolChannels(4);
      const z = tf.randomNormal([3, 8], 0, 1, 'float32', 1);
      const dz = tf.grad((u: tf.Tensor) => tf.sum(channels.forward(u)))(z);
      expect(tf.sum(dz).dataSync()[0]).toBe(6); // one winner per group
      tf.dispose([z, dz]);
    } finally {
      await useBackend('wasm');
    }
  });
});
