/**
 * The R³ gspaces: escnn's fourteen factories (names, groups, orders, irreps), the base-space action, restrict
 * between them, equality, R⁰ for the spatial groups and typed errors.
 */
import { readFile } from 'node:fs/promises';
import {
  GroupMismatchError,
  InvalidArgumentError,
  o3Group,
  so3Group,
  UnknownSubgroupError,
} from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import type { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { noBaseSpace } from './r0.js';
import { GSpace3D } from './r3.js';
import {
  conicalOnR3,
  cylindricalOnR3,
  dihedralOnR3,
  flipRot3dOnR3,
  fullCylindricalOnR3,
  fullIcoOnR3,
  fullOctaOnR3,
  icoOnR3,
  invOnR3,
  mirOnR3,
  octaOnR3,
  rot2dOnR3,
  rot3dOnR3,
  trivialOnR3,
} from './r3-factories.js';

const PI = Math.PI;
const groups = Object.values(
  JSON.parse(await readFile(new URL('../../../fixtures/groups.json', import.meta.url), 'utf8')).groups,
) as { name: string; irreps: { id: number[]; dimension: number }[] }[];

/** Real irreps of complex (quaternionic) type count twice (four times) in the real Burnside formula. */
const ENDOMORPHISMS: Record<string, number> = { R: 1, C: 2, H: 4 };

/** Each factory (defaults and a variant), escnn's name, the fiber group's name and order (-1: continuous). */
const FACTORIES: [string, () => GSpace3D, string, string, number][] = [
  ['rot3dOnR3()', () => rot3dOnR3(), 'SO(3)_on_R3[so3]', 'SO(3)', -1],
  ['flipRot3dOnR3()', () => flipRot3dOnR3(), 'O(3)_on_R3[o3]', 'O(3)', -1],
  ['icoOnR3()', () => icoOnR3(), "Icosahedral_on_R3[(False, 'ico')]", 'Icosahedral', 60],
  ['fullIcoOnR3()', () => fullIcoOnR3(), "FullIcosahedral_on_R3[(True, 'ico')]", 'FullIcosahedral', 120],
  ['octaOnR3()', () => octaOnR3(), "Octahedral_on_R3[(False, 'octa')]", 'Octahedral', 24],
  ['fullOctaOnR3()', () => fullOctaOnR3(), "FullOctahedral_on_R3[(True, 'octa')]", 'FullOctahedral', 48],
  ['dihedralOnR3()', () => dihedralOnR3(), 'O(2)_on_R3[(False, 3.141592653589793, -1)]', 'O(2)', -1],
  ['dihedralOnR3(4)', () => dihedralOnR3(4), 'D4_on_R3[(False, 3.141592653589793, 4)]', 'D4', 8],
  ['rot2dOnR3()', () => rot2dOnR3(), 'SO(2)_on_R3[(False, False, -1)]', 'SO(2)', -1],
  ['rot2dOnR3(6)', () => rot2dOnR3(6), 'C6_on_R3[(False, False, 6)]', 'C6', 6],
  ['conicalOnR3()', () => conicalOnR3(), "O(2)_on_R3[('cone', 3.141592653589793, -1)]", 'O(2)', -1],
  ['conicalOnR3(3)', () => conicalOnR3(3), "D3_on_R3[('cone', 3.141592653589793, 3)]", 'D3', 6],
  ['mirOnR3()', () => mirOnR3(), "C2_on_R3[('cone', 3.141592653589793, 1)]", 'C2', 2],
  [
    'fullCylindricalOnR3()',
    () => fullCylindricalOnR3(),
    'FullCylindrical_on_R3[(True, 1.5707963267948966, -1)]',
    'FullCylindrical',
    -1,
  ],
  [
    'fullCylindricalOnR3(4)',
    () => fullCylindricalOnR3(4),
    'FullCylindricalDiscrete_on_R3[(True, 1.5707963267948966, 4)]',
    'FullCylindricalDiscrete',
    16,
  ],
  ['cylindricalOnR3()', () => cylindricalOnR3(), 'Cylindrical_on_R3[(True, False, -1)]', 'Cylindrical', -1],
  [
    'cylindricalOnR3(3)',
    () => cylindricalOnR3(3),
    'CylindricalDiscrete_on_R3[(True, False, 3)]',
    'CylindricalDiscrete',
    6,
  ],
  ['invOnR3()', () => invOnR3(), 'C2_on_R3[(True, False, 1)]', 'C2', 2],
  ['trivialOnR3()', () => trivialOnR3(), 'C1_on_R3[(False, False, 1)]', 'C1', 1],
];

const det3 = (m: Matrix) =>
  m.get(0, 0) * (m.get(1, 1) * m.get(2, 2) - m.get(1, 2) * m.get(2, 1)) -
  m.get(0, 1) * (m.get(1, 0) * m.get(2, 2) - m.get(1, 2) * m.get(2, 0)) +
  m.get(0, 2) * (m.get(1, 0) * m.get(2, 1) - m.get(1, 1) * m.get(2, 0));

const matrixOf = (gs: GSpace3D, value: unknown, param?: string) =>
  gs.basespaceAction(gs.fibergroup.element(value, param)).to2DArray();

describe('the fourteen R³ gspaces', () => {
  it.each(FACTORIES)('%s: escnn’s name, fiber group and order', (_, make, name, group, order) => {
    const gs = make();
    expect(gs.name).toBe(name);
    expect(String(gs)).toBe(name);
    expect(gs.fibergroup.name).toBe(group);
    expect(gs.fibergroup.order()).toBe(order);
    expect(gs.dimensionality).toBe(3);
    expect(gs.basespace).toBe('R^3');
    expect(gs.trivialRepr.isTrivial()).toBe(true);
    if (order > 0) {
      // all the elements, and Burnside over the reals: Σ dim² / dim End = |G| (the irreps are complete)
      expect(gs.testingElements).toHaveLength(order);
      expect(gs.irreps.reduce((s, r) => s + r.dimension ** 2 / ENDOMORPHISMS[r.type]!, 0)).toBe(order);
      expect(gs.regularRepr.size).toBe(order);
    }
  });

  it('lists escnn’s irreps for SO(3), O(3), O and I (fixtures/groups.json)', () => {
    for (const gs of [rot3dOnR3(), flipRot3dOnR3(), octaOnR3(), icoOnR3()]) {
      const escnn = groups.find((g) => g.name === gs.fibergroup.name)!;
      expect(gs.irreps.map((r) => [...r.id])).toEqual(escnn.irreps.map((r) => r.id));
      expect(gs.irreps.map((r) => r.dimension)).toEqual(escnn.irreps.map((r) => r.dimension));
    }
    expect(rot3dOnR3({ maximumFrequency: 4 }).irreps).toHaveLength(5);
    expect(flipRot3dOnR3().irrep(1, 2).dimension).toBe(5);
    expect(rot2dOnR3(-1, { maximumFrequency: 3 }).irreps.map((r) => r.id[0])).toEqual([0, 1, 2, 3]);
    expect(octaOnR3().irrep(-1).dimension).toBe(3);
  });

  it('tests SO(3) and O(3) on escnn’s icosahedral grids', () => {
    expect(rot3dOnR3().testingElements).toHaveLength(60);
    expect(flipRot3dOnR3().testingElements).toHaveLength(120);
  });

  it('moves points by O(3)’s standard representation of the element', () => {
    // a rotation by π/2 about z; the inversion; the default mirror x ↦ −x
    const rz = matrixOf(rot2dOnR3(4), 1);
    expect(maxAbsDifference(rz.flat(), [0, -1, 0, 1, 0, 0, 0, 0, 1])).toBeLessThan(1e-12);
    expect(maxAbsDifference(matrixOf(invOnR3(), 1).flat(), [-1, 0, 0, 0, -1, 0, 0, 0, -1])).toBe(0);
    expect(maxAbsDifference(matrixOf(mirOnR3(), 1).flat(), [-1, 0, 0, 0, 1, 0, 0, 0, 1])).toBeLessThan(1e-12);
    // flipRot3dOnR3: (i, R) ↦ (−1)^i R
    const q = [0.2, -0.4, 0.1, Math.sqrt(1 - 0.21)];
    const o3 = flipRot3dOnR3();
    const r = matrixOf(o3, [0, q], 'Q');
    expect(
      maxAbsDifference(
        matrixOf(o3, [1, q], 'Q').flat(),
        r.flat().map((v) => -v),
      ),
    ).toBeLessThan(1e-15);
    expect(maxAbsDifference(r.flat(), matrixOf(rot3dOnR3(), q, 'Q').flat())).toBeLessThan(1e-15);
    // the flips of dihedralOnR3 are rotations, those of conicalOnR3 mirrors; dihedralOnR3's axis is `axis`
    expect(det3(dihedralOnR3(4).basespaceAction(dihedralOnR3(4).fibergroup.element([1, 0])))).toBeCloseTo(
      1,
      12,
    );
    expect(det3(conicalOnR3(4).basespaceAction(conicalOnR3(4).fibergroup.element([1, 0])))).toBeCloseTo(
      -1,
      12,
    );
    const d = matrixOf(dihedralOnR3(2, { axis: 0.3 }), [1, 0]);
    const axis = [Math.cos(0.3), Math.sin(0.3), 0];
    expect(
      maxAbsDifference(
        d.map((row) => row[0]! * axis[0]! + row[1]! * axis[1]!),
        axis,
      ),
    ).toBeLessThan(1e-12);
    // fullCylindricalOnR3 puts `axis` in the id undoubled: its flip turns about the axis at angle axis/2
    const f = fullCylindricalOnR3(2, { axis: 0.6 });
    const fm = matrixOf(f, [0, [1, 0]]);
    expect(
      maxAbsDifference(
        fm.map((row) => row[0]! * axis[0]! + row[1]! * axis[1]!),
        axis,
      ),
    ).toBeLessThan(1e-12);
  });

  it('conjugates by the adjoint: rot2dOnR3 with adjoint A rotates about A⁻¹ e_z', () => {
    const A = o3Group().element([0, [0.3, -0.5, 0.8]], 'EV');
    const gs = rot2dOnR3(5, { adjoint: A });
    const axis = o3Group().standardRepresentation().at(A.inverse()).getColumn(2);
    for (const g of gs.testingElements) {
      const m = gs.basespaceAction(g).to2DArray();
      const moved = m.map((row) => row.reduce((s, v, j) => s + v * axis[j]!, 0));
      expect(maxAbsDifference(moved, axis)).toBeLessThan(1e-12);
    }
    expect(gs.name.startsWith('C5_on_R3[(False, False, 5, ')).toBe(true);
    expect(gs.equals(rot2dOnR3(5))).toBe(false);
  });

  it('moves point coordinates with the base-space action', () => {
    const gs = rot2dOnR3(4);
    const p = gs.transformPoints([[1, 0, 2]], gs.fibergroup.element(1));
    expect(maxAbsDifference(p.flat(), [0, 1, 2])).toBeLessThan(1e-12);
    expect(() => gs.transformPoints([[1, 0]], gs.fibergroup.element(1))).toThrow(/3 coordinates/);
  });
});

describe('restrict between the R³ gspaces', () => {
  const CASES: [() => GSpace3D, unknown, string][] = [
    [() => rot3dOnR3(), 'octa', "Octahedral_on_R3[(False, 'octa')]"],
    [() => rot3dOnR3(), 'ico', "Icosahedral_on_R3[(False, 'ico')]"],
    [() => rot3dOnR3(), [false, -1], 'SO(2)_on_R3[(False, False, -1)]'],
    [() => rot3dOnR3(), [true, 4], 'D4_on_R3[(False, True, 4)]'],
    [() => flipRot3dOnR3(), 'so3', 'SO(3)_on_R3[so3]'],
    [() => flipRot3dOnR3(), [true, 'octa'], "FullOctahedral_on_R3[(True, 'octa')]"],
    [() => flipRot3dOnR3(), ['cone', -1], "O(2)_on_R3[('cone', -1)]"],
    [() => flipRot3dOnR3(), [true, false, 1], 'C2_on_R3[(True, False, 1)]'],
    [() => fullOctaOnR3(), [1, 'octa'], "Octahedral_on_R3[(False, 'octa')]"],
    [() => fullOctaOnR3(), [2, [false, 1]], 'C2_on_R3[(True, False, 1)]'],
    [() => fullIcoOnR3(), [1, 'ico'], "Icosahedral_on_R3[(False, 'ico')]"],
    [() => octaOnR3(), [false, 1], 'C1_on_R3[(False, False, 1)]'],
    [() => dihedralOnR3(4), [null, 4], 'C4_on_R3'],
    [() => dihedralOnR3(4), [0, 2], 'D2_on_R3'],
    [() => dihedralOnR3(), [null, 3], 'C3_on_R3'],
    [() => rot2dOnR3(), 4, 'C4_on_R3[(False, False, 4)]'],
    [() => rot2dOnR3(6), 3, 'C3_on_R3[(False, False, 3)]'],
    [() => conicalOnR3(), [0, 4], 'D4_on_R3'],
    [() => conicalOnR3(4), [1, 1], 'C2_on_R3'],
    [() => fullCylindricalOnR3(), [2, [null, -1]], 'Cylindrical_on_R3'],
    [() => fullCylindricalOnR3(4), [1, [0, 4]], 'D4_on_R3'],
    [() => cylindricalOnR3(), [1, -1], 'SO(2)_on_R3[(False, False, -1)]'],
    [() => cylindricalOnR3(), [2, 4], 'CylindricalDiscrete_on_R3[(True, False, 4)]'],
    [() => cylindricalOnR3(3), [2, 1], 'C2_on_R3[(True, False, 1)]'],
    [() => mirOnR3(), 1, 'C1_on_R3[(False, False, 1)]'],
    [() => invOnR3(), 2, 'C2_on_R3[(True, False, 1)]'],
    [() => trivialOnR3(), 1, 'C1_on_R3[(False, False, 1)]'],
  ];

  it.each(CASES.map(([make, id, name]) => [make().name, id, name, make] as const))(
    '%s restricted to %j is %s: the maps are inverse and agree with both base-space actions',
    (_, id, name, make) => {
      const gs = make();
      const r = gs.restrict(id);
      expect(r.gspace.name.startsWith(name)).toBe(true);
      expect(r.gspace.maximumFrequency).toBe(gs.maximumFrequency);
      expect(r.gspace.fibergroup.equals(gs.fibergroup.subgroup(id).subgroup)).toBe(true);
      for (const h of r.gspace.testingElements) {
        const g = r.inclusion(h);
        const a = r.gspace.basespaceAction(h).to2DArray().flat();
        expect(maxAbsDifference(a, gs.basespaceAction(g).to2DArray().flat())).toBeLessThan(1e-12);
        expect(r.restriction(g)?.equals(h)).toBe(true);
      }
    },
  );

  it('maps elements outside the subgroup to null', () => {
    const gs = flipRot3dOnR3();
    const r = gs.restrict('so3');
    expect(r.restriction(gs.fibergroup.element([1, [0, 0, 0, 1]], 'Q'))).toBeNull();
    const c = rot2dOnR3(6).restrict(3);
    expect(c.restriction(rot2dOnR3(6).fibergroup.element(1))).toBeNull();
  });
});

describe('equality, R⁰ and errors', () => {
  it('compares the subgroup and its embedding in O(3)', () => {
    expect(rot3dOnR3().equals(rot3dOnR3({ maximumFrequency: 4 }))).toBe(true);
    expect(new GSpace3D([false, 'octa'], { maximumFrequency: 3 }).equals(octaOnR3())).toBe(true);
    expect(octaOnR3().equals(rot3dOnR3())).toBe(false);
    // D4 both, embedded as π rotations or as mirrors
    expect(dihedralOnR3(4).equals(conicalOnR3(4))).toBe(false);
    // [false, θ, N] is escnn's [false, true, N] conjugated by Rz(−θ/2)
    const adjoint = o3Group().element([0, [0, 0, -PI / 2]], 'EV');
    expect(dihedralOnR3(4).equals(new GSpace3D([false, true, 4, adjoint]))).toBe(true);
    expect(dihedralOnR3(4).equals(dihedralOnR3(4, { axis: 0 }))).toBe(false);
    expect(invOnR3().equals(mirOnR3())).toBe(false);
    expect(rot2dOnR3(4).equals(rot2dOnR3(4))).toBe(true);
  });

  it('gives the spatial groups a point (noBaseSpace)', () => {
    for (const gs of [rot3dOnR3(), flipRot3dOnR3(), octaOnR3(), fullIcoOnR3(), cylindricalOnR3(3)]) {
      const r0 = noBaseSpace(gs.fibergroup);
      expect(r0.name).toBe(gs.fibergroup.name);
      expect(r0.dimensionality).toBe(0);
      const irrep = gs.irreps[1]!;
      const basis = r0.buildKernelBasis(irrep, irrep);
      expect(basis.dimension).toBeGreaterThan(0);
    }
  });

  it('rejects bad arguments with typed errors', () => {
    expect(() => rot2dOnR3(0)).toThrow(InvalidArgumentError);
    expect(() => rot2dOnR3(0)).toThrow(/rot2dOnR3: argument "n"/);
    expect(() => dihedralOnR3(2.5)).toThrow(/must be a positive integer/);
    expect(() => conicalOnR3(-2)).toThrow(InvalidArgumentError);
    expect(() => dihedralOnR3(4, { axis: Number.NaN })).toThrow(/axis/);
    expect(() => mirOnR3({ axis: Number.POSITIVE_INFINITY })).toThrow(InvalidArgumentError);
    expect(() => rot3dOnR3({ maximumFrequency: -1 })).toThrow(/maximumFrequency/);
    expect(() => cylindricalOnR3(4, { maximumFrequency: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => rot2dOnR3(4, { adjoint: so3Group().identity })).toThrow(/adjoint/);
    expect(() => rot2dOnR3(4, { adjoint: [0, 0, 0] as never })).toThrow(InvalidArgumentError);
    expect(() => new GSpace3D('tetra')).toThrow(UnknownSubgroupError);
    expect(() => octaOnR3().restrict('ico')).toThrow(UnknownSubgroupError);
    expect(() => rot2dOnR3(6).restrict(4)).toThrow(UnknownSubgroupError);
    const gs = octaOnR3();
    expect(() => gs.basespaceAction(icoOnR3().fibergroup.identity)).toThrow(GroupMismatchError);
    const x = new Float64Array(8 * 3);
    const g = gs.testingElements[5]!;
    expect(() => gs.featurefieldAction(x, [2, 2, 2, 3], gs.irrep(1), g)).not.toThrow();
    expect(() => gs.featurefieldAction(x, [2, 2, 2, 3], gs.trivialRepr, g)).toThrow(/channels/);
    expect(() => gs.featurefieldAction(x, [4, 2, 3], gs.irrep(1), g)).toThrow(/shape/);
  });
});
