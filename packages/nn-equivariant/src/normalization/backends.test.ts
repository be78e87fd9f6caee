import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InducedNormBatchNorm } from '../batchnorm/induced-norm-batch-norm.js';
import { BACKENDS, randomField, tensorsAfter, useBackend } from '../test-utils/test-fields.js';
import { fieldNormType, inducedType } from '../test-utils/test-normalization.js';
import { FieldNorm } from './field-norm.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe.each(BACKENDS)('on %s', (backend) => {
  it('FieldNorm and InducedNormBatchNorm train without leaking', async () => {
    await useBackend(backend);
    try {
      const gs = rot2dOnR2(8);
      for (const [m, t] of [
        [new FieldNorm(fieldNormType(gs)), fieldNormType(gs)],
        [new InducedNormBatchNorm(inducedType(gs).type), inducedType(gs).type],
      ] as const) {
        const x = randomField(t, 2, 4, 6);
        const opt = tf.train.sgd(0.01);
        const counts = tensorsAfter(
          3,
          () =>
            opt.minimize(
              () => tf.mean(tf.square(m.forward(x).tensor)) as tf.Scalar,
              true,
              m.trainableVariables,
            ) as tf.Scalar,
        );
        expect(new Set(counts).size).toBe(1);
        const dx = tf.grad((u: tf.Tensor) => tf.sum(tf.square(m.forward(t.wrap(u)).tensor)))(x.tensor);
        expect(dx.dataSync().every(Number.isFinite)).toBe(true);
        tf.dispose([dx, x.tensor]);
        opt.dispose();
        m.dispose();
      }
    } finally {
      await useBackend('wasm');
    }
  });
});
