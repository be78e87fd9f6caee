import type { O2SubgroupId } from '@steerable/group-theory';
import { describe, expect, it } from 'vitest';
import { computeBasisParams } from './basis-params.js';
import { gridPoints } from './grid.js';
import { blRegularRepr, irrepRepr, regularRepr } from './internal/test-reprs.js';
import { r2KernelBasis } from './kernel-basis.js';
import { normalizeSampled } from './layer-basis.js';

// The sampler computes each family's distinct angular rows once, copies repeated rows, and normalizes
// from a per-family profile before allocating; these tests hold it to the plain definitions.
const cases: [string, O2SubgroupId, () => ReturnType<typeof regularRepr>][] = [
  ['C8 regular', [null, 8], () => regularRepr([null, 8])],
  ['D4 regular', [Math.PI, 4], () => regularRepr([Math.PI, 4])],
  ['O(2) band-limited regular', [Math.PI, -1], () => blRegularRepr([Math.PI, -1], 2)],
  ['SO(2) irrep 1', [null, -1], () => irrepRepr([null, -1], [1])],
];

describe('R2KernelBasis sampling', () => {
  for (const [name, sgId, repr] of cases) {
    const R = repr();
    const basis = r2KernelBasis(sgId, R, R, computeBasisParams(7, {}));
    const grid = gridPoints(7);
    const stride = R.size * R.size * 49;
    const all = basis.sample(grid);

    it(`${name}: a subset in any order gives the same elements as the whole basis`, () => {
      const which = basis.attributes.map((a) => a.index).filter((i) => i % 3 !== 1);
      which.reverse();
      const part = basis.sample(grid, which);
      expect(part.length).toBe(which.length * stride);
      let mismatches = 0;
      which.forEach((idx, k) => {
        for (let q = 0; q < stride; q++) if (part[k * stride + q] !== all[idx * stride + q]) mismatches++;
      });
      expect(mismatches).toBe(0);
    });

    it(`${name}: normalized sampling is escnn's normalize_basis of the plain samples`, () => {
      const which = basis.attributes.map((a) => a.index);
      const mine = basis._sampleNormalized(grid, which);
      const sizes = which.map((i) => basis.attributes[i]!.outIrrepSize);
      const ref = normalizeSampled(all.slice(), which.length, sizes);
      expect(mine.kept).toEqual(ref.kept);
      expect(mine.data.length).toBe(ref.data.length);
      let worst = 0;
      for (let q = 0; q < ref.data.length; q++)
        worst = Math.max(worst, Math.abs(mine.data[q]! - ref.data[q]!));
      expect(worst).toBeLessThan(5e-13);
      // each kept element has Σ values² = size of its output irrep
      mine.kept.forEach((e, k) => {
        let sq = 0;
        for (let q = k * stride; q < (k + 1) * stride; q++) sq += mine.data[q]! ** 2;
        expect(sq).toBeCloseTo(basis.attributes[which[e]!]!.outIrrepSize, 10);
      });
    });
  }
});
