import { describe, expect, it } from 'vitest';
import { padDigit, rotateImage } from './rotate.js';

const side = 5;
const ramp = Float32Array.from({ length: side * side }, (_, i) => i + 1);

describe('rotateImage', () => {
  it('turns a quarter counter-clockwise on the screen as an exact pixel permutation', () => {
    const r = rotateImage(ramp, side, 90);
    // the top-right pixel (row 0, column 4) goes to the top-left (row 0, column 0)
    expect(r[0]).toBe(ramp[4]);
    // the centre stays
    expect(r[12]).toBe(ramp[12]);
    expect([...r].sort((a, b) => a - b)).toEqual([...ramp]);
    expect([...rotateImage(rotateImage(r, side, 180), side, 90)]).toEqual([...ramp]);
    expect([...rotateImage(ramp, side, -270)]).toEqual([...r]);
  });

  it('interpolates other angles bilinearly and keeps the centre', () => {
    const r = rotateImage(ramp, side, 45);
    expect(r[12]).toBeCloseTo(13, 6);
    // the pixel right of the centre reads the input at distance 1 towards the lower right, between pixels
    const x = Math.SQRT1_2;
    const expected = (1 - x) * (1 - x) * 13 + x * (1 - x) * (14 + 18) + x * x * 19;
    expect(r[13]).toBeCloseTo(expected, 5);
    expect(() => rotateImage(new Float32Array(3), side, 10)).toThrow(/5×5/);
  });

  it('padDigit adds a zero row and column at the bottom and right', () => {
    const d = padDigit(Uint8Array.from({ length: 784 }, () => 255));
    expect(d.length).toBe(29 * 29);
    expect(d[0]).toBe(1);
    expect(d[28]).toBe(0);
    expect(d[28 * 29]).toBe(0);
    expect(d[27 * 29 + 27]).toBe(1);
  });
});
