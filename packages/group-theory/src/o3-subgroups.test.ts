/**
 * O(3)'s subgroups by escnn's ids, the fourteen R³ gspaces' first (escnn's `escnn/gspaces/r3.py`): the groups
 * escnn returns, inclusion and restriction as inverse homomorphisms, every irrep's restriction (multiplicities
 * from characters, `ρ(incl(h)) Q = Q ⊕ψ_i(h)`, escnn's closed forms and block order), combined ids and typed
 * errors.
 */
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

const L = 3;
const G = o3Group(L);
const A = G.element([1, [0.3, -0.2, 0.5]], 'EV');
const PI = Math.PI;

/** escnn's `sg_id` of each R³ gspace (default arguments, and an `n` variant), and the subgroup's name. */
const GSPACE_IDS: [string, unknown, string][] = [
  ['rot3dOnR3', 'so3', 'SO(3)'],
  ['flipRot3dOnR3', 'o3', 'O(3)'],
  ['icoOnR3', [false, 'ico'], 'Icosahedral'],
  ['fullIcoOnR3', [true, 'ico'], 'FullIcosahedral'],
  ['octaOnR3', [false, 'octa'], 'Octahedral'],
  ['fullOctaOnR3', [true, 'octa'], 'FullOctahedral'],
  ['dihedralOnR3()', [false, PI, -1], 'O(2)'],
  ['dihedralOnR3(4)', [false, PI, 4], 'D4'],
  ['rot2dOnR3()', [false, false, -1], 'SO(2)'],
  ['rot2dOnR3(6)', [false, false, 6], 'C6'],
  ['conicalOnR3()', ['cone', PI, -1], 'O(2)'],
  ['conicalOnR3(3)', ['cone', PI, 3], 'D3'],
  ['fullCylindricalOnR3()', [true, PI / 2, -1], 'FullCylindrical'],
  ['fullCylindricalOnR3(4)', [true, PI / 2, 4], 'FullCylindricalDiscrete'],
  ['cylindricalOnR3()', [true, false, -1], 'Cylindrical'],
  ['cylindricalOnR3(3)', [true, false, 3], 'CylindricalDiscrete'],
  ['mirOnR3', ['cone', PI, 1], 'C2'],
  ['invOnR3', [true, false, 1], 'C2'],
  ['trivialOnR3', [false, false, 1], 'C1'],
];

/** More ids: escnn's other forms, and conjugates. */
const MORE_IDS: [string, unknown, string][] = [
  ['O(2) about x', [false, true, -1], 'O(2)'],
  ['the π rotation about x', [false, true, 1], 'C2'],
  ['Klein four', [true, false, 2], 'Klein4'],
  ['cone D_N', ['cone', 4], 'D4'],
  ['mirror across xz', ['cone', 1], 'C2'],
  ['C_2 × O(2) about x', [true, true, -1], 'FullCylindrical'],
  ['conjugated I_h', [true, 'ico', A], 'FullIcosahedral'],
  ['conjugated cone', ['cone', 0.4, 3, A], 'D3'],
  ['conjugated SO(2) × C_2', [true, false, -1, A], 'Cylindrical'],
  ['conjugated D_3', [false, 0.9, 3, A], 'D3'],
  ['conjugated O(3)', ['o3', A], 'O(3)'],
];

const IRREPS = G.irreps().map((p) => p.id);

describe('O(3) subgroups of the R³ gspaces: groups and maps', () => {
  it.each([...GSPACE_IDS, ...MORE_IDS])(
    '%s %j is the group escnn returns; inclusion and restriction are inverse homomorphisms',
    (_, id, name) => {
      const map = G.subgroup(id);
      expect(map.subgroup.name).toBe(name);
      const points = quadrature(map.subgroup) ?? [...map.subgroup.testingElements];
      expect(subgroupMapError(map, points)).toBe(0);
      // A generic rotation lies in SO(3) and O(3) only.
      const generic = map.restriction(G.element([0, [0.11, 0.37, -0.23]], 'EV'));
      expect(generic === null).toBe(!name.endsWith('(3)'));
    },
  );

  it('places the inversions, mirrors and cones where escnn does', () => {
    const inv = G.subgroup([true, false, 1]);
    expect(inv.inclusion(inv.subgroup.element(1)).equals(G.inversion)).toBe(true);
    expect(G.subgroup([true, false, 1, A]).inclusion(inv.subgroup.element(1)).equals(G.inversion)).toBe(true);
    expect(G.subgroup([false, false, 4]).restriction(G.inversion)).toBeNull();
    expect(G.subgroup([true, false, 4]).restriction(G.inversion)).not.toBeNull();
    // ['cone', 1]: the mirror −Ry(π) = diag(1, −1, 1); mirOnR3's ['cone', π, 1] conjugates it by Rz(π/2).
    const std = G.standardRepresentation();
    const mirror = G.subgroup(['cone', 1]);
    const m = std.at(mirror.inclusion(mirror.subgroup.element(1)));
    expect([m.get(0, 0), m.get(1, 1), m.get(2, 2)].map(Math.round)).toEqual([1, -1, 1]);
    const mir = G.subgroup(['cone', PI, 1]);
    const x = std.at(mir.inclusion(mir.subgroup.element(1)));
    expect([x.get(0, 0), x.get(1, 1), x.get(2, 2)].map(Math.round)).toEqual([-1, 1, 1]);
  });
});

describe('O(3) subgroups of the R³ gspaces: restricted irreps', () => {
  it.each([...GSPACE_IDS, ...MORE_IDS])(
    "%s %j: every irrep restricts to the characters' multiplicities, Q orthogonal and intertwining",
    (_, id) => {
      const map = G.subgroup(id);
      const points = quadrature(map.subgroup);
      for (const irrep of IRREPS) {
        const r = restrictionError(G, irrep, id, points ?? [...map.subgroup.testingElements]);
        expect(r.intertwining).toBeLessThan(1e-9);
        expect(r.orthogonality).toBeLessThan(1e-9);
        if (points === null) continue;
        const expected = expectedMultiplicities(G, irrep, map, points);
        expect(expected.filled).toBe(2 * irrep[1]! + 1);
        expect(countIds(r.irreps)).toEqual(expected.counts);
        if (!map.subgroup.continuous && !/^(C|D)\d+$/.test(map.subgroup.name) && map.subgroup.order() > 2) {
          // escnn's numerical decomposition lists the blocks by id.
          expect(r.irreps).toEqual([...r.irreps].sort(compareIds));
        }
      }
    },
  );

  it("restricts SO(3)'s subgroups as SO(3) does, and uses escnn's closed forms", () => {
    const S = so3Group(L);
    for (const [o3Id, so3Id] of [
      ['so3', 'so3'],
      [[false, 'ico'], 'ico'],
      [
        [false, false, -1],
        [false, -1],
      ],
      [
        [false, PI, 4],
        [PI, 4],
      ],
    ] as const) {
      for (const l of [0, 1, 2, 3]) {
        for (const j of [0, 1]) {
          const a = G.restrictIrrep([j, l], o3Id);
          const b = S.restrictIrrep([l], so3Id);
          expect(a.irreps).toEqual(b.irreps);
          expect(a.changeOfBasis.to2DArray()).toEqual(b.changeOfBasis.to2DArray());
        }
      }
    }
    expect(G.restrictIrrep([1, 2], [true, false, 1]).irreps).toEqual([[1], [1], [1], [1], [1]]);
    expect(G.restrictIrrep([1, 2], ['cone', -1]).irreps).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(G.restrictIrrep([0, 2], ['cone', -1]).irreps[0]).toEqual([0, 0]);
    expect(G.restrictIrrep([1, 1], 'o3').irreps).toEqual([[1, 1]]);
  });
});

describe('O(3) subgroups: combined ids and errors', () => {
  const pairs: [unknown, unknown][] = [
    ['o3', [true, 'octa']],
    [
      ['o3', A],
      ['cone', 0.5, 2],
    ],
    ['so3', [true, 3]],
    [
      [false, 'ico'],
      [false, 1],
    ],
    [
      [false, PI, 4],
      [1, 2],
    ],
    [
      [true, 'ico'],
      [1, 'ico'],
    ],
    [
      [true, 'octa', A],
      [2, [false, 1]],
    ],
    [
      [true, false, -1],
      [2, 4],
    ],
    [
      [true, false, -1],
      [1, -1],
    ],
    [
      [true, false, 6],
      [2, 3],
    ],
    [
      [true, PI / 2, -1],
      [2, [0.6, 3]],
    ],
    [
      [true, PI / 2, -1, A],
      [1, [null, 5]],
    ],
    [
      [true, true, 4],
      [2, [1, 2]],
    ],
    [
      [true, true, 4],
      [2, [3, 1]],
    ],
    [
      ['cone', -1],
      [null, 4],
    ],
    [
      ['cone', -1],
      [0.7, 3],
    ],
    [
      ['cone', PI, -1, A],
      [1.9, 1],
    ],
    [
      ['cone', 6],
      [2, 3],
    ],
  ];

  it.each(pairs)(
    'combines %j and %j into the id of the subgroup of the subgroup, with the same inclusion',
    (id1, id2) => {
      const H1 = G.subgroup(id1);
      const H2 = H1.subgroup.subgroup(id2);
      const map = G.subgroup(G.combineSubgroups(id1, id2));
      expect(map.subgroup.equals(H2.subgroup)).toBe(true);
      for (const h of quadrature(H2.subgroup) ?? [...H2.subgroup.testingElements]) {
        expect(map.inclusion(h).equals(H1.inclusion(H2.inclusion(h)), 1e-9)).toBe(true);
      }
    },
  );

  it('writes combined ids in escnn form, without an identity adjoint', () => {
    expect(G.combineSubgroups('o3', [false, false, 4])).toEqual([false, false, 4]);
    expect(G.combineSubgroups('so3', [false, -1])).toEqual([false, false, -1]);
    expect(G.combineSubgroups([true, false, -1], [2, 4])).toEqual([true, false, 4]);
    expect(G.combineSubgroups([true, false, 6], [2, 1])).toEqual([true, false, 1]);
    expect(G.combineSubgroups(['cone', -1], [null, 4])).toEqual([false, false, 4]);
    expect(G.combineSubgroups('o3', 'o3')).toBe('o3');
  });

  it('rejects ids O(3) does not have with UnknownSubgroupError, and bad irreps with UnknownIrrepError', () => {
    for (const id of [
      'fulltetra',
      'tetra',
      [true, 'tetra'],
      [false, 1],
      [true, false, 0],
      [false, true, -3],
      [false, 'x', 2],
      ['cone', 0],
      ['cone', 2.5],
      ['cone', 'x', 2],
      [null, false, 2],
      [false, false, 4, so3Group(1).identity],
      [],
    ]) {
      expect(() => G.subgroup(id)).toThrow(UnknownSubgroupError);
    }
    expect(() => G.restrictIrrep([2, 1], 'so3')).toThrow(UnknownIrrepError);
    expect(() => G.combineSubgroups([true, false, -1], 3)).toThrow(UnknownSubgroupError);
  });
});
