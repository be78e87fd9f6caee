import { FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import { flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  exactElements,
  expectEvalAndExport,
  fieldsByLabel,
  innerReference,
  input,
  itKeepsTensorCountOverAdamSteps,
  maxAbsDiff,
  rng,
  rowsOf,
  useDefaultBackend,
} from '../test-utils/test-batchnorm.js';
import { InnerBatchNorm } from './inner.js';

useDefaultBackend();

const c4 = rot2dOnR2(4);
const d4 = flipRot2dOnR2(4);

/** Regular and trivial fields of C4, interleaved so that the size-4 fields are not contiguous. */
function mixedType(): FieldType {
  return new FieldType(c4, [c4.regularRepr, c4.trivialRepr, c4.regularRepr, c4.quotientRepr(2)]);
}

describe('InnerBatchNorm', () => {
  it('matches a float64 reference: batch statistics, running averages, eval output and export', () => {
    const type = mixedType();
    const bn = new InnerBatchNorm(type, { momentum: 0.3, eps: 1e-3 });
    const r = rng(7);
    const groups = fieldsByLabel(type, (rep) => String(rep.size));
    const weight: number[] = [];
    const bias: number[] = [];
    const state: Record<string, number[]> = {};
    for (const [label, fields] of groups) {
      const w = fields.map(() => 0.5 + r());
      const b = fields.map(() => r() - 0.5);
      fields.forEach((f, i) => {
        weight[f] = w[i]!;
        bias[f] = b[i]!;
      });
      state[`batch_norm_${label}.weight`] = w;
      state[`batch_norm_${label}.bias`] = b;
    }
    bn.loadStateDict(state, { strict: false });
    const x = input(type, [2, 3, 3], 1);
    const ref = innerReference(rowsOf(x.tensor), type, { eps: 1e-3, momentum: 0.3, weight, bias });

    const y = bn.forward(x);
    expect(maxAbsDiff(rowsOf(y.tensor), ref.train)).toBeLessThan(1e-4);
    const sd = bn.stateDict();
    for (const [label, fields] of groups) {
      const rm = Array.from(sd.get(`batch_norm_${label}.running_mean`)!.dataSync());
      const rv = Array.from(sd.get(`batch_norm_${label}.running_var`)!.dataSync());
      fields.forEach((f, i) => {
        expect(rm[i]).toBeCloseTo(ref.runningMean[f]!, 5);
        expect(rv[i]).toBeCloseTo(ref.runningVar[f]!, 5);
      });
      expect(sd.get(`batch_norm_${label}.num_batches_tracked`)!.dataSync()[0]).toBe(1);
    }
    expect([...sd.keys()]).toEqual([
      'batch_norm_4.weight',
      'batch_norm_4.bias',
      'batch_norm_4.running_mean',
      'batch_norm_4.running_var',
      'batch_norm_4.num_batches_tracked',
      'batch_norm_1.weight',
      'batch_norm_1.bias',
      'batch_norm_1.running_mean',
      'batch_norm_1.running_var',
      'batch_norm_1.num_batches_tracked',
      'batch_norm_2.weight',
      'batch_norm_2.bias',
      'batch_norm_2.running_mean',
      'batch_norm_2.running_var',
      'batch_norm_2.num_batches_tracked',
    ]);
    tf.dispose([...sd.values()]);

    expectEvalAndExport(bn, x, ref.eval);
    tf.dispose([x.tensor, y.tensor]);
    bn.dispose();
  });

  it('uses the batch statistics in eval mode without running statistics, and cannot be exported then', () => {
    const type = mixedType();
    const bn = new InnerBatchNorm(type, { trackRunningStats: false });
    expect([...bn.stateDict().keys()].every((k) => /\.(weight|bias)$/.test(k))).toBe(true);
    const x = input(type, [2, 3, 3], 2);
    const a = bn.forward(x);
    bn.eval();
    const b = bn.forward(x);
    expect(maxAbsDiff(rowsOf(a.tensor), rowsOf(b.tensor))).toBe(0);
    expect(() => bn.export()).toThrow(SteerableError);
    tf.dispose([x.tensor, a.tensor, b.tensor]);
    bn.dispose();
  });

  it('differentiates through the batch statistics, as PyTorch does', () => {
    // Σ of a normalized field is 0 whatever the input: its gradient vanishes only through the statistics.
    const type = mixedType();
    const bn = new InnerBatchNorm(type);
    const x = input(type, [2, 2, 2], 6);
    const g = tf.grad((t: tf.Tensor) => tf.sum(bn.forward(new GeometricTensor(t, type)).tensor))(x.tensor);
    expect(Math.max(...Array.from(g.dataSync(), Math.abs))).toBeLessThan(1e-4);
    const h = tf.grad((t: tf.Tensor) => tf.sum(tf.square(bn.forward(new GeometricTensor(t, type)).tensor)))(
      x.tensor,
    );
    expect(Math.max(...Array.from(h.dataSync(), Math.abs))).toBeLessThan(1e-3);
    tf.dispose([g, h, x.tensor]);
    bn.dispose();
  });

  it('exports without affine parameters, and prints like escnn', () => {
    const type = mixedType();
    const before = tf.memory().numTensors;
    const bn = new InnerBatchNorm(type, { affine: false, momentum: 0.5 });
    expect(bn.trainableVariables).toEqual([]);
    expect(String(bn)).toMatch(
      /^InnerBatchNorm\(.*, eps=0.00001, momentum=0.5, affine=false, track_running_stats=true\)$/,
    );
    const x = input(type, [3, 2, 2], 8);
    bn.forward(x).dispose();
    bn.eval();
    const z = bn.forward(x);
    const model = bn.export();
    const e = model.predict(x.tensor) as tf.Tensor;
    expect(maxAbsDiff(rowsOf(e), rowsOf(z.tensor))).toBeLessThan(1e-5);
    tf.dispose([x.tensor, z.tensor, e]);
    model.dispose();
    bn.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('averages cumulatively with momentum null', () => {
    const type = new FieldType(c4, [c4.regularRepr]);
    const bn = new InnerBatchNorm(type, { momentum: null });
    const xs = [input(type, [2, 2, 2], 3), input(type, [2, 2, 2], 4)];
    const means = xs.map((x) => tf.mean(x.tensor).dataSync()[0]!);
    for (const x of xs) bn.forward(x).dispose();
    const sd = bn.stateDict();
    expect(sd.get('batch_norm_4.running_mean')!.dataSync()[0]).toBeCloseTo((means[0]! + means[1]!) / 2, 5);
    tf.dispose([...sd.values(), ...xs.map((x) => x.tensor)]);
    bn.dispose();
  });

  for (const [name, gs] of [
    ['C4', c4],
    ['D4', d4],
    ['C8 (exact elements)', rot2dOnR2(8)],
  ] as const) {
    it(`is equivariant on ${name} in training and eval mode`, () => {
      const type = new FieldType(gs, [gs.regularRepr, gs.trivialRepr, gs.regularRepr]);
      const bn = new InnerBatchNorm(type);
      const elements = exactElements(gs);
      expect(bn.checkEquivariance({ elements, spatialSize: 5 }).length).toBe(elements.length);
      bn.eval();
      expect(bn.checkEquivariance({ elements, spatialSize: 5 }).length).toBe(elements.length);
      bn.dispose();
    });
  }

  it('is equivariant without base space', () => {
    const gs = noBaseSpace(d4.fibergroup);
    const type = new FieldType(gs, [gs.regularRepr, gs.trivialRepr]);
    const bn = new InnerBatchNorm(type, { momentum: 0.5 });
    bn.checkEquivariance({ batchSize: 8 });
    bn.eval();
    bn.checkEquivariance({ batchSize: 8 });
    bn.dispose();
  });

  itKeepsTensorCountOverAdamSteps(mixedType, (type) => new InnerBatchNorm(type));

  it('rejects representations without pointwise support and bad options, naming them', () => {
    const gs = rot2dOnR2(4);
    const type = new FieldType(gs, [gs.regularRepr, gs.irrep(1)]);
    expect(() => new InnerBatchNorm(type)).toThrow(InvalidArgumentError);
    expect(() => new InnerBatchNorm(type)).toThrow(/InnerBatchNorm.*inType.*pointwise.*irrep_1/);
    const ok = new FieldType(gs, [gs.regularRepr]);
    expect(() => new InnerBatchNorm(ok, { momentum: 2 })).toThrow(/momentum/);
    expect(() => new InnerBatchNorm(ok, { eps: -1 })).toThrow(/eps/);
    const single = new GeometricTensor(tf.ones([1, 1, 1, 1]), new FieldType(gs, [gs.trivialRepr]));
    const bn = new InnerBatchNorm(single.type);
    expect(() => bn.forward(single)).toThrow(/more than one value/);
    bn.dispose();
    single.dispose();
  });
});
