import { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import { flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  escnnKey,
  exactElements,
  expectDetachedStatisticsGradient,
  expectEvalAndExport,
  fieldsByLabel,
  iidReference,
  input,
  itKeepsTensorCountOverAdamSteps,
  maxAbsDiff,
  rng,
  rowsOf,
  useDefaultBackend,
} from '../test-utils/test-batchnorm.js';
import { IIDBatchNorm1d, IIDBatchNorm2d } from './iid.js';

useDefaultBackend();

const c4 = rot2dOnR2(4);
const so2 = rot2dOnR2(-1, { maximumFrequency: 3 });
const o2 = flipRot2dOnR2(-1, { maximumFrequency: 3 });

/** Regular fields of C4 (a trivial irrep behind a non-identity change of basis), irreps, non-contiguous. */
function mixedType(): FieldType {
  return new FieldType(c4, [c4.regularRepr, c4.irrep(1), c4.trivialRepr, c4.regularRepr, c4.irrep(2)]);
}

describe('IIDBatchNorm2d', () => {
  it('matches a float64 reference: projected means, field variances, running averages, eval and export', () => {
    const type = mixedType();
    const bn = new IIDBatchNorm2d(type, { momentum: 0.25, eps: 1e-3 });
    const r = rng(11);
    const weight: number[] = [];
    const bias: number[][] = [];
    const state: Record<string, number[]> = {};
    for (const [name, fields] of fieldsByLabel(type, (rep) => rep.name)) {
      const trivials = type.representations[fields[0]!]!.irreps.filter(([f]) => f === 0).length;
      const w = fields.map(() => 0.5 + r());
      const b = fields.map(() => Array.from({ length: trivials }, () => r() - 0.5));
      fields.forEach((f, i) => {
        weight[f] = w[i]!;
        bias[f] = b[i]!;
      });
      state[`${escnnKey(name)}_weight`] = w;
      if (trivials > 0) state[`${escnnKey(name)}_bias`] = b.flat();
    }
    expect([...bn.stateDict().keys()]).toEqual([
      'regular_weight',
      'regular_bias',
      'irrep_1_weight',
      'irrep_0_weight',
      'irrep_0_bias',
      'irrep_2_weight',
      'regular_running_mean',
      'regular_running_var',
      'irrep_1_running_var',
      'irrep_0_running_mean',
      'irrep_0_running_var',
      'irrep_2_running_var',
      'num_batches_tracked',
    ]);
    bn.loadStateDict(state, { strict: false });
    const x = input(type, [2, 3, 3], 1);
    const ref = iidReference(rowsOf(x.tensor), type, { eps: 1e-3, momentum: 0.25, weight, bias });

    const y = bn.forward(x);
    expect(maxAbsDiff(rowsOf(y.tensor), ref.train)).toBeLessThan(1e-4);
    const sd = bn.stateDict();
    for (const [name, fields] of fieldsByLabel(type, (rep) => rep.name)) {
      const rv = Array.from(sd.get(`${escnnKey(name)}_running_var`)!.dataSync());
      expect(sd.get(`${escnnKey(name)}_running_var`)!.shape).toEqual([fields.length, 1]);
      fields.forEach((f, i) => {
        expect(rv[i]).toBeCloseTo(ref.runningVar[f]!, 5);
      });
      const rm = sd.get(`${escnnKey(name)}_running_mean`);
      if (rm !== undefined) {
        const size = type.representations[fields[0]!]!.size;
        expect(rm.shape).toEqual([fields.length, size]);
        const values = Array.from(rm.dataSync());
        fields.forEach((f, i) => {
          ref.runningMean[f]!.forEach((v, j) => {
            expect(values[i * size + j]).toBeCloseTo(v, 5);
          });
        });
      } else {
        // fields without a trivial irrep keep no mean: the reference's is zero
        for (const f of fields) expect(Math.max(...ref.runningMean[f]!.map(Math.abs))).toBeLessThan(1e-12);
      }
    }
    tf.dispose([...sd.values()]);

    expectEvalAndExport(bn, x, ref.eval);
    tf.dispose([x.tensor, y.tensor]);
    bn.dispose();
  });

  it('detaches the batch statistics as escnn does: the input gradient is the scale', () => {
    const type = new FieldType(c4, [c4.regularRepr]);
    const bn = new IIDBatchNorm2d(type);
    expectDetachedStatisticsGradient(
      bn,
      type,
      3,
      (sd) => {
        // escnn's unbiased variance over 8 rows × 4 channels, recovered from the running average (momentum 0.1)
        const variance = (sd.get('regular_running_var')!.dataSync()[0]! - 0.9) / 0.1;
        return 1 / Math.sqrt(variance + 1e-5);
      },
      3,
    );
  });

  it('uses the batch statistics in eval mode without running statistics, and cannot be exported then', () => {
    const type = mixedType();
    const bn = new IIDBatchNorm2d(type, { trackRunningStats: false, affine: false });
    expect(bn.trainableVariables).toEqual([]);
    const x = input(type, [2, 3, 3], 2);
    const a = bn.forward(x);
    bn.eval();
    const b = bn.forward(x);
    expect(maxAbsDiff(rowsOf(a.tensor), rowsOf(b.tensor))).toBe(0);
    expect(() => bn.export()).toThrow(SteerableError);
    tf.dispose([x.tensor, a.tensor, b.tensor]);
    bn.dispose();
  });

  for (const [name, gs, reprs] of [
    ['C4', c4, [c4.regularRepr, c4.irrep(1), c4.trivialRepr, c4.irrep(2)]],
    ['SO(2) (exact elements)', so2, [so2.irrep(1), so2.trivialRepr, so2.irrep(3), so2.irrep(1)]],
    ['O(2) (exact elements)', o2, [o2.irrep(1, 1), o2.irrep(0, 0), o2.irrep(1, 0), o2.irrep(1, 2)]],
    ['D4', flipRot2dOnR2(4), [flipRot2dOnR2(4).regularRepr, flipRot2dOnR2(4).irrep(1, 1)]],
  ] as const) {
    it(`is equivariant on ${name} in training and eval mode`, () => {
      const type = new FieldType(gs, [...reprs]);
      const bn = new IIDBatchNorm2d(type);
      const elements = exactElements(gs);
      expect(bn.checkEquivariance({ elements, spatialSize: 5 }).length).toBe(elements.length);
      bn.eval();
      expect(bn.checkEquivariance({ elements, spatialSize: 5 }).length).toBe(elements.length);
      bn.dispose();
    });
  }

  itKeepsTensorCountOverAdamSteps(mixedType, (type) => new IIDBatchNorm2d(type));

  it('rejects other base spaces and too small batches, naming them', () => {
    const gs = noBaseSpace(c4.fibergroup);
    const type = new FieldType(gs, [gs.regularRepr]);
    expect(() => new IIDBatchNorm2d(type)).toThrow(InvalidArgumentError);
    expect(() => new IIDBatchNorm2d(type)).toThrow(/IIDBatchNorm2d.*inType.*dimension 2/);
    const single = new GeometricTensor(tf.ones([1, 1, 1, 4]), new FieldType(c4, [c4.regularRepr]));
    const bn = new IIDBatchNorm2d(single.type);
    expect(() => bn.forward(single)).toThrow(/IIDBatchNorm2d.forward.*at least 2 samples/);
    bn.dispose();
    single.dispose();
  });
});

describe('IIDBatchNorm1d', () => {
  for (const [name, group] of [
    ['SO(2)', so2.fibergroup],
    ['D4', flipRot2dOnR2(4).fibergroup],
  ] as const) {
    it(`is equivariant without base space on ${name} in training and eval mode`, () => {
      const gs = noBaseSpace(group);
      const reprs =
        name === 'D4' ? [gs.regularRepr, gs.irrep(1, 1)] : [gs.irrep(1), gs.trivialRepr, gs.irrep(2)];
      const bn = new IIDBatchNorm1d(new FieldType(gs, reprs));
      bn.checkEquivariance({ batchSize: 6 });
      bn.eval();
      bn.checkEquivariance({ batchSize: 6 });
      bn.dispose();
    });
  }

  it('matches the float64 reference on [batch, C] inputs and exports', () => {
    const gs = noBaseSpace(c4.fibergroup);
    const type = new FieldType(gs, [gs.regularRepr, gs.irrep(1), gs.trivialRepr]);
    const bn = new IIDBatchNorm1d(type);
    const x = input(type, [7], 4);
    const ref = iidReference(rowsOf(x.tensor), type, {
      eps: 1e-5,
      momentum: 0.1,
      weight: [1, 1, 1],
      bias: [[0], [], [0]],
    });
    const y = bn.forward(x);
    expect(maxAbsDiff(rowsOf(y.tensor), ref.train)).toBeLessThan(1e-4);
    expectEvalAndExport(bn, x, ref.eval);
    tf.dispose([x.tensor, y.tensor]);
    bn.dispose();
  });

  it('rejects a planar gspace', () => {
    expect(() => new IIDBatchNorm1d(mixedType())).toThrow(/IIDBatchNorm1d.*inType.*dimension 0 or 1/);
  });
});
