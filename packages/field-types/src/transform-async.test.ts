/**
 * `transformAsync`: the same action as `transform`, reading back asynchronously for the interpolated elements
 * (TF.js's WebGPU backend has no synchronous read in Node). The testing package checks it on WebGPU itself.
 */
import {
  cyclicGroup,
  GroupMismatchError,
  InvalidArgumentError,
  SteerableError,
} from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { escnnFieldReprs, gspaceOfEscnnCall } from '@steerable/gspaces/testing';
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FieldType } from './field-type.js';
import { expectNoTensorLeaks, loadTransformsFixture, nchwToTensor } from './test-utils.js';

const fixture = await loadTransformsFixture();

expectNoTensorLeaks();
afterEach(() => {
  vi.restoreAllMocks();
});

describe('transformAsync', () => {
  it.each(fixture.transforms.map((t) => [t.gspace, t] as const))(
    'gives transform’s result for every element on %s (escnn’s where the fixture has it)',
    async (_, t) => {
      const gs = gspaceOfEscnnCall(t.gspace);
      const type = new FieldType(gs, escnnFieldReprs(gs, t.field_type));
      const x = type.wrap(nchwToTensor(t.input));
      for (const e of t.elements) {
        const g = gs.fibergroup.element(e.escnn_value, e.escnn_param);
        for (const exact of [true, false]) {
          const y = x.transform(g, { exact });
          const ya = await x.transformAsync(g, { exact });
          expect(ya.type).toBe(type);
          expect(ya.shape).toEqual(y.shape);
          expect(Array.from(await ya.tensor.data())).toEqual(Array.from(await y.tensor.data()));
          if (e.transformed) {
            const expected = nchwToTensor(e.transformed);
            expect(maxAbsDifference(await ya.tensor.data(), await expected.data())).toBeLessThan(1e-5);
            expected.dispose();
          }
          y.dispose();
          ya.dispose();
        }
      }
      x.dispose();
    },
  );

  it('acts on the fibers only on R⁰', async () => {
    const gs = noBaseSpace(cyclicGroup(4));
    const type = new FieldType(gs, [gs.regularRepr]);
    const t = tf.tensor2d([[1, 2, 3, 4]]);
    const y = await type.transformAsync(t, cyclicGroup(4).element(1));
    expect(Array.from(await y.data())).toEqual([4, 1, 2, 3]);
    tf.dispose([t, y]);
  });

  it('works where synchronous reads fail (as on WebGPU in Node), where transform says to use it', async () => {
    const gs = rot2dOnR2(8);
    const type = new FieldType(gs, [gs.regularRepr]);
    const t = tf.randomNormal([1, 5, 5, 8], 0, 1, 'float32', 4);
    const g = gs.fibergroup.element(1); // 45°: interpolated
    const reference = type.transform(t, g);
    vi.spyOn(tf.Tensor.prototype, 'dataSync').mockImplementation(() => {
      throw new ReferenceError('OffscreenCanvas is not defined');
    });
    expect(() => type.transform(t, g)).toThrow(SteerableError);
    expect(() => type.transform(t, g)).toThrow(/transformAsync/);
    // exact elements never read back
    const exact = type.transform(t, gs.fibergroup.element(2));
    const y = await type.transformAsync(t, g);
    expect(Array.from(await y.data())).toEqual(Array.from(await reference.data()));
    tf.dispose([t, reference, exact, y]);
  });

  it('rejects bad arguments synchronously, like transform', () => {
    const gs = rot2dOnR2(4);
    const type = new FieldType(gs, [gs.regularRepr]);
    const t = tf.zeros([1, 3, 3, 4]);
    const wrong = tf.zeros([1, 3, 3, 5]);
    expect(() => type.transformAsync(wrong, gs.fibergroup.identity)).toThrow(InvalidArgumentError);
    expect(() => type.transformAsync(t, cyclicGroup(8).element(1))).toThrow(GroupMismatchError);
    expect(() => type.wrap(t).transformAsync(cyclicGroup(8).element(1))).toThrow(GroupMismatchError);
    tf.dispose([t, wrong]);
  });
});
