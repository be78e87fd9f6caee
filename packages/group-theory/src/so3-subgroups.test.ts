/**
 * SO(3)'s subgroups by escnn's ids: the groups escnn returns, inclusion and restriction as inverse
 * homomorphisms, adjoints, every irrep's restriction (the multiplicities from characters, escnn's block order
 * and closed forms, `ρ(incl(h)) Q = Q ⊕ψ_i(h)`), combined ids and typed errors.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { UnknownIrrepError, UnknownSubgroupError } from './errors.js';
import { compareIds } from './internal/decompose.js';
import { o3Group } from './o3.js';
import { so3Group } from './so3.js';
import {
  countIds,
  expectedMultiplicities,
  quadrature,
  restrictionError,
  subgroupMapError,
} from './test-so3-subgroups.js';
import { maxAbsDifference } from './testing/index.js';

const L = 4;
const G = so3Group(L);
const A = G.element([0.3, -0.2, 0.5], 'EV');

/** escnn's SO(3) ids of the R³ gspaces' rotation groups, their variants and conjugates; the subgroup's name. */
const IDS: [unknown, string][] = [
  ['so3', 'SO(3)'],
  ['ico', 'Icosahedral'],
  ['octa', 'Octahedral'],
  [[false, -1], 'SO(2)'],
  [[false, 1], 'C1'],
  [[false, 2], 'C2'],
  [[false, 5], 'C5'],
  [[true, -1], 'O(2)'],
  [[true, 4], 'D4'],
  [[true, 1], 'C2'],
  [[Math.PI, -1], 'O(2)'],
  [[Math.PI, 3], 'D3'],
  [[0.7, 2], 'D2'],
  [['ico', A], 'Icosahedral'],
  [[false, 4, A], 'C4'],
  [[true, 3, A], 'D3'],
  [['so3', A], 'SO(3)'],
];

describe('SO(3) subgroups: groups and maps', () => {
  it.each(IDS)(
    '%j is the group escnn returns, included and restricted as inverse homomorphisms',
    (id, name) => {
      const map = G.subgroup(id);
      expect(map.subgroup.name).toBe(name);
      expect(map.parent).toBe(G);
      const points = quadrature(map.subgroup) ?? [...map.subgroup.testingElements];
      expect(subgroupMapError(map, points)).toBe(0);
      const generic = G.element([0.11, 0.37, -0.23], 'EV');
      if (map.subgroup !== G) expect(map.restriction(generic)).toBeNull();
    },
  );

  it("places the subgroups where escnn does: C_N and SO(2) about z, D_N's flip about x, [θ, N]'s about θ/2", () => {
    const c4 = G.subgroup([false, 4]);
    expect(c4.inclusion(c4.subgroup.element(1)).equals(G.element([0, 0, Math.PI / 2], 'EV'))).toBe(true);
    const d4 = G.subgroup([true, 4]);
    expect(d4.inclusion(d4.subgroup.element([1, 0])).equals(G.element([Math.PI, 0, 0], 'EV'))).toBe(true);
    const theta = 1.2;
    const dTheta = G.subgroup([theta, 4]);
    const axis = [Math.cos(theta / 2), Math.sin(theta / 2), 0].map((x) => Math.PI * x);
    expect(dTheta.inclusion(dTheta.subgroup.element([1, 0])).equals(G.element(axis, 'EV'))).toBe(true);
    const c2x = G.subgroup([true, 1]);
    expect(c2x.inclusion(c2x.subgroup.element(1)).equals(G.element([Math.PI, 0, 0], 'EV'))).toBe(true);
    const conj = G.subgroup([false, 4, A]);
    const h = conj.subgroup.element(1);
    expect(conj.inclusion(h).equals(A.inverse().combine(c4.inclusion(h)).combine(A))).toBe(true);
    expect(G.subgroup(['so3', A]).inclusion(A).equals(A)).toBe(true);
  });

  it('memoizes maps per id, telling apart adjoints closer than the printed precision', () => {
    expect(G.subgroup([false, 4])).toBe(G.subgroup([false, 4]));
    const B = G.element([0.3 + 1e-6, -0.2, 0.5], 'EV');
    expect(G.subgroup([false, 4, B])).not.toBe(G.subgroup([false, 4, A]));
  });
});

describe('SO(3) subgroups: restricted irreps', () => {
  it.each(IDS)(
    "%j: every irrep l ≤ 4 restricts to the characters' multiplicities, Q orthogonal and intertwining",
    (id) => {
      const map = G.subgroup(id);
      const points = quadrature(map.subgroup);
      for (let l = 0; l <= L; l++) {
        const r = restrictionError(G, [l], id, points ?? [...map.subgroup.testingElements]);
        expect(r.intertwining).toBeLessThan(1e-9);
        expect(r.orthogonality).toBeLessThan(1e-9);
        if (points === null) {
          expect(r.irreps).toEqual([[l]]);
          continue;
        }
        const expected = expectedMultiplicities(G, [l], map, points);
        expect(expected.filled).toBe(2 * l + 1);
        expect(countIds(r.irreps)).toEqual(expected.counts);
        if (map.subgroup.name === 'Icosahedral' || map.subgroup.name === 'Octahedral') {
          // escnn's numerical decomposition lists the blocks by id.
          const sorted = [...r.irreps].sort(compareIds);
          expect(r.irreps).toEqual(sorted);
        }
      }
    },
  );

  it("uses escnn's closed forms: SO(2) [0] … [l], O(2) [l mod 2, 0], [1, 1] … [1, l], I and O as identities", () => {
    expect(G.restrictIrrep([3], [false, -1]).irreps).toEqual([[0], [1], [2], [3]]);
    expect(G.restrictIrrep([3], [true, -1]).irreps).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
    ]);
    expect(G.restrictIrrep([2], [true, -1]).irreps[0]).toEqual([0, 0]);
    const Q = G.restrictIrrep([2], [false, -1]).changeOfBasis;
    const P = new Matrix([
      [0, 0, 0, 0, 1],
      [0, 0, 1, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 0, 0, 1, 0],
    ]);
    expect(maxAbsDifference(Q, P)).toBe(0);
    for (const [l, id] of [
      [2, 'ico'],
      [1, 'octa'],
    ] as const) {
      const r = G.restrictIrrep([l], id);
      expect(r.irreps).toEqual([[l]]);
      expect(maxAbsDifference(r.changeOfBasis, Matrix.eye(2 * l + 1))).toBe(0);
    }
    // C_3 through SO(2): frequencies 0 … 4 are 0, 1, 2 ≡ 1 (conjugate), 3 ≡ 0 (two copies), 4 ≡ 1.
    expect(G.restrictIrrep([4], [false, 3]).irreps).toEqual([[0], [1], [1], [0], [0], [1]]);
  });

  it('conjugates: Q of the id with adjoint A is D(A)ᵀ Q', () => {
    const base = G.restrictIrrep([2], [true, 3]);
    const conj = G.restrictIrrep([2], [true, 3, A]);
    expect(conj.irreps).toEqual(base.irreps);
    expect(
      maxAbsDifference(conj.changeOfBasis, G.irrep(2).at(A).transpose().mmul(base.changeOfBasis)),
    ).toBeLessThan(1e-12);
  });
});

describe('SO(3) subgroups: combined ids and errors', () => {
  const pairs: [unknown, unknown][] = [
    ['so3', [false, 4]],
    ['so3', [true, 3, A]],
    [
      ['so3', A],
      [1.1, 2],
    ],
    ['ico', 'ico'],
    [
      ['ico', A],
      [false, 1],
    ],
    [[false, -1], 6],
    [[false, 6, A], 3],
    [
      [true, -1],
      [null, 5],
    ],
    [
      [true, -1],
      [0.8, 3],
    ],
    [
      [true, -1],
      [0.8, 1],
    ],
    [
      [true, -1],
      [0.8, -1],
    ],
    [
      [true, 6],
      [2, 3],
    ],
    [
      [true, 6, A],
      [1, 1],
    ],
    [
      [1.3, 4],
      [null, 2],
    ],
  ];

  it.each(pairs)(
    'combines %j and %j into the id of the subgroup of the subgroup, with the same inclusion',
    (id1, id2) => {
      const H1 = G.subgroup(id1);
      const H2 = H1.subgroup.subgroup(id2);
      const combined = G.combineSubgroups(id1, id2);
      const map = G.subgroup(combined);
      expect(map.subgroup.equals(H2.subgroup)).toBe(true);
      for (const h of quadrature(H2.subgroup) ?? [...H2.subgroup.testingElements]) {
        expect(map.inclusion(h).equals(H1.inclusion(H2.inclusion(h)), 1e-9)).toBe(true);
      }
    },
  );

  it('drops the identity adjoint and keeps the others', () => {
    expect(G.combineSubgroups('so3', [false, 1])).toEqual([false, 1]);
    expect(G.combineSubgroups([false, -1], 4)).toEqual([false, 4]);
    expect(G.combineSubgroups([true, 8], [3, 4])).toEqual([(3 * Math.PI) / 4, 4]);
    const withA = G.combineSubgroups([false, 8, A], 4) as unknown[];
    expect(withA.slice(0, 2)).toEqual([false, 4]);
    expect(withA[2]).toBe(A);
  });

  it('rejects ids SO(3) does not have with UnknownSubgroupError, and bad irreps with UnknownIrrepError', () => {
    const O3 = o3Group(2);
    for (const id of [
      'tetra',
      'o3',
      [false, 0],
      [false, -2],
      [true, 1.5],
      [false, 'x'],
      ['so3', 1],
      [Number.NaN, 2],
      [false, 4, O3.identity],
      [true, 'ico'],
      null,
      [],
    ]) {
      expect(() => G.subgroup(id)).toThrow(UnknownSubgroupError);
    }
    expect(() => G.subgroup('tetra')).toThrow(/\[false, N\]/);
    expect(() => G.restrictIrrep([-1], [false, 4])).toThrow(UnknownIrrepError);
    expect(() => G.combineSubgroups([false, 4], 3)).toThrow(UnknownSubgroupError);
  });
});
