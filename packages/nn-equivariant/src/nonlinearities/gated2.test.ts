import { FieldType, FieldTypeMismatchError, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectEquivariantOn,
  expectStepsKeepTensorCount,
  maxDiff,
  randomInput,
  SPACES,
  someIrreps,
} from '../test-utils/test-equivariance.js';
import { BACKENDS, useBackend } from '../test-utils/test-fields.js';
import { GatedNonLinearity2 } from './gated2.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe('GatedNonLinearity2', () => {
  /** Gated fields of mixed sizes, not sorted: [big, small, big]; three trivial gates. */
  function types(gs: GSpace): [FieldType, FieldType] {
    const irr = someIrreps(gs);
    const big = irr.length > 1 ? irr[irr.length - 1]! : gs.fibergroup.irreps()[0]!;
    const reg = gs.fibergroup.order() > 0 ? gs.regularRepr : big;
    const gated = new FieldType(gs, [reg, irr[0]!, big]);
    const gates = new FieldType(gs, Array(3).fill(gs.trivialRepr));
    return [gates, gated];
  }

  it('scales gated field f by sigmoid(gate_j − b_j), gates matched in size order (escnn)', () => {
    const gs = SPACES[0]!.gs; // C4: regular (4), irrep 1 (2), irrep 2 (1)
    const [gates, gated] = types(gs);
    const m = new GatedNonLinearity2([gates, gated], { seed: 3 });
    expect(m.inType.equals(gates.concat(gated))).toBe(true);
    expect(m.outType.equals(gated)).toBe(true);
    const g = randomInput(gates, 2, 3, 1);
    const x = randomInput(gated, 2, 3, 2);
    const y = m.forwardGated(g, x);
    // sizes [4, 2, 1]: size order is field 2 (1), field 1 (2), field 0 (4) → gates 0, 1, 2 drive fields 2, 1, 0
    const gateOf = [2, 1, 0];
    const b = Array.from(m.bias.dataSync());
    const gs_ = g.tensor.dataSync();
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    const sig = (t: number) => 1 / (1 + Math.exp(-t));
    let err = 0;
    for (let p = 0; p < 18; p++) {
      let c = 0;
      gated.representations.forEach((r, f) => {
        const j = gateOf[f]!;
        const s = sig(gs_[p * 3 + j]! - b[j]!);
        for (let k = 0; k < r.size; k++, c++)
          err = Math.max(err, Math.abs(ys[p * 7 + c]! - s * xs[p * 7 + c]!));
      });
    }
    expect(err).toBeLessThan(1e-6);
    // forward on the concatenation is the same map
    const both = new GeometricTensor(tf.concat([g.tensor, x.tensor], -1), m.inType);
    const z = m.forward(both);
    expect(maxDiff(z.tensor, y.tensor)).toBe(0);
    tf.dispose([g.tensor, x.tensor, y.tensor, both.tensor, z.tensor]);
    m.dispose();
  });

  it.each(SPACES)('is equivariant on $name', ({ gs }) => {
    const m = new GatedNonLinearity2(types(gs), { seed: 1 });
    expectEquivariantOn(m, gs);
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new GatedNonLinearity2(types(SPACES[2]!.gs), { seed: 1 });
    expectStepsKeepTensorCount(m);
    await useBackend('wasm');
  });

  it('rejects bad types with typed errors', () => {
    const gs = SPACES[0]!.gs;
    const [gates, gated] = types(gs);
    expect(() => new GatedNonLinearity2([gated, gated])).toThrow(InvalidArgumentError);
    expect(() => new GatedNonLinearity2([gates, gated.indexSelect([0])])).toThrow(InvalidArgumentError);
    expect(() => new GatedNonLinearity2([gates] as never)).toThrow(InvalidArgumentError);
    const other = new FieldType(SPACES[1]!.gs, Array(3).fill(SPACES[1]!.gs.trivialRepr));
    expect(() => new GatedNonLinearity2([other, gated])).toThrow(InvalidArgumentError);
    const m = new GatedNonLinearity2([gates, gated]);
    const g = randomInput(gates);
    expect(() => m.forwardGated(g, g)).toThrow(FieldTypeMismatchError);
    g.dispose();
    m.dispose();
  });
});
