import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { main } from './equivariant-mlp.js';

describe('equivariant MLP example', () => {
  it('trains, is certified invariant on the grid rotations, approximately invariant elsewhere, leaks nothing', async () => {
    const lines: string[] = [];
    const before = tf.memory().numTensors;
    const r = await main((line) => lines.push(line));
    expect(lines.some((l) => l.startsWith('== 3.'))).toBe(true);
    // training: the loss falls well below the target's variance (predicting the mean)
    expect(r.lossAfter).toBeLessThan(0.05 * r.lossBefore);
    expect(r.testLoss).toBeLessThan(0.05 * r.testVariance);
    // certification on the 12 grid rotations (exact symmetries), float32 tolerance
    expect(r.gridReport.property).toBe('invariance');
    expect(r.gridReport.elements.length).toBe(12);
    expect(r.gridReport.passed).toBe(true);
    // off the grid: escnn's FourierELU tolerance (relative 2–3e-2 per layer), two layers
    expect(Math.max(...r.offGridErrors)).toBeLessThan(6e-2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
