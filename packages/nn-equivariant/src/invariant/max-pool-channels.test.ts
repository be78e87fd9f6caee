import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomField, useBackend } from '../test-utils/test-fields.js';
import { maxDiff } from '../test-utils/test-pooling.js';
import { MaxPoolChannels } from './max-pool-channels.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe('MaxPoolChannels', () => {
  it('takes the max of each group of consecutive channels', () => {
    const m = new MaxPoolChannels(3);
    const x = tf.tensor2d([
      [1, 5, 2, -1, -4, -2],
      [0, 0, 7, 3, 9, 1],
    ]);
    const y = m.forward(x);
    expect(y.arraySync()).toEqual([
      [5, -1],
      [7, 9],
    ]);
    expect(() => m.forward(tf.zeros([2, 4]))).toThrow(/divisible by the kernel size 3/);
    expect(() => new MaxPoolChannels(0)).toThrow(InvalidArgumentError);
    tf.dispose([x, y]);
  });

  it('pools regular fields invariantly (it is what group pooling exports to)', () => {
    const gs = rot2dOnR2(8);
    const type = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    const m = new MaxPoolChannels(8);
    const x = randomField(type, 2, 3, 5);
    const y = m.forward(x.tensor);
    for (const g of gs.testingElements) {
      const gx = x.transformFibers(g);
      const z = m.forward(gx.tensor);
      expect(maxDiff(z.dataSync(), y.dataSync())).toBe(0);
      tf.dispose([gx.tensor, z]);
    }
    tf.dispose([x.tensor, y]);
  });
});
