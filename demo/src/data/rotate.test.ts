import { numRuns } from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random.js';
import { padImage, rot90, rotateImage } from './rotate.js';

const runs = { numRuns: numRuns(30) };

function randomImage(size: number, random: SeededRandom): Float32Array {
  return Float32Array.from({ length: size * size }, () => random.next());
}

function rotated(
  src: Float32Array,
  size: number,
  angle: number,
  interpolation: 'bicubic' | 'bilinear' = 'bicubic',
) {
  const dst = new Float32Array(size * size);
  rotateImage(src, dst, size, angle, { interpolation, range: [-10, 10] });
  return dst;
}

/** A smooth blob: a Gaussian at (row, col) with width s, well inside the image. */
function blob(size: number, row: number, col: number, s: number): Float32Array {
  return Float32Array.from({ length: size * size }, (_, p) => {
    const i = Math.floor(p / size);
    const j = p % size;
    return Math.exp(-((i - row) ** 2 + (j - col) ** 2) / (2 * s * s));
  });
}

describe('rot90', () => {
  it('is a counter-clockwise quarter turn: out[i][j] = in[j][S−1−i]', () => {
    // 0 1 2 / 3 4 5 / 6 7 8 turned counter-clockwise: 2 5 8 / 1 4 7 / 0 3 6.
    expect(Array.from(rot90([0, 1, 2, 3, 4, 5, 6, 7, 8], 3, 1))).toEqual([2, 5, 8, 1, 4, 7, 0, 3, 6]);
    expect(Array.from(rot90([0, 1, 2, 3, 4, 5, 6, 7, 8], 3, -1))).toEqual([6, 3, 0, 7, 4, 1, 8, 5, 2]);
  });

  it('four quarter turns are the identity, two are a half turn', () => {
    const img = randomImage(29, new SeededRandom(1));
    expect(rot90(img, 29, 4)).toEqual(img);
    expect(rot90(rot90(img, 29, 1), 29, 1)).toEqual(rot90(img, 29, 2));
    expect(Array.from(rot90(img, 29, 2))).toEqual(Array.from(img).reverse());
  });
});

describe('rotateImage', () => {
  it('agrees with rot90 bit for bit at multiples of 90° (both interpolations, odd and even sizes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -8, max: 8 }),
        fc.integer({ min: 3, max: 30 }),
        fc.integer(),
        (k, size, s) => {
          const img = randomImage(size, new SeededRandom(s));
          for (const interpolation of ['bicubic', 'bilinear'] as const) {
            expect(rotated(img, size, (k * Math.PI) / 2, interpolation)).toEqual(rot90(img, size, k));
          }
        },
      ),
      runs,
    );
  });

  it('turns a blob counter-clockwise about the centre pixel', () => {
    // A blob right of the centre (14, 14) goes above it after a quarter turn, and to 45° in between.
    const img = blob(29, 14, 22, 1.5);
    const turned = rotated(img, 29, Math.PI / 4);
    const expected = blob(29, 14 - 8 / Math.SQRT2, 14 + 8 / Math.SQRT2, 1.5);
    const err = Math.max(...turned.map((v, p) => Math.abs(v - expected[p]!)));
    expect(err).toBeLessThan(0.02);
    const bilinearErr = Math.max(
      ...rotated(img, 29, Math.PI / 4, 'bilinear').map((v, p) => Math.abs(v - expected[p]!)),
    );
    expect(err).toBeLessThan(bilinearErr); // bicubic is the more accurate of the two on smooth images
  });

  it('composes: two rotations by θ/2 approximate one by θ on smooth images', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (theta) => {
        const img = blob(29, 10, 17, 2);
        const twice = rotated(rotated(img, 29, theta / 2), 29, theta / 2);
        const once = rotated(img, 29, theta);
        expect(Math.max(...twice.map((v, p) => Math.abs(v - once[p]!)))).toBeLessThan(0.03);
      }),
      runs,
    );
  });

  it('keeps values in the pixel range and zero-pads outside', () => {
    const random = new SeededRandom(3);
    const img = randomImage(29, random);
    const dst = new Float32Array(29 * 29);
    rotateImage(img, dst, 29, 0.3);
    expect(Math.min(...dst)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...dst)).toBeLessThanOrEqual(1);
    // A 45° turn brings the (zero) outside into the corners.
    const corner = new Float32Array(29 * 29);
    rotateImage(new Float32Array(29 * 29).fill(1), corner, 29, Math.PI / 4);
    expect(corner[0]).toBe(0);
    expect(corner[14 * 29 + 14]).toBeCloseTo(1, 12);
  });
});

describe('padImage', () => {
  it('puts the digit top-left and appends a zero row and column', () => {
    const out = padImage([1, 2, 3, 4], 2, 3, 0, 0.5);
    expect(Array.from(out)).toEqual([0.5, 1, 0, 1.5, 2, 0, 0, 0, 0]);
  });
});
