import { FieldType, FieldTypeMismatchError, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, o2Group, type RepresentationLike } from '@steerable/group-theory';
import { type GSpace2D, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NormNonLinearity } from '../nonlinearities/norm.js';
import { ReLU } from '../nonlinearities/relu.js';
import {
  BACKENDS,
  exactElements,
  gspaces2d,
  inputAndParameterGradients,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { BranchingModule } from './branching.js';
import { IdentityModule } from './identity.js';
import { MergeModule } from './merge.js';
import { MultipleModule } from './multiple.js';
import { ReshuffleModule } from './reshuffle.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** Fields supporting pointwise maps (regular for finite groups, else trivial), and irreps of size ≥ 1. */
function mixedType(gs: GSpace2D): { type: FieldType; labels: string[] } {
  const p: RepresentationLike = gs.fibergroup.order() > 0 ? gs.regularRepr : gs.trivialRepr;
  const irreps = [...gs.irreps].reverse();
  const reps = [p, irreps[0]!, p, ...irreps];
  return { type: new FieldType(gs, reps), labels: reps.map((_, i) => (i === 0 || i === 2 ? 'p' : 'n')) };
}

/** The values of channels `[start, end)` of every pixel of `t` ([..., C]), as a flat array. */
function channels(t: tf.Tensor, pick: readonly number[]): number[] {
  const c = t.shape[t.rank - 1]!;
  const data = t.dataSync();
  const out: number[] = [];
  for (let p = 0; p < data.length / c; p++) for (const k of pick) out.push(data[p * c + k]!);
  return out;
}

function channelsOf(type: FieldType, fields: readonly number[]): number[] {
  return fields.flatMap((f) => {
    const out: number[] = [];
    for (let c = type.fieldsStart[f]!; c < type.fieldsEnd[f]!; c++) out.push(c);
    return out;
  });
}

describe('ReshuffleModule', () => {
  const gs = rot2dOnR2(8);
  const type = new FieldType(gs, [gs.irrep(1), gs.trivialRepr, gs.regularRepr, gs.irrep(3)]);

  it('permutes whole fields: output field i is input field permutation[i]', () => {
    const m = new ReshuffleModule(type, [2, 0, 3, 1]);
    expect(m.outType.equals(type.indexSelect([2, 0, 3, 1]))).toBe(true);
    const x = randomField(type, 2, 3, 5);
    const y = m.forward(x);
    expect(channels(y.tensor, [...Array(type.size).keys()])).toEqual(
      channels(x.tensor, channelsOf(type, [2, 0, 3, 1])),
    );
    tf.dispose([x.tensor, y.tensor]);
  });

  it.each(gspaces2d())(
    'is equivariant on $name for every testing element (a linear map of whole fields)',
    ({ gs: g }) => {
      const { type: t } = mixedType(g);
      const perm = [...Array(t.length).keys()].reverse();
      const m = new ReshuffleModule(t, perm);
      // exact elements permute pixels; others resample each channel alike, which commutes with a field permutation
      m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
    },
  );

  it('exports a dense permutation equal to forward', () => {
    const m = new ReshuffleModule(type, [3, 2, 1, 0]);
    const model = m.export();
    const x = randomField(type, 2, 4, 2);
    const y = m.forward(x);
    const z = model.predict(x.tensor) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(y.tensor, z))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor, z]);
    model.dispose();
  });

  it('rejects what is not a permutation of the fields', () => {
    expect(() => new ReshuffleModule(type, [0, 1, 2])).toThrow(InvalidArgumentError);
    expect(() => new ReshuffleModule(type, [0, 1, 1, 2])).toThrow(/ReshuffleModule: argument "permutation"/);
    expect(() => new ReshuffleModule(type, [0, 1, 2, 4])).toThrow(InvalidArgumentError);
  });
});

describe('BranchingModule and MergeModule', () => {
  const gs = rot2dOnR2(4);
  const type = new FieldType(gs, [gs.regularRepr, gs.irrep(1), gs.trivialRepr, gs.irrep(1), gs.regularRepr]);
  const labels = ['b', 'a', 'b', 'a', 'c'];

  it('splits by label in order of first appearance, slicing or gathering the fields', () => {
    const br = new BranchingModule(type, labels);
    expect([...br.outType.keys()]).toEqual(['b', 'a', 'c']);
    expect(br.outType.get('b')!.equals(type.indexSelect([0, 2]))).toBe(true);
    const x = randomField(type, 2, 3, 3);
    const out = br.forward(x);
    for (const [l, fields] of [
      ['b', [0, 2]],
      ['a', [1, 3]],
      ['c', [4]],
    ] as const) {
      expect(channels(out.get(l)!.tensor, [...Array(out.get(l)!.type.size).keys()])).toEqual(
        channels(x.tensor, channelsOf(type, fields)),
      );
    }
    expect(br.evaluateOutputShape([2, 3, 3, type.size]).get('a')).toEqual([2, 3, 3, 4]);
    tf.dispose([x.tensor, ...[...out.values()].map((t) => t.tensor)]);
  });

  it('sorts fields by label (1) and by label then size (2) before splitting', () => {
    const t2 = new FieldType(gs, [gs.irrep(1), gs.trivialRepr, gs.regularRepr, gs.trivialRepr]);
    const byLabel = new BranchingModule(t2, ['z', 'y', 'z', 'y'], { reshuffle: 1 });
    expect([...byLabel.outType.keys()]).toEqual(['y', 'z']);
    expect(byLabel.outType.get('z')!.equals(t2.indexSelect([0, 2]))).toBe(true);
    const bySize = new BranchingModule(t2, ['z', 'y', 'z', 'z'], { reshuffle: 2 });
    expect(bySize.outType.get('z')!.equals(t2.indexSelect([3, 0, 2]))).toBe(true);
    const x = randomField(t2, 1, 2, 1);
    const out = bySize.forward(x);
    expect(channels(out.get('z')!.tensor, [...Array(7).keys()])).toEqual(
      channels(x.tensor, channelsOf(t2, [3, 0, 2])),
    );
    tf.dispose([x.tensor, ...[...out.values()].map((t) => t.tensor)]);
  });

  it('branches equivariantly for every testing element', () => {
    const br = new BranchingModule(type, labels);
    const results = br.checkEquivariance();
    expect(results).toHaveLength(gs.testingElements.length);
  });

  it('checks equivariance asynchronously with the same results (WebGPU in Node)', async () => {
    const br = new BranchingModule(type, labels);
    const sync = br.checkEquivariance({ spatialSize: 7 });
    const before = tf.memory().numTensors;
    const results = await br.checkEquivarianceAsync({ spatialSize: 7 });
    expect(tf.memory().numTensors).toBe(before);
    expect(results.map((r) => String(r.element))).toEqual(sync.map((r) => String(r.element)));
    results.forEach((r, i) => {
      // C4 acts exactly: both find float32 rounding at most (WASM's reductions may differ by an ulp)
      expect(r.maxError).toBeLessThan(1e-5);
      expect(Math.abs(r.maxError - sync[i]!.maxError)).toBeLessThanOrEqual(1e-6);
    });
    expect(results.every((r) => r.passed)).toBe(true);
    await expect(br.checkEquivarianceAsync({ batchSize: 0 })).rejects.toThrow(/batchSize/);
  });

  it('merges module outputs in the order of the modules', () => {
    const br = new BranchingModule(type, labels);
    const tb = br.outType.get('b')!;
    const ta = br.outType.get('a')!;
    const tc = br.outType.get('c')!;
    const merge = new MergeModule([
      [new IdentityModule(ta), 'a'],
      [new ReLU(tb), ['b']],
      [new IdentityModule(tc), 'c'],
    ]);
    expect(merge.outType.equals(ta.concat(tb, tc))).toBe(true);
    const x = randomField(type, 2, 3, 8);
    const parts = br.forward(x);
    const y = merge.forward(parts);
    const want = [
      ...channels(x.tensor, channelsOf(type, [1, 3])),
      ...channels(x.tensor, channelsOf(type, [0, 2])).map((v) => Math.max(v, 0)),
    ];
    // per pixel: 'a' channels, then relu of 'b' channels, then 'c'
    const got = channels(y.tensor, [...Array(ta.size + tb.size).keys()]);
    const px = got.length / (ta.size + tb.size);
    const wantPerPixel: number[] = [];
    for (let p = 0; p < px; p++) {
      wantPerPixel.push(...want.slice(p * ta.size, (p + 1) * ta.size));
      wantPerPixel.push(...want.slice(px * ta.size + p * tb.size, px * ta.size + (p + 1) * tb.size));
    }
    expect(got).toEqual(wantPerPixel);
    expect(merge.evaluateOutputShape(br.evaluateOutputShape([2, 3, 3, type.size]))).toEqual([
      2,
      3,
      3,
      merge.outType.size,
    ]);
    tf.dispose([x.tensor, y.tensor, ...[...parts.values()].map((t) => t.tensor)]);
  });

  it('rejects bad labels, pairs, inputs', () => {
    expect(() => new BranchingModule(type, ['a'])).toThrow(/BranchingModule: argument "labels"/);
    expect(() => new BranchingModule(type, labels, { reshuffle: 3 as never })).toThrow(InvalidArgumentError);
    const ta = new FieldType(gs, [gs.irrep(1)]);
    expect(() => new MergeModule([])).toThrow(InvalidArgumentError);
    expect(() => new MergeModule([[new IdentityModule(ta), ['a', 'b'] as never]])).toThrow(/single input/);
    const merge = new MergeModule([[new IdentityModule(ta), 'a']]);
    expect(() => merge.forward(new Map())).toThrow(/inputs.a/);
    const wrong = randomField(new FieldType(gs, [gs.trivialRepr]), 1, 2);
    expect(() => merge.forward(new Map([['a', wrong]]))).toThrow(FieldTypeMismatchError);
    wrong.tensor.dispose();
  });
});

describe('MultipleModule', () => {
  it('applies each module to its label fields and concatenates (escnn state names)', () => {
    const gs = rot2dOnR2(8);
    const { type, labels } = mixedType(gs);
    const br = new BranchingModule(type, labels);
    const tp = br.outType.get('p')!;
    const tn = br.outType.get('n')!;
    const norm = new NormNonLinearity(tn);
    const m = new MultipleModule(type, labels, [
      [new ReLU(tp), 'p'],
      [norm, 'n'],
    ]);
    expect(m.outType.equals(tp.concat(tn))).toBe(true);
    expect(m.stateDict().has('merging.submodule_1.log_bias')).toBe(true);
    tf.dispose([...m.stateDict().values()]);
    const x = randomField(type, 2, 3, 2);
    const y = m.forward(x);
    const parts = br.forward(x);
    const relu = tf.relu(parts.get('p')!.tensor);
    const n = norm.forward(parts.get('n')!);
    const want = tf.concat([relu, n.tensor], -1);
    expect(tf.max(tf.abs(tf.sub(y.tensor, want))).dataSync()[0]).toBe(0);
    expect(m.evaluateOutputShape([2, 5, 5, type.size])).toEqual([2, 5, 5, m.outType.size]);
    tf.dispose([x.tensor, y.tensor, relu, n.tensor, want, ...[...parts.values()].map((t) => t.tensor)]);
  });

  it.each(gspaces2d())('is equivariant on $name (exact elements)', ({ gs }) => {
    const { type, labels } = mixedType(gs);
    const br = new BranchingModule(type, labels, { reshuffle: 2 });
    const m = new MultipleModule(
      type,
      labels,
      [
        [new NormNonLinearity(br.outType.get('n')!), 'n'],
        [new ReLU(br.outType.get('p')!), 'p'],
      ],
      { reshuffle: 2 },
    );
    m.checkEquivariance({ elements: exactElements(gs), atol: 1e-5, rtol: 1e-5 });
  });

  it('requires a module per label and matching input types', () => {
    const gs = rot2dOnR2(4);
    const { type, labels } = mixedType(gs);
    const br = new BranchingModule(type, labels);
    const relu = new ReLU(br.outType.get('p')!);
    expect(() => new MultipleModule(type, labels, [[relu, 'p']])).toThrow(/every label/);
    expect(() => new MultipleModule(type, labels, [[relu, 'p'], [relu, 'x'] as never])).toThrow(
      InvalidArgumentError,
    );
    expect(
      () =>
        new MultipleModule(type, labels, [
          [new ReLU(br.outType.get('p')!), 'n'],
          [new ReLU(br.outType.get('p')!), 'p'],
        ]),
    ).toThrow(FieldTypeMismatchError);
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    try {
      const gs = rot2dOnR2(4);
      const { type, labels } = mixedType(gs);
      const br = new BranchingModule(type, labels);
      const m = new MultipleModule(type, labels, [
        [new ReLU(br.outType.get('p')!), 'p'],
        [new NormNonLinearity(br.outType.get('n')!), 'n'],
      ]);
      const x = randomField(type, 2, 4, 3);
      const { dx, dvars } = inputAndParameterGradients(m, x);
      expect(dx.length).toBe(x.tensor.size);
      expect(dx.every(Number.isFinite)).toBe(true);
      expect(dvars).toHaveLength(1);
      const counts = tensorsAfter(3, () => {
        const { value, grads } = tf.variableGrads(
          () => tf.sum(m.forward(x).tensor) as tf.Scalar,
          m.trainableVariables,
        );
        return [value, ...Object.values(grads)];
      });
      expect(new Set(counts).size).toBe(1);
      const shuffle = new ReshuffleModule(type, [...Array(type.length).keys()].reverse());
      const dxs = tf.grad((u: tf.Tensor) =>
        tf.sum(tf.mul(shuffle.forward(type.wrap(u)).tensor, u.reverse(-1))),
      )(x.tensor);
      expect(dxs.dataSync().every(Number.isFinite)).toBe(true);
      const shuffleCounts = tensorsAfter(3, () =>
        tf.grad((u: tf.Tensor) => tf.sum(shuffle.forward(type.wrap(u)).tensor))(x.tensor),
      );
      expect(new Set(shuffleCounts).size).toBe(1);
      dxs.dispose();
      x.tensor.dispose();
      m.dispose();
    } finally {
      await useBackend('wasm');
    }
  });
});

describe('on noBaseSpace', () => {
  it('ReshuffleModule, BranchingModule and MultipleModule are equivariant on tensors [batch, C]', () => {
    const gs = noBaseSpace(o2Group(3));
    const irreps = gs.fibergroup.irreps();
    const type = new FieldType(gs, [irreps[2]!, gs.trivialRepr, irreps[3]!, gs.trivialRepr]);
    const labels = ['n', 't', 'n', 't'];
    new ReshuffleModule(type, [3, 1, 0, 2]).checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
    const br = new BranchingModule(type, labels);
    expect(br.evaluateOutputShape([5, type.size]).get('n')).toEqual([5, 4]);
    br.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
    const m = new MultipleModule(type, labels, [
      [new ReLU(br.outType.get('t')!), 't'],
      [new NormNonLinearity(br.outType.get('n')!), 'n'],
    ]);
    expect(m.evaluateOutputShape([5, type.size])).toEqual([5, type.size]);
    m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
  });
});

describe('GeometricTensor inputs', () => {
  it('rejects a non-tensor input to BranchingModule.forward', () => {
    const gs = rot2dOnR2(4);
    const br = new BranchingModule(new FieldType(gs, [gs.trivialRepr]), ['a']);
    expect(() => br.forward({} as GeometricTensor)).toThrow(InvalidArgumentError);
    expect(() =>
      br.forward(new GeometricTensor(tf.zeros([1, 2, 2, 4]), new FieldType(gs, [gs.regularRepr]))),
    ).toThrow(FieldTypeMismatchError);
  });
});
