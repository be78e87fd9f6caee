import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildBaseline, buildEquivariant, parameterCount, SIZE } from './model.js';
import { loadWeights, packWeights } from './weights.js';

describe('packWeights / loadWeights', () => {
  it('round-trips both models: a model with other initial weights computes the same after loading', async () => {
    await tf.setBackend('cpu');
    const source = { equivariant: buildEquivariant(1), baseline: buildBaseline(1) };
    const target = { equivariant: buildEquivariant(2), baseline: buildBaseline(2) };
    try {
      const { manifest, buffer } = packWeights(source, { note: 'test' });
      expect(buffer.length).toBe(parameterCount(source.equivariant) + parameterCount(source.baseline));
      const x = tf.randomUniform([2, SIZE, SIZE, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
      for (const id of ['equivariant', 'baseline'] as const) {
        const want = source[id].apply(x);
        const before = target[id].apply(x);
        // the target's cached steerable filters must be dropped by the load
        expect(tf.max(tf.abs(tf.sub(want, before))).dataSync()[0]).toBeGreaterThan(1e-3);
        loadWeights(target[id], id, manifest, buffer);
        const after = target[id].apply(x);
        expect(tf.max(tf.abs(tf.sub(want, after))).dataSync()[0]).toBeLessThan(1e-5);
        tf.dispose([want, before, after]);
      }
      x.dispose();
      const truncated = buffer.subarray(0, buffer.length - 1);
      expect(() => loadWeights(target.baseline, 'baseline', manifest, truncated)).toThrow(/ends inside/);
      expect(() => loadWeights(target.baseline, 'other', manifest, buffer)).toThrow(/missing/);
    } finally {
      for (const m of [...Object.values(source), ...Object.values(target)]) m.dispose();
    }
  });
});
