import { FieldType } from '@steerable/field-types';
import { dihedralGroup, InvalidArgumentError } from '@steerable/group-theory';
import { flipRot2dOnR2, type GSpace, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, randomInput, relativeFieldErrors, stepCounts } from '../test-utils/test-equivariance.js';
import { BACKENDS, elementsOf, gspaces2d, useBackend } from '../test-utils/test-fields.js';
import { ConcatenatedNonLinearity } from './concatenated.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

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
