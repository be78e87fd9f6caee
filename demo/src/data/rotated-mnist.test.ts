import { describe, expect, it } from 'vitest';
import { readMnist } from './mnist.js';
import { SeededRandom } from './random.js';
import { padImage, rot90 } from './rotate.js';
import { buildRotatedMnist, IMAGE_SIZE, rotateDigits } from './rotated-mnist.js';

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

describe('SeededRandom', () => {
  it('is deterministic, uniform-looking, and permutes', () => {
    const a = new SeededRandom(5);
    const b = new SeededRandom(5);
    const xs = Array.from({ length: 2000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 2000 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
    const p = new SeededRandom(9).permutation(100);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('rotated MNIST', () => {
  const small = { trainSize: 300, testSize: 200 };

  it('has the requested sizes, 29×29 images in [0, 1], angles in [0, 2π)', () => {
    const { train, test } = buildRotatedMnist({ ...small, seed: 1 });
    expect([train.count, train.size, train.images.length]).toEqual([300, IMAGE_SIZE, 300 * 29 * 29]);
    expect([test.count, test.labels.length, test.angles.length]).toEqual([200, 200, 200]);
    for (const d of [train, test]) {
      expect(Math.min(...d.angles)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...d.angles)).toBeLessThan(2 * Math.PI);
      expect(Math.min(...d.images.subarray(0, 29 * 29 * 50))).toBeGreaterThanOrEqual(0);
      expect(Math.max(...d.images.subarray(0, 29 * 29 * 50))).toBeLessThanOrEqual(1);
    }
  });

  it('is a pure function of the seed', () => {
    const a = buildRotatedMnist({ ...small, seed: 11 });
    const b = buildRotatedMnist({ ...small, seed: 11 });
    // Byte comparisons (vitest's deep equality is slow on long typed arrays).
    expect(sameBytes(a.train.images, b.train.images)).toBe(true);
    expect(sameBytes(a.test.images, b.test.images)).toBe(true);
    expect(sameBytes(a.test.angles, b.test.angles)).toBe(true);
    expect(sameBytes(a.test.labels, b.test.labels)).toBe(true);
    const c = buildRotatedMnist({ ...small, seed: 12 });
    expect(sameBytes(c.train.angles, a.train.angles)).toBe(false);
    expect(sameBytes(c.train.labels, a.train.labels)).toBe(false);
  });

  it('draws the angles uniformly (mean π, every quadrant about a quarter)', () => {
    const { train } = buildRotatedMnist({ trainSize: 2000, testSize: 1, seed: 3 });
    const mean = train.angles.reduce((s, a) => s + a, 0) / train.count;
    expect(Math.abs(mean - Math.PI)).toBeLessThan(0.15);
    const quadrants = [0, 0, 0, 0];
    for (const a of train.angles) quadrants[Math.floor(a / (Math.PI / 2))]! += 1;
    for (const q of quadrants) expect(Math.abs(q / train.count - 0.25)).toBeLessThan(0.04);
  });

  it('rotates the real digits: angle 0 is the padded digit, a quarter turn is exact', () => {
    const source = readMnist('test', { count: 4 });
    const upright = rotateDigits(source, [0, 1, 2, 3], new SeededRandom(0), { rotate: false });
    for (let n = 0; n < 4; n++) {
      const padded = padImage(source.images, 28, 29, n * 784, 1 / 255);
      expect(upright.images.subarray(n * 841, (n + 1) * 841)).toEqual(padded);
      expect(upright.labels[n]).toBe(source.labels[n]);
    }
    // A random source whose angle is exactly a quarter turn.
    const quarter = { next: () => 0.25 } as SeededRandom;
    const turned = rotateDigits(source, [2], quarter);
    expect(turned.angles[0]).toBe(Math.PI / 2);
    expect(turned.images).toEqual(rot90(padImage(source.images, 28, 29, 2 * 784, 1 / 255), 29, 1));
  });

  it('reuses the 10,000 test digits at fresh angles beyond 10,000', () => {
    const { test } = buildRotatedMnist({ trainSize: 1, testSize: 10005, seed: 2 });
    expect(test.count).toBe(10005);
    expect(Array.from(test.labels.subarray(10000))).toEqual(Array.from(test.labels.subarray(0, 5)));
    expect(test.angles[10000]).not.toBe(test.angles[0]);
  });

  it('rejects bad sizes', () => {
    expect(() => buildRotatedMnist({ trainSize: 0 })).toThrow(/trainSize/);
    expect(() => buildRotatedMnist({ trainSize: 60001 })).toThrow(/at most 60000/);
    expect(() => buildRotatedMnist({ testSize: 1.5 })).toThrow(/testSize/);
  });
});
