import { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import { type GSpace2D, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  exactElements,
  fiberEquivarianceError,
  gradientCheck,
  gspaces2d,
  inputAndParameterGradients,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { type NormFunction, NormNonLinearity } from './norm.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** All irreps of the gspace (non-trivial first), interleaved so that equal sizes are not contiguous. */
function normType(gs: GSpace2D): FieldType {
  const irreps = [...gs.irreps].reverse();
  return new FieldType(gs, [...irreps, ...irreps]);
}

const SIGMA: Record<NormFunction, (t: number) => number> = {
  n_relu: (t) => Math.max(t, 0),
  n_sigmoid: (t) => 1 / (1 + Math.exp(-t)),
  n_softplus: (t) => Math.log1p(Math.exp(t)),
  squash: (t) => t / (1 + t),
};

/** escnn's formula in float64: `σ(‖x_f‖ − b_f) x_f / ‖x_f‖`. */
function reference(
  x: Float32Array,
  type: FieldType,
  sigma: (t: number) => number,
  bias: number[],
): Float64Array {
  const out = new Float64Array(x.length);
  const c = type.size;
  for (let p = 0; p < x.length / c; p++) {
    type.representations.forEach((_, f) => {
      const s = type.fieldsStart[f]!;
      const e = type.fieldsEnd[f]!;
      let n = 0;
      for (let i = s; i < e; i++) n += x[p * c + i]! ** 2;
      n = Math.sqrt(n);
      const m = n <= 1e-10 ? 0 : sigma(n - bias[f]!) / Math.max(n, 1e-10);
      for (let i = s; i < e; i++) out[p * c + i] = x[p * c + i]! * m;
    });
  }
  return out;
}

describe('NormNonLinearity', () => {
  const gs = rot2dOnR2(8);
  // sizes 2, 1, 8, 2, 1: size groups are not contiguous
  const type = new FieldType(gs, [gs.irrep(1), gs.trivialRepr, gs.regularRepr, gs.irrep(3), gs.trivialRepr]);

  it.each(['n_relu', 'n_sigmoid', 'n_softplus'] as const)('computes %s of the biased norms', (fn) => {
    const m = new NormNonLinearity(type, { function: fn });
    expect(m.logBias?.shape).toEqual([5]);
    // escnn's parameter order: size 1 fields (1, 4), then size 2 (0, 3), then size 8 (2)
    const logBias = [0.1, -0.2, 0.3, -0.4, 0.5];
    m.loadStateDict({ log_bias: logBias });
    const biasOfField = [Math.exp(0.3), Math.exp(0.1), Math.exp(0.5), Math.exp(-0.4), Math.exp(-0.2)];
    const x = randomField(type, 2, 3, 4);
    const y = m.forward(x);
    const want = reference(x.tensor.dataSync() as Float32Array, type, SIGMA[fn], biasOfField);
    const got = y.tensor.dataSync();
    let err = 0;
    for (let i = 0; i < got.length; i++) err = Math.max(err, Math.abs(got[i]! - want[i]!));
    expect(err).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it('computes squash without bias, and maps zero fields to zero', () => {
    const m = new NormNonLinearity(type, { function: 'squash', bias: false });
    expect(m.logBias).toBeNull();
    expect(m.trainableVariables).toHaveLength(0);
    const values = tf.randomNormal([1, 2, 2, type.size], 0, 1, 'float32', 3).arraySync() as number[][][][];
    values[0]![0]![0]!.fill(0, 0, 2); // the first field of the first pixel is zero
    const x = new GeometricTensor(tf.tensor4d(values), type);
    const y = m.forward(x);
    const want = reference(x.tensor.dataSync() as Float32Array, type, SIGMA.squash, [0, 0, 0, 0, 0]);
    const got = y.tensor.dataSync();
    let err = 0;
    for (let i = 0; i < got.length; i++) err = Math.max(err, Math.abs(got[i]! - want[i]!));
    expect(err).toBeLessThan(1e-6);
    expect([got[0], got[1]]).toEqual([0, 0]);
    // the gradient at a zero field is finite (PyTorch's norm gives 0 there; a plain sqrt chain gives NaN)
    const { dx } = inputAndParameterGradients(new NormNonLinearity(type), x);
    expect(dx.every(Number.isFinite)).toBe(true);
    tf.dispose([x.tensor, y.tensor]);
  });

  it.each(gspaces2d())('is equivariant on $name', ({ gs }) => {
    const t = normType(gs);
    const m = new NormNonLinearity(t, { function: 'n_sigmoid' });
    m.loadStateDict({ log_bias: Array.from({ length: t.length }, (_, i) => 0.1 * i - 0.3) });
    m.checkEquivariance({ elements: exactElements(gs), spatialSize: 5, atol: 1e-6, rtol: 1e-5 });
    // norms are invariant under every ρ(g) (orthogonal): exact up to float32 rounding for all elements
    const x = randomField(t, 2, 3);
    const { error, scale } = fiberEquivarianceError(m, x, gs.testingElements);
    expect(error).toBeLessThan(1e-5 * Math.max(1, scale));
    x.tensor.dispose();
    m.dispose();
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new NormNonLinearity(type);
    const x = randomField(type, 2, 4);
    const { dx, dvars } = inputAndParameterGradients(m, x);
    expect(dx.every(Number.isFinite)).toBe(true);
    expect(dvars).toHaveLength(1);
    expect(dvars[0]!.length).toBe(5);
    expect(dvars[0]!.some((v) => v !== 0)).toBe(true);
    expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
    x.tensor.dispose();
    m.dispose();
    await useBackend('wasm');
  });

  it('has the gradient of its formula (central differences)', () => {
    const m = new NormNonLinearity(type, { function: 'n_softplus' });
    m.loadStateDict({ log_bias: [0.1, -0.2, 0.3, -0.4, 0.5] });
    const x = randomField(type, 1, 2, 12);
    expect(gradientCheck(m, x, 26)).toBeLessThan(1e-3);
    x.tensor.dispose();
    m.dispose();
  });

  it('works on fields without a base space, and frees its parameter on dispose', () => {
    const before = tf.memory().numTensors;
    const gs0 = noBaseSpace(gs.fibergroup);
    const t = new FieldType(gs0, [gs0.irrep(1), gs0.regularRepr]);
    const m = new NormNonLinearity(t);
    const x = t.wrap(tf.randomNormal([4, 10], 0, 1, 'float32', 3));
    const y = m.forward(x);
    expect(y.shape).toEqual([4, 10]);
    m.checkEquivariance({ atol: 1e-6, rtol: 1e-5 });
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects fields without norm support and squash with a bias', () => {
    const quotientLike: RepresentationLike = Object.create(gs.irrep(1), {
      supportedNonlinearities: { value: new Set(['gated']) },
    });
    expect(() => new NormNonLinearity(new FieldType(gs, [gs.irrep(1), quotientLike]))).toThrow(
      /NormNonLinearity: argument "inType" must have fields supporting 'norm'.*field 1/,
    );
    expect(() => new NormNonLinearity(type, { function: 'squash' })).toThrow(InvalidArgumentError);
    expect(() => new NormNonLinearity(type, { function: 'squash' })).toThrow(/argument "bias"/);
    expect(() => new NormNonLinearity(type, { function: 'relu' as NormFunction })).toThrow(/"function"/);
  });
});
