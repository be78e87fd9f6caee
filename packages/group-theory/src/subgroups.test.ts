/**
 * Subgroups with escnn's ids: the inclusion is an injective homomorphism, the restriction inverts it and
 * returns null outside the subgroup, and escnn's `restrict_irrep` decomposition satisfies
 * `rho(inclusion(h)) = Q (⊕ psi_i(h)) Qᵀ` for every irrep and subgroup element.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { CyclicGroup, cyclicGroup } from './cyclic.js';
import { DihedralGroup, dihedralGroup } from './dihedral.js';
import type { Group } from './group.js';
import { O2, o2Group } from './o2.js';
import { SO2, so2Group } from './so2.js';
import { blockDiagonal, maxAbsDifference } from './testing/index.js';

const cases: [Group, unknown[]][] = [
  [cyclicGroup(8), [1, 2, 4, 8]],
  [cyclicGroup(6), [1, 2, 3, 6]],
  [
    dihedralGroup(6),
    [
      [null, 1],
      [null, 2],
      [null, 3],
      [null, 6],
      [0, 1],
      [1, 1],
      [5, 1],
      [0, 2],
      [1, 2],
      [2, 3],
      [0, 6],
      [0, 3],
      [1, 3],
    ],
  ],
  [
    dihedralGroup(4),
    [
      [null, 4],
      [0, 4],
      [1, 2],
      [3, 1],
      [2, 2],
      [1, 1],
    ],
  ],
  [so2Group(4), [1, 2, 3, 5, 8, -1]],
  [
    o2Group(4),
    [
      [null, -1],
      [null, 1],
      [null, 3],
      [null, 8],
      [0, 1],
      [0.7, 1],
      [0, 2],
      [0, 5],
      [Math.PI / 3, 4],
      [0, -1],
      [1.1, -1],
    ],
  ],
];

describe.each(cases.map(([G, ids]) => [G.name, G, ids] as const))('subgroups of %s', (_, G, ids) => {
  it.each(ids.map((id) => [JSON.stringify(id), id]))(
    '%s: inclusion and restriction are inverse homomorphisms',
    (_, id) => {
      const map = G.subgroup(id);
      expect(map.parent).toBe(G);
      expect(G.subgroup(id)).toBe(map);
      const H = map.subgroup;
      const hs = H.continuous ? H.testingElements.slice(0, 20) : H.elements;
      for (const a of hs) {
        const ga = map.inclusion(a);
        expect(ga.group.equals(G)).toBe(true);
        const back = map.restriction(ga);
        expect(back?.equals(a, 1e-9)).toBe(true);
        for (const b of hs.slice(0, 6)) {
          expect(map.inclusion(a.combine(b)).equals(ga.combine(map.inclusion(b)), 1e-9)).toBe(true);
        }
      }
      if (!G.continuous && !H.continuous) {
        const inside = G.elements.filter((g) => map.restriction(g) !== null);
        expect(inside).toHaveLength(H.order());
      }
    },
  );

  it.each(ids.map((id) => [JSON.stringify(id), id]))('%s: restrictIrrep decomposes every irrep', (_, id) => {
    const map = G.subgroup(id);
    const H = map.subgroup;
    const hs = H.continuous ? H.testingElements.slice(0, 13) : H.elements;
    for (const irrep of G.irreps()) {
      const { irreps, changeOfBasis: Q } = G.restrictIrrep(irrep.id, id);
      expect(irreps.reduce((s, i) => s + H.irrep(...i).dimension, 0)).toBe(irrep.dimension);
      expect(maxAbsDifference(Q.mmul(Q.transpose()), Matrix.eye(irrep.dimension))).toBeLessThan(1e-12);
      for (const h of hs) {
        const expected = Q.mmul(blockDiagonal(irreps.map((i) => H.irrep(...i).at(h)))).mmul(Q.transpose());
        expect(maxAbsDifference(irrep.at(map.inclusion(h)), expected)).toBeLessThan(1e-9);
      }
    }
  });
});

describe('subgroup structure follows escnn', () => {
  it('gives the expected subgroup classes', () => {
    const D6 = dihedralGroup(6);
    expect(D6.subgroup([null, 3]).subgroup).toBeInstanceOf(CyclicGroup);
    expect(D6.subgroup([2, 1]).subgroup.name).toBe('C2');
    expect(D6.subgroup([1, 3]).subgroup).toBeInstanceOf(DihedralGroup);
    expect(D6.subgroup([1, 3]).subgroup.name).toBe('D3');
    const O = o2Group(3);
    expect(O.subgroup([null, -1]).subgroup).toBeInstanceOf(SO2);
    expect(O.subgroup([0.5, -1]).subgroup).toBeInstanceOf(O2);
    expect(O.subgroup([0, 4]).subgroup.name).toBe('D4');
    expect(so2Group().subgroup(-1).subgroup).toBeInstanceOf(SO2);
  });

  it('maps the reflection axis of a flip subgroup as escnn', () => {
    const D4 = dihedralGroup(4);
    const flip = D4.subgroup([3, 1]);
    expect(flip.inclusion(flip.subgroup.element(1)).value).toEqual([1, 3]);
    expect(flip.restriction(D4.element([1, 2]))).toBeNull();
    const O = o2Group();
    const D3 = O.subgroup([0.4, 3]);
    expect((D3.inclusion(D3.subgroup.element([1, 1])).value as number[])[1]).toBeCloseTo(
      (2 * Math.PI) / 3 + 0.4,
      12,
    );
    expect(D3.restriction(O.element([1, 0.4 + (4 * Math.PI) / 3]))?.value).toEqual([1, 2]);
    expect(D3.restriction(O.element([0, 0.1]))).toBeNull();
  });

  it('rejects ids the group does not have', () => {
    expect(() => cyclicGroup(8).subgroup(3)).toThrow(/must be a subgroup id of C8/);
    expect(() => dihedralGroup(4).subgroup([null, 3])).toThrow(/subgroup id of D4/);
    expect(() => dihedralGroup(4).subgroup([4, 1])).toThrow(/subgroup id of D4/);
    expect(() => dihedralGroup(4).subgroup(2)).toThrow(/subgroup id of D4/);
    expect(() => o2Group().subgroup([null, 0])).toThrow(/subgroup id of O\(2\)/);
    expect(() => so2Group().subgroup(0)).toThrow(/subgroup id of SO\(2\)/);
    expect(() => cyclicGroup(4).subgroup(2).inclusion(cyclicGroup(4).element(1))).toThrow(
      /belongs to C4, expected C2/,
    );
  });
});

/** Every subgroup id of a finite planar group (C_N: divisors; D_N: `[null | k, divisor]`). */
function finiteSubgroupIds(H: Group): unknown[] {
  if (H instanceof CyclicGroup)
    return Array.from({ length: H.N }, (_, i) => i + 1).filter((d) => H.N % d === 0);
  if (H instanceof DihedralGroup) {
    const N = H.rotationOrder;
    const divisors = Array.from({ length: N }, (_, i) => i + 1).filter((d) => N % d === 0);
    return divisors.flatMap((d) => [[null, d], ...Array.from({ length: N }, (_, k) => [k, d])]);
  }
  if (H instanceof SO2) return [1, 2, 3, 6, -1];
  return [
    [null, -1],
    [null, 2],
    [null, 1],
    [0.3, 1],
    [0, 3],
    [1.3, 2],
    [0.5, -1],
  ];
}

describe('combineSubgroups (escnn _combine_subgroups)', () => {
  const parents: [Group, unknown[]][] = [
    [cyclicGroup(12), [1, 2, 4, 6, 12]],
    [
      dihedralGroup(6),
      [
        [null, 6],
        [null, 3],
        [2, 1],
        [1, 3],
        [0, 6],
        [5, 2],
        [3, 6],
      ],
    ],
    [so2Group(3), [-1, 4, 6]],
    [
      o2Group(3),
      [
        [null, -1],
        [null, 6],
        [1.2, 1],
        [0, 4],
        [0.9, 6],
        [0.4, -1],
      ],
    ],
  ];
  it.each(parents.map(([G, ids]) => [G.name, G, ids] as const))(
    'names the subgroup of a subgroup of %s',
    (_, G, ids) => {
      for (const id1 of ids) {
        const outer = G.subgroup(id1);
        for (const id2 of finiteSubgroupIds(outer.subgroup)) {
          const inner = outer.subgroup.subgroup(id2);
          const combined = G.subgroup(G.combineSubgroups(id1, id2));
          expect(combined.subgroup.equals(inner.subgroup)).toBe(true);
          const hs = inner.subgroup.continuous ? inner.subgroup.testingElements : inner.subgroup.elements;
          for (const h of hs) {
            const g = outer.inclusion(inner.inclusion(h));
            expect(combined.restriction(g)?.equals(h, 1e-9)).toBe(true);
          }
        }
      }
    },
  );

  it('gives escnn trivial and self ids', () => {
    const D6 = dihedralGroup(6);
    expect(D6.subgroup(D6.subgroupTrivialId).subgroup.order()).toBe(1);
    expect(D6.subgroup(D6.subgroupSelfId).subgroup.equals(D6)).toBe(true);
    const O = o2Group(2);
    expect(O.subgroup(O.subgroupSelfId).subgroup.equals(O)).toBe(true);
    expect(so2Group().subgroup(so2Group().subgroupSelfId).subgroup.name).toBe('SO(2)');
    expect(cyclicGroup(5).subgroup(cyclicGroup(5).subgroupTrivialId).subgroup.name).toBe('C1');
    expect(() => D6.combineSubgroups([null, 3], [null, 2])).toThrow(/subgroup id of C3/);
  });
});
