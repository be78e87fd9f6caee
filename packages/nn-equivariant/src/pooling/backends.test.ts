import { FieldType } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InducedNormPool } from '../invariant/induced-norm-pool.js';
import { MaxPoolChannels } from '../invariant/max-pool-channels.js';
import {
  BACKENDS,
  inputAndParameterGradients,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { inducedCases, pointwiseType } from '../test-utils/test-pooling.js';
import { PointwiseAdaptiveMaxPool2D } from './adaptive-max-pool.js';
import { PointwiseMaxPoolAntialiased2D } from './max-pool-antialiased.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe.each(BACKENDS)('on %s', (backend) => {
  it('the pooling modules run forward and backward without leaking', async () => {
    await useBackend(backend);
    try {
      const gs = rot2dOnR2(8);
      const type = pointwiseType(gs);
      const induced = new FieldType(
        gs,
        inducedCases(gs).map((c) => c.repr),
      );
      for (const [m, t] of [
        [new PointwiseMaxPoolAntialiased2D(type, 3, { stride: 2, padding: 1 }), type],
        [new PointwiseAdaptiveMaxPool2D(type, 2), type],
        [new InducedNormPool(induced, { subfieldSize: 2 }), induced],
      ] as const) {
        const x = randomField(t, 2, 5, 6);
        const { dx } = inputAndParameterGradients(m, x);
        expect(dx.length).toBe(x.tensor.size);
        expect(dx.every(Number.isFinite)).toBe(true);
        expect(dx.some((v) => v !== 0)).toBe(true);
        const counts = tensorsAfter(3, () =>
          tf.grad((u: tf.Tensor) => tf.sum(m.forward(t.wrap(u)).tensor))(x.tensor),
        );
        expect(new Set(counts).size).toBe(1);
        x.tensor.dispose();
        m.dispose();
      }
      const channels = new MaxPoolChannels(4);
      const z = tf.randomNormal([3, 8], 0, 1, 'float32', 1);
      const dz = tf.grad((u: tf.Tensor) => tf.sum(channels.forward(u)))(z);
      expect(tf.sum(dz).dataSync()[0]).toBe(6); // one winner per group
      tf.dispose([z, dz]);
    } finally {
      await useBackend('wasm');
    }
  });
});
