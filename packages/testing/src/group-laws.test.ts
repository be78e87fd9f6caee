/**
 * The group laws hold for every planar group (C_N, D_N, SO(2), O(2)), and the assertion catches a broken
 * group.
 */
import {
  CyclicGroup,
  cyclicGroup,
  dihedralGroup,
  IrreducibleRepresentation,
  o2Group,
  so2Group,
  trivialGroup,
} from '@steerable/group-theory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryElement, arbitraryPlanarGroup } from './arbitraries/groups.js';
import { propertyParameters } from './arbitraries/parameters.js';
import { assertGroupLaws } from './group-laws.js';

const groups = [
  trivialGroup(),
  cyclicGroup(2),
  cyclicGroup(4),
  cyclicGroup(5),
  cyclicGroup(8),
  dihedralGroup(1),
  dihedralGroup(2),
  dihedralGroup(4),
  dihedralGroup(5),
  dihedralGroup(6),
  dihedralGroup(8),
  so2Group(3),
  o2Group(3),
];

describe('assertGroupLaws', () => {
  it.each(groups.map((G) => [G.name, G] as const))('holds for %s', (_, G) => {
    expect(() => assertGroupLaws(G)).not.toThrow();
  });

  it('holds for arbitrary planar groups', () => {
    fc.assert(
      fc.property(arbitraryPlanarGroup({ maxRotations: 9, maxFrequency: 3 }), (G) => {
        assertGroupLaws(G, { numRuns: 5 });
      }),
      propertyParameters({ numRuns: 10 }),
    );
  });

  it('catches an irrep that is not a homomorphism', () => {
    // C4 whose irrep 1 is scaled by 2 on odd elements: neither orthogonal nor multiplicative.
    class BrokenC4 extends CyclicGroup {
      override irrep(...id: number[]): IrreducibleRepresentation {
        const good = super.irrep(...id);
        if (id[0] !== 1) return good;
        return new IrreducibleRepresentation(this, {
          id: [1],
          dimension: 2,
          type: 'C',
          matrix: (v) => {
            const m = good.at(this.element(v)).to1DArray();
            return Float64Array.from(m, (x) => ((v as number) % 2 === 1 ? 2 * x : x));
          },
          endomorphismBasis: [Float64Array.of(1, 0, 0, 1)],
          supportedNonlinearities: [],
        });
      }
    }
    expect(() => assertGroupLaws(new BrokenC4(4), { clebschGordan: false })).toThrow(
      /C4: (rho\(ab\) = rho\(a\) rho\(b\)|orthogonality) fails/,
    );
  });
});

describe('arbitraries', () => {
  it('draw elements of the group, reproducibly', () => {
    const G = o2Group();
    const sample = fc.sample(arbitraryElement(G), { seed: 1, numRuns: 20 });
    expect(sample.every((g) => g.group.equals(G))).toBe(true);
    expect(fc.sample(arbitraryElement(G), { seed: 1, numRuns: 20 }).map((g) => g.value)).toEqual(
      sample.map((g) => g.value),
    );
    const C5 = cyclicGroup(5);
    const values = new Set(fc.sample(arbitraryElement(C5), { seed: 2, numRuns: 200 }).map((g) => g.value));
    expect(values).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('draw groups of all four planar families', () => {
    const names = fc
      .sample(arbitraryPlanarGroup(), { seed: 3, numRuns: 200 })
      .map((G) => G.name.replace(/\d+$/, ''));
    expect(new Set(names)).toEqual(new Set(['C', 'D', 'SO(2)', 'O(2)']));
  });

  it('read the seed and the number of runs from the environment', () => {
    const saved = { seed: process.env.FC_SEED, runs: process.env.FC_NUM_RUNS };
    try {
      process.env.FC_SEED = '17';
      process.env.FC_NUM_RUNS = '3';
      expect(propertyParameters()).toEqual({ seed: 17, numRuns: 3 });
      expect(propertyParameters({ numRuns: 9 })).toEqual({ seed: 17, numRuns: 9 });
    } finally {
      if (saved.seed === undefined) delete process.env.FC_SEED;
      else process.env.FC_SEED = saved.seed;
      if (saved.runs === undefined) delete process.env.FC_NUM_RUNS;
      else process.env.FC_NUM_RUNS = saved.runs;
    }
  });
});
