/**
 * Properties every construction must satisfy, on random elements of every planar group.
 */
import { cyclicGroup, dihedralGroup, o2Group, so2Group } from '@steerable/group-theory';
import { describe, expect, it } from 'vitest';
import {
  blQuotientRepresentation,
  blRegularRepresentation,
  inducedRepresentation,
  quotientRepresentation,
  regularRepresentation,
  spectralQuotientRepresentation,
  spectralRegularRepresentation,
} from './index.js';
import { type Case, common, describeConstructionProperties } from './test-constructions.js';

const cases: [string, Case][] = [
  [
    'C5',
    {
      G: cyclicGroup(5),
      reps: () => {
        const G = cyclicGroup(5);
        return [regularRepresentation(G), quotientRepresentation(G, 1), ...common(G)];
      },
      subgroups: [1, 5],
    },
  ],
  [
    'C8',
    {
      G: cyclicGroup(8),
      reps: () => {
        const G = cyclicGroup(8);
        return [
          regularRepresentation(G),
          quotientRepresentation(G, 2),
          quotientRepresentation(G, 4),
          inducedRepresentation(G, 4, cyclicGroup(4).irrep(1)),
          ...common(G),
        ];
      },
      subgroups: [2, 4],
    },
  ],
  [
    'D3',
    {
      G: dihedralGroup(3),
      reps: () => {
        const G = dihedralGroup(3);
        return [
          regularRepresentation(G),
          quotientRepresentation(G, [null, 3]),
          quotientRepresentation(G, [0, 1]),
          inducedRepresentation(G, [null, 3], cyclicGroup(3).irrep(1)),
          ...common(G),
        ];
      },
      subgroups: [
        [null, 3],
        [0, 1],
        [1, 1],
        [null, 1],
      ],
    },
  ],
  [
    'D4',
    {
      G: dihedralGroup(4),
      reps: () => {
        const G = dihedralGroup(4);
        return [
          regularRepresentation(G),
          quotientRepresentation(G, [null, 2]),
          quotientRepresentation(G, [0, 2]),
          quotientRepresentation(G, [1, 1]),
          inducedRepresentation(G, [0, 2], dihedralGroup(2).irrep(1, 1)),
          inducedRepresentation(G, [null, 4], cyclicGroup(4).irrep(1)),
          spectralRegularRepresentation(G, G.irreps()),
          ...common(G),
        ];
      },
      subgroups: [
        [null, 4],
        [null, 2],
        [0, 2],
        [1, 2],
        [0, 1],
        [1, 1],
      ],
    },
  ],
  [
    'SO(2)',
    {
      G: so2Group(4),
      reps: () => {
        const G = so2Group(4);
        return [blRegularRepresentation(G, 3), ...common(G)];
      },
      subgroups: [4, 3, 1, -1],
    },
  ],
  [
    'O(2)',
    {
      G: o2Group(4),
      reps: () => {
        const G = o2Group(4);
        return [
          blRegularRepresentation(G, 2),
          inducedRepresentation(G, [null, -1], so2Group(4).irrep(2)),
          quotientRepresentation(G, [null, -1]),
          blQuotientRepresentation(G, 2, [0, 1]),
          spectralQuotientRepresentation(
            G,
            [null, 2],
            [
              [0, 0],
              [1, 2],
            ],
          ),
          ...common(G),
        ];
      },
      subgroups: [
        [null, -1],
        [null, 4],
        [0, 1],
        [0, 3],
        [0.7, 2],
        [1.1, -1],
      ],
    },
  ],
];

describeConstructionProperties(cases);

describe('induced representations', () => {
  it('have dimension index × dim psi (finite groups)', () => {
    const D4 = dihedralGroup(4);
    const cases: [unknown, number][] = [
      [[null, 4], 2],
      [[0, 2], 2],
      [[null, 2], 4],
      [[1, 1], 4],
      [[null, 1], 8],
    ];
    for (const [id, index] of cases) {
      const H = D4.subgroup(id).subgroup;
      for (const psi of H.irreps()) {
        const ind = inducedRepresentation(D4, id, psi);
        expect(ind.size).toBe(index * psi.size);
        expect(H.order() * index).toBe(D4.order());
      }
    }
  });

  it('has dimension 2 × dim psi from SO(2) to O(2)', () => {
    const O2 = o2Group(5);
    for (const psi of so2Group(5).irreps()) {
      expect(inducedRepresentation(O2, [null, -1], psi).size).toBe(2 * psi.size);
    }
  });
});
