import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, inducedSubfieldSize } from '@steerable/group-theory';
import { noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { inducedRepresentation, quotientRepresentation } from '@steerable/representations';
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
import { InducedNormNonLinearity } from './induced-norm.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe('InducedNormNonLinearity', () => {
  it('rescales every sub-field by σ(‖x‖ − b_f)/‖x‖ with escnn bias order', () => {
    const c = CASES[0]!;
    const ind = induced(c); // size 4, sub-fields of 2
    const q = c.gs.quotientRepr(2); // size 4, sub-fields of 1
    const type = new FieldType(c.gs, [ind, q, ind]);
    const m = new InducedNormNonLinearity(type);
    expect(m.subfieldSizes).toEqual([2, 1, 2]);
    // escnn's order sorts by (size, sub-field size): q (4,1) first, then the two (4,2) fields
    tf.tidy(() => m.logBias!.assign(tf.tensor1d([Math.log(0.3), Math.log(0.7), Math.log(1.1)])));
    const biasOf = [0.7, 0.3, 1.1];
    const x = randomInput(type, 1, 2);
    const y = m.forward(x);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    let err = 0;
    for (let p = 0; p < 4; p++) {
      let c0 = p * 12;
      [2, 1, 2].forEach((s, f) => {
        for (let k = 0; k < 4; k += s) {
          const v = Array.from(xs.subarray(c0 + k, c0 + k + s));
          const n = Math.hypot(...v);
          const scale = Math.max(n - biasOf[f]!, 0) / n;
          v.forEach((vi, i) => {
            err = Math.max(err, Math.abs(ys[c0 + k + i]! - vi * scale));
          });
        }
        c0 += 4;
      });
    }
    expect(err).toBeLessThan(1e-6);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it.each(CASES)('is equivariant on $name', (c) => {
    const ind = induced(c);
    const type = new FieldType(
      c.gs,
      [ind, ind, c.gs.trivialRepr].slice(0, inducedSubfieldSize(ind, 'norm') === undefined ? 0 : 2),
    );
    for (const fnName of ['n_relu', 'n_sigmoid', 'squash'] as const) {
      const m = new InducedNormNonLinearity(type, { function: fnName });
      expect(m.subfieldSizes[0]).toBe(c.d);
      m.checkEquivariance({ elements: elementsOf(c.gs), atol: 1e-5, rtol: 1e-5, spatialSize: 6 });
      const x = randomInput(type);
      // every element on the fibers; absolute errors under 1e-6 are float32 rounding of O(1) values (ρ(g) of
      // continuous rotations is inexact in float32) and do not count, as escnn's atol
      expect(Math.max(...relativeFieldErrors(m, x, c.gs.testingElements, 1e-6))).toBeLessThan(1e-5);
      x.dispose();
      m.dispose();
    }
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const c = CASES[2]!;
    const m = new InducedNormNonLinearity(new FieldType(c.gs, [induced(c), c.gs.quotientRepr([null, 2])]));
    expectStepsKeepTensorCount(m);
    await useBackend('wasm');
  });

  it("reads the sub-field size from escnn's tags, whatever the representation's name", () => {
    const G = rot2dOnR2(8).fibergroup;
    const gs = noBaseSpace(G);
    const psi = G.subgroup(4).subgroup.irrep(1);
    const mine = inducedRepresentation(G, 4, psi, { name: 'mine' });
    expect(mine.supportedNonlinearities.has('induced_norm_2')).toBe(true);
    expect(new InducedNormNonLinearity(new FieldType(gs, [mine])).subfieldSizes).toEqual([2]);
    const gate = quotientRepresentation(G, 4, { name: 'my gate' });
    const m = new InducedGatedNonLinearity1(new FieldType(gs, [gate, mine]), { seed: 1 });
    expect(m.quotientSize).toBe(2);
    expect(m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 })).toHaveLength(8);
    m.dispose();
  });

  it('rejects fields that are not induced with typed errors', () => {
    const gs = rot2dOnR2(8);
    for (const r of [gs.regularRepr, gs.irrep(1), gs.trivialRepr]) {
      expect(() => new InducedNormNonLinearity(new FieldType(gs, [r]))).toThrow(InvalidArgumentError);
    }
    const t = new FieldType(gs, [gs.quotientRepr(2)]);
    expect(() => new InducedNormNonLinearity(t, { function: 'n_softplus' as never })).toThrow(
      InvalidArgumentError,
    );
  });
});
