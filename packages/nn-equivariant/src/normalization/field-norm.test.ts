import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, o2Group } from '@steerable/group-theory';
import { noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exactElements,
  fiberEquivarianceError,
  gspaces2d,
  randomField,
  useBackend,
} from '../test-utils/test-fields.js';
import { fieldNormType } from '../test-utils/test-normalization.js';
import { maxDiff } from '../test-utils/test-pooling.js';
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
