import { FieldType } from '@steerable/field-types';
import { cyclicGroup, dihedralGroup, InvalidArgumentError, o2Group, so2Group } from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, type GSpace, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { directSum } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, randomInput, relativeFieldErrors, stepCounts } from '../test-utils/test-equivariance.js';
import { BACKENDS, exactElements, gspaces2d, useBackend } from '../test-utils/test-fields.js';
import { ConcatenatedNonLinearity } from './concatenated.js';
import { TensorProductModule } from './tensor-product.js';
import { VectorFieldNonLinearity } from './vectorfield.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

function elementsOf(gs: GSpace) {
  return gs.dimensionality === 0 ? gs.testingElements : exactElements(gs as never);
}

describe('ConcatenatedNonLinearity', () => {
  const finite = [
    ...gspaces2d().filter(({ gs }) => !gs.fibergroup.continuous),
    { name: 'D3 on a point', gs: noBaseSpace(dihedralGroup(3)) as GSpace },
  ];
  /** Signed-permutation fields: regular, trivial, and the 1-dim sign irreps where the group has them. */
  function concatType(gs: GSpace): FieldType {
    const signs = gs.fibergroup.irreps().filter((r) => r.size === 1 && !r.isTrivial());
    return new FieldType(gs, [gs.regularRepr, gs.trivialRepr, ...signs, gs.regularRepr]);
  }

  it('maps each channel to the pair (σ(x), σ(−x))', () => {
    const gs = rot2dOnR2(4);
    const t = concatType(gs);
    const m = new ConcatenatedNonLinearity(t, { function: 'c_tanh' });
    expect(m.outType.size).toBe(2 * t.size);
    expect(m.outType.representations[0]!.name).toBe('concatenated_regular');
    expect(m.outType.representations[0]!.supportedNonlinearities.has('pointwise')).toBe(true);
    const x = randomInput(t, 1, 2);
    const y = m.forward(x);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    let err = 0;
    for (let i = 0; i < xs.length; i++) {
      err = Math.max(
        err,
        Math.abs(ys[2 * i]! - Math.tanh(xs[i]!)),
        Math.abs(ys[2 * i + 1]! - Math.tanh(-xs[i]!)),
      );
    }
    expect(err).toBeLessThan(1e-6);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it.each(finite)('is equivariant on $name', ({ gs }) => {
    for (const fnName of ['c_relu', 'c_sigmoid', 'c_tanh'] as const) {
      const m = new ConcatenatedNonLinearity(concatType(gs), { function: fnName });
      m.checkEquivariance({ elements: elementsOf(gs), atol: 1e-5, rtol: 1e-5, spatialSize: 6 });
      const x = randomInput(m.inType);
      expect(Math.max(...relativeFieldErrors(m, x, gs.testingElements, 0))).toBeLessThan(1e-6);
      x.dispose();
      m.dispose();
    }
  });

  it('exports a model equal to forward', () => {
    const m = new ConcatenatedNonLinearity(concatType(flipRot2dOnR2(4)));
    const x = randomInput(m.inType);
    const y = m.forward(x);
    const model = m.export();
    const z = model.predict(x.tensor) as tf.Tensor;
    expect(maxDiff(y.tensor, z)).toBeLessThan(1e-6);
    tf.dispose([x.tensor, y.tensor, z]);
    model.dispose();
    m.dispose();
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new ConcatenatedNonLinearity(concatType(rot2dOnR2(4)));
    const counts = (() => {
      const x = randomInput(m.inType, 2, 4);
      const c = stepCounts(m, x, 3);
      x.dispose();
      return c;
    })();
    expect(counts[2]).toBe(counts[0]);
    m.dispose();
    await useBackend('wasm');
  });

  it('rejects continuous groups and fields that are not signed permutations', () => {
    const so2 = rot2dOnR2(-1, { maximumFrequency: 2 });
    expect(() => new ConcatenatedNonLinearity(new FieldType(so2, [so2.trivialRepr]))).toThrow(
      InvalidArgumentError,
    );
    const c8 = rot2dOnR2(8);
    expect(() => new ConcatenatedNonLinearity(new FieldType(c8, [c8.irrep(1)]))).toThrow(
      InvalidArgumentError,
    );
    expect(
      () => new ConcatenatedNonLinearity(new FieldType(c8, [c8.regularRepr]), { function: 'c_elu' as never }),
    ).toThrow(InvalidArgumentError);
  });
});

describe('VectorFieldNonLinearity', () => {
  it('points at the strongest rotation with length relu(max)', () => {
    const gs = rot2dOnR2(4);
    const t = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    const m = new VectorFieldNonLinearity(t);
    expect(m.outType.representations.every((r) => r.name === 'irrep_1')).toBe(true);
    const x = t.wrap(tf.tensor2d([[0.1, 2, -1, 0.5, -3, -2, -1, -4]]).reshape([1, 1, 1, 8]));
    const y = m.forward(x).tensor.dataSync();
    // field 0: max 2 at index 1 → 90°: (0, 2); field 1: max −1 → relu 0
    expect(Array.from(y).map((v) => Math.round(v * 1e6) / 1e6 + 0)).toEqual([0, 2, 0, 0]);
    x.dispose();
    m.dispose();
  });

  it('has the gradient of relu(max)·(cos θ, sin θ): only the maximal entry receives it', () => {
    const gs = rot2dOnR2(4);
    const t = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    const m = new VectorFieldNonLinearity(t);
    const x = tf.tensor4d([0.1, 2, -1, 0.5, -3, -2, -1, -4], [1, 1, 1, 8]);
    const w = tf.tensor4d([0.3, -0.7, 1.5, 2], [1, 1, 1, 4]);
    const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(m.forward(t.wrap(v)).tensor, w)))(x);
    // field 0: θ = 90°, dmax = 0.3·cos + (−0.7)·sin = −0.7 at index 1; field 1: max < 0, no gradient
    const got = Array.from(dx.dataSync());
    const want = [0, -0.7, 0, 0, 0, 0, 0, 0];
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(want[i]!, 6);
    });
    tf.dispose([x, w, dx]);
    m.dispose();
  });

  it.each([
    { name: 'C4', gs: rot2dOnR2(4) },
    { name: 'C8', gs: rot2dOnR2(8) },
    { name: 'C5 on a point', gs: noBaseSpace(cyclicGroup(5)) as GSpace },
  ])('is equivariant on $name', ({ gs }) => {
    const m = new VectorFieldNonLinearity(
      new FieldType(gs, [gs.regularRepr, gs.regularRepr, gs.regularRepr]),
    );
    m.checkEquivariance({ elements: elementsOf(gs), atol: 1e-5, rtol: 1e-5, spatialSize: 6 });
    const x = randomInput(m.inType);
    expect(Math.max(...relativeFieldErrors(m, x, gs.testingElements, 1e-6))).toBeLessThan(1e-5);
    x.dispose();
    m.dispose();
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const gs = rot2dOnR2(8);
    const m = new VectorFieldNonLinearity(new FieldType(gs, [gs.regularRepr, gs.regularRepr]));
    const x = randomInput(m.inType, 2, 4);
    const counts = stepCounts(m, x, 3);
    expect(counts[2]).toBe(counts[0]);
    x.dispose();
    m.dispose();
    await useBackend('wasm');
  });

  it('rejects other groups and fields', () => {
    const d4 = flipRot2dOnR2(4);
    expect(() => new VectorFieldNonLinearity(new FieldType(d4, [d4.regularRepr]))).toThrow(
      InvalidArgumentError,
    );
    const f = flip2dOnR2();
    expect(() => new VectorFieldNonLinearity(new FieldType(f, [f.regularRepr]))).toThrow(
      InvalidArgumentError,
    );
    const c4 = rot2dOnR2(4);
    expect(() => new VectorFieldNonLinearity(new FieldType(c4, [c4.trivialRepr]))).toThrow(
      InvalidArgumentError,
    );
    expect(() => new VectorFieldNonLinearity(new FieldType(c4, [c4.quotientRepr(2)]))).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('TensorProductModule', () => {
  const spaces = [
    ...gspaces2d().filter(({ name }) => name !== 'trivial'),
    { name: 'SO(2) on a point', gs: noBaseSpace(so2Group(4)) as GSpace },
    { name: 'O(2) on a point', gs: noBaseSpace(o2Group(4)) as GSpace },
  ];
  function types(gs: GSpace): [FieldType, FieldType] {
    const irr = gs.fibergroup.irreps();
    const rho = directSum([irr[0]!, irr[1]!]);
    const out = directSum([irr[0]!, ...irr.slice(1, 3)]);
    return [new FieldType(gs, [rho, rho, rho]), new FieldType(gs, [out, out, out])];
  }

  it('computes W_c (x_c ⊗ x_c) per field with the expanded matrix', () => {
    const gs = rot2dOnR2(8);
    const [tin, tout] = types(gs);
    const m = new TensorProductModule(tin, tout, { seed: 3 });
    expect(m.hiddenType.representations[0]!.size).toBe(9);
    const M = m.expandParameters();
    expect(M.shape).toEqual([15, 9]);
    const mv = M.dataSync();
    const x = randomInput(tin, 1, 2);
    const y = m.forward(x);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    let err = 0;
    for (let p = 0; p < 4; p++)
      for (let c = 0; c < 3; c++) {
        const f = xs.subarray(p * 9 + c * 3, p * 9 + c * 3 + 3);
        for (let o = 0; o < 5; o++) {
          let acc = 0;
          for (let i = 0; i < 3; i++)
            for (let j = 0; j < 3; j++) acc += mv[(c * 5 + o) * 9 + i * 3 + j]! * f[i]! * f[j]!;
          err = Math.max(err, Math.abs(acc - ys[p * 15 + c * 5 + o]!));
        }
      }
    expect(err).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor, M]);
    m.dispose();
  });

  it.each(spaces)('is equivariant on $name', ({ gs }) => {
    const m = new TensorProductModule(...types(gs), { seed: 1 });
    m.checkEquivariance({ elements: elementsOf(gs), atol: 1e-5, rtol: 1e-4, spatialSize: 6 });
    // escnn's check for this module: relative per-field error, rtol 1e-4, atol 1e-6
    const x = randomInput(m.inType, 16, 2);
    expect(Math.max(...relativeFieldErrors(m, x, gs.testingElements, 1e-6))).toBeLessThan(1e-4);
    x.dispose();
    m.dispose();
  });

  it('construct, state dict and a training step without leaks', async () => {
    for (const backend of BACKENDS) {
      await useBackend(backend);
      const gs = flipRot2dOnR2(4);
      const irr = gs.fibergroup.irreps();
      const m = TensorProductModule.construct(gs, 2, directSum([irr[0]!, irr[2]!]), irr[0]!, { seed: 2 });
      expect([...m.stateDict().keys()]).toEqual(['weights']);
      const x = randomInput(m.inType, 2, 4);
      const counts = stepCounts(m, x, 3);
      expect(counts[2]).toBe(counts[0]);
      x.dispose();
      m.dispose();
    }
    await useBackend('wasm');
  });

  it('rejects non-uniform or mismatched types with typed errors', () => {
    const gs = rot2dOnR2(4);
    const [tin, tout] = types(gs);
    expect(() => new TensorProductModule(tin.concat(new FieldType(gs, [gs.trivialRepr])), tout)).toThrow(
      InvalidArgumentError,
    );
    expect(() => new TensorProductModule(tin, tout.indexSelect([0, 1]))).toThrow(InvalidArgumentError);
    const g8 = rot2dOnR2(8);
    expect(() => new TensorProductModule(tin, types(g8)[1])).toThrow(InvalidArgumentError);
    // ψ₁ ⊗ ψ₁ of C8 holds frequencies 0 and 2 only: no map to frequency 1
    const one = new FieldType(g8, [g8.irrep(1)]);
    expect(() => new TensorProductModule(one, one)).toThrow(InvalidArgumentError);
  });
});
