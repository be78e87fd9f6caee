import {
  cyclicGroup,
  dihedralGroup,
  type Group,
  o2Group,
  SteerableError,
  so2Group,
  uniformStream,
} from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  changeBasis,
  decomposeRepresentation,
  directSum,
  regularRepresentation,
  tensorProduct,
} from './index.js';

function sortedIds(ids: readonly (readonly number[])[]): string[] {
  return ids.map((i) => i.join(',')).sort();
}

describe('decomposeRepresentation', () => {
  it('finds escnn multiplicities of regular permutation representations', () => {
    for (const G of [cyclicGroup(6), dihedralGroup(4), dihedralGroup(5)]) {
      const reg = regularRepresentation(G);
      const dec = decomposeRepresentation(G, (g) => reg.at(g), { name: 'reg' });
      expect(dec.name).toBe('reg');
      expect(sortedIds(dec.irreps)).toEqual(sortedIds(reg.irreps));
      for (const g of G.elements) expect(maxAbsDifference(dec.at(g), reg.at(g))).toBeLessThan(1e-9);
    }
  });

  it('decomposes a dense change of basis of a direct sum on continuous groups', () => {
    const cases: [Group, () => ReturnType<typeof directSum>][] = [
      [so2Group(4), () => directSum([so2Group(4).irrep(2), so2Group(4).irrep(0), so2Group(4).irrep(2)])],
      [o2Group(3), () => directSum([o2Group(3).irrep(1, 0), o2Group(3).irrep(1, 3), o2Group(3).irrep(0, 0)])],
    ];
    for (const [G, make] of cases) {
      const sum = make();
      const P = Matrix.eye(sum.size).add(
        Matrix.rand(sum.size, sum.size, { random: uniformStream(3) }).mul(0.3),
      );
      const rho = changeBasis(sum, P, 'dense');
      const dec = decomposeRepresentation(G, (g) => rho.at(g));
      expect(sortedIds(dec.irreps)).toEqual(sortedIds(sum.irreps));
      for (const g of G.testingElements.slice(0, 20))
        expect(maxAbsDifference(dec.at(g), rho.at(g))).toBeLessThan(1e-8);
    }
  });

  it('decomposes tensor products given only as Kronecker products', () => {
    const G = dihedralGroup(4);
    const a = G.irrep(1, 1);
    const dec = decomposeRepresentation(G, (g) => a.at(g).kroneckerProduct(a.at(g)));
    expect(sortedIds(dec.irreps)).toEqual(sortedIds(tensorProduct(a, a).irreps));
  });

  it('rejects maps that are not representations', () => {
    const G = cyclicGroup(4);
    expect(() => decomposeRepresentation(G, (g) => Matrix.eye(2).mul((g.value as number) + 1))).toThrow(
      SteerableError,
    );
    // frequencies beyond the maximum frequency of SO(2)
    const S = so2Group(2);
    expect(() => decomposeRepresentation(S, (g) => S.irrep(5).at(g))).toThrow(/maximum frequency/);
    expect(() => decomposeRepresentation(G, () => new Matrix(2, 3))).toThrow(/square/);
  });
});
