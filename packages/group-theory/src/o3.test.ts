/**
 * O(3) = SO(3) × {±I}: group and irrep laws (fast-check over seeded samples and the testing elements), the
 * irreps `[j, l]` as SO(3)'s Wigner D times the inversion's sign, the standard representation `(−I)^i R`,
 * Clebsch–Gordan coefficients from SO(3)'s with the inversion parity, grids, subgroups and typed errors.
 */
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SteerableError, UnknownIrrepError, UnknownSubgroupError } from './errors.js';
import { O3, o3Group } from './o3.js';
import { so3Group } from './so3.js';
import {
  assertClose,
  checkClebschGordan,
  checkElementLaws,
  checkIrrepAtIdentity,
  checkIrrepLaws,
  clebschGordanDecomposition,
  FLOAT64_TIGHT_TOLERANCE,
  FLOAT64_TOLERANCE,
  numRuns,
} from './testing/index.js';

const runs = { numRuns: numRuns(30) };
const G = o3Group(4);
const SO3 = so3Group(4);

const elementArb = fc.oneof(
  fc.integer({ min: 0, max: 119 }).map((i) => G.testingElements[i]!),
  fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => G.sample(1, { seed: s })[0]!),
);

describe('O(3) group and irrep laws', () => {
  it('satisfies the group axioms', () => {
    fc.assert(
      fc.property(fc.tuple(elementArb, elementArb, elementArb), ([a, b, c]) =>
        checkElementLaws(G, a, b, c, FLOAT64_TOLERANCE),
      ),
      runs,
    );
  });

  it('represents products by products of orthogonal matrices in every irrep', () => {
    const tolerances = {
      homomorphism: FLOAT64_TOLERANCE,
      orthogonality: FLOAT64_TOLERANCE,
      inverse: FLOAT64_TOLERANCE,
      endomorphisms: FLOAT64_TIGHT_TOLERANCE,
    };
    fc.assert(
      fc.property(fc.tuple(elementArb, elementArb), ([a, b]) => {
        for (const irrep of G.irreps()) checkIrrepLaws(G, irrep, a, b, tolerances);
      }),
      runs,
    );
  });

  it('maps the identity to identity matrices exactly', () => {
    for (const irrep of G.irreps()) checkIrrepAtIdentity(G, irrep);
  });

  it('gives irrep [j, l] at [i, r] as (−1)^{ij} D^l(r)', () => {
    for (const g of G.sample(6, { seed: 3 })) {
      const [i, q] = g.value;
      for (const psi of G.irreps()) {
        const [j, l] = psi.id as [number, number];
        const expected = SO3.irrep(l)
          .at(SO3.element(q))
          .mul(i === 1 && j === 1 ? -1 : 1);
        assertClose(psi.at(g), expected, FLOAT64_TIGHT_TOLERANCE, psi.name);
      }
    }
  });

  it('has pairwise inequivalent irreps (character orthogonality over the testing elements, l ≤ 2)', () => {
    const irreps = G.irreps().filter((p) => (p.id[1] as number) <= 2);
    for (const a of irreps) {
      for (const b of irreps) {
        let mean = 0;
        for (const g of G.testingElements) mean += a.character(g) * b.character(g);
        expect(mean / G.testingElements.length).toBeCloseTo(a.equals(b) ? 1 : 0, 9);
      }
    }
  });
});

describe('O(3) elements and parametrizations', () => {
  it('reads [inversion, rotation] in every SO(3) parametrization and round-trips', () => {
    for (const g of [...G.sample(5, { seed: 1 }), ...G.testingElements.slice(55, 65)]) {
      for (const p of G.parametrizations) expect(G.element(g.to(p), p).equals(g), p).toBe(true);
    }
    expect(G.element([1, [0, 0, 0, 1]]).equals(G.inversion)).toBe(true);
    expect(G.inversion.combine(G.inversion).isIdentity()).toBe(true);
  });

  it('gives the standard representation (−I)^i R, Q irrep([1, 1]) Qᵀ', () => {
    const std = G.standardRepresentation();
    expect(std.irreps).toEqual([[1, 1]]);
    const Q = std.changeOfBasis;
    for (const g of G.sample(6, { seed: 9 })) {
      const [i, q] = g.value;
      const R = (SO3.element(q).to('MAT') as Matrix).mul(i === 1 ? -1 : 1);
      assertClose(std.at(g), R, FLOAT64_TIGHT_TOLERANCE, 'standard');
      assertClose(
        std.at(g),
        Q.mmul(G.irrep(1, 1).at(g)).mmul(Q.transpose()),
        FLOAT64_TIGHT_TOLERANCE,
        'Q D Qᵀ',
      );
      expect(std.character(g)).toBeCloseTo(R.trace(), 14);
    }
    assertClose(std.at(G.inversion), Matrix.eye(3).mul(-1), 0, 'inversion');
  });

  it('rejects non-elements with typed errors', () => {
    expect(() => G.element([2, [0, 0, 0, 1]])).toThrow(InvalidArgumentError);
    expect(() => G.element([0, 0, 0, 1])).toThrow(InvalidArgumentError);
    expect(() => G.element([0, [0, 0, 2, 1]])).toThrow(InvalidArgumentError);
    expect(() => G.element([0, [0, 0, 0]], 'MAT')).toThrow(InvalidArgumentError);
    expect(() => G.elements).toThrow(SteerableError);
  });
});

describe('O(3) irreps, Clebsch–Gordan, grids and subgroups', () => {
  it("lists escnn's irreps and ids, names and attributes", () => {
    expect(
      o3Group()
        .irreps()
        .map((p) => p.name),
    ).toEqual(['irrep_0,0', 'irrep_0,1', 'irrep_0,2', 'irrep_1,0', 'irrep_1,1', 'irrep_1,2']);
    expect(G.irrep(1, 7).dimension).toBe(15);
    expect(G.irrep(1, 2).attributes).toEqual({ frequency: 2, invFrequency: 1 });
    expect([...G.irrep(0, 0).supportedNonlinearities]).toEqual(['pointwise', 'norm', 'gated', 'gate']);
    expect([...G.irrep(1, 0).supportedNonlinearities]).toEqual(['norm', 'gated']);
    expect(G.blIrreps(1)).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(G.trivialRepresentation.id).toEqual([0, 0]);
    expect(() => G.irrep(2, 1)).toThrow(UnknownIrrepError);
    expect(() => G.irrep(1)).toThrow(UnknownIrrepError);
    expect(() => G.irrep(0, -1)).toThrow(UnknownIrrepError);
    expect(() => o3Group(-1)).toThrow(InvalidArgumentError);
  });

  it('decomposes [j1, l1] ⊗ [j2, l2] into [(j1 + j2) mod 2, l] with orthonormal intertwiners (l ≤ 4)', () => {
    expect(G.tensorProductIrreps([1, 1], [1, 2])).toEqual(
      [1, 2, 3].map((l) => ({ id: [0, l], multiplicity: 1 })),
    );
    const elements = [...G.sample(2, { seed: 5 }), G.inversion, G.testingElements[70]!];
    for (const a of G.irreps()) {
      for (const b of G.irreps()) {
        const dec = clebschGordanDecomposition(G, a, b, FLOAT64_TOLERANCE);
        for (const g of elements) checkClebschGordan(G, dec, g, 1e-9);
      }
    }
  });

  it("uses SO(3)'s coefficients when the parities match, none otherwise", () => {
    assertClose(G.clebschGordan([1, 1], [0, 2], [1, 2]), SO3.clebschGordan([1], [2], [2]), 0, 'CG');
    expect(G.clebschGordan([1, 1], [0, 2], [0, 2]).columns).toBe(0);
    expect(G.clebschGordan([1, 1], [0, 2], [0, 2]).rows).toBe(15);
  });

  it("doubles SO(3)'s grids with the inversion and samples reproducibly", () => {
    const T = G.testingElements;
    expect(T).toHaveLength(120);
    for (let i = 0; i < 60; i++) {
      expect(T[i]!.value[0]).toBe(0);
      expect(T[60 + i]!.value[0]).toBe(1);
      expect(T[60 + i]!.equals(T[i]!.combine(G.inversion))).toBe(true);
    }
    expect(G.grid('cube', 0)).toHaveLength(48);
    expect(G.gridSO3('cube', 0)).toHaveLength(24);
    const a = G.sample(6, { seed: 4 }).map((g) => g.value);
    expect(G.sample(6, { seed: 4 }).map((g) => g.value)).toEqual(a);
    const flags = G.sample(200, { seed: 2 }).map((g) => g.value[0]);
    expect(flags.filter((f) => f === 1).length).toBeGreaterThan(70);
    expect(flags.filter((f) => f === 0).length).toBeGreaterThan(70);
    expect(() => G.grid('regular', 3)).toThrow(InvalidArgumentError);
  });

  it("gives escnn's sphere grid representatives Rz(φ) Ry(θ), without inversion", () => {
    const points = G.spherePoints('fibonacci', 9);
    const grid = G.sphereGrid('fibonacci', 9);
    expect(grid).toHaveLength(9);
    grid.forEach((g, i) => {
      expect(g.value[0]).toBe(0);
      const R = G.standardRepresentation().at(g);
      assertClose(R.getColumn(2), points[i]!, 1e-14, 'R ẑ = p');
      const [x, y, z] = points[i]!;
      const expected = G.element([0, [0, Math.acos(z), Math.atan2(y, x)]], 'zyz');
      expect(g.equals(expected)).toBe(true);
    });
    expect(() => G.sphereGrid('hopf', 3)).toThrow(InvalidArgumentError);
  });

  it("has escnn's trivial and self subgroups and rejects ids it does not have, naming the known forms", () => {
    expect(G.subgroupTrivialId).toEqual([false, false, 1]);
    expect(G.subgroupSelfId).toBe('o3');
    expect(G.subgroup('o3').subgroup).toBe(G);
    const trivial = G.subgroup([false, false, 1]);
    expect(trivial.subgroup.order()).toBe(1);
    expect(trivial.restriction(G.inversion)).toBeNull();
    expect(G.restrictIrrep([1, 2], [false, false, 1]).irreps).toHaveLength(5);
    for (const id of ['fulltetra', [true, 'tetra'], ['cone', 0], [false, 1]]) {
      expect(() => G.subgroup(id)).toThrow(UnknownSubgroupError);
    }
    expect(() => G.subgroup('fulltetra')).toThrow(/'o3', 'so3'/);
  });

  it('is an O3 instance', () => {
    expect(G).toBeInstanceOf(O3);
    expect(G.equals(o3Group(1))).toBe(true);
    expect(G.equals(SO3)).toBe(false);
    expect(String(G.inversion)).toBe('O(3)[(1, (0.0000, 0.0000, 0.0000, 1.0000))]');
  });
});
