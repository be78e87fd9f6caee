import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import { type GSpace2D, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  exactElements,
  fiberEquivarianceError,
  gspaces2d,
  inputAndParameterGradients,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { GatedNonLinearity1, type GateLabel } from './gated1.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/** Gates first, then one gated field per irrep (the default labelling). */
function gatedType(gs: GSpace2D): FieldType {
  const gated = [...gs.irreps].reverse();
  return new FieldType(gs, [...gated.map(() => gs.trivialRepr), ...gated]);
}

describe('GatedNonLinearity1', () => {
  const gs = rot2dOnR2(8);

  it("pairs gates with gated fields in escnn's size order and drops the gates", () => {
    // fields: gated irrep_1 (size 2), gate, gated trivial (size 1), gate, gated regular (size 8), gate
    const type = new FieldType(gs, [
      gs.irrep(1),
      gs.trivialRepr,
      gs.trivialRepr,
      gs.trivialRepr,
      gs.regularRepr,
      gs.trivialRepr,
    ]);
    const gates: GateLabel[] = ['gated', 'gate', 'gated', 'gate', 'gated', 'gate'];
    const m = new GatedNonLinearity1(type, { gates, seed: 3 });
    expect(m.outType.equals(type.indexSelect([0, 2, 4]))).toBe(true);
    const bias = [0.3, -0.5, 1.1];
    m.loadStateDict({ bias });
    // gated fields by size: field 2 (size 1), field 0 (size 2), field 4 (size 8) ← gates at fields 1, 3, 5
    const gateField = new Map([
      [2, 1],
      [0, 3],
      [4, 5],
    ]);
    const gateIndex = new Map([
      [1, 0],
      [3, 1],
      [5, 2],
    ]);
    const x = randomField(type, 2, 3, 5);
    const y = m.forward(x);
    expect(y.shape).toEqual([2, 3, 3, 11]);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    let err = 0;
    for (let p = 0; p < 18; p++) {
      let o = 0;
      for (const f of [0, 2, 4]) {
        const gf = gateField.get(f)!;
        const g = sigmoid(xs[p * type.size + type.fieldsStart[gf]!]! - bias[gateIndex.get(gf)!]!);
        for (let i = type.fieldsStart[f]!; i < type.fieldsEnd[f]!; i++) {
          err = Math.max(err, Math.abs(ys[p * 11 + o]! - g * xs[p * type.size + i]!));
          o++;
        }
      }
    }
    expect(err).toBeLessThan(1e-6);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it('keeps the sigmoid-ed gates in place with dropGates: false', () => {
    const type = new FieldType(gs, [gs.trivialRepr, gs.irrep(2), gs.trivialRepr, gs.irrep(1)]);
    const m = new GatedNonLinearity1(type, { gates: ['gate', 'gated', 'gate', 'gated'], dropGates: false });
    expect(m.outType.equals(type)).toBe(true);
    m.loadStateDict({ bias: [0.25, -0.75] });
    const x = randomField(type, 1, 2, 6);
    const y = m.forward(x);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    let err = 0;
    for (let p = 0; p < 4; p++) {
      const g0 = sigmoid(xs[p * 6]! - 0.25);
      const g1 = sigmoid(xs[p * 6 + 3]! - -0.75);
      const want = [
        g0,
        g0 * xs[p * 6 + 1]!,
        g0 * xs[p * 6 + 2]!,
        g1,
        g1 * xs[p * 6 + 4]!,
        g1 * xs[p * 6 + 5]!,
      ];
      want.forEach((v, i) => {
        err = Math.max(err, Math.abs(ys[p * 6 + i]! - v));
      });
    }
    expect(err).toBeLessThan(1e-6);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it('draws the bias from the seed', () => {
    const type = gatedType(gs);
    const a = new GatedNonLinearity1(type, { seed: 11 });
    const b = new GatedNonLinearity1(type, { seed: 11 });
    expect(a.bias.shape).toEqual([type.length / 2]);
    expect(Array.from(a.bias.dataSync())).toEqual(Array.from(b.bias.dataSync()));
    a.dispose();
    b.dispose();
  });

  it.each(gspaces2d())('is equivariant on $name', ({ gs }) => {
    const t = gatedType(gs);
    const m = new GatedNonLinearity1(t, { seed: 1 });
    m.checkEquivariance({ elements: exactElements(gs), spatialSize: 5, atol: 1e-6, rtol: 1e-5 });
    const x = randomField(t, 2, 3);
    const { error, scale } = fiberEquivarianceError(m, x, gs.testingElements);
    expect(error).toBeLessThan(1e-5 * Math.max(1, scale));
    x.tensor.dispose();
    m.dispose();
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const type = new FieldType(gs, [gs.irrep(1), gs.trivialRepr, gs.trivialRepr, gs.trivialRepr]);
    const m = new GatedNonLinearity1(type, { gates: ['gated', 'gate', 'gated', 'gate'], seed: 2 });
    const x = randomField(type, 2, 4);
    const { dx, dvars } = inputAndParameterGradients(m, x);
    expect(dx.every(Number.isFinite)).toBe(true);
    expect(dvars[0]!.length).toBe(2);
    expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
    x.tensor.dispose();
    m.dispose();
    await useBackend('wasm');
  });

  it('works on fields without a base space, and frees its parameter on dispose', () => {
    const before = tf.memory().numTensors;
    const gs0 = noBaseSpace(gs.fibergroup);
    const t = new FieldType(gs0, [gs0.trivialRepr, gs0.trivialRepr, gs0.irrep(2), gs0.regularRepr]);
    const m = new GatedNonLinearity1(t, { seed: 4 });
    const x = t.wrap(tf.randomNormal([4, 12], 0, 1, 'float32', 3));
    const y = m.forward(x);
    expect(y.shape).toEqual([4, 10]);
    m.checkEquivariance({ atol: 1e-6, rtol: 1e-5 });
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('validates the labels and the fields', () => {
    const t = new FieldType(gs, [gs.trivialRepr, gs.irrep(1), gs.irrep(1)]);
    expect(() => new GatedNonLinearity1(t)).toThrow(/even number of fields/);
    expect(() => new GatedNonLinearity1(t, { gates: ['gate', 'gated'] as GateLabel[] })).toThrow(
      /argument "gates"/,
    );
    expect(() => new GatedNonLinearity1(t, { gates: ['gate', 'gate', 'gated'] })).toThrow(
      /field 1 \("irrep_1"\) as a gate, but it is not trivial/,
    );
    expect(() => new GatedNonLinearity1(t, { gates: ['gate', 'gated', 'gated'] })).toThrow(
      /as many gates as gated fields/,
    );
    expect(() => new GatedNonLinearity1(t, { gates: ['gate', 'gated', 'x' as GateLabel] })).toThrow(
      InvalidArgumentError,
    );
  });
});
