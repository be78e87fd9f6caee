/**
 * The octahedral and icosahedral groups' subgroups by escnn's ids: the groups escnn returns, placed about
 * escnn's axes, inclusion and restriction as inverse homomorphisms, adjoints, every irrep's restriction
 * (multiplicities from characters, blocks by id, `ρ(incl(h)) Q = Q ⊕ψ_i(h)`), combined ids and typed errors.
 */
import { describe, expect, it } from 'vitest';
import type { GroupElement } from './element.js';
import { UnknownIrrepError, UnknownSubgroupError } from './errors.js';
import type { Group } from './group.js';
import { icoGroup } from './icosahedral.js';
import { compareIds } from './internal/decompose.js';
import { octaGroup } from './octahedral.js';
import { so3Group } from './so3.js';
import {
  countIds,
  expectedMultiplicities,
  restrictionError,
  subgroupMapError,
} from './test-so3-subgroups.js';
import { maxAbsDifference } from './testing/index.js';

const PHI = (1 + Math.sqrt(5)) / 2;
const S3 = 1 / Math.sqrt(3);

/** The rotation by `angle` about the unit `axis` as a quaternion `[x, y, z, w]`. */
function rotation(axis: readonly number[], angle: number): number[] {
  const n = Math.hypot(...axis);
  return [...axis.map((a) => (a / n) * Math.sin(angle / 2)), Math.cos(angle / 2)];
}

/** escnn's `change_axis` of `[true, 1]`: 2π/3 about (1, 1, −1). */
const CHANGE_AXIS = rotation([1, 1, -1], (2 * Math.PI) / 3);

interface Case {
  readonly G: Group;
  readonly self: string;
  /** escnn's C_N: N and the axis. */
  readonly axes: [number, number[]][];
  /** An element used as adjoint. */
  readonly A: GroupElement;
  /** Ids escnn rejects or does not implement. */
  readonly unknown: unknown[];
}

const octa = octaGroup();
const ico = icoGroup();
const CASES: [string, Case][] = [
  [
    'Octahedral',
    {
      G: octa,
      self: 'octa',
      axes: [
        [2, [0, 0, 1]],
        [3, [S3, S3, S3]],
        [4, [0, 0, 1]],
      ],
      A: octa.elements[11]!,
      unknown: [[false, 5], [true, 2], [true, 4], 'tetra', 'ico'],
    },
  ],
  [
    'Icosahedral',
    {
      G: ico,
      self: 'ico',
      axes: [
        [2, [0, 0, 1]],
        [3, [S3, S3, S3]],
        [5, [PHI, 0, 1]],
      ],
      A: ico.elements[7]!,
      unknown: [[false, 4], [true, 2], [true, 5], 'tetra', 'octa'],
    },
  ],
];

describe.each(CASES)('%s subgroups', (_name, { G, self, axes, A, unknown }) => {
  const ids: unknown[] = [
    self,
    [self],
    [false, 1],
    [true, 1],
    ...axes.map(([n]) => [false, n]),
    [self, A],
    [true, 1, A],
    ...axes.map(([n]) => [false, n, A]),
  ];
  /** escnn's subgroup order for an id: the group, C_1, the C_2 of [true, 1], C_N. */
  const orderOf = (id: unknown): number => {
    const parts = Array.isArray(id) ? id : [id];
    if (parts[0] === self) return G.order();
    return parts[0] === true ? 2 : (parts[1] as number);
  };

  it.each(ids)('%j: inclusion and restriction are inverse homomorphisms, null off the subgroup', (id) => {
    const map = G.subgroup(id);
    const H = map.subgroup;
    expect(H.order()).toBe(orderOf(id));
    expect(H === G || H.name === `C${orderOf(id)}`).toBe(true);
    const points = [...H.elements];
    expect(subgroupMapError(map, points)).toBe(0);
    // exactly |H| elements of G restrict to H, and they are the images of the inclusion
    const hits = G.elements.filter((g) => map.restriction(g) !== null);
    expect(hits).toHaveLength(H.order());
    for (const g of hits) expect(map.inclusion(map.restriction(g)!).equals(g)).toBe(true);
  });

  it("places C_N about escnn's axis, [true, 1] as escnn's C_2 conjugated by its change of axis", () => {
    for (const [n, axis] of axes) {
      const map = G.subgroup([false, n]);
      const expected = G.element(rotation(axis, (2 * Math.PI) / n), 'Q');
      expect(map.inclusion(map.subgroup.element(1)).equals(expected)).toBe(true);
      const conj = G.subgroup([false, n, A]);
      const h = conj.subgroup.element(1);
      expect(conj.inclusion(h).equals(A.inverse().combine(expected).combine(A))).toBe(true);
    }
    const C = G.element(CHANGE_AXIS, 'Q');
    const flip = G.subgroup([true, 1]);
    const zFlip = G.element(rotation([0, 0, 1], Math.PI), 'Q');
    expect(flip.inclusion(flip.subgroup.element(1)).equals(C.inverse().combine(zFlip).combine(C))).toBe(true);
    expect(flip.inclusion(flip.subgroup.element(1)).equals(zFlip)).toBe(false);
    const id = flip.id as unknown[];
    expect(id.slice(0, 2)).toEqual([false, 2]);
    expect((id[2] as GroupElement).equals(C)).toBe(true);
    expect(G.subgroup([self]).id).toBe(self);
    expect(G.subgroup([false, 3]).id).toEqual([false, 3]);
  });

  it.each(ids)(
    "%j: every irrep restricts to the characters' multiplicities, blocks by id, Q intertwining",
    (id) => {
      const map = G.subgroup(id);
      const points = [...map.subgroup.elements];
      for (const irrep of G.irreps()) {
        const r = restrictionError(G, irrep.id, id, points);
        expect(r.intertwining).toBeLessThan(1e-9);
        expect(r.orthogonality).toBeLessThan(1e-9);
        const expected = expectedMultiplicities(G, irrep.id, map, points);
        expect(expected.filled).toBe(irrep.dimension);
        expect(countIds(r.irreps)).toEqual(expected.counts);
        expect(r.irreps).toEqual([...r.irreps].sort(compareIds));
      }
    },
  );

  it('conjugates: Q of the id with adjoint A is ρ(A)ᵀ Q', () => {
    for (const irrep of G.irreps()) {
      const [n] = axes[axes.length - 1]!;
      const base = G.restrictIrrep(irrep.id, [false, n]);
      const conj = G.restrictIrrep(irrep.id, [false, n, A]);
      expect(conj.irreps).toEqual(base.irreps);
      expect(
        maxAbsDifference(conj.changeOfBasis, irrep.at(A).transpose().mmul(base.changeOfBasis)),
      ).toBeLessThan(1e-12);
    }
  });

  const pairs: [unknown, unknown][] = [
    [self, [false, 3]],
    [self, [true, 1]],
    [
      [self, A],
      [false, 2, A],
    ],
    [
      [self, A],
      [false, 1],
    ],
    ...axes.map(([n]): [unknown, unknown] => [[false, n, A], n]),
    ...axes.map(([n]): [unknown, unknown] => [[false, n], 1]),
  ];

  it.each(pairs)(
    'combines %j and %j into the id of the subgroup of the subgroup, same inclusion',
    (id1, id2) => {
      const H1 = G.subgroup(id1);
      const H2 = H1.subgroup.subgroup(id2);
      const map = G.subgroup(G.combineSubgroups(id1, id2));
      expect(map.subgroup.equals(H2.subgroup)).toBe(true);
      for (const h of H2.subgroup.elements) {
        expect(map.inclusion(h).equals(H1.inclusion(H2.inclusion(h)))).toBe(true);
      }
    },
  );

  it('rejects ids it does not have with UnknownSubgroupError, bad irreps with UnknownIrrepError', () => {
    const other = G === octa ? ico : octa;
    for (const id of [
      ...unknown,
      [false, 0],
      [false, 2.5],
      [false, 'x'],
      [true, 1, 'x'],
      [false, 2, other.identity],
      [false, 2, so3Group(1).identity],
      [self, 1],
      null,
      [],
    ]) {
      expect(() => G.subgroup(id)).toThrow(UnknownSubgroupError);
    }
    expect(() => G.subgroup('tetra')).toThrow(/\[false, N\]/);
    expect(() => G.restrictIrrep([7], [false, 2])).toThrow(UnknownIrrepError);
    expect(() => G.combineSubgroups([false, 2], 3)).toThrow(UnknownSubgroupError);
  });
});

describe('the octahedral C_2 inside C_4', () => {
  it('combines to [false, 2] about the same axis, the adjoint kept', () => {
    const A = octa.elements[5]!;
    expect(octa.combineSubgroups([false, 4], 2)).toEqual([false, 2]);
    const withA = octa.combineSubgroups([false, 4, A], 2) as unknown[];
    expect(withA.slice(0, 2)).toEqual([false, 2]);
    expect(withA[2]).toBe(A);
  });
});
