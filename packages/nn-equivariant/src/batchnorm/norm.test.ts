import { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import { flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  exactElements,
  expectDetachedStatisticsGradient,
  fieldsByLabel,
  input,
  itKeepsTensorCountOverAdamSteps,
  maxAbsDiff,
  normReference,
  rng,
  rowsOf,
  useDefaultBackend,
} from '../test-utils/test-batchnorm.js';
import { NormBatchNorm } from './norm.js';

useDefaultBackend();

const so2 = rot2dOnR2(-1, { maximumFrequency: 3 });
const o2 = flipRot2dOnR2(-1, { maximumFrequency: 3 });
const c4 = rot2dOnR2(4);

/** Irreps of C4 of sizes 2 and 1, interleaved (non-contiguous size groups). */
function mixedType(): FieldType {
  return new FieldType(c4, [c4.irrep(1), c4.irrep(2), c4.irrep(1), c4.irrep(2), c4.irrep(1)]);
}

describe('NormBatchNorm', () => {
  it('matches a float64 reference: running variance first, then rescaling; eval and export', () => {
    const type = mixedType();
    const bn = new NormBatchNorm(type, { momentum: 0.4, eps: 1e-3 });
    const r = rng(5);
    const weight: number[] = [];
    const state: Record<string, number[]> = {};
    for (const [label, fields] of fieldsByLabel(type, (rep) => String(rep.size))) {
      const w = fields.map(() => 0.5 + r());
      fields.forEach((f, i) => {
        weight[f] = w[i]!;
      });
      state[`${label}_weight`] = w;
    }
    expect([...bn.stateDict()].map(([k, v]) => `${k}:${v.shape}`)).toEqual([
      '2_weight:1,3,1',
      '1_weight:1,2,1',
      '2_running_var:1,3,1',
      '1_running_var:1,2,1',
      'num_batches_tracked:',
    ]);
    bn.loadStateDict(state, { strict: false });
    const x = input(type, [2, 3, 3], 1);
    const ref = normReference(rowsOf(x.tensor), type, { eps: 1e-3, momentum: 0.4, weight });
    const y = bn.forward(x);
    expect(maxAbsDiff(rowsOf(y.tensor), ref.train)).toBeLessThan(1e-4);
    const sd = bn.stateDict();
    for (const [label, fields] of fieldsByLabel(type, (rep) => String(rep.size))) {
      const rv = Array.from(sd.get(`${label}_running_var`)!.dataSync());
      expect(maxAbsDiff([rv], [fields.map((f) => ref.runningVar[f]!)])).toBeLessThan(1e-5);
    }
    tf.dispose([...sd.values()]);
    bn.eval();
    const z = bn.forward(x);
    // eval mode uses the running variance just updated: the same output, and no further update
    expect(maxAbsDiff(rowsOf(z.tensor), ref.train)).toBeLessThan(1e-4);
    const model = bn.export();
    const e = model.predict(x.tensor) as tf.Tensor;
    expect(maxAbsDiff(rowsOf(e), rowsOf(z.tensor))).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor, z.tensor, e]);
    model.dispose();
    bn.dispose();
  });

  it('has no gradient through the statistics (escnn detaches them)', () => {
    const type = new FieldType(so2, [so2.irrep(1)]);
    const bn = new NormBatchNorm(type);
    expectDetachedStatisticsGradient(
      bn,
      type,
      2,
      (sd) => 1 / Math.sqrt(sd.get('2_running_var')!.dataSync()[0]! + 1e-5),
      4,
    );
  });

  for (const [name, gs, reprs] of [
    ['C4', c4, [c4.irrep(1), c4.irrep(2)]],
    ['SO(2) (exact elements)', so2, [so2.irrep(1), so2.irrep(3), so2.irrep(2)]],
    ['O(2) (exact elements)', o2, [o2.irrep(1, 1), o2.irrep(1, 0), o2.irrep(1, 3)]],
  ] as const) {
    it(`is equivariant on ${name} in training (momentum 1) and eval mode`, () => {
      const type = new FieldType(gs, [...reprs]);
      // With momentum < 1 every call of checkEquivariance would move the running variance it normalizes with.
      const bn = new NormBatchNorm(type, { momentum: 1 });
      const elements = exactElements(gs);
      expect(bn.checkEquivariance({ elements, spatialSize: 5 }).length).toBe(elements.length);
      bn.eval();
      expect(bn.checkEquivariance({ elements, spatialSize: 5 }).length).toBe(elements.length);
      bn.dispose();
    });
  }

  it('is equivariant without base space', () => {
    const gs = noBaseSpace(o2.fibergroup);
    const bn = new NormBatchNorm(new FieldType(gs, [gs.irrep(1, 1), gs.irrep(1, 2)]), { momentum: 1 });
    bn.checkEquivariance({ batchSize: 6 });
    bn.eval();
    bn.checkEquivariance({ batchSize: 6 });
    bn.dispose();
  });

  itKeepsTensorCountOverAdamSteps(mixedType, (type) => new NormBatchNorm(type));

  it('rejects trivial irreps, representations without norm support and trackRunningStats, naming them', () => {
    const withTrivial = new FieldType(c4, [c4.irrep(1), c4.regularRepr]);
    expect(() => new NormBatchNorm(withTrivial)).toThrow(InvalidArgumentError);
    expect(() => new NormBatchNorm(withTrivial)).toThrow(/NormBatchNorm.*inType.*trivial irrep.*regular/);
    expect(() => new NormBatchNorm(new FieldType(c4, [c4.trivialRepr]))).toThrow(/NormBatchNorm.*inType/);
    const bn = new NormBatchNorm(mixedType());
    const empty = new GeometricTensor(tf.zeros([0, 2, 2, mixedType().size]), mixedType());
    expect(() => bn.forward(empty)).toThrow(/NormBatchNorm.forward.*x.*must not be empty/);
    empty.dispose();
    bn.dispose();
    expect(() => new NormBatchNorm(mixedType(), { trackRunningStats: false } as never)).toThrow(
      /NormBatchNorm.*trackRunningStats/,
    );
  });
});
