/**
 * The full octahedral and icosahedral groups, `C2 × O` and `C2 × I` as escnn's factories build them: names,
 * orders, element format and order, irrep ids and names, the group and irrep laws (shared kit), the
 * Clebsch–Gordan decompositions, the regular representation's decomposition, and the agreement of the irreps
 * built from Wigner D matrices with O(3)'s irreps on the same symmetries.
 */
import { describe, expect, it } from 'vitest';
import { DirectProductGroup } from './direct-product.js';
import { fullIcoGroup, fullOctaGroup } from './full-polyhedral.js';
import { icoGroup } from './icosahedral.js';
import { o3Group } from './o3.js';
import { octaGroup } from './octahedral.js';
import {
  checkClebschGordan,
  checkElementLaws,
  checkIrrepAtIdentity,
  checkIrrepLaws,
  clebschGordanDecomposition,
  FLOAT64_TIGHT_TOLERANCE,
  FLOAT64_TOLERANCE,
  maxAbsDifference,
} from './testing/index.js';

const irrepTolerances = {
  homomorphism: FLOAT64_TOLERANCE,
  orthogonality: FLOAT64_TIGHT_TOLERANCE,
  inverse: FLOAT64_TOLERANCE,
  endomorphisms: FLOAT64_TIGHT_TOLERANCE,
};

const cases = [
  { G: fullOctaGroup(), name: 'FullOctahedral', rotations: octaGroup(), wigner: [1] },
  { G: fullIcoGroup(), name: 'FullIcosahedral', rotations: icoGroup(), wigner: [1, 2] },
] as const;

describe.each(cases.map((c) => [c.name, c] as const))('%s', (name, { G, rotations, wigner }) => {
  const elements = G.elements;

  it("is escnn's direct product C2 × rotations: name, order, parametrization, element order", () => {
    expect(G).toBeInstanceOf(DirectProductGroup);
    expect(G.name).toBe(name);
    expect(G.order()).toBe(2 * rotations.order());
    expect(G.continuous).toBe(false);
    expect(G.defaultParam).toBe('[int | Q]');
    expect(G.parametrizations).toContain('[int | MAT]');
    const expected = [0, 1].flatMap((c) => rotations.elements.map((g) => [c, g.to('Q')]));
    expect(elements.map((g) => g.to('[int | Q]'))).toEqual(expected);
    expect(G.equals(name === 'FullOctahedral' ? fullOctaGroup() : fullIcoGroup())).toBe(true);
  });

  it("names the irreps as escnn, [j, l, 0] for C2's [j] and the rotations' [l], C2 outer", () => {
    const ids = [0, 1].flatMap((j) => rotations.irreps().map((psi) => [j, psi.id[0]!, 0]));
    expect(G.irreps().map((psi) => [...psi.id])).toEqual(ids);
    expect(G.irreps().map((psi) => psi.name)).toEqual(ids.map(([j, l]) => `irrep_[(${j},),(${l},)](0)`));
    expect(G.irreps().every((psi) => psi.type === 'R')).toBe(true);
  });

  it('satisfies the group and irrep laws (every element against the generators and a few others)', () => {
    const others = [...G.generators, elements[7]!, elements[elements.length - 5]!];
    for (const a of elements) {
      for (const b of others) {
        checkElementLaws(G, a, b, others[0]!, 0);
        for (const irrep of G.irreps()) checkIrrepLaws(G, irrep, a, b, irrepTolerances);
      }
    }
    for (const irrep of G.irreps()) checkIrrepAtIdentity(G, irrep);
  });

  it('has irreducible, inequivalent irreps and the regular representation holds each dim-many times', () => {
    const irreps = G.irreps();
    for (const a of irreps) {
      for (const b of irreps) {
        let mean = 0;
        for (const g of elements) mean += a.character(g) * b.character(g);
        expect(mean / G.order()).toBeCloseTo(a.equals(b) ? 1 : 0, 12);
      }
    }
    expect(irreps.reduce((s, psi) => s + psi.dimension ** 2, 0)).toBe(G.order());
  });

  it('decomposes tensor products with orthonormal Clebsch–Gordan intertwiners', () => {
    const irreps = G.irreps();
    for (const m of [irreps[1]!, irreps[irreps.length - 1]!, irreps[6]!]) {
      for (const n of irreps) {
        const decomposition = clebschGordanDecomposition(G, m, n, FLOAT64_TOLERANCE);
        for (const g of G.generators) checkClebschGordan(G, decomposition, g, FLOAT64_TOLERANCE);
      }
    }
  });

  it("agrees with O(3)'s irreps [j, l] where escnn builds them from Wigner D (a subgroup of O(3))", () => {
    const O3 = o3Group(2);
    for (const g of elements) {
      const [c, q] = g.to('[int | Q]') as [number, number[]];
      const h = O3.element([c, q], 'Q');
      for (const j of [0, 1]) {
        for (const l of wigner) {
          const error = maxAbsDifference(G.irrep(j, l, 0).at(g), O3.irrep(j, l).at(h));
          expect(error).toBeLessThanOrEqual(FLOAT64_TIGHT_TOLERANCE);
        }
      }
    }
  });
});
