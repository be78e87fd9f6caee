import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStepsKeepTensorCount,
  randomInput,
  relativeFieldErrors,
} from '../test-utils/test-equivariance.js';
import { BACKENDS, elementsOf, useBackend } from '../test-utils/test-fields.js';
import { CASES, induced } from '../test-utils/test-induced.js';
import { InducedGatedNonLinearity1 } from './induced-gated1.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe('InducedGatedNonLinearity1', () => {
  function gatedType(c: (typeof CASES)[number]) {
    const ind = induced(c);
    const gate = c.gs.quotientRepr(c.id);
    return new FieldType(c.gs, [gate, ind, gate, ind]);
  }

  it('scales sub-field i of a gated field by sigmoid(g_i − b_j)', () => {
    const c = CASES[0]!;
    const ind = induced(c); // 2 sub-fields of size 2
    const gate = c.gs.quotientRepr(4); // 2 cosets
    const type = new FieldType(c.gs, [gate, gate, ind, ind]);
    const m = new InducedGatedNonLinearity1(type, { seed: 4 });
    expect(m.quotientSize).toBe(2);
    expect(m.outType.size).toBe(8);
    const x = randomInput(type, 1, 1);
    const y = m.forward(x);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    const b = m.bias.dataSync();
    const sig = (t: number) => 1 / (1 + Math.exp(-t));
    let err = 0;
    for (let f = 0; f < 2; f++)
      for (let i = 0; i < 2; i++)
        for (let k = 0; k < 2; k++) {
          const want = xs[4 + f * 4 + i * 2 + k]! * sig(xs[f * 2 + i]! - b[f]!);
          err = Math.max(err, Math.abs(ys[f * 4 + i * 2 + k]! - want));
        }
    expect(err).toBeLessThan(1e-6);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it.each(CASES)('is equivariant on $name', (c) => {
    for (const dropGates of [true, false]) {
      const m = new InducedGatedNonLinearity1(gatedType(c), {
        gates: ['gate', 'gated', 'gate', 'gated'],
        dropGates,
        seed: 2,
      });
      m.checkEquivariance({ elements: elementsOf(c.gs), atol: 1e-5, rtol: 1e-5, spatialSize: 6 });
      const x = randomInput(m.inType);
      expect(Math.max(...relativeFieldErrors(m, x, c.gs.testingElements, 0))).toBeLessThan(1e-5);
      x.dispose();
      m.dispose();
    }
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new InducedGatedNonLinearity1(gatedType(CASES[4]!), {
      gates: ['gate', 'gated', 'gate', 'gated'],
    });
    expectStepsKeepTensorCount(m);
    await useBackend('wasm');
  });

  it('rejects unsupported field types with typed errors', () => {
    const c = CASES[0]!;
    const ind = induced(c);
    const gs = c.gs;
    const bad: [FieldType, object][] = [
      [new FieldType(gs, [gs.regularRepr, ind]), {}], // regular is no induced gate
      [new FieldType(gs, [gs.quotientRepr(2), ind]), {}], // 4 cosets vs 2 sub-fields
      [new FieldType(gs, [gs.quotientRepr(4), gs.irrep(1)]), {}], // not induced
      [new FieldType(gs, [gs.quotientRepr(4), ind, ind]), {}], // odd
      [new FieldType(gs, [gs.quotientRepr(4), ind]), { gates: ['gate', 'gate'] }],
      [new FieldType(gs, [gs.quotientRepr(4), ind]), { gates: ['gate'] }],
    ];
    for (const [t, o] of bad) expect(() => new InducedGatedNonLinearity1(t, o)).toThrow(InvalidArgumentError);
  });
});
