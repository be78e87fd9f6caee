import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import { directSum } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectEquivariantOn,
  expectStepsKeepTensorCount,
  randomInput,
  SPACES,
  someIrreps,
} from '../test-utils/test-equivariance.js';
import { BACKENDS, useBackend } from '../test-utils/test-fields.js';
import { GatedNonLinearityUniform } from './gated-uniform.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe('GatedNonLinearityUniform', () => {
  function uniformType(gs: GSpace, n = 3): FieldType {
    const irr = someIrreps(gs);
    const rho = directSum([
      gs.trivialRepr,
      gs.trivialRepr,
      ...irr.slice(0, 2),
      ...(irr.length < 2 ? [irr[0]!] : []),
    ]);
    return new FieldType(gs, Array(n).fill(rho));
  }

  it('scales each gated irrep by gate(g_i − b_{c,i}) (escnn)', () => {
    const gs = SPACES[0]!.gs; // C4: [1, 1, irrep1 (2), irrep2 (1)]
    const type = uniformType(gs, 2);
    const m = new GatedNonLinearityUniform(type, { seed: 2 });
    expect(m.outType.representations[0]!.size).toBe(3);
    expect(m.bias.shape).toEqual([2, 2]);
    const x = randomInput(type, 1, 2);
    const y = m.forward(x);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    const b = m.bias.dataSync();
    const sig = (t: number) => 1 / (1 + Math.exp(-t));
    let err = 0;
    for (let p = 0; p < 4; p++)
      for (let c = 0; c < 2; c++) {
        const f = xs.subarray(p * 10 + c * 5, p * 10 + c * 5 + 5);
        const want = [
          f[2]! * sig(f[0]! - b[c * 2]!),
          f[3]! * sig(f[0]! - b[c * 2]!),
          f[4]! * sig(f[1]! - b[c * 2 + 1]!),
        ];
        want.forEach((w, k) => {
          err = Math.max(err, Math.abs(ys[p * 6 + c * 3 + k]! - w));
        });
      }
    expect(err).toBeLessThan(1e-6);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it.each(SPACES)('is equivariant on $name (sigmoid and a custom gate)', ({ gs }) => {
    for (const gate of [undefined, (t: tf.Tensor) => tf.mul(t, tf.sigmoid(t))]) {
      const m = new GatedNonLinearityUniform(uniformType(gs), gate ? { gate, seed: 1 } : { seed: 1 });
      expectEquivariantOn(m, gs);
    }
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new GatedNonLinearityUniform(uniformType(SPACES[4]!.gs), { seed: 1 });
    expectStepsKeepTensorCount(m);
    await useBackend('wasm');
  });

  it('rejects unsupported field types with typed errors', () => {
    const gs = SPACES[0]!.gs;
    const irr = someIrreps(gs);
    const bad = [
      new FieldType(gs, [uniformType(gs).representations[0]!, gs.trivialRepr]), // not uniform
      new FieldType(gs, [directSum([gs.trivialRepr, irr[0]!, irr[1]!])]), // odd
      new FieldType(gs, [directSum([irr[0]!, gs.trivialRepr])]), // gate not trivial
      new FieldType(gs, [gs.regularRepr]), // change of basis
    ];
    for (const t of bad) expect(() => new GatedNonLinearityUniform(t)).toThrow(InvalidArgumentError);
  });
});
