import '@tensorflow/tfjs-backend-wasm';
import { FieldType, GeometricTensor } from '@steerable/field-types';
import {
  cyclicGroup,
  dihedralGroup,
  GroupMismatchError,
  InvalidArgumentError,
  o2Group,
  so2Group,
} from '@steerable/group-theory';
import { noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Linear } from './linear.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.sub(a, b).abs().max().dataSync()[0]!);

describe('Linear', () => {
  const cases = [
    ['C5', noBaseSpace(cyclicGroup(5))],
    ['D3', noBaseSpace(dihedralGroup(3))],
    ['SO(2)', noBaseSpace(so2Group(4))],
    ['O(2)', noBaseSpace(o2Group(4))],
  ] as const;
  it.each(cases)('is equivariant on noBaseSpace(%s) for every testing element', (_, gs) => {
    const irreps = gs.irreps.slice(0, 3);
    const order = gs.fibergroup.order();
    const finite = Number.isFinite(order) && order > 0;
    const inType = new FieldType(gs, [...irreps, irreps[1]!, finite ? gs.regularRepr : irreps[0]!]);
    const outType = new FieldType(gs, [irreps[2]!, irreps[0]!, irreps[1]!, irreps[1]!]);
    const lin = new Linear(inType, outType, { seed: 1 });
    lin.bias?.assign(tf.randomNormal([lin.bias.size], 0, 1, 'float32', 2));
    const results = lin.checkEquivariance({ atol: 1e-5, rtol: 1e-5, batchSize: 4 });
    expect(results.length).toBe(gs.testingElements.length);
    expect(results.every((r) => r.passed)).toBe(true);
    lin.dispose();
  });

  it('maps [batch, in] to [batch, out] with a bias on the trivial irreps only', () => {
    const gs = noBaseSpace(cyclicGroup(4));
    const inType = new FieldType(gs, [gs.regularRepr]);
    const outType = new FieldType(gs, [gs.regularRepr, gs.irrep(1), gs.trivialRepr]);
    const lin = new Linear(inType, outType, { seed: 3 });
    expect(lin.bias?.size).toBe(2); // regular (1 trivial irrep) + trivial
    lin.bias!.assign(tf.tensor1d([1, 2]));
    const x = new GeometricTensor(tf.zeros([3, 4]), inType);
    const y = lin.forward(x);
    expect(y.shape).toEqual([3, 7]);
    // zero input: the output is the expanded bias, zero on the irrep(1) field
    const out = y.tensor.arraySync() as number[][];
    expect(Math.abs(out[0]![4]!) + Math.abs(out[0]![5]!)).toBeLessThan(1e-7);
    expect(out[0]![6]).toBeCloseTo(2, 6);
    tf.dispose([x.tensor, y.tensor]);
    lin.dispose();
  });

  it('export() is a dense layer equal to forward; eval caches the matrix', () => {
    const gs = noBaseSpace(o2Group(3));
    const type = new FieldType(gs, [gs.irrep(1, 1), gs.trivialRepr, gs.irrep(1, 2)]);
    const lin = new Linear(type, type, { seed: 4 });
    lin.bias!.assign(tf.tensor1d([0.7]));
    const x = tf.randomNormal([5, 5], 0, 1, 'float32', 5);
    const y = lin.forward(new GeometricTensor(x, type));
    const model = lin.export();
    const z = model.predict(x) as tf.Tensor;
    expect(maxAbsDiff(y.tensor, z)).toBeLessThan(1e-5);
    lin.eval();
    const before = tf.memory().numTensors;
    const yEval = lin.forward(new GeometricTensor(x, type));
    expect(maxAbsDiff(y.tensor, yEval.tensor)).toBeLessThan(1e-6);
    yEval.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y.tensor, z]);
    model.dispose();
    lin.dispose();
  });

  it('matches the expanded matrix of its basis (escnn’s [out][in] transposed)', () => {
    const gs = noBaseSpace(cyclicGroup(3));
    const inType = new FieldType(gs, [gs.regularRepr, gs.trivialRepr]);
    const outType = new FieldType(gs, [gs.trivialRepr, gs.regularRepr]);
    const lin = new Linear(inType, outType, { seed: 6, bias: false });
    const w = lin.weights.dataSync();
    const ref = lin.basis.expand(w); // [out][in]
    const { matrix } = lin.expandParameters();
    const m = matrix.arraySync();
    for (let o = 0; o < 4; o++) for (let i = 0; i < 4; i++) expect(m[i]![o]!).toBeCloseTo(ref[o * 4 + i]!, 6);
    matrix.dispose();
    lin.dispose();
  });

  it('rejects bad field types with typed errors', () => {
    const r2 = rot2dOnR2(4);
    const t2 = new FieldType(r2, [r2.regularRepr]);
    expect(() => new Linear(t2, t2)).toThrow(/Linear.*inType.*noBaseSpace/);
    const so2 = noBaseSpace(so2Group(3));
    expect(() => new Linear(new FieldType(so2, [so2.irrep(1)]), new FieldType(so2, [so2.irrep(2)]))).toThrow(
      InvalidArgumentError,
    );
    const c4 = noBaseSpace(cyclicGroup(4));
    const c5 = noBaseSpace(cyclicGroup(5));
    expect(
      () => new Linear(new FieldType(c4, [c4.regularRepr]), new FieldType(c5, [c5.regularRepr])),
    ).toThrow(GroupMismatchError);
  });
});
