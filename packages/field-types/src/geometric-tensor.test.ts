import { cyclicGroup, InvalidArgumentError } from '@steerable/group-theory';
import { noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { FieldTypeMismatchError } from './errors.js';
import { FieldType } from './field-type.js';
import { gatherChannels } from './gather-channels.js';
import { GeometricTensor, tensorDirectsum } from './geometric-tensor.js';
import { expectNoTensorLeaks } from './test-utils.js';

const c4 = rot2dOnR2(4);
const type = new FieldType(c4, [c4.regularRepr, c4.irrep(1), c4.trivialRepr]); // channels 0-3, 4-5, 6

expectNoTensorLeaks();

/** x[b, y, x, c] = 1000 b + 100 y + 10 x + c: every channel identifiable. */
function labelled(t: FieldType, batch = 2, side = 3): GeometricTensor {
  const data: number[] = [];
  for (let b = 0; b < batch; b++)
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++)
        for (let c = 0; c < t.size; c++) data.push(1000 * b + 100 * y + 10 * x + c);
  return t.wrap(tf.tensor4d(data, [batch, side, side, t.size]));
}

function channelsOf(g: GeometricTensor): number[] {
  const c = g.shape.at(-1)!;
  return Array.from(g.tensor.dataSync().slice(0, c));
}

describe('GeometricTensor', () => {
  it('wraps a channels-last tensor of the type', () => {
    const x = labelled(type);
    expect(x.shape).toEqual([2, 3, 3, 7]);
    expect(x.type).toBe(type);
    expect(String(x)).toBe(
      'g_tensor(shape [2, 3, 3, 7], [C4_on_R2[(None, 4)]: {regular (x1), irrep_1 (x1), irrep_0 (x1)}(7)])',
    );
    expect(Object.isFrozen(x)).toBe(true);
    x.dispose();
    expect(x.tensor.isDisposed).toBe(true);
  });

  it('rejects tensors that do not fit, with the expected layout in the message', () => {
    const t3 = tf.zeros([2, 3, 7]);
    expect(() => new GeometricTensor(t3, type)).toThrow(/\[batch, h, w, 7\]/);
    const nchw = tf.zeros([1, 7, 3, 3]);
    expect(() => new GeometricTensor(nchw, type)).toThrow(InvalidArgumentError);
    expect(() => new GeometricTensor(nchw, 'type' as never)).toThrow(/FieldType/);
    const gone = tf.zeros([1, 3, 3, 7]);
    gone.dispose();
    expect(() => type.wrap(gone)).toThrow(/disposed/);
    tf.dispose([t3, nchw]);
  });

  it('slices by fields, never splitting a field', () => {
    const x = labelled(type);
    const a = x.sliceFields(1);
    expect(a.type.fieldsNames).toEqual(['irrep_1', 'irrep_0']);
    expect(channelsOf(a)).toEqual([4, 5, 6]);
    const b = x.selectFields([2, 0]);
    expect(b.type.fieldsNames).toEqual(['irrep_0', 'regular']);
    expect(channelsOf(b)).toEqual([6, 0, 1, 2, 3]);
    const whole = x.sliceFields(0);
    expect(whole.type).toBe(type);
    const batch = x.sliceBatch(1);
    expect(batch.shape).toEqual([1, 3, 3, 7]);
    expect(batch.tensor.dataSync()[0]).toBe(1000);
    expect(() => x.sliceFields(2, 2)).toThrow(InvalidArgumentError);
    expect(() => x.selectFields([3])).toThrow(/indices/);
    expect(() => x.sliceBatch(0, 3)).toThrow(InvalidArgumentError);
    for (const t of [x, a, b, whole, batch]) t.dispose();
  });

  it('split and directSum are inverse', () => {
    const x = labelled(type);
    const parts = x.split();
    expect(parts.map((p) => p.type.size)).toEqual([4, 2, 1]);
    const two = x.split([2]);
    expect(two.map((p) => p.type.length)).toEqual([2, 1]);
    const back = GeometricTensor.directSum(parts);
    expect(back.type.equals(type)).toBe(true);
    expect(Array.from(back.tensor.dataSync())).toEqual(Array.from(x.tensor.dataSync()));
    const again = tensorDirectsum([two[1]!, two[0]!]);
    expect(again.type.fieldsNames).toEqual(['irrep_0', 'regular', 'irrep_1']);
    expect(() => x.split([0])).toThrow(InvalidArgumentError);
    expect(() => x.split([2, 1])).toThrow(InvalidArgumentError);
    const other = labelled(type, 1);
    expect(() => GeometricTensor.directSum([x, other])).toThrow(/batch and spatial shape/);
    expect(() => GeometricTensor.directSum([])).toThrow(InvalidArgumentError);
    for (const t of [x, ...parts, ...two, back, again, other]) t.dispose();
  });

  it('add, sub and mul check their operands', () => {
    const x = labelled(type);
    const y = x.mul(2);
    const s = y.sub(x);
    expect(Array.from(s.tensor.dataSync())).toEqual(Array.from(x.tensor.dataSync()));
    const half = tf.scalar(0.5);
    const xx = x.add(x);
    const z = xx.mul(half);
    expect(Array.from(z.tensor.dataSync())).toEqual(Array.from(x.tensor.dataSync()));
    const other = x.sliceFields(0, 2);
    expect(() => x.add(other)).toThrow(FieldTypeMismatchError);
    const smaller = x.sliceBatch(0, 1);
    expect(() => x.sub(smaller)).toThrow(/shape/);
    const vec = tf.ones([2]);
    expect(() => x.mul(vec)).toThrow(InvalidArgumentError);
    expect(() => x.mul(Number.NaN)).toThrow(InvalidArgumentError);
    tf.dispose([half, vec]);
    for (const t of [x, y, s, xx, z, other, smaller]) t.dispose();
  });

  it('restrict gives an independent handle on the same data with the restricted type', () => {
    const c8 = rot2dOnR2(8);
    const t8 = new FieldType(c8, [c8.regularRepr]);
    const x = t8.wrap(tf.ones([1, 3, 3, 8]));
    const r = x.restrict(4);
    expect(r.type.gspace.name).toBe('C4_on_R2[(None, 4)]');
    x.dispose();
    expect(r.tensor.isDisposed).toBe(false);
    expect(r.tensor.dataSync()[0]).toBe(1);
    r.dispose();
  });

  it('transformFibers mixes channels only; on R⁰ tensors are [batch, C]', () => {
    const gs = noBaseSpace(cyclicGroup(4));
    const t = new FieldType(gs, [gs.regularRepr]);
    const x = t.wrap(tf.tensor2d([[1, 2, 3, 4]]));
    const y = x.transformFibers(gs.fibergroup.element(1));
    expect(Array.from(y.tensor.dataSync())).toEqual([4, 1, 2, 3]);
    const bad = tf.zeros([1, 2, 2, 4]);
    expect(() => t.wrap(bad)).toThrow(/\[batch, 4\]/);
    tf.dispose([x.tensor, y.tensor, bad]);
  });
});

describe('gatherChannels', () => {
  it('picks channels and back-propagates like tf.gather, on the current backend', () => {
    const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 1);
    const w = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 2);
    for (const idx of [
      [4, 0, 2, 1], // injective: some channel unpicked
      [1, 1, 3, 0], // repeated
    ]) {
      const f = (t: tf.Tensor) => tf.sum(tf.mul(gatherChannels(t, idx), w));
      const ref = (t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d(idx, 'int32'), 2), w));
      const [g1, g2] = [tf.grad(f)(x), tf.grad(ref)(x)];
      const v1 = tf.tidy(() => gatherChannels(x, idx));
      const v2 = tf.tidy(() => tf.gather(x, tf.tensor1d(idx, 'int32'), 2));
      expect(Array.from(v1.dataSync())).toEqual(Array.from(v2.dataSync()));
      const d1 = g1.dataSync();
      const d2 = g2.dataSync();
      for (let i = 0; i < d1.length; i++) expect(d1[i]).toBeCloseTo(d2[i]!, 5);
      tf.dispose([g1, g2, v1, v2]);
    }
    expect(() => gatherChannels(x, [5])).toThrow(InvalidArgumentError);
    tf.dispose([x, w]);
  });
});
