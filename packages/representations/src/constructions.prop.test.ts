/**
 * Properties every construction must satisfy, on random elements of every planar group.
 */
import {
  cyclicGroup,
  dihedralGroup,
  type Group,
  o2Group,
  so2Group,
  uniformStream,
} from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  blQuotientRepresentation,
  blRegularRepresentation,
  changeBasis,
  directSum,
  disentangle,
  homomorphismBasis,
  inducedRepresentation,
  quotientRepresentation,
  type Representation,
  regularRepresentation,
  restrict,
  spectralQuotientRepresentation,
  spectralRegularRepresentation,
  tensorProduct,
} from './index.js';
import { FC_PARAMS, MAX_SEED, sampleElement } from './test-utils.js';

const TOL = 1e-9;

interface Case {
  readonly G: Group;
  /** representations to check, built lazily */
  readonly reps: () => Representation[];
  /** subgroup ids to restrict to */
  readonly subgroups: readonly unknown[];
}

/** `2I + U`, `U` uniform in `[-0.5, 0.5)` entrywise from `seed`. */
function randomInvertible(n: number, seed: number): Matrix {
  const uniform = uniformStream(seed);
  const rand = () => uniform() - 0.5;
  const m = Matrix.eye(n).mul(2);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, m.get(i, j) + rand());
  return m;
}

function common(G: Group): Representation[] {
  const irreps = G.irreps();
  const sum = directSum([irreps[1]!, irreps[0]!, irreps[irreps.length - 1]!]);
  return [
    sum,
    changeBasis(sum, randomInvertible(sum.size, 7), 'random-basis'),
    tensorProduct(irreps[1]!, irreps[irreps.length - 1]!),
    tensorProduct(sum, irreps[1]!),
  ];
}

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

describe.each(cases)('constructions on %s', (_name, c) => {
  const { G } = c;
  const reps = c.reps();
  const g = fc.integer({ min: 0, max: MAX_SEED }).map(sampleElement(G));

  it('are homomorphisms: rho(gh) = rho(g) rho(h)', () => {
    for (const rho of reps) {
      fc.assert(
        fc.property(g, g, (a, b) => maxAbsDifference(rho.at(a.combine(b)), rho.at(a).mmul(rho.at(b))) < TOL),
        FC_PARAMS,
      );
    }
  });

  it('decompose as rho(g) = Q (⊕ psi_i(g)) Q^-1', () => {
    for (const rho of reps) {
      expect(
        maxAbsDifference(rho.changeOfBasis.mmul(rho.changeOfBasisInv), Matrix.eye(rho.size)),
      ).toBeLessThan(TOL);
      fc.assert(
        fc.property(
          g,
          (a) =>
            maxAbsDifference(rho.at(a), rho.changeOfBasis.mmul(rho.blocks(a)).mmul(rho.changeOfBasisInv)) <
            TOL,
        ),
        FC_PARAMS,
      );
    }
  });

  it('have class-function characters: chi(h g h^-1) = chi(g) = tr rho(g)', () => {
    for (const rho of reps) {
      fc.assert(
        fc.property(g, g, (a, h) => {
          const conj = h.combine(a).combine(h.inverse());
          const tr = rho.at(a).trace();
          return (
            Math.abs(rho.character(conj) - rho.character(a)) < TOL && Math.abs(rho.character(a) - tr) < TOL
          );
        }),
        FC_PARAMS,
      );
    }
  });

  it('restrict compatibly with the inclusion: Res rho(h) = rho(inclusion(h))', () => {
    for (const id of c.subgroups) {
      const map = G.subgroup(id);
      const h = fc.integer({ min: 0, max: MAX_SEED }).map(sampleElement(map.subgroup));
      for (const rho of reps) {
        const res = restrict(rho, id);
        expect(res.group.equals(map.subgroup)).toBe(true);
        expect(res.size).toBe(rho.size);
        expect(res.name).toBe(`${G.name}:${rho.name}`);
        expect(restrict(rho, id)).toBe(res); // memoized inside rho
        fc.assert(
          fc.property(
            h,
            (x) =>
              maxAbsDifference(res.at(x), rho.at(map.inclusion(x))) < TOL &&
              maxAbsDifference(res.at(x), res.changeOfBasis.mmul(res.blocks(x)).mmul(res.changeOfBasisInv)) <
                TOL,
          ),
          { ...FC_PARAMS, numRuns: Math.min(FC_PARAMS.numRuns, 10) },
        );
      }
    }
  });

  it('have intertwiners commuting with both representations', () => {
    const pairs: [Representation, Representation][] = [];
    for (let i = 0; i < Math.min(reps.length, 3); i++)
      for (let j = 0; j < 3; j++) pairs.push([reps[i]!, reps[j]!]);
    for (const [rin, rout] of pairs) {
      const basis = homomorphismBasis(rin, rout);
      // dimension = Σ over common irreps of m_in · m_out · s(psi)
      let dim = 0;
      for (const irr of G.irreps()) {
        dim += rin.multiplicity(irr.id) * rout.multiplicity(irr.id) * irr.endomorphismBasis().length;
      }
      expect(basis.length).toBe(dim);
      fc.assert(
        fc.property(g, (a) =>
          basis.every((H) => maxAbsDifference(H.mmul(rin.at(a)), rout.at(a).mmul(H)) < 1e-8),
        ),
        { ...FC_PARAMS, numRuns: Math.min(FC_PARAMS.numRuns, 10) },
      );
    }
  });

  it('disentangle into blocks recombined by a permutation', () => {
    for (const rho of reps) {
      const { changeOfBasis: P, representations } = disentangle(rho);
      expect(maxAbsDifference(P.mmul(P.transpose()), Matrix.eye(rho.size))).toBe(0);
      const sum = directSum(representations);
      fc.assert(
        fc.property(g, (a) => maxAbsDifference(P.mmul(rho.at(a)).mmul(P.transpose()), sum.at(a)) < TOL),
        { ...FC_PARAMS, numRuns: Math.min(FC_PARAMS.numRuns, 10) },
      );
    }
  });
});

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
