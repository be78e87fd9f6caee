/**
 * The octahedral and icosahedral groups: group laws and irrep laws at every pair of elements (the shared kit),
 * irreducibility and inequivalence by characters, the splitting of SO(3)'s Wigner D matrices escnn documents,
 * Clebsch–Gordan decompositions from the numerical solver, parametrizations, sampling, grids, subgroups and the
 * typed errors.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnknownIrrepError, UnknownSubgroupError } from './errors.js';
import { Icosahedral, icoGroup } from './icosahedral.js';
import { Octahedral, octaGroup } from './octahedral.js';
import { so3Group } from './so3.js';
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

const groups = [octaGroup(), icoGroup()] as const;

const irrepTolerances = {
  homomorphism: FLOAT64_TOLERANCE,
  orthogonality: FLOAT64_TIGHT_TOLERANCE,
  inverse: FLOAT64_TOLERANCE,
  endomorphisms: FLOAT64_TIGHT_TOLERANCE,
};

describe.each(groups.map((G) => [G.name, G] as const))('%s', (_, G) => {
  const elements = G.elements;

  it('satisfies the group axioms at every pair of elements (associativity with a generator)', () => {
    for (const a of elements) {
      for (const b of elements) {
        for (const c of G.generators) checkElementLaws(G, a, b, c, 0);
      }
    }
  });

  it('represents every product by the product of orthogonal matrices in every irrep', () => {
    for (const irrep of G.irreps()) {
      checkIrrepAtIdentity(G, irrep);
      for (const a of elements) for (const b of elements) checkIrrepLaws(G, irrep, a, b, irrepTolerances);
    }
  });

  it('has irreducible, pairwise inequivalent real irreps whose squared dimensions sum to the order', () => {
    const irreps = G.irreps();
    for (const a of irreps) {
      for (const b of irreps) {
        let mean = 0;
        for (const g of elements) mean += a.character(g) * b.character(g);
        expect(mean / G.order()).toBeCloseTo(a.equals(b) ? 1 : 0, 12);
      }
      expect(a.type).toBe('R');
      expect(a.endomorphismBasis()).toHaveLength(1);
    }
    expect(irreps.reduce((s, irr) => s + irr.dimension ** 2, 0)).toBe(G.order());
    expect(G.trivialRepresentation).toBe(irreps[0]);
  });

  it("gives irrep [1] as SO(3)'s Wigner D of frequency 1, the rotation matrix in escnn's basis", () => {
    const SO3 = so3Group(2);
    for (const g of elements) {
      const h = SO3.element(g.to('Q'), 'Q');
      expect(maxAbsDifference(G.irrep(1).at(g), SO3.irrep(1).at(h))).toBeLessThanOrEqual(
        FLOAT64_TIGHT_TOLERANCE,
      );
    }
  });

  it('decomposes the Clebsch–Gordan way every tensor product of irreps (orthonormal intertwiners)', () => {
    for (const m of G.irreps()) {
      for (const n of G.irreps()) {
        const decomposition = clebschGordanDecomposition(G, m, n, FLOAT64_TOLERANCE);
        for (const g of G.generators) checkClebschGordan(G, decomposition, g, FLOAT64_TOLERANCE);
        checkClebschGordan(G, decomposition, elements[5]!, FLOAT64_TOLERANCE);
      }
    }
  });

  it('round-trips every parametrization at every element', () => {
    for (const g of elements) {
      for (const p of G.parametrizations) {
        const h = G.element(g.to(p), p);
        expect(h.equals(g)).toBe(true);
        expect(h.value).toBe(g.value);
      }
    }
  });

  it('accepts either sign of a quaternion and rotations off the solid within tolerance only', () => {
    const g = elements[7]!;
    const q = g.to('Q') as number[];
    expect(G.element(q.map((x) => -x)).value).toBe(g.value);
    const near = [q[0]! + 1e-7, q[1]!, q[2]!, q[3]!];
    const n = Math.hypot(...near);
    expect(G.element(near.map((x) => x / n)).value).toBe(g.value);
    const off = [Math.sin(0.05), 0, 0, Math.cos(0.05)];
    expect(() => G.element(off)).toThrow(InvalidArgumentError);
    expect(() => G.element([1, 1, 0, 0])).toThrow(InvalidArgumentError);
    expect(() => G.element([0, 0, 1])).toThrow(InvalidArgumentError);
    expect(() => G.element([0, 0, 0, 1], 'radians')).toThrow(InvalidArgumentError);
  });

  it('samples reproducibly, grids and generates as escnn', () => {
    const a = G.sample(6, { seed: 3 }).map((g) => g.value);
    expect(G.sample(6, { seed: 3 }).map((g) => g.value)).toEqual(a);
    expect(G.sample(6, { seed: 4 }).map((g) => g.value)).not.toEqual(a);
    expect(G.grid('rand', 6, { seed: 3 }).map((g) => g.value)).toEqual(a);
    expect(G.grid('regular', G.order())).toEqual([...elements]);
    expect(() => G.grid('regular', 2)).toThrow(InvalidArgumentError);
    expect(() => G.grid('thomson', 2)).toThrow(InvalidArgumentError);
    expect(() => G.sample(-1)).toThrow(InvalidArgumentError);
    expect(G.testingElements).toEqual(elements);
    const seen = [G.identity];
    for (let i = 0; i < seen.length; i++) {
      for (const s of G.generators) {
        const h = s.combine(seen[i]!);
        if (!seen.some((x) => x.equals(h))) seen.push(h);
      }
    }
    expect(seen).toHaveLength(G.order());
  });

  it('has the trivial subgroup and itself, with restrictions and combined ids as escnn', () => {
    const trivial = G.subgroup(G.subgroupTrivialId);
    expect(trivial.subgroup.order()).toBe(1);
    expect(trivial.inclusion(trivial.subgroup.identity).isIdentity()).toBe(true);
    expect(trivial.restriction(G.identity)?.isIdentity()).toBe(true);
    expect(trivial.restriction(elements[0]!)).toBeNull();
    const self = G.subgroup(G.subgroupSelfId);
    expect(self.subgroup).toBe(G);
    expect(G.subgroup([G.subgroupSelfId]).subgroup).toBe(G);
    expect(G.subgroup([G.subgroupSelfId]).id).toBe(G.subgroupSelfId);
    for (const g of elements) expect(self.restriction(g)).toBe(g);
    for (const irrep of G.irreps()) {
      const whole = G.restrictIrrep(irrep.id, G.subgroupSelfId);
      expect(whole.irreps).toEqual([irrep.id]);
      expect(whole.changeOfBasis.to2DArray()).toEqual(Matrix.eye(irrep.dimension).to2DArray());
      const none = G.restrictIrrep(irrep.id, G.subgroupTrivialId);
      expect(none.irreps).toEqual(Array.from({ length: irrep.dimension }, () => [0]));
    }
    expect(G.combineSubgroups(G.subgroupSelfId, G.subgroupTrivialId)).toEqual(G.subgroupTrivialId);
    expect(G.combineSubgroups(G.subgroupTrivialId, 1)).toEqual(G.subgroupTrivialId);
    expect(() => G.subgroup([true, 2])).toThrow(UnknownSubgroupError);
    expect(() => G.subgroup('tetra')).toThrow(UnknownSubgroupError);
  });

  it('rejects irrep ids it does not have', () => {
    expect(() => G.irrep(5)).toThrow(UnknownIrrepError);
    expect(() => G.irrep(1, 0)).toThrow(UnknownIrrepError);
    expect(() => G.irrep(0.5)).toThrow(InvalidArgumentError);
  });
});

describe('octahedral specifics', () => {
  const O = octaGroup();

  it("is escnn's Octahedral: irreps [0], [1], [-1], [2], [3], generators of orders 4, 3, 2", () => {
    expect(O).toBeInstanceOf(Octahedral);
    expect(O.equals(octaGroup())).toBe(true);
    expect(O.equals(icoGroup())).toBe(false);
    expect(O.subgroupSelfId).toBe('octa');
    expect(O.subgroupTrivialId).toEqual([false, 1]);
    const orderOf = (g: (typeof O.elements)[number]) => {
      let k = 1;
      for (let h = g; !h.isIdentity(); h = h.combine(g)) k++;
      return k;
    };
    expect(O.generators.map(orderOf)).toEqual([4, 3, 2]);
    expect(() => O.irrep(-2)).toThrow(UnknownIrrepError);
    expect([...O.irrep(3).supportedNonlinearities].sort()).toEqual(['concatenated', 'gated', 'norm']);
    expect([...O.irrep(0).supportedNonlinearities].sort()).toEqual(['gate', 'gated', 'norm', 'pointwise']);
  });

  it("splits SO(3)'s frequencies 2 and 3 as escnn documents: [-1] ⊕ [2] and [3] ⊕ [1] ⊕ [-1]", () => {
    const SO3 = so3Group(3);
    for (const g of O.elements) {
      const h = SO3.element(g.to('Q'), 'Q');
      const chi = (l: number) => O.irrep(l).character(g);
      expect(SO3.irrep(2).character(h)).toBeCloseTo(chi(-1) + chi(2), 12);
      expect(SO3.irrep(3).character(h)).toBeCloseTo(chi(3) + chi(1) + chi(-1), 12);
    }
  });

  it('has [-1] = [1] ⊗ [3] in the same basis', () => {
    for (const g of O.elements) {
      const product = O.irrep(1).at(g).mul(O.irrep(3).at(g).get(0, 0));
      expect(maxAbsDifference(O.irrep(-1).at(g), product)).toBeLessThanOrEqual(FLOAT64_TIGHT_TOLERANCE);
    }
  });
});

describe('icosahedral specifics', () => {
  const I = icoGroup();

  it("is escnn's Icosahedral: irreps [0] … [4] with frequencies, generators of orders 5 and 2, bl_irreps", () => {
    expect(I).toBeInstanceOf(Icosahedral);
    expect(I.subgroupSelfId).toBe('ico');
    expect(I.irreps().map((irr) => irr.attributes)).toEqual([0, 1, 2, 3, 4].map((l) => ({ frequency: l })));
    expect(I.irreps().map((irr) => irr.dimension)).toEqual([1, 3, 5, 3, 4]);
    expect(I.blIrreps(2)).toEqual([[0], [1], [2]]);
    expect(() => I.blIrreps(5)).toThrow(InvalidArgumentError);
    expect(() => I.irrep(-1)).toThrow(UnknownIrrepError);
  });

  it("splits SO(3)'s frequency 3 as escnn documents: [3] ⊕ [4]; [2] is SO(3)'s Wigner D", () => {
    const SO3 = so3Group(3);
    for (const g of I.elements) {
      const h = SO3.element(g.to('Q'), 'Q');
      expect(SO3.irrep(3).character(h)).toBeCloseTo(I.irrep(3).character(g) + I.irrep(4).character(g), 12);
      expect(maxAbsDifference(I.irrep(2).at(g), SO3.irrep(2).at(h))).toBeLessThanOrEqual(
        FLOAT64_TIGHT_TOLERANCE,
      );
    }
  });
});
