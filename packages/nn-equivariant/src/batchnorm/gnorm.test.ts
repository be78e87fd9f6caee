import { FieldType } from '@steerable/field-types';
import { SteerableError } from '@steerable/group-theory';
import { flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  escnnKey,
  exactElements,
  expectDetachedStatisticsGradient,
  expectEvalAndExport,
  fieldsByLabel,
  gnormReference,
  input,
  itKeepsTensorCountOverAdamSteps,
  maxAbsDiff,
  rng,
  rowsOf,
  useDefaultBackend,
} from '../test-utils/test-batchnorm.js';
import { GNormBatchNorm } from './gnorm.js';

useDefaultBackend();

const c4 = rot2dOnR2(4);
const d4 = flipRot2dOnR2(4);
const so2 = rot2dOnR2(-1, { maximumFrequency: 3 });
const o2 = flipRot2dOnR2(-1, { maximumFrequency: 3 });

/** Regular fields of C4 (irreps behind a change of basis), bare irreps, non-contiguous. */
function mixedType(): FieldType {
  return new FieldType(c4, [c4.regularRepr, c4.irrep(1), c4.trivialRepr, c4.regularRepr, c4.irrep(2)]);
}

/** Random weights (per field and irrep) and biases (per trivial irrep), as state and per field. */
function randomAffine(type: FieldType, seed: number) {
  const r = rng(seed);
  const weight: number[][] = [];
  const bias: number[][] = [];
  const state: Record<string, number[]> = {};
  for (const [name, fields] of fieldsByLabel(type, (rep) => rep.name)) {
    const ids = type.representations[fields[0]!]!.irreps;
    const trivials = ids.filter((id) => type.fibergroup.irrep(...id).isTrivial()).length;
    for (const f of fields) {
      weight[f] = ids.map(() => 0.5 + r());
      bias[f] = Array.from({ length: trivials }, () => r() - 0.5);
    }
    state[`${escnnKey(name)}_weight`] = fields.flatMap((f) => weight[f]!);
    if (trivials > 0) state[`${escnnKey(name)}_bias`] = fields.flatMap((f) => bias[f]!);
  }
  return { weight, bias, state };
}

function checkAgainstReference(type: FieldType, shape: number[], seed: number): void {
  const before = tf.memory().numTensors;
  const bn = new GNormBatchNorm(type, { momentum: 0.2, eps: 1e-3 });
  const { weight, bias, state } = randomAffine(type, seed);
  bn.loadStateDict(state, { strict: false });
  const x = input(type, shape, seed);
  const ref = gnormReference(rowsOf(x.tensor), type, { eps: 1e-3, momentum: 0.2, weight, bias });

  const y = bn.forward(x);
  expect(maxAbsDiff(rowsOf(y.tensor), ref.train)).toBeLessThan(1e-4);
  const sd = bn.stateDict();
  for (const [name, fields] of fieldsByLabel(type, (rep) => rep.name)) {
    const rv = Array.from(sd.get(`${escnnKey(name)}_running_var`)!.dataSync());
    expect(rv.length).toBe(fields.length * type.representations[fields[0]!]!.irreps.length);
    expect(maxAbsDiff([rv], [fields.flatMap((f) => ref.runningVar[f]!)])).toBeLessThan(1e-5);
    const rm = sd.get(`${escnnKey(name)}_running_mean`);
    const refMean = fields.flatMap((f) => ref.runningMean[f]!);
    if (rm === undefined) expect(refMean).toEqual([]);
    else expect(maxAbsDiff([Array.from(rm.dataSync())], [refMean])).toBeLessThan(1e-5);
  }
  tf.dispose([...sd.values()]);

  expectEvalAndExport(bn, x, ref.eval);
  tf.dispose([x.tensor, y.tensor]);
  bn.dispose();
  expect(tf.memory().numTensors).toBe(before);
}

describe('GNormBatchNorm', () => {
  it('matches a float64 reference with changes of basis (export: a dense layer)', () => {
    checkAgainstReference(mixedType(), [2, 3, 3], 1);
  });

  it('matches a float64 reference on fields in their irrep basis (export: a batch normalization)', () => {
    checkAgainstReference(
      new FieldType(o2, [o2.irrep(1, 1), o2.irrep(0, 0), o2.irrep(1, 0), o2.irrep(1, 2)]),
      [3, 2, 2],
      2,
    );
  });

  it('matches a float64 reference without base space (export: a dense layer)', () => {
    const gs = noBaseSpace(d4.fibergroup);
    checkAgainstReference(new FieldType(gs, [gs.regularRepr, gs.irrep(1, 1), gs.regularRepr]), [9], 3);
  });

  it('names its state as escnn (key-safe), shapes [fields, irreps] and [fields, trivials]', () => {
    const bn = new GNormBatchNorm(mixedType());
    const sd = bn.stateDict();
    expect([...sd].map(([k, v]) => `${k}:${v.shape}`)).toEqual([
      'regular_weight:2,3',
      'regular_bias:2,1',
      'irrep_1_weight:1,1',
      'irrep_0_weight:1,1',
      'irrep_0_bias:1,1',
      'irrep_2_weight:1,1',
      'regular_running_var:2,3',
      'regular_running_mean:2,1',
      'irrep_1_running_var:1,1',
      'irrep_0_running_var:1,1',
      'irrep_0_running_mean:1,1',
      'irrep_2_running_var:1,1',
      'num_batches_tracked:',
    ]);
    tf.dispose([...sd.values()]);
    bn.dispose();
  });

  it('uses the batch statistics in eval mode without running statistics, and cannot be exported then', () => {
    const type = mixedType();
    const bn = new GNormBatchNorm(type, { trackRunningStats: false });
    const x = input(type, [2, 3, 3], 2);
    const a = bn.forward(x);
    bn.eval();
    const b = bn.forward(x);
    expect(maxAbsDiff(rowsOf(a.tensor), rowsOf(b.tensor))).toBe(0);
    expect(() => bn.export()).toThrow(SteerableError);
    tf.dispose([x.tensor, a.tensor, b.tensor]);
    bn.dispose();
  });

  it('detaches the batch statistics as escnn does', () => {
    const type = new FieldType(c4, [c4.trivialRepr]);
    const bn = new GNormBatchNorm(type, { momentum: 1 });
    expectDetachedStatisticsGradient(
      bn,
      type,
      3,
      (sd) => 1 / Math.sqrt(sd.get('irrep_0_running_var')!.dataSync()[0]! + 1e-5),
      3,
    );
  });

  for (const [name, gs, reprs] of [
    ['C4', c4, [c4.regularRepr, c4.irrep(1), c4.trivialRepr]],
    ['D4', d4, [d4.regularRepr, d4.irrep(1, 1), d4.quotientRepr([0, 2])]],
    ['SO(2) (exact elements)', so2, [so2.irrep(1), so2.trivialRepr, so2.irrep(3)]],
    ['O(2) (exact elements)', o2, [o2.irrep(1, 1), o2.irrep(0, 0), o2.irrep(1, 0)]],
  ] as const) {
    it(`is equivariant on ${name} in training and eval mode`, () => {
      const type = new FieldType(gs, [...reprs]);
      const bn = new GNormBatchNorm(type);
      const elements = exactElements(gs);
      expect(bn.checkEquivariance({ elements, spatialSize: 5 }).length).toBe(elements.length);
      bn.eval();
      expect(bn.checkEquivariance({ elements, spatialSize: 5 }).length).toBe(elements.length);
      bn.dispose();
    });
  }

  it('is equivariant without base space', () => {
    const gs = noBaseSpace(d4.fibergroup);
    const bn = new GNormBatchNorm(new FieldType(gs, [gs.regularRepr, gs.irrep(1, 1)]));
    bn.checkEquivariance({ batchSize: 6 });
    bn.eval();
    bn.checkEquivariance({ batchSize: 6 });
    bn.dispose();
  });

  itKeepsTensorCountOverAdamSteps(mixedType, (type) => new GNormBatchNorm(type));

  it('rejects bad options, naming them', () => {
    expect(() => new GNormBatchNorm(mixedType(), { affine: 'yes' as unknown as boolean })).toThrow(
      /GNormBatchNorm.*affine/,
    );
  });
});
