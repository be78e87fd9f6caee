import { FieldType, GeometricTensor } from '@steerable/field-types';
import { cyclicGroup, InvalidArgumentError, o2Group, type RepresentationLike } from '@steerable/group-theory';
import { flipRot2dOnR2, type GSpace, type GSpace2D, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InducedNormBatchNorm } from '../batchnorm/induced-norm-batch-norm.js';
import {
  BACKENDS,
  exactElements,
  fiberEquivarianceError,
  gspaces2d,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { FieldNorm } from './field-norm.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** A deterministic pseudo-random sequence in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return a.length === b.length ? e : Number.POSITIVE_INFINITY;
}

/** Regular, irreps and trivial fields; a name appearing in non-contiguous places. */
function fieldNormType(gs: GSpace): FieldType {
  const finite = gs.fibergroup.order() > 0;
  const irreps = gs.fibergroup.irreps();
  const reps: RepresentationLike[] = finite
    ? [gs.regularRepr, irreps[irreps.length - 1]!, gs.trivialRepr, gs.regularRepr]
    : [irreps[1]!, gs.trivialRepr, irreps[irreps.length - 1]!, irreps[1]!];
  return new FieldType(gs, reps);
}

/** The fields of `type` grouped by representation name, in order of first appearance. */
function byName(type: FieldType): Map<string, number[]> {
  const out = new Map<string, number[]>();
  type.representations.forEach((r, f) => {
    out.set(r.name, [...(out.get(r.name) ?? []), f]);
  });
  return out;
}

/** escnn's FieldNorm in float64, per pixel and field; returns the output and each channel's scale. */
function fieldNormReference(
  x: ArrayLike<number>,
  type: FieldType,
  weight: readonly number[],
  bias: readonly (readonly number[])[],
  eps: number,
): { y: Float64Array; scale: Float64Array } {
  const c = type.size;
  const y = new Float64Array(x.length);
  const scale = new Float64Array(x.length);
  const G = type.fibergroup;
  for (let p = 0; p < x.length / c; p++) {
    type.representations.forEach((r, f) => {
      const s0 = type.fieldsStart[f]!;
      const Q = r.changeOfBasis;
      const Qi = r.changeOfBasisInv;
      const trivials: number[] = [];
      let off = 0;
      for (const id of r.irreps) {
        if (G.irrep(...id).isTrivial()) trivials.push(off);
        off += G.irrep(...id).size;
      }
      const v = Array.from({ length: r.size }, (_, i) => x[p * c + s0 + i]!);
      const mean = v.map((_, i) => {
        let m = 0;
        for (let j = 0; j < r.size; j++) for (const t of trivials) m += Q.get(i, t) * Qi.get(t, j) * v[j]!;
        return m;
      });
      const centered = v.map((vi, i) => vi - mean[i]!);
      const variance = centered.reduce((a, u) => a + u * u, 0) / r.size;
      const k = weight[f]! / Math.sqrt(variance + eps);
      centered.forEach((u, i) => {
        let b = 0;
        trivials.forEach((t, ti) => {
          b += Q.get(i, t) * bias[f]![ti]!;
        });
        y[p * c + s0 + i] = u * k + b;
        scale[p * c + s0 + i] = k;
      });
    });
  }
  return { y, scale };
}

describe('FieldNorm', () => {
  it("matches escnn's definition with loaded weights and biases (escnn's parameter names)", () => {
    const gs = rot2dOnR2(8);
    const type = fieldNormType(gs);
    const m = new FieldNorm(type, { eps: 1e-3 });
    expect([...m.namedVariables()].map(([n, v]) => `${n}:${v.shape}`)).toEqual([
      'regular_weight:2,1',
      'regular_bias:2,1',
      'irrep_4_weight:1,1',
      'irrep_0_weight:1,1',
      'irrep_0_bias:1,1',
    ]);
    const r = rng(3);
    const weight: number[] = [];
    const bias: number[][] = [];
    const state: Record<string, number[]> = {};
    for (const [name, fields] of byName(type)) {
      const trivials = name === 'irrep_4' ? 0 : 1; // regular and irrep_0 hold one trivial irrep each
      const w = fields.map(() => 0.5 + r());
      const b = fields.map(() => Array.from({ length: trivials }, () => r() - 0.5));
      fields.forEach((f, i) => {
        weight[f] = w[i]!;
        bias[f] = b[i]!;
      });
      state[`${name}_weight`] = w;
      if (trivials > 0) state[`${name}_bias`] = b.flat();
    }
    m.loadStateDict(state);
    const x = randomField(type, 2, 3, 7);
    const y = m.forward(x);
    const ref = fieldNormReference(x.tensor.dataSync(), type, weight, bias, 1e-3);
    expect(maxDiff(y.tensor.dataSync(), ref.y)).toBeLessThan(1e-4);
    // escnn computes the statistics on the detached input: the input gradient is the scale
    const w = tf.randomNormal(x.shape, 0, 1, 'float32', 5);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(m.forward(type.wrap(t)).tensor, w)))(x.tensor);
    const wd = w.dataSync();
    expect(
      maxDiff(
        dx.dataSync(),
        Array.from(ref.scale, (s, i) => s * wd[i]!),
      ),
    ).toBeLessThan(1e-4);
    // a field of trivial irreps only becomes its bias
    const trivialChannel = type.fieldsStart[2]!;
    expect(y.tensor.dataSync()[trivialChannel]).toBeCloseTo(bias[2]![0]!, 6);
    tf.dispose([x.tensor, y.tensor, w, dx]);
    m.dispose();
  });

  it('without affine has no parameters and unit field norms (no trivial irreps)', () => {
    const gs = rot2dOnR2(-1, { maximumFrequency: 3 });
    const type = new FieldType(gs, [gs.irrep(1), gs.irrep(2), gs.irrep(1)]);
    const m = new FieldNorm(type, { affine: false, eps: 0 });
    expect(m.namedVariables()).toHaveLength(0);
    const x = randomField(type, 1, 2, 1);
    const y = m.forward(x).tensor.dataSync();
    // |x_f|²/size = σ² → |y_f|² = size
    for (let p = 0; p < 4; p++) expect(y[p * 6]! ** 2 + y[p * 6 + 1]! ** 2).toBeCloseTo(2, 4);
    x.tensor.dispose();
  });

  it.each(gspaces2d())(
    'is equivariant on $name: every element on the fibers, grid elements in space',
    ({ gs }) => {
      const type = fieldNormType(gs);
      const m = new FieldNorm(type);
      const r = rng(9);
      m.loadStateDict(
        new Map(m.namedVariables().map(([n, v]) => [n, Array.from({ length: v.size }, () => r() + 0.2)])),
      );
      m.checkEquivariance({ elements: exactElements(gs), atol: 1e-5, rtol: 1e-5 });
      const x = randomField(type, 2, 3, 4);
      const { error, scale } = fiberEquivarianceError(m, x, gs.testingElements);
      expect(error).toBeLessThan(1e-5 * Math.max(1, scale));
      x.tensor.dispose();
      m.dispose();
    },
  );

  it('is equivariant on noBaseSpace(O(2))', () => {
    const gs = noBaseSpace(o2Group(3));
    const m = new FieldNorm(fieldNormType(gs));
    const results = m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
    expect(results.length).toBeGreaterThan(4);
  });

  it('rejects bad options', () => {
    const type = fieldNormType(rot2dOnR2(4));
    expect(() => new FieldNorm(type, { eps: -1 })).toThrow(/FieldNorm: argument "options.eps"/);
    expect(() => new FieldNorm(type, { affine: 1 as never })).toThrow(InvalidArgumentError);
    expect(() => new FieldNorm({} as FieldType)).toThrow(InvalidArgumentError);
  });
});

/** Induced fields without trivial irreps, and escnn's sub-field size of each. */
function inducedType(gs: GSpace2D | GSpace): { type: FieldType; sub: number[] } {
  const G = gs.fibergroup;
  const sub = (id: unknown) => G.subgroup(id).subgroup;
  const cases: [RepresentationLike, number][] =
    G.name === 'O(2)'
      ? [
          [gs.inducedRepr([null, -1], sub([null, -1]).irrep(1)), 2],
          [gs.inducedRepr([null, -1], sub([null, -1]).irrep(2)), 2],
        ]
      : G.name.startsWith('D')
        ? [[gs.inducedRepr([null, 2], sub([null, 2]).irrep(1)), 1]]
        : [[gs.inducedRepr(2, sub(2).irrep(1)), 1]];
  const reps = [cases[0]!, ...cases, cases[0]!];
  return {
    type: new FieldType(
      gs,
      reps.map(([r]) => r),
    ),
    sub: reps.map(([, d]) => d),
  };
}

const NORM_GSPACES = [
  { name: 'C4', gs: rot2dOnR2(4) },
  { name: 'C8', gs: rot2dOnR2(8) },
  { name: 'D4', gs: flipRot2dOnR2(4) },
  { name: 'O(2)', gs: flipRot2dOnR2(-1, { maximumFrequency: 3 }) },
];

describe('InducedNormBatchNorm', () => {
  it("updates the running variance first and scales by it (escnn's order), with Bessel's correction", () => {
    const gs = flipRot2dOnR2(-1, { maximumFrequency: 3 });
    const { type, sub } = inducedType(gs);
    const m = new InducedNormBatchNorm(type, { momentum: 0.25, eps: 1e-3 });
    expect(m.subfieldSizes).toEqual(sub);
    // one group (size 4, dim ψ 2): escnn's key "(4, 2)"
    expect(m.namedVariables().map(([n, v]) => `${n}:${v.shape}`)).toEqual([
      '_4__2__weight:4',
      '_4__2__running_var:4',
      'num_batches_tracked:',
    ]);
    const w = [0.5, 1.5, 2, 0.75];
    m.loadStateDict({ _4__2__weight: w }, { strict: false });
    const x = randomField(type, 2, 3, 4);
    const y = m.forward(x);
    const xd = x.tensor.dataSync();
    const n = xd.length / type.size; // batch × pixels
    const running = type.representations.map((r, f) => {
      let s = 0;
      for (let p = 0; p < n; p++)
        for (let i = 0; i < r.size; i++) s += xd[p * type.size + type.fieldsStart[f]! + i]! ** 2;
      const samples = (n * r.size) / sub[f]!;
      const v = (s / (samples * sub[f]!)) * (samples / (samples - 1));
      return 0.75 + 0.25 * v;
    });
    expect(maxDiff(m.stateDict().get('_4__2__running_var')!.dataSync(), running)).toBeLessThan(1e-5);
    const want = Array.from(xd, (v, i) => {
      const f = Math.floor((i % type.size) / 4);
      return (v * w[f]!) / Math.sqrt(running[f]! + 1e-3);
    });
    expect(maxDiff(y.tensor.dataSync(), want)).toBeLessThan(1e-5);
    // evaluation: no update, same scale; export computes it
    m.eval();
    const z = m.forward(x);
    expect(maxDiff(z.tensor.dataSync(), want)).toBeLessThan(1e-5);
    const model = m.export();
    const e = model.predict(x.tensor) as tf.Tensor;
    expect(maxDiff(e.dataSync(), z.tensor.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor, z.tensor, e]);
    model.dispose();
    m.dispose();
  });

  it('averages cumulatively with momentum null', () => {
    const gs = rot2dOnR2(8);
    const { type } = inducedType(gs);
    const m = new InducedNormBatchNorm(type, { momentum: null });
    const x1 = randomField(type, 2, 3, 1);
    const x2 = randomField(type, 2, 3, 2);
    const vars = (x: GeometricTensor) => {
      const probe = new InducedNormBatchNorm(type, { momentum: 1 });
      tf.dispose(probe.forward(x).tensor);
      const v = Array.from(probe.stateDict().get('_4__1__running_var')!.dataSync());
      probe.dispose();
      return v;
    };
    tf.dispose([m.forward(x1).tensor, m.forward(x2).tensor]);
    const v1 = vars(x1);
    const v2 = vars(x2);
    expect(
      maxDiff(
        m.stateDict().get('_4__1__running_var')!.dataSync(),
        v1.map((a, i) => (a + v2[i]!) / 2),
      ),
    ).toBeLessThan(1e-5);
    expect(m.stateDict().get('num_batches_tracked')!.dataSync()[0]).toBe(2);
    tf.dispose([x1.tensor, x2.tensor]);
  });

  it.each(NORM_GSPACES)(
    'is equivariant on $name (training statistics on grid elements, eval on all)',
    ({ gs }) => {
      const { type } = inducedType(gs);
      // training: the batch variance of g·x equals that of x (norms are invariant, pixels permuted)
      const x = randomField(type, 2, 5, 3);
      for (const g of exactElements(gs)) {
        const a = new InducedNormBatchNorm(type);
        const b = new InducedNormBatchNorm(type);
        const gx = x.transform(g);
        const y1 = a.forward(gx).tensor;
        const fx = b.forward(x);
        const y2 = fx.transform(g).tensor;
        expect(maxDiff(y1.dataSync(), y2.dataSync())).toBeLessThan(1e-5);
        tf.dispose([gx.tensor, y1, fx.tensor, y2]);
        a.dispose();
        b.dispose();
      }
      const m = new InducedNormBatchNorm(type);
      tf.dispose(m.forward(x).tensor);
      m.eval();
      // evaluation: a fixed scale per field commutes with ρ(g) and with resampling
      m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
      x.tensor.dispose();
      m.dispose();
    },
  );

  it('works on noBaseSpace', () => {
    const gs = noBaseSpace(cyclicGroup(8));
    const { type } = inducedType(gs);
    const m = new InducedNormBatchNorm(type);
    const x = new GeometricTensor(tf.randomNormal([6, type.size], 0, 1, 'float32', 2), type);
    const y = m.forward(x);
    expect(y.shape).toEqual([6, type.size]);
    m.eval();
    m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
    tf.dispose([x.tensor, y.tensor]);
  });

  it('rejects fields that are not induced or contain a trivial irrep', () => {
    const gs = rot2dOnR2(8);
    expect(() => new InducedNormBatchNorm(new FieldType(gs, [gs.regularRepr]))).toThrow(/'induced_norm'/);
    expect(() => new InducedNormBatchNorm(new FieldType(gs, [gs.quotientRepr(4)]))).toThrow(/trivial irrep/);
    expect(() => new InducedNormBatchNorm(inducedType(gs).type, { momentum: 2 })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe.each(BACKENDS)('on %s', (backend) => {
  it('FieldNorm and InducedNormBatchNorm train without leaking', async () => {
    await useBackend(backend);
    try {
      const gs = rot2dOnR2(8);
      for (const [m, t] of [
        [new FieldNorm(fieldNormType(gs)), fieldNormType(gs)],
        [new InducedNormBatchNorm(inducedType(gs).type), inducedType(gs).type],
      ] as const) {
        const x = randomField(t, 2, 4, 6);
        const opt = tf.train.sgd(0.01);
        const counts = tensorsAfter(
          3,
          () =>
            opt.minimize(
              () => tf.mean(tf.square(m.forward(x).tensor)) as tf.Scalar,
              true,
              m.trainableVariables,
            ) as tf.Scalar,
        );
        expect(new Set(counts).size).toBe(1);
        const dx = tf.grad((u: tf.Tensor) => tf.sum(tf.square(m.forward(t.wrap(u)).tensor)))(x.tensor);
        expect(dx.dataSync().every(Number.isFinite)).toBe(true);
        tf.dispose([dx, x.tensor]);
        opt.dispose();
        m.dispose();
      }
    } finally {
      await useBackend('wasm');
    }
  });
});
