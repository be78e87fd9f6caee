import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, UnknownSubgroupError } from '@steerable/group-theory';
import { flipRot2dOnR2, rot2dOnR2 } from '@steerable/gspaces';
import { changeBasis, directSum } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { DisentangleModule } from './disentangle.js';
import { RestrictionModule } from './restriction.js';
import { SequentialModule } from './sequential.js';

beforeAll(async () => {
  await initBackend({ env: {} });
});

const c8 = rot2dOnR2(8);
const d4 = flipRot2dOnR2(4);

describe('RestrictionModule', () => {
  it('keeps the data and restricts the type (C8 → C4), equivariant for the subgroup', () => {
    const inType = new FieldType(c8, [c8.regularRepr, c8.irrep(1), c8.irrep(3)]);
    const m = new RestrictionModule(inType, 4);
    expect(m.outType.equals(inType.restrict(4))).toBe(true);
    expect(m.outType.gspace.name).toBe('C4_on_R2[(None, 4)]');
    const x = inType.wrap(tf.randomNormal([2, 5, 5, inType.size], 0, 1, 'float32', 1));
    const y = m.forward(x);
    expect(Array.from(y.tensor.dataSync())).toEqual(Array.from(x.tensor.dataSync()));
    expect(m.evaluateOutputShape([2, 5, 5, 12])).toEqual([2, 5, 5, 12]);
    // every element of C4 (all rotations by multiples of 90°, exact on the grid)
    const results = m.checkEquivariance();
    expect(results).toHaveLength(4);
    expect(Math.max(...results.map((r) => r.maxError))).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor]);
  });

  it('D4 → C4 and D4 → the flips: the subgroup elements act through the inclusion', () => {
    const inType = new FieldType(d4, [d4.regularRepr, d4.irrep(1, 1)]);
    for (const id of [
      [null, 4],
      [0, 1],
    ]) {
      const m = new RestrictionModule(inType, id);
      const results = m.checkEquivariance({ spatialSize: 6 });
      expect(results.every((r) => r.passed)).toBe(true);
      expect(String(m)).toContain(`id=${JSON.stringify(id)}`);
    }
  });

  it('exports as the identity', () => {
    const inType = new FieldType(c8, [c8.regularRepr]);
    const model = new RestrictionModule(inType, 2).export();
    const x = tf.randomNormal([1, 3, 3, 8], 0, 1, 'float32', 3);
    const y = model.predict(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y]);
    model.dispose();
  });

  it('rejects unknown subgroups and non-types', () => {
    const inType = new FieldType(c8, [c8.regularRepr]);
    expect(() => new RestrictionModule(inType, 3)).toThrow(UnknownSubgroupError);
    expect(() => new RestrictionModule({} as FieldType, 2)).toThrow(InvalidArgumentError);
  });
});

describe('DisentangleModule', () => {
  // a representation whose change of basis is a permutation: it falls apart into its irreps
  const c4 = rot2dOnR2(4);
  const perm = [
    [0, 0, 1, 0],
    [1, 0, 0, 0],
    [0, 0, 0, 1],
    [0, 1, 0, 0],
  ];
  const mixed = changeBasis(directSum([c4.irrep(1), c4.irrep(0), c4.irrep(2)]), perm, 'mixed');
  const inType = new FieldType(c4, [mixed, c4.regularRepr, mixed]);

  it('splits each field into blocks, in escnn’s naming and order', () => {
    const m = new DisentangleModule(inType);
    expect(m.outType.fieldsNames).toEqual([
      'mixed_0',
      'mixed_1',
      'mixed_2',
      'regular_0',
      'mixed_0',
      'mixed_1',
      'mixed_2',
    ]);
    expect(m.outType.size).toBe(inType.size);
    expect(m.outType.representations.map((r) => r.size)).toEqual([2, 1, 1, 4, 2, 1, 1]);
  });

  it('is equivariant, exports to a dense permutation layer, and trains on WASM without leaking', () => {
    const m = new DisentangleModule(inType);
    expect(m.checkEquivariance().every((r) => r.passed)).toBe(true);
    const x = inType.wrap(tf.randomNormal([2, 4, 4, inType.size], 0, 1, 'float32', 5));
    const y = m.forward(x);
    const model = m.export();
    const z = model.predict(x.tensor) as tf.Tensor;
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(y.tensor, z))).dataSync()[0])).toBe(0);
    // gradient through the permutation: d/dx sum(w ⊙ Px) = Pᵀ w, i.e. w put back at the input channels
    const w = tf.randomNormal(y.shape, 0, 1, 'float32', 6);
    const before = tf.memory().numTensors;
    const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(m.forward(inType.wrap(t)).tensor, w)))(x.tensor);
    expect(tf.memory().numTensors).toBe(before + 1);
    const back = tf.tidy(() => tf.sum(tf.mul(grad, x.tensor)).dataSync()[0]!);
    const forward = tf.tidy(() => tf.sum(tf.mul(y.tensor, w)).dataSync()[0]!);
    expect(back).toBeCloseTo(forward, 3);
    tf.dispose([x.tensor, y.tensor, z, w, grad]);
    model.dispose();
  });

  it('composes with a restriction; a restricted regular field stays one block (its change of basis is dense)', () => {
    const t = new FieldType(d4, [d4.regularRepr]);
    const seq = new SequentialModule(
      new RestrictionModule(t, [null, 4]),
      new DisentangleModule(t.restrict([null, 4])),
    );
    expect(seq.outType.fieldsNames).toEqual(['D4:regular_0']);
    expect(seq.outType.irreps).toEqual([[0], [0], [1], [1], [2], [2]]);
    expect(seq.checkEquivariance({ spatialSize: 6 }).every((r) => r.passed)).toBe(true);
  });
});
