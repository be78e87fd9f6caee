import { FieldType, GeometricTensor } from '@steerable/field-types';
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
import { NormPool } from './norm-pool.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

function normType(gs: GSpace2D): FieldType {
  return new FieldType(gs, [...[...gs.irreps].reverse(), ...gs.irreps]);
}

describe('NormPool', () => {
  const gs = rot2dOnR2(8);
  const type = new FieldType(gs, [gs.irrep(1), gs.trivialRepr, gs.regularRepr, gs.irrep(3)]);

  it('takes the norm of each field; the output fields are trivial', () => {
    const m = new NormPool(type);
    expect(m.outType.representations.every((r) => r.isTrivial())).toBe(true);
    const x = randomField(type, 2, 3);
    const y = m.forward(x);
    expect(y.shape).toEqual([2, 3, 3, 4]);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    let err = 0;
    for (let p = 0; p < 18; p++)
      type.representations.forEach((_, f) => {
        let n = 0;
        for (let c = type.fieldsStart[f]!; c < type.fieldsEnd[f]!; c++) n += xs[p * 13 + c]! ** 2;
        err = Math.max(err, Math.abs(ys[p * 4 + f]! - Math.sqrt(n)));
      });
    expect(err).toBeLessThan(1e-6);
    tf.dispose([x.tensor, y.tensor]);
  });

  it('has the gradient x/‖x‖ (central differences)', () => {
    const x = randomField(type, 1, 2, 3);
    expect(gradientCheck(new NormPool(type), x, 26)).toBeLessThan(1e-3);
    x.tensor.dispose();
  });

  it('works without a base space', () => {
    const gs0 = noBaseSpace(gs.fibergroup);
    const t = new FieldType(gs0, [gs0.irrep(2), gs0.regularRepr, gs0.trivialRepr]);
    const m = new NormPool(t);
    const x = t.wrap(tf.randomNormal([5, 11], 0, 1, 'float32', 2));
    const y = m.forward(x);
    expect(y.shape).toEqual([5, 3]);
    m.checkEquivariance({ atol: 1e-6, rtol: 1e-5 });
    tf.dispose([x.tensor, y.tensor]);
  });

  it.each(gspaces2d())('is invariant on $name', ({ gs }) => {
    const t = normType(gs);
    const m = new NormPool(t);
    m.checkEquivariance({ elements: exactElements(gs), spatialSize: 6, atol: 1e-6, rtol: 1e-5 });
    const x = randomField(t, 2, 4);
    const { error, scale } = fiberEquivarianceError(m, x, gs.testingElements);
    expect(error).toBeLessThan(1e-6 * Math.max(1, scale));
    x.tensor.dispose();
  });

  it.each(BACKENDS)(
    'runs forward and backward on %s without leaking, finite at zero fields',
    async (backend) => {
      await useBackend(backend);
      const m = new NormPool(type);
      const values = tf.randomNormal([2, 3, 3, 13], 0, 1, 'float32', 1).arraySync() as number[][][][];
      values[0]![1]![1]!.fill(0, 0, 2); // a zero irrep_1 field
      const x = new GeometricTensor(tf.tensor4d(values), type);
      const { dx } = inputAndParameterGradients(m, x);
      expect(dx.every(Number.isFinite)).toBe(true);
      expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
      x.tensor.dispose();
      await useBackend('wasm');
    },
  );
});
