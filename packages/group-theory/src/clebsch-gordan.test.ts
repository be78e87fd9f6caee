/**
 * Clebsch–Gordan coefficients and tensor-product decompositions: for every pair of irreps the CG matrices
 * of the decomposition, side by side, form an orthogonal matrix that block-diagonalizes `psi_m ⊗ psi_n`;
 * the closed forms of C_N and SO(2) reproduce escnn's coefficients; the intertwiner solver obeys Schur.
 */
import { describe, expect, it } from 'vitest';
import { cyclicGroup, trivialGroup } from './cyclic.js';
import { dihedralGroup } from './dihedral.js';
import type { Group } from './group.js';
import { kron } from './internal/clebsch-gordan.js';
import { intertwinerBasis, sylvesterNullSpace } from './intertwiner.js';
import { o2Group } from './o2.js';
import { so2Group } from './so2.js';
import {
  checkClebschGordan,
  clebschGordanDecomposition,
  FLOAT64_TOLERANCE,
  maxAbsDifference,
} from './testing/index.js';

const groups: Group[] = [
  trivialGroup(),
  cyclicGroup(2),
  cyclicGroup(5),
  cyclicGroup(8),
  dihedralGroup(1),
  dihedralGroup(3),
  dihedralGroup(4),
  dihedralGroup(6),
  so2Group(3),
  o2Group(3),
];

describe.each(groups.map((G) => [G.name, G] as const))('Clebsch–Gordan of %s', (_, G) => {
  it('decomposes every tensor product of irreps with an orthogonal change of basis', () => {
    const elements = G.continuous ? G.sample(8, { seed: 3 }) : G.elements;
    for (const m of G.irreps()) {
      for (const n of G.irreps()) {
        // shapes dm·dn × (multiplicity · dim psi_j), dm·dn columns in all, QᵀQ = I
        const decomposition = clebschGordanDecomposition(G, m, n, FLOAT64_TOLERANCE);
        expect(decomposition.Q.rows).toBe(m.dimension * n.dimension);
        for (const g of elements) checkClebschGordan(G, decomposition, g, FLOAT64_TOLERANCE);
      }
    }
  });

  it('returns no columns for an irrep absent from the product', () => {
    const irreps = G.irreps();
    for (const m of irreps) {
      for (const n of irreps) {
        const present = new Set(G.tensorProductIrreps(m.id, n.id).map((t) => t.id.join(',')));
        for (const j of irreps)
          if (!present.has(j.id.join(','))) expect(G.clebschGordan(m.id, n.id, j.id).columns).toBe(0);
      }
    }
  });
});

describe('closed forms follow escnn', () => {
  it('orders decompositions as escnn', () => {
    const ids = (G: Group, m: number[], n: number[]) =>
      G.tensorProductIrreps(m, n).map((t) => [[...t.id], t.multiplicity]);
    expect(ids(so2Group(), [2], [2])).toEqual([
      [[0], 2],
      [[4], 1],
    ]);
    expect(ids(so2Group(), [3], [1])).toEqual([
      [[2], 1],
      [[4], 1],
    ]);
    expect(ids(cyclicGroup(8), [3], [2])).toEqual([
      [[1], 1],
      [[3], 1],
    ]);
    expect(ids(cyclicGroup(8), [2], [2])).toEqual([
      [[0], 2],
      [[4], 2],
    ]);
    expect(ids(dihedralGroup(4), [1, 1], [1, 1])).toEqual([
      [[0, 0], 1],
      [[1, 0], 1],
      [[1, 2], 1],
      [[0, 2], 1],
    ]);
    expect(ids(o2Group(), [1, 2], [1, 2])).toEqual([
      [[0, 0], 1],
      [[1, 0], 1],
      [[1, 4], 1],
    ]);
    expect(ids(o2Group(), [1, 1], [1, 3])).toEqual([
      [[1, 2], 1],
      [[1, 4], 1],
    ]);
  });

  it("reproduces escnn's SO(2) coefficients (kron row order a·2+b)", () => {
    const s = 1 / Math.sqrt(2);
    // escnn: [[1,0,1,0],[0,1,0,1],[0,-1,0,1],[1,0,-1,0]]/√2 reshaped [n, m, s, j] and transposed to [m, n, s, j].
    expect(so2Group().clebschGordan([1], [1], [0]).to2DArray()).toEqual([
      [s, 0],
      [0, -s],
      [0, s],
      [s, 0],
    ]);
    expect(so2Group().clebschGordan([2], [1], [3]).to2DArray()).toEqual([
      [s, 0],
      [0, s],
      [0, s],
      [-s, 0],
    ]);
    expect(so2Group().clebschGordan([1], [2], [1]).to2DArray()).toEqual([
      [s, -0],
      [0, s],
      [0, -s],
      [s, -0],
    ]);
  });
});

describe('intertwiner solver', () => {
  it("obeys Schur's lemma: the intertwiners of irreps are their endomorphisms", () => {
    for (const G of [cyclicGroup(6), dihedralGroup(5), so2Group(3), o2Group(3)]) {
      for (const a of G.irreps()) {
        for (const b of G.irreps()) {
          const basis = intertwinerBasis(a, b);
          expect(basis).toHaveLength(a.equals(b) ? a.endomorphismBasis().length : 0);
          for (const X of basis) {
            for (const g of G.testingElements.slice(0, 10)) {
              expect(maxAbsDifference(X.mmul(a.at(g)), b.at(g).mmul(X))).toBeLessThan(1e-9);
            }
          }
        }
      }
    }
  });

  it('returns an orthonormal basis and the full space without constraints', () => {
    const G = cyclicGroup(4);
    const rho = (g: ReturnType<typeof G.element>) => kron(G.irrep(1).at(g), G.irrep(1).at(g));
    const basis = sylvesterNullSpace(G.generators.map(rho), G.generators.map(rho));
    // For C4, psi_1 ⊗ psi_1 = 2·psi_0 ⊕ 2·psi_2, whose endomorphisms are 2² + 2² = 8 dimensional.
    expect(basis).toHaveLength(8);
    for (const X of basis)
      for (const Y of basis) {
        const dot = X.clone().mul(Y).sum();
        expect(dot).toBeCloseTo(X === Y ? 1 : 0, 12);
      }
    expect(sylvesterNullSpace([], [])).toHaveLength(0);
  });

  it('rejects representations of different groups', () => {
    expect(() => intertwinerBasis(cyclicGroup(4).irrep(1), cyclicGroup(5).irrep(1))).toThrow(
      /belongs to C5, expected C4/,
    );
  });
});
