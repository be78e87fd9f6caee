import { cyclicGroup, GroupMismatchError, InvalidArgumentError } from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { escnnFieldReprs, gspaceOfEscnnCall } from '@steerable/gspaces/testing';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { FieldType } from './field-type.js';
import { GeometricTensor } from './geometric-tensor.js';
import { expectNoTensorLeaks, loadTransformsFixture, nchwToTensor } from './test-utils.js';

const fixture = await loadTransformsFixture();

// every test disposes what it creates: no tensor outlives it
expectNoTensorLeaks();

describe('transforms.json: GeometricTensor.transform agrees with escnn 1.0.13', () => {
  for (const t of fixture.transforms) {
    describe(t.gspace, () => {
      const gs = gspaceOfEscnnCall(t.gspace);
      const type = new FieldType(gs, escnnFieldReprs(gs, t.field_type));
      for (const e of t.elements) {
        it(`element ${JSON.stringify(e.escnn_value)}: fiber matrix${e.transformed ? ' and transformed field' : ''}`, () => {
          const g = gs.fibergroup.element(e.escnn_value, e.escnn_param);
          expect(
            maxAbsDifference(type.fiberRepresentation(g).to1DArray(), e.fiber_matrix.flat()),
          ).toBeLessThan(1e-9);
          const x = type.wrap(nchwToTensor(t.input));
          const y = x.transform(g);
          // the interpolated path (every element resampled) agrees with the exact one where both apply
          const yi = x.transform(g, { exact: false });
          if (e.transformed) {
            const expected = nchwToTensor(e.transformed);
            expect(maxAbsDifference(y.tensor.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
            expect(maxAbsDifference(yi.tensor.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
            expected.dispose();
          }
          // both agree with the gspace's float64 action on plain arrays
          const ref = gs.featurefieldAction(
            Float64Array.from(x.tensor.dataSync()),
            x.shape,
            type.representation,
            g,
          );
          expect(maxAbsDifference(y.tensor.dataSync(), ref)).toBeLessThan(1e-5);
          for (const z of [x, y, yi]) z.dispose();
        });
      }
    });
  }
});

describe('the group action on geometric tensors', () => {
  const c4 = rot2dOnR2(4);
  const d4 = flipRot2dOnR2(4);

  it('reproduces the escnn tutorial: torch.vander(arange(4)) rotated by 90°, four times', () => {
    // values printed by escnn 1.0.13 in the "escnn from R" tutorial (C4, trivial field, 1×1×4×4)
    const type = new FieldType(c4, [c4.trivialRepr]);
    const vander = [
      [0, 0, 0, 1],
      [1, 1, 1, 1],
      [8, 4, 2, 1],
      [27, 9, 3, 1],
    ];
    const expected = [
      [
        [1, 1, 1, 1],
        [0, 1, 2, 3],
        [0, 1, 4, 9],
        [0, 1, 8, 27],
      ],
      [
        [1, 3, 9, 27],
        [1, 2, 4, 8],
        [1, 1, 1, 1],
        [1, 0, 0, 0],
      ],
      [
        [27, 8, 1, 0],
        [9, 4, 1, 0],
        [3, 2, 1, 0],
        [1, 1, 1, 1],
      ],
      vander,
    ];
    const g1 = c4.testingElements[1]!;
    let x = type.wrap(tf.tensor4d(vander.flat(), [1, 4, 4, 1]));
    for (const e of expected) {
      const next = x.transform(g1);
      x.dispose();
      x = next;
      expect(Array.from(x.tensor.dataSync())).toEqual(e.flat());
    }
    x.dispose();
  });

  it('four rotations by 90° give the input back, exactly', () => {
    const type = new FieldType(c4, [c4.regularRepr, c4.irrep(1), c4.trivialRepr]);
    const x = type.wrap(tf.randomNormal([2, 6, 6, type.size], 0, 1, 'float32', 3));
    const g = c4.fibergroup.element(1);
    let y = x.transform(g);
    for (let k = 0; k < 3; k++) {
      const next = y.transform(g);
      y.dispose();
      y = next;
    }
    expect(maxAbsDifference(y.tensor.dataSync(), x.tensor.dataSync())).toBeLessThan(1e-6);
    x.dispose();
    y.dispose();
  });

  it('composes: g·(h·x) = (gh)·x on every pair of D4 elements', () => {
    const type = new FieldType(d4, [d4.regularRepr, d4.irrep(1, 1), d4.irrep(1, 2)]);
    const x = type.wrap(tf.randomNormal([1, 5, 5, type.size], 0, 1, 'float32', 5));
    const els = d4.testingElements;
    for (const g of els) {
      for (const h of els) {
        const hx = x.transform(h);
        const ghx = hx.transform(g);
        const direct = x.transform(g.combine(h));
        expect(maxAbsDifference(ghx.tensor.dataSync(), direct.tensor.dataSync())).toBeLessThan(1e-5);
        for (const z of [hx, ghx, direct]) z.dispose();
      }
    }
    x.dispose();
  });

  it('a rotation by 45° is resampled like the gspace resamples plain arrays', () => {
    const c8 = rot2dOnR2(8);
    const type = new FieldType(c8, [c8.regularRepr]);
    const x = type.wrap(tf.randomNormal([1, 7, 7, 8], 0, 1, 'float32', 9));
    const g = c8.fibergroup.element(1);
    const y = x.transform(g);
    const ref = c8.featurefieldAction(Float64Array.from(x.tensor.dataSync()), x.shape, c8.regularRepr, g);
    expect(maxAbsDifference(y.tensor.dataSync(), ref)).toBeLessThan(1e-5);
    x.dispose();
    y.dispose();
  });

  it('on R⁰ only the channels move', () => {
    const gs = noBaseSpace(cyclicGroup(3));
    const type = new FieldType(gs, [gs.regularRepr]);
    const x = type.wrap(tf.tensor2d([[1, 2, 3]]));
    const y = x.transform(gs.fibergroup.element(1));
    // the regular representation permutes the basis: e_0 -> e_1 -> e_2
    expect(Array.from(y.tensor.dataSync())).toEqual([3, 1, 2]);
    x.dispose();
    y.dispose();
  });

  it('exact elements are differentiable on the device', () => {
    const type = new FieldType(c4, [c4.regularRepr]);
    const g = c4.fibergroup.element(1);
    const x = tf.randomNormal([1, 4, 4, 4], 0, 1, 'float32', 11);
    const w = tf.randomNormal([1, 4, 4, 4], 0, 1, 'float32', 12);
    // d/dx <w, ρ(g) x∘g⁻¹> = the inverse action on w, since the action is orthogonal
    const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(type.transform(t, g), w)))(x);
    const expected = type.transform(w, g.inverse());
    expect(maxAbsDifference(grad.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, w, grad, expected]);
  });

  it('rejects wrong elements, tensors and non-square grids under 90° with typed errors', () => {
    const type = new FieldType(c4, [c4.regularRepr]);
    const x = tf.zeros([1, 4, 5, 4]);
    expect(() => type.transform(x, c4.fibergroup.element(1))).toThrow(/square/);
    expect(() => type.transform(x, d4.fibergroup.identity)).toThrow(GroupMismatchError);
    const bad = tf.zeros([1, 4, 4, 3]);
    expect(() => type.transform(bad, c4.fibergroup.identity)).toThrow(InvalidArgumentError);
    expect(() => new GeometricTensor(bad, type)).toThrow(/4 channels/);
    const int = tf.zeros([1, 4, 4, 4], 'int32');
    expect(() => type.wrap(int)).toThrow(/float32/);
    tf.dispose([x, bad, int]);
  });
});
