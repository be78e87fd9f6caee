/**
 * Representations of the groups of space as escnn builds them: regular representations of the octahedral and
 * icosahedral groups against escnn 1.0.13 (fixtures/groups.json), those of the full polyhedral and discrete
 * cylinder groups, band-limited regular, quotient, sphere and induced representations of SO(3) and O(3), the
 * polyhedra's vertex, edge and face representations, names and errors.
 */
import {
  cylinderDiscreteGroup,
  fullCylinderDiscreteGroup,
  fullIcoGroup,
  fullOctaGroup,
  type Group,
  type GroupElement,
  InvalidArgumentError,
  icoGroup,
  klein4Group,
  o3Group,
  octaGroup,
  type RepresentationLike,
  so2Group,
  so3Group,
} from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  asRepresentation,
  blInducedRepresentation,
  blQuotientRepresentation,
  blRegularRepresentation,
  blSphereRepresentation,
  cubeEdgesRepresentation,
  cubeFacesRepresentation,
  cubeVerticesRepresentation,
  decomposeRepresentation,
  HomSpace,
  icoEdgesRepresentation,
  icoFacesRepresentation,
  icoVerticesRepresentation,
  inducedRepresentation,
  quotientRepresentation,
  type Representation,
  regularPermutation,
  regularRepresentation,
  tensorProduct,
} from './index.js';
import { hasSubgroup } from './test-spatial.js';
import { loadGroupsFixture } from './test-utils.js';

const fixture = loadGroupsFixture();
const ids = (rep: Representation) => rep.irreps.map((id) => [...id]);

/** Each irrep of `G.irreps()` repeated `dim / s` times, in order: escnn's decomposition of the regular representation. */
function regularIrreps(G: Group): number[][] {
  return G.irreps().flatMap((irr) =>
    Array.from({ length: irr.size / irr.endomorphismBasis().length }, () => [...irr.id]),
  );
}

/** True when `m` is a permutation matrix. */
function isPermutation(m: Matrix): boolean {
  const rows = m.to2DArray();
  const ok = (v: number[]) => v.filter((x) => x === 1).length === 1 && v.filter((x) => x !== 0).length === 1;
  return rows.every(ok) && m.transpose().to2DArray().every(ok);
}

describe.each([
  ['Octa', octaGroup],
  ['Ico', icoGroup],
] as const)('regular representation of %s against escnn', (key, make) => {
  const G = make();
  const ref = fixture.groups[key]!;
  const reg = regularRepresentation(G);

  it('uses escnn element order (quaternions within 1e-12)', () => {
    const order = ref.element_order as number[][];
    expect(G.elements.length).toBe(order.length);
    G.elements.forEach((e, i) => {
      const q = e.to('Q') as number[];
      expect(Math.max(...q.map((x, k) => Math.abs(x - order[i]![k]!)))).toBeLessThan(1e-12);
    });
  });

  it("decomposes into escnn's irreps, in escnn's order", () => {
    expect(reg.name).toBe('regular');
    expect(reg.size).toBe(ref.regular_representation!.size);
    expect(ids(reg)).toEqual(ref.regular_representation!.irreps);
  });

  it('equals escnn matrices and permutations at the fixture elements', () => {
    for (const el of ref.elements) {
      const g = G.element(el.escnn_value, 'Q');
      expect(reg.at(g).to2DArray()).toEqual(el.regular_matrix);
      expect(regularPermutation(g)).toEqual(el.regular_perm);
      const viaIrreps = reg.changeOfBasis.mmul(reg.blocks(g)).mmul(reg.changeOfBasisInv);
      expect(maxAbsDifference(viaIrreps, new Matrix(el.regular_matrix!))).toBeLessThan(1e-12);
    }
  });

  it('has an orthogonal change of basis and supports pointwise nonlinearities', () => {
    const q = reg.changeOfBasis;
    expect(maxAbsDifference(q.mmul(q.transpose()), Matrix.eye(reg.size))).toBeLessThan(1e-12);
    expect([...reg.supportedNonlinearities].sort()).toEqual(['concatenated', 'gated', 'norm', 'pointwise']);
  });
});

describe.each([
  ['FullOctahedral', fullOctaGroup],
  ['FullIcosahedral', fullIcoGroup],
  ['CylindricalDiscrete(3)', () => cylinderDiscreteGroup(3)],
  ['FullCylindricalDiscrete(4)', () => fullCylinderDiscreteGroup(4)],
  ['Klein4', klein4Group],
] as [string, () => Group][])('regular representation of %s', (_name, make) => {
  const G = make();
  const reg = regularRepresentation(G);

  it('has every irrep dim/s times in escnn order, and is the permutation Q (⊕ psi) Q^T', () => {
    expect(ids(reg)).toEqual(regularIrreps(G));
    expect(reg.size).toBe(G.order());
    const q = reg.changeOfBasis;
    expect(maxAbsDifference(q.mmul(q.transpose()), Matrix.eye(reg.size))).toBeLessThan(1e-12);
    const some = G.elements.filter((_, i) => i % Math.ceil(G.order() / 12) === 0);
    for (const g of some) {
      const m = reg.at(g);
      expect(isPermutation(m)).toBe(true);
      expect(maxAbsDifference(m, q.mmul(reg.blocks(g)).mmul(q.transpose()))).toBeLessThan(1e-12);
    }
  });
});

describe('band-limited regular representations of SO(3), O(3) and I', () => {
  it('SO(3): ⊕_l psi_l^(2l+1)', () => {
    const r = blRegularRepresentation(so3Group(1), 2);
    expect(r.name).toBe('regular_2');
    expect(ids(r)).toEqual([[0], [1], [1], [1], [2], [2], [2], [2], [2]]);
    expect(r.size).toBe(1 + 9 + 25);
    expect(r.changeOfBasis.to2DArray()).toEqual(Matrix.eye(35).to2DArray());
  });

  it('O(3): l outer, j inner, each 2l+1 times', () => {
    const r = blRegularRepresentation(o3Group(), 1);
    expect(ids(r)).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [0, 1],
      [0, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(r.size).toBe(20);
  });

  it('icosahedral: psi_l^(dim psi_l) up to L; L = 4 has the regular representation irreps', () => {
    const G = icoGroup();
    expect(ids(blRegularRepresentation(G, 1))).toEqual([[0], [1], [1], [1]]);
    const full = blRegularRepresentation(G, 4);
    expect(full.size).toBe(60);
    expect(ids(full)).toEqual(ids(regularRepresentation(G)));
  });

  it('rejects the octahedral group, L > 4 on the icosahedral group and bad frequencies', () => {
    expect(() => blRegularRepresentation(octaGroup(), 1)).toThrow(InvalidArgumentError);
    expect(() => blRegularRepresentation(icoGroup(), 5)).toThrow(InvalidArgumentError);
    expect(() => blRegularRepresentation(so3Group(), -1)).toThrow(InvalidArgumentError);
    expect(() => blRegularRepresentation(o3Group(), 0.5)).toThrow(InvalidArgumentError);
  });
});

describe('band-limited quotient representations of SO(3) and O(3)', () => {
  it('by the trivial subgroup: the band-limited regular irreps, named with the Python id', () => {
    const SO3 = so3Group();
    const r = blQuotientRepresentation(SO3, 2, [false, 1]);
    expect(r.name).toBe('quotient[(False, 1)]_2');
    expect(ids(r)).toEqual(ids(blRegularRepresentation(SO3, 2)));
    const O3 = o3Group();
    const s = blQuotientRepresentation(O3, 1, [false, false, 1]);
    expect(s.name).toBe('quotient[(False, False, 1)]_1');
    expect(ids(s)).toEqual(ids(blRegularRepresentation(O3, 1)));
  });

  it.runIf(hasSubgroup(so3Group(), [0, 3]) && hasSubgroup(o3Group(), ['cone', 0, 4]))(
    'name flip axes as Python floats',
    () => {
      expect(blQuotientRepresentation(so3Group(), 1, [0, 3]).name).toBe('quotient[(0.0, 3)]_1');
      expect(blQuotientRepresentation(so3Group(), 1, [0.5, 3]).name).toBe('quotient[(0.5, 3)]_1');
      expect(blQuotientRepresentation(o3Group(), 1, ['cone', 0, 4]).name).toBe(
        "quotient[('cone', 0.0, 4)]_1",
      );
      expect(blQuotientRepresentation(o3Group(), 1, [false, 2, 3]).name).toBe('quotient[(False, 2.0, 3)]_1');
      expect(blQuotientRepresentation(o3Group(), 1, [true, false, 3]).name).toBe(
        'quotient[(True, False, 3)]_1',
      );
    },
  );

  it('by the whole group: only the trivial irrep (escnn prints a string id bare)', () => {
    const r = blQuotientRepresentation(so3Group(), 3, 'so3');
    expect(r.name).toBe('quotient[so3]_3');
    expect(ids(r)).toEqual([[0]]);
    expect(ids(blQuotientRepresentation(o3Group(), 2, 'o3'))).toEqual([[0, 0]]);
  });

  it.runIf(hasSubgroup(so3Group(), [false, -1]))('SO(3) sphere: every psi_l once', () => {
    const r = blSphereRepresentation(so3Group(), 3);
    expect(r.name).toBe('quotient[(False, -1)]_3');
    expect(ids(r)).toEqual([[0], [1], [2], [3]]);
  });

  it.runIf(hasSubgroup(o3Group(), ['cone', -1]))('O(3) sphere: psi_{l mod 2, l} once', () => {
    const r = blSphereRepresentation(o3Group(), 3);
    expect(r.name).toBe("quotient[('cone', -1)]_3");
    expect(ids(r)).toEqual([
      [0, 0],
      [1, 1],
      [0, 2],
      [1, 3],
    ]);
  });

  it.runIf(hasSubgroup(so3Group(), [false, -1]))('SO(3) induced from SO(2): psi_l for l ≥ |k|', () => {
    // SO(2)'s psi_2 is of complex type (s = 2) and occurs once in Res psi_l for l ≥ 2: m = 1 · 2 / 1
    const r = blInducedRepresentation(so3Group(), 3, so2Group(3).irrep(2), [false, -1]);
    expect(r.name).toBe('induced[(False, -1)][irrep_2]_3');
    expect(ids(r)).toEqual([[2], [2], [3], [3]]);
    const trivial = blInducedRepresentation(so3Group(), 2, so2Group(3).irrep(0), [false, -1]);
    expect(ids(trivial)).toEqual(ids(blSphereRepresentation(so3Group(), 2)));
  });

  it('reject other groups and bad frequencies', () => {
    expect(() => blQuotientRepresentation(octaGroup(), 1, 'octa')).toThrow(InvalidArgumentError);
    expect(() => blQuotientRepresentation(so3Group(), -2, 'so3')).toThrow(InvalidArgumentError);
    expect(() => blSphereRepresentation(so2Group(), 1)).toThrow(InvalidArgumentError);
    expect(() => blSphereRepresentation(octaGroup(), 1)).toThrow(InvalidArgumentError);
    expect(() => blInducedRepresentation(o3Group(), 1, o3Group().irrep(0, 0), 'o3')).toThrow(
      InvalidArgumentError,
    );
    expect(() => blInducedRepresentation(so3Group(), 1, so2Group().irrep(0), 'so3')).toThrow(
      InvalidArgumentError,
    );
    expect(ids(blInducedRepresentation(so3Group(), 2, so3Group().irrep(1), 'so3'))).toEqual([[1]]);
  });
});

describe('quotient and induced representations on the groups of space', () => {
  it('name direct-product subgroup ids as Python tuples', () => {
    const FO = fullOctaGroup();
    const q = quotientRepresentation(FO, [1, 'octa']);
    expect(q.name).toBe("quotient[(1, 'octa')]");
    expect(ids(q)).toEqual([
      [0, 0, 0],
      [1, 0, 0],
    ]);
    const ind = inducedRepresentation(FO, [1, 'octa'], octaGroup().irrep(2));
    expect(ind.name).toBe("induced[(1, 'octa')][irrep_2]");
    expect(ids(ind)).toEqual([
      [0, 2, 0],
      [1, 2, 0],
    ]);
  });

  it('induce O(3) from SO(3) with the identity and the inversion as representatives', () => {
    const O3 = o3Group(3);
    if (!hasSubgroup(O3, 'so3')) {
      expect(() => quotientRepresentation(O3, 'so3')).toThrow();
      return;
    }
    const ind = inducedRepresentation(O3, 'so3', so3Group(3).irrep(2));
    expect(ids(ind)).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });
});

/** The solids' permutation representations: name, size, permutation matrices at every element. */
const solids: [string, () => Group, unknown, (G: Group) => Representation, number][] = [
  ['cube_vertices', octaGroup, [false, 3], cubeVerticesRepresentation, 8],
  ['cube_faces', octaGroup, [false, 4], cubeFacesRepresentation, 6],
  ['cube_edges', octaGroup, [true, 1], cubeEdgesRepresentation, 12],
  ['ico_vertices', icoGroup, [false, 5], icoVerticesRepresentation, 12],
  ['ico_faces', icoGroup, [false, 3], icoFacesRepresentation, 20],
  ['ico_edges', icoGroup, [false, 2], icoEdgesRepresentation, 30],
];

describe.each(solids)('%s', (name, make, id, build, size) => {
  const G = make();

  it.runIf(hasSubgroup(G, id))('permutes the solid’s cells: a quotient representation', () => {
    const rho = build(G);
    expect(rho.name).toBe(name);
    expect(rho.size).toBe(size);
    const q = rho.changeOfBasis;
    expect(maxAbsDifference(q.mmul(q.transpose()), Matrix.eye(size))).toBeLessThan(1e-9);
    // the trivial irrep occurs once (the action is transitive)
    expect(rho.multiplicity(G.trivialRepresentation.id)).toBe(1);
    for (const g of G.elements as readonly GroupElement[]) {
      const m = rho.at(g);
      const rounded = new Matrix(m.to2DArray().map((row) => row.map(Math.round)));
      expect(maxAbsDifference(m, rounded)).toBeLessThan(1e-9);
      expect(isPermutation(rounded)).toBe(true);
    }
  });

  it('rejects the other solid’s group', () => {
    const other = G.name === 'Octahedral' ? icoGroup() : octaGroup();
    expect(() => build(other)).toThrow(InvalidArgumentError);
    expect(() => build(so3Group())).toThrow(InvalidArgumentError);
  });
});

describe('standard representations of the groups of space', () => {
  const cases: [string, () => Group & { standardRepresentation(): RepresentationLike }, number[]][] = [
    ['SO(3)', () => so3Group(2), [1]],
    ['O(3)', () => o3Group(2), [1, 1]],
    ['Octahedral', octaGroup, [1]],
    ['Icosahedral', icoGroup, [1]],
  ];

  it.each(cases)(
    '%s: decomposes numerically into the irrep of the rotation matrices, tensor squares recompose',
    (_n, make, id) => {
      const G = make();
      const std = asRepresentation(G.standardRepresentation());
      const elements = G.continuous ? G.sample(6, { seed: 3 }) : G.elements;
      const decomposed = decomposeRepresentation(G, (g) => std.at(g));
      expect(ids(decomposed)).toEqual([id]);
      const square = tensorProduct(std, std);
      expect(square.size).toBe(9);
      for (const g of elements) {
        expect(maxAbsDifference(decomposed.at(g), std.at(g))).toBeLessThan(1e-9);
        const m = std.at(g);
        expect(maxAbsDifference(square.at(g), m.kroneckerProduct(m))).toBeLessThan(1e-9);
      }
      // the trivial irrep occurs once in std ⊗ std (the invariant inner product)
      expect(square.multiplicity(G.trivialRepresentation.id)).toBe(1);
    },
  );
});

describe.runIf(hasSubgroup(so3Group(), [false, -1]))('HomSpace SO(3)/SO(2): the sphere', () => {
  const SO3 = so3Group(3);
  const X = new HomSpace(SO3, [false, -1]);

  it('holds each psi_l once, as functions on the sphere', () => {
    for (let l = 0; l <= 3; l++) expect(X.dimensionBasis([l], [0])).toEqual([2 * l + 1, 1, 1]);
  });

  it('has the frequency-1 functions g ↦ R(g) e_z in escnn basis (y, z, x)', () => {
    const e = X.scalarBasis(SO3.identity, [1]).map((row) => row[0]!);
    expect(Math.abs(e[0]!)).toBeLessThan(1e-12);
    expect(Math.abs(e[2]!)).toBeLessThan(1e-12);
    const c = e[1]!;
    expect(Math.abs(c)).toBeGreaterThan(0.1);
    const std = SO3.standardRepresentation();
    for (const g of SO3.sample(5, { seed: 11 })) {
      const b = X.scalarBasis(g, [1]).map((row) => row[0]!);
      const z = std.at(g).getColumn(2);
      expect(maxAbsDifference(new Matrix([b]), new Matrix([[z[1]! * c, z[2]! * c, z[0]! * c]]))).toBeLessThan(
        1e-9,
      );
    }
  });
});
