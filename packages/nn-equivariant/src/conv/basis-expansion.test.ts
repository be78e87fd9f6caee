import '@tensorflow/tfjs-backend-wasm';
import { cyclicGroup } from '@steerable/group-theory';
import { noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { r0LinearBasis, r2ConvBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseField, parseGspace } from '../test-utils/test-fixtures.js';
import { BlocksExpansion, disposeExpansionTensors } from './basis-expansion.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** escnn's `[out][in][P]` moved to `[P][in][out]` ('conv') or `[P][out][in]` ('transposed'). */
function relayout(f: Float64Array, O: number, I: number, P: number, layout: 'conv' | 'transposed') {
  const out = new Float64Array(f.length);
  for (let o = 0; o < O; o++)
    for (let i = 0; i < I; i++)
      for (let p = 0; p < P; p++)
        out[layout === 'conv' ? (p * I + i) * O + o : (p * O + o) * I + i] = f[(o * I + i) * P + p]!;
  return out;
}

const rand = (n: number, seed: number) => {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return (s / 2147483647) * 2 - 1;
  });
};

// interleaved fields of different representations: blocks whose fields are not contiguous
const cases = [
  {
    gs: 'rot2dOnR2(N=8)',
    ins: ['regular', 'trivial', 'regular'],
    outs: ['irrep1', 'regular', 'irrep1'],
    k: 5,
  },
  { gs: 'flipRot2dOnR2(N=4)', ins: ['irrep1,1', 'regular'], outs: ['regular', 'irrep1,0'], k: 3 },
  {
    gs: 'rot2dOnR2(N=-1, maximum_frequency=4)',
    ins: ['irrep1', 'trivial'],
    outs: ['irrep2', 'irrep1'],
    k: 7,
  },
  // one block over all pairs of fields: the transpose path (transposePlan)
  { gs: 'rot2dOnR2(N=8)', ins: ['regular', 'regular', 'regular'], outs: ['regular', 'regular'], k: 3 },
  { gs: 'flipRot2dOnR2(N=4)', ins: ['irrep1,1', 'irrep1,1'], outs: ['regular'], k: 5 },
];

describe('BlocksExpansion', () => {
  for (const layout of ['conv', 'transposed'] as const)
    it.each(cases.map((c) => [`${c.gs} ${c.ins} -> ${c.outs} (${layout})`, c] as const))(
      'expands as LayerBasis.expand, with its gradient %s',
      (_, c) => {
        const gs = parseGspace(c.gs);
        const basis = r2ConvBasis(
          gs.sgId,
          c.ins.map((f) => parseField(gs, f)),
          c.outs.map((f) => parseField(gs, f)),
          c.k,
        );
        const e = new BlocksExpansion(basis, layout);
        const oneRepresentation = new Set(c.ins).size === 1 && new Set(c.outs).size === 1;
        expect(e.transposePlan !== null).toBe(oneRepresentation);
        const t = e.createTensors();
        expect(t.gather === null).toBe(e.transposePlan !== null);
        const before = tf.memory().numTensors;
        const w = rand(basis.dimension, 7);
        const ref = relayout(basis.expand(w), basis.outSize, basis.inSize, basis.points, layout);
        const got = tf.tidy(() => e.expand(tf.tensor1d(Float32Array.from(w)), t).dataSync());
        expect(got.length).toBe(ref.length);
        for (let q = 0; q < ref.length; q++) expect(Math.abs(got[q]! - ref[q]!)).toBeLessThan(1e-5);
        // d/dw_j Σ filter·G = ⟨basis_j, G⟩
        const G = rand(ref.length, 3);
        const grad = tf.tidy(() => {
          const g = tf.grad((x: tf.Tensor) =>
            e
              .expand(x as tf.Tensor1D, t)
              .mul(tf.tensor1d(Float32Array.from(G)))
              .sum(),
          );
          return g(tf.tensor1d(Float32Array.from(w))).dataSync();
        });
        for (let j = 0; j < basis.dimension; j += Math.max(1, Math.floor(basis.dimension / 17))) {
          const onehot = new Float64Array(basis.dimension);
          onehot[j] = 1;
          const bj = relayout(basis.expand(onehot), basis.outSize, basis.inSize, basis.points, layout);
          const dot = bj.reduce((acc, v, q) => acc + v * G[q]!, 0);
          expect(grad[j]!).toBeCloseTo(dot, 4);
        }
        expect(tf.memory().numTensors).toBe(before);
        disposeExpansionTensors(t);
      },
    );

  it('expands the bias through the change of basis', () => {
    const gs = rot2dOnR2(4);
    const basis = r2ConvBasis(gs.sgId, [gs.trivialRepr], [gs.regularRepr, gs.trivialRepr], 3);
    const e = new BlocksExpansion(basis, 'conv');
    const t = e.createTensors();
    const b = [0.5, -2];
    const got = tf.tidy(() => e.expandBias(tf.tensor1d(b), t).dataSync());
    const ref = basis.expandBias(b);
    expect([...got].map((v) => Number(v.toFixed(5)))).toEqual([...ref].map((v) => Number(v.toFixed(5))));
    disposeExpansionTensors(t);
  });

  it('lays out a Linear layer as [in, out]', () => {
    const G = cyclicGroup(3);
    const gs = noBaseSpace(G);
    const basis = r0LinearBasis([gs.regularRepr, gs.trivialRepr], [gs.trivialRepr, gs.regularRepr]);
    const e = new BlocksExpansion(basis, 'conv');
    const t = e.createTensors();
    const w = rand(basis.dimension, 11);
    const ref = relayout(basis.expand(w), basis.outSize, basis.inSize, 1, 'conv');
    const got = tf.tidy(() => e.expand(tf.tensor1d(Float32Array.from(w)), t).dataSync());
    for (let q = 0; q < ref.length; q++) expect(got[q]!).toBeCloseTo(ref[q]!, 5);
    disposeExpansionTensors(t);
  });

  it('lays out a Linear layer of one representation as [in, out] by a transpose', () => {
    const gs = noBaseSpace(cyclicGroup(4));
    const basis = r0LinearBasis([gs.regularRepr, gs.regularRepr], Array(3).fill(gs.regularRepr));
    const e = new BlocksExpansion(basis, 'conv');
    expect(e.transposePlan?.shape).toEqual([3, 8, 1, 4]);
    const t = e.createTensors();
    const w = rand(basis.dimension, 5);
    const ref = relayout(basis.expand(w), basis.outSize, basis.inSize, 1, 'conv');
    const got = tf.tidy(() => e.expand(tf.tensor1d(Float32Array.from(w)), t).dataSync());
    for (let q = 0; q < ref.length; q++) expect(got[q]!).toBeCloseTo(ref[q]!, 5);
    disposeExpansionTensors(t);
  });
});
