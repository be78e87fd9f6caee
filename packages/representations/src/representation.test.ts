import {
  cyclicGroup,
  dihedralGroup,
  GroupMismatchError,
  InvalidArgumentError,
  o2Group,
  SteerableError,
  so2Group,
  UnknownIrrepError,
  UnknownSubgroupError,
} from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  asRepresentation,
  blQuotientRepresentation,
  changeBasis,
  directSum,
  disentangle,
  endomorphismBasis,
  homomorphismBasis,
  inducedRepresentation,
  quotientRepresentation,
  Representation,
  regularRepresentation,
  restrict,
  spectralQuotientRepresentation,
  spectralRegularRepresentation,
  tensorProduct,
} from './index.js';

describe('Representation', () => {
  const G = cyclicGroup(4);

  it('views an irrep as a representation', () => {
    const r = asRepresentation(G.irrep(1));
    expect(r).toBeInstanceOf(Representation);
    expect(r.name).toBe('irrep_1');
    expect(r.irreducible).toBe(true);
    expect(r.size).toBe(2);
    expect(asRepresentation(r)).toBe(r);
    expect(maxAbsDifference(r.at(G.element(1)), G.irrep(1).at(G.element(1)))).toBe(0);
  });

  it('knows trivial representations and whether it contains the trivial irrep', () => {
    expect(asRepresentation(G.trivialRepresentation).isTrivial()).toBe(true);
    const reg = regularRepresentation(G);
    expect(reg.isTrivial()).toBe(false);
    expect(reg.containsTrivial()).toBe(true);
    expect(directSum([G.irrep(1), G.irrep(2)]).containsTrivial()).toBe(false);
    // a trivial irrep with a non-identity change of basis is not "the" trivial representation (escnn)
    expect(changeBasis(G.trivialRepresentation, [[2]], 'scaled').isTrivial()).toBe(false);
  });

  it('counts multiplicities', () => {
    const reg = regularRepresentation(dihedralGroup(4));
    expect(reg.multiplicity([1, 1])).toBe(2);
    expect(reg.multiplicity([0, 0])).toBe(1);
    expect(reg.multiplicity([5, 5])).toBe(0);
  });

  it('returns fresh matrices and cannot be mutated', () => {
    const reg = regularRepresentation(G);
    const q = reg.changeOfBasis;
    q.set(0, 0, 42);
    expect(reg.changeOfBasis.get(0, 0)).toBeCloseTo(0.5, 12);
    const m = reg.at(G.element(1));
    m.set(0, 0, 42);
    expect(reg.at(G.element(1)).get(0, 0)).toBe(0);
    expect(Object.isFrozen(reg)).toBe(true);
    expect(Object.isFrozen(reg.irreps)).toBe(true);
  });

  it('compares like escnn: name, group, irreps, change of basis, nonlinearities', () => {
    const a = directSum([G.irrep(0), G.irrep(1)]);
    expect(a.equals(directSum([G.irrep(0), G.irrep(1)]))).toBe(true);
    expect(a.equals(directSum([G.irrep(0), G.irrep(1)], { name: 'other' }))).toBe(false);
    expect(a.equals(directSum([G.irrep(1), G.irrep(0)], { name: a.name }))).toBe(false);
    expect(a.equals(changeBasis(a, Matrix.eye(3).mul(2), a.name))).toBe(false);
    expect(a.toString()).toBe('C4|[[irrep_0]_[irrep_1]]:3');
  });

  it('validates its inputs with typed errors', () => {
    expect(() => new Representation(G, 'x', [[1]], Matrix.eye(3))).toThrow(InvalidArgumentError);
    expect(
      () =>
        new Representation(
          G,
          'x',
          [[1]],
          new Matrix([
            [1, 2],
            [2, 4],
          ]),
        ),
    ).toThrow(/invertible/);
    expect(() => new Representation(G, 'x', [[7]], Matrix.eye(2))).toThrow(UnknownIrrepError);
    expect(() => new Representation(G, 'x', [], Matrix.eye(2))).toThrow(InvalidArgumentError);
    expect(
      () => new Representation(G, 'x', [[1]], Matrix.eye(2), { changeOfBasisInv: Matrix.eye(2).mul(2) }),
    ).toThrow(/inverse/);
    expect(() => new Representation(G, 'x', [[0]], [[Number.NaN]])).toThrow(InvalidArgumentError);
    expect(() => regularRepresentation(G).at(cyclicGroup(3).element(1))).toThrow(GroupMismatchError);
  });
});

describe('constructions reject bad input', () => {
  const G = cyclicGroup(4);
  it('directSum', () => {
    expect(() => directSum([])).toThrow(InvalidArgumentError);
    expect(() => directSum([G.irrep(1), cyclicGroup(3).irrep(1)])).toThrow(GroupMismatchError);
    expect(() => directSum([G.irrep(1)], { changeOfBasis: Matrix.eye(3) })).toThrow(InvalidArgumentError);
  });

  it('changeBasis', () => {
    expect(() => changeBasis(G.irrep(1), Matrix.eye(3), 'x')).toThrow(/must be 2×2/);
    expect(() =>
      changeBasis(
        G.irrep(1),
        [
          [1, 1],
          [1, 1],
        ],
        'x',
      ),
    ).toThrow(/invertible/);
  });

  it('restriction, quotient and induction', () => {
    expect(() => restrict(regularRepresentation(G), 3)).toThrow(UnknownSubgroupError);
    expect(() => quotientRepresentation(G, 3)).toThrow(UnknownSubgroupError);
    expect(() => inducedRepresentation(G, 2, cyclicGroup(3).irrep(1))).toThrow(InvalidArgumentError);
    expect(() => inducedRepresentation(G, 2, regularRepresentation(cyclicGroup(2)))).toThrow(/irreducible/);
    expect(() =>
      inducedRepresentation(G, 2, cyclicGroup(2).irrep(1), { representatives: [G.identity] }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      inducedRepresentation(G, 2, cyclicGroup(2).irrep(1), { representatives: [G.identity, G.element(2)] }),
    ).toThrow(/different cosets/);
    // C4 has infinite index in SO(2): no finite set of representatives by default
    expect(() => quotientRepresentation(so2Group(3), 4)).toThrow(InvalidArgumentError);
    // O(2) with too low a maximum frequency cannot hold the induced representation of SO(2)'s irrep 4
    expect(() => inducedRepresentation(o2Group(3), [null, -1], so2Group(3).irrep(4))).toThrow(SteerableError);
  });

  it('spectral representations', () => {
    expect(() => spectralRegularRepresentation(G, [])).toThrow(InvalidArgumentError);
    expect(() => spectralQuotientRepresentation(G, 2, [[1]])).toThrow(/must contain an irrep/);
    expect(() => blQuotientRepresentation(so2Group(3), 2, 1)).toThrow(InvalidArgumentError);
    expect(() => blQuotientRepresentation(o2Group(3), -2, [null, -1])).toThrow(InvalidArgumentError);
    expect(spectralRegularRepresentation(G, G.irreps()).irreps).toEqual(regularRepresentation(G).irreps);
  });

  it('tensor products and intertwiners of different groups', () => {
    expect(() => tensorProduct(G.irrep(1), cyclicGroup(3).irrep(1))).toThrow(GroupMismatchError);
    expect(() => homomorphismBasis(G.irrep(1), cyclicGroup(3).irrep(1))).toThrow(GroupMismatchError);
  });
});

describe('intertwiners', () => {
  it('are the endomorphisms of an irrep (Schur): 1 for real, 2 for complex type', () => {
    expect(endomorphismBasis(cyclicGroup(5).irrep(1)).length).toBe(2);
    expect(endomorphismBasis(dihedralGroup(5).irrep(1, 1)).length).toBe(1);
    expect(homomorphismBasis(cyclicGroup(5).irrep(1), cyclicGroup(5).irrep(2))).toEqual([]);
  });

  it('span all commuting matrices of the regular representation (dimension |G|)', () => {
    for (const G of [cyclicGroup(6), dihedralGroup(3)]) {
      expect(endomorphismBasis(regularRepresentation(G)).length).toBe(G.order());
    }
  });
});

describe('disentangle', () => {
  it('splits a permuted direct sum back into its summands', () => {
    const G = dihedralGroup(3);
    const sum = directSum([G.irrep(1, 1), G.irrep(0, 0), G.irrep(1, 0)]);
    // interleave the coordinates: (a0, b, a1, c)
    const P = new Matrix([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    const mixed = changeBasis(sum, P, 'mixed');
    const { changeOfBasis, representations } = disentangle(mixed);
    expect(representations.map((r) => r.name)).toEqual(['mixed_0', 'mixed_1', 'mixed_2']);
    expect(representations.map((r) => r.irreps.map((id) => id.join(',')))).toEqual([
      ['1,1'],
      ['0,0'],
      ['1,0'],
    ]);
    for (const g of G.elements) {
      const lhs = changeOfBasis.mmul(mixed.at(g)).mmul(changeOfBasis.transpose());
      expect(maxAbsDifference(lhs, directSum(representations).at(g))).toBeLessThan(1e-12);
    }
  });
});
