import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readShippedFromDisk } from '../test/shipped-files.js';
import { channelView, regularFieldViews, totalVariation } from './fields.js';
import { buildShippedModel, cyclicOrder, inspect, SIZE } from './model.js';
import { rotateImage } from './rotate.js';

/** A smooth, asymmetric test image: two Gaussian blobs off the centre. */
function blobs(): Float32Array {
  const img = new Float32Array(SIZE * SIZE);
  for (let r = 0; r < SIZE; r++)
    for (let c = 0; c < SIZE; c++) {
      img[r * SIZE + c] =
        Math.exp(-((r - 9) ** 2 + (c - 16) ** 2) / 8) + 0.6 * Math.exp(-((r - 18) ** 2 + (c - 10) ** 2) / 14);
    }
  return img;
}

describe('regularFieldViews', () => {
  it('pools by the maximum and takes Fourier mode 1 of each field', () => {
    // one pixel, two fields of C4: [1, 2, 3, 4] and [0, 0, 5, 0]
    const views = regularFieldViews(Float32Array.from([1, 2, 3, 4, 0, 0, 5, 0]), 1, 8, 4);
    expect(views).toHaveLength(2);
    expect(views[0]!.pooled[0]).toBe(4);
    // Σ f(k) e^{iπk/2} = 1 + 2i − 3 − 4i = −2 − 2i
    expect(views[0]!.mode1[0]).toBeCloseTo(-2, 12);
    expect(views[0]!.mode1[1]).toBeCloseTo(-2, 12);
    expect(views[1]!.mode1[0]).toBeCloseTo(-5, 12);
    expect(views[1]!.mode1[1]).toBeCloseTo(0, 12);
    expect(() => regularFieldViews(new Float32Array(7), 1, 7, 4)).toThrow(/regular C4/);
  });

  it('channelView and totalVariation', () => {
    expect([...channelView(Float32Array.from([1, 2, 3, 4]), 1, 4, 2)]).toEqual([3]);
    expect(totalVariation([0.5, 0.5, 0], [0, 0.5, 0.5])).toBeCloseTo(0.5, 12);
  });

  it('on the shipped C8 model, rotating the digit by 90° moves the pooled colour with it and turns the arrows by 90°', async () => {
    await tf.setBackend('cpu');
    const shipped = await readShippedFromDisk('equivariant');
    const order = cyclicOrder(shipped.manifest);
    expect(order).toBe(8);
    const model = buildShippedModel(shipped);
    try {
      const img = blobs();
      const a = await inspect(model, img);
      const b = await inspect(model, rotateImage(img, SIZE, 90));
      expect(a.side).toBe(25);
      const va = regularFieldViews(a.features, a.side, a.channels, order);
      const vb = regularFieldViews(b.features, b.side, b.channels, order);
      const side = a.side;
      const c = (side - 1) / 2;
      let maxArrow = 0;
      for (const v of va) for (const x of v.mode1) maxArrow = Math.max(maxArrow, Math.abs(x));
      expect(maxArrow).toBeGreaterThan(1e-3);
      for (let f = 0; f < va.length; f++) {
        for (let row = 0; row < side; row++)
          for (let col = 0; col < side; col++) {
            // screen coordinates (y up): the point (x, y) goes to (−y, x) under a 90° counter-clockwise turn
            const x = col - c;
            const y = c - row;
            const q = (c - x) * side + (c - y); // row c − x, column c − y
            const p = row * side + col;
            expect(vb[f]!.pooled[q]).toBeCloseTo(va[f]!.pooled[p]!, 4);
            // the arrow (re, im) turns by +90°: (re, im) → (−im, re)
            expect(vb[f]!.mode1[2 * q]).toBeCloseTo(-va[f]!.mode1[2 * p + 1]!, 4);
            expect(vb[f]!.mode1[2 * q + 1]).toBeCloseTo(va[f]!.mode1[2 * p]!, 4);
          }
      }
    } finally {
      model.dispose();
    }
  });
});
