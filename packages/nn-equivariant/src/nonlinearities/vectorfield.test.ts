import { FieldType } from '@steerable/field-types';
import { cyclicGroup, InvalidArgumentError } from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, type GSpace, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStepsKeepTensorCount,
  randomInput,
  relativeFieldErrors,
} from '../test-utils/test-equivariance.js';
import { BACKENDS, elementsOf, useBackend } from '../test-utils/test-fields.js';
import { VectorFieldNonLinearity } from './vectorfield.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

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
    expectStepsKeepTensorCount(m);
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
