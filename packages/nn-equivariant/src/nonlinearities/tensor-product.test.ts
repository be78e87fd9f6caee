import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, o2Group, so2Group } from '@steerable/group-theory';
import { flipRot2dOnR2, type GSpace, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { directSum } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStepsKeepTensorCount,
  randomInput,
  relativeFieldErrors,
} from '../test-utils/test-equivariance.js';
import { BACKENDS, elementsOf, gspaces2d, useBackend } from '../test-utils/test-fields.js';
import { TensorProductModule } from './tensor-product.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

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
      expectStepsKeepTensorCount(m);
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
