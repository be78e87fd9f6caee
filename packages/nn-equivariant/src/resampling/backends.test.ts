import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaskModule } from '../containers/mask.js';
import { BACKENDS, inputAndParameterGradients, tensorsAfter, useBackend } from '../test-utils/test-fields.js';
import { smooth, typeOf } from '../test-utils/test-resampling.js';
import { R2Upsampling } from './upsampling.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe.each(BACKENDS)('on %s', (backend) => {
  it('MaskModule and R2Upsampling run forward and backward without leaking', async () => {
    await useBackend(backend);
    try {
      const gs = rot2dOnR2(4);
      const type = typeOf(gs);
      for (const m of [
        new MaskModule(type, 6),
        new R2Upsampling(type, { scaleFactor: 2 }),
        new R2Upsampling(type, { scaleFactor: 2, mode: 'nearest' }),
      ]) {
        const x = smooth(type, 6);
        const { dx } = inputAndParameterGradients(m, x);
        expect(dx.length).toBe(x.tensor.size);
        expect(dx.every(Number.isFinite)).toBe(true);
        expect(dx.some((v) => v !== 0)).toBe(true);
        const counts = tensorsAfter(3, () =>
          tf.grad((t: tf.Tensor) => tf.sum(m.forward(type.wrap(t)).tensor))(x.tensor),
        );
        expect(new Set(counts).size).toBe(1);
        x.tensor.dispose();
        m.dispose();
      }
    } finally {
      await useBackend('wasm');
    }
  });
});
