/**
 * escnn's facts about the product groups (fixtures/product_groups.json, escnn 1.0.13: group names, irrep ids
 * and names, the irreps of the regular representation), the factories' names, ids, orders, parametrizations,
 * closed-form tensor products, grids, and typed errors for every bad argument.
 */
import { readFileSync } from 'node:fs';
import type { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { cyclicGroup } from './cyclic.js';
import {
  cylinderDiscreteGroup,
  cylinderGroup,
  fullCylinderDiscreteGroup,
  fullCylinderGroup,
  klein4Group,
} from './cylinders.js';
import { dihedralGroup } from './dihedral.js';
import { type DirectProductGroup, directProduct } from './direct-product.js';
import { doubleGroup } from './double-group.js';
import {
  GroupMismatchError,
  InvalidArgumentError,
  UnknownIrrepError,
  UnknownSubgroupError,
} from './errors.js';
import { o2Group } from './o2.js';
import { so2Group } from './so2.js';

interface Entry {
  readonly gspace: string;
  readonly group: string;
  readonly field: string;
  readonly name: string;
  readonly size: number;
  readonly irreps: string;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/product_groups.json', import.meta.url), 'utf8'),
) as { groups: Entry[] };

/** escnn's printed ids `((0,), (1, 1), 0), ...` as our flattened ids `[0, 1, 1, 0]`. */
function parseIds(text: string): number[][] {
  const json = `[${text
    .replace(/\(/g, '[')
    .replace(/,\s*\)/g, ']')
    .replace(/\)/g, ']')}]`;
  return (JSON.parse(json) as unknown[]).map((id) => (id as unknown[]).flat(2) as number[]);
}

const GSPACES: Record<string, () => DirectProductGroup> = {
  'fullCylindricalOnR3(n=-1)': () => fullCylinderGroup(),
  'fullCylindricalOnR3(n=3)': () => fullCylinderDiscreteGroup(3),
  'cylindricalOnR3(n=-1)': () => cylinderGroup(),
  'cylindricalOnR3(n=4)': () => cylinderDiscreteGroup(4),
};

describe('escnn 1.0.13 reference (fixtures/product_groups.json)', () => {
  it.each(fixture.groups.map((e) => [`${e.gspace} ${e.field}`, e] as const))('%s', (_, e) => {
    const G = GSPACES[e.gspace]!();
    expect(G.name).toBe(e.group);
    const ids = parseIds(e.irreps);
    if (e.field === 'gs.trivial_repr') {
      expect(G.trivialRepresentation.name).toBe(e.name);
      expect(ids).toEqual([[...G.trivialRepresentation.id]]);
      return;
    }
    // The regular representation holds each irrep dim/type times, in escnn's irreps() order.
    expect(e.size).toBe(G.order());
    const unique = ids.filter((id, k) => ids.findIndex((x) => x.join() === id.join()) === k);
    expect(unique).toEqual(G.irreps().map((psi) => [...psi.id]));
    for (const psi of G.irreps()) {
      const count = ids.filter((id) => id.join() === psi.id.join()).length;
      expect(count).toBe(psi.dimension / psi.sumOfSquaresConstituents);
    }
  });
});

describe('factories as escnn', () => {
  it('names the groups and their irreps as escnn', () => {
    const C = cylinderGroup(2);
    expect(C.name).toBe('Cylindrical');
    expect(C.order()).toBe(-1);
    expect(C.continuous).toBe(true);
    expect(C.irreps().map((psi) => psi.name)).toEqual([
      'irrep_[(0,),(0,)](0)',
      'irrep_[(0,),(1,)](0)',
      'irrep_[(0,),(2,)](0)',
      'irrep_[(1,),(0,)](0)',
      'irrep_[(1,),(1,)](0)',
      'irrep_[(1,),(2,)](0)',
    ]);
    expect(
      C.irreps()
        .map((psi) => psi.type)
        .join(''),
    ).toBe('RCCRCC');
    expect(C.irrep(1, 2, 0).id).toEqual([1, 2, 0]);
    expect(C.irrep(1, 2)).toBe(C.irrep(1, 2, 0));
    expect(C.irrep(1, 7).dimension).toBe(2);
    const F = fullCylinderGroup(1);
    expect(F.name).toBe('FullCylindrical');
    expect(F.irreps().map((psi) => psi.name)).toEqual([
      'irrep_[(0,),(0, 0)](0)',
      'irrep_[(0,),(1, 0)](0)',
      'irrep_[(0,),(1, 1)](0)',
      'irrep_[(1,),(0, 0)](0)',
      'irrep_[(1,),(1, 0)](0)',
      'irrep_[(1,),(1, 1)](0)',
    ]);
    expect(F.irreps().every((psi) => psi.type === 'R')).toBe(true);
    expect(cylinderDiscreteGroup(5).name).toBe('CylindricalDiscrete');
    expect(cylinderDiscreteGroup(5).order()).toBe(10);
    expect(fullCylinderDiscreteGroup(5).name).toBe('FullCylindricalDiscrete');
    expect(fullCylinderDiscreteGroup(5).order()).toBe(20);
    expect(directProduct(so2Group(), cyclicGroup(3)).name).toBe('SO(2) X C3');
    expect(doubleGroup(dihedralGroup(2)).name).toBe('D2 X D2');
    expect(doubleGroup(so2Group(1), 'Torus').name).toBe('Torus');
    expect([...C.trivialRepresentation.supportedNonlinearities].sort()).toEqual(['gated', 'norm']);
  });

  it('builds the Klein four-group as C2 × C2 (also cylinderDiscreteGroup(2))', () => {
    const K = klein4Group();
    expect(K.name).toBe('Klein4');
    expect(K.order()).toBe(4);
    expect(K.elements.map((g) => g.value)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(K.irreps().map((psi) => psi.id)).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
      [1, 1, 0],
    ]);
    const gx = K.element([1, 0]);
    expect(K.irrep(1, 0).at(gx).get(0, 0)).toBe(-1);
    expect(K.irrep(0, 1).at(gx).get(0, 0)).toBe(1);
    expect(cylinderDiscreteGroup(2).name).toBe('Klein4');
    expect(cylinderDiscreteGroup(2).equals(K)).toBe(true);
  });

  it('splits the product of two complex irreps into two (escnn i = 0, 1)', () => {
    const T = doubleGroup(so2Group(2));
    expect(T.irreps()).toHaveLength(13);
    expect(T.irrep(1, 2, 1).name).toBe('irrep_[(1,),(2,)](1)');
    expect(T.irrep(1, 2, 1).dimension).toBe(2);
    // (1, 2, 0) is the rotation by θ1 + 2θ2, (1, 2, 1) by θ1 - 2θ2.
    const g = T.element([0.3, 0.5]);
    expect(T.irrep(1, 2, 0).at(g).get(1, 0)).toBeCloseTo(Math.sin(1.3), 14);
    expect(T.irrep(1, 2, 1).at(g).get(1, 0)).toBeCloseTo(Math.sin(-0.7), 14);
  });

  it('parametrizes elements as escnn ("[p1 | p2]")', () => {
    const C = cylinderGroup();
    expect(C.defaultParam).toBe('[int | radians]');
    expect(C.parametrizations).toEqual([
      '[int | radians]',
      '[int | MAT]',
      '[radians | radians]',
      '[radians | MAT]',
      '[MAT | radians]',
      '[MAT | MAT]',
    ]);
    const g = C.element([1, Math.PI / 2]);
    expect(String(g)).toBe('Cylindrical[1 ; 1.5708]');
    const m = g.to('[int | MAT]') as [number, Matrix];
    expect(m[0]).toBe(1);
    expect(m[1].get(1, 0)).toBeCloseTo(1, 15);
    expect(C.element(m, '[int | MAT]').equals(g)).toBe(true);
    expect(C.element([Math.PI, Math.PI / 2], '[radians | radians]').equals(g)).toBe(true);
    const F = fullCylinderGroup();
    expect(F.element([1, [1, 0.5]]).combine(F.element([1, [0, 0.2]])).value).toEqual([0, [1, 0.3]]);
  });

  it('decomposes tensor products from the factors’ closed forms', () => {
    const C = cylinderGroup(3);
    expect(C.tensorProductIrreps([1, 1, 0], [1, 2, 0])).toEqual([
      { id: [0, 1, 0], multiplicity: 1 },
      { id: [0, 3, 0], multiplicity: 1 },
    ]);
    // C2: [1] ⊗ [0] = [1]; D4: [1,1] ⊗ [1,1] = [0,0] ⊕ [1,0] ⊕ [1,2] ⊕ [0,2], in D4's irreps() order.
    expect(fullCylinderDiscreteGroup(4).tensorProductIrreps([1, 1, 1], [0, 1, 1])).toEqual([
      { id: [1, 0, 0, 0], multiplicity: 1 },
      { id: [1, 1, 0, 0], multiplicity: 1 },
      { id: [1, 1, 2, 0], multiplicity: 1 },
      { id: [1, 0, 2, 0], multiplicity: 1 },
    ]);
    const T = doubleGroup(so2Group(2));
    expect(T.tensorProductIrreps([1, 1, 0], [1, 1, 1])).toEqual([
      { id: [0, 2, 0], multiplicity: 1 },
      { id: [2, 0, 0], multiplicity: 1 },
    ]);
  });

  it('grids as escnn: random pairs or the product of the factors’ grids', () => {
    const C = cylinderGroup();
    const grid = C.grid('product', 8, { grid1: { type: 'regular', n: 2 }, grid2: { type: 'regular', n: 4 } });
    expect(grid.map((g) => g.value)).toEqual(
      [0, 1].flatMap((c) => [0, 1, 2, 3].map((k) => [c, (k * Math.PI) / 2])),
    );
    expect(C.testingElements).toHaveLength(2 * 52);
    expect(C.generators.map((g) => g.value)).toEqual([
      [1, 0],
      [0, 1],
      [0, Math.SQRT2],
    ]);
  });

  it('gives the factors’ subgroup ids (escnn subgroup1_id, subgroup2_id)', () => {
    const F = fullCylinderGroup();
    expect(F.subgroupTrivialId).toEqual([1, [null, 1]]);
    expect(F.subgroupSelfId).toEqual([2, [0, -1]]);
    expect(F.subgroup(F.subgroup1Id).subgroup.name).toBe('C2');
    expect(F.subgroup(F.subgroup2Id).subgroup.equals(o2Group())).toBe(true);
    expect(F.subgroup([2, [null, -1]]).subgroup.name).toBe('C2 X SO(2)');
  });
});

describe('typed errors', () => {
  it('rejects bad factory arguments', () => {
    for (const call of [
      () => cylinderGroup(-1),
      () => cylinderGroup(1.5),
      () => fullCylinderGroup(Number.NaN),
      () => cylinderDiscreteGroup(0),
      () => fullCylinderDiscreteGroup(2.5),
      () => directProduct(null as never, cyclicGroup(2)),
      () => directProduct(cyclicGroup(2), {} as never),
      () => directProduct(cyclicGroup(2), cyclicGroup(2), ''),
      () => doubleGroup('C2' as never),
    ])
      expect(call).toThrow(InvalidArgumentError);
    expect(() => cylinderGroup(-1)).toThrow(/cylinderGroup: argument "maximumFrequency"/);
    expect(() => fullCylinderDiscreteGroup(0)).toThrow(/fullCylinderDiscreteGroup: argument "n"/);
  });

  it('rejects bad elements, parametrizations, ids and grids', () => {
    const C = cylinderGroup();
    expect(() => C.element([2, 0])).toThrow(InvalidArgumentError);
    expect(() => C.element([0, 0.1], '[int | int]')).toThrow(/argument "param"/);
    expect(() => C.element(0.3)).toThrow(/must be a pair \[g1, g2\]/);
    expect(() =>
      C.element([
        0,
        [
          [1, 0],
          [0, 1],
        ],
      ]),
    ).toThrow(/Cylindrical.element/);
    expect(() => C.irrep(2, 0)).toThrow(UnknownIrrepError);
    expect(() => C.irrep(0, 0, 1)).toThrow(UnknownIrrepError);
    expect(() => C.irrep(0)).toThrow(UnknownIrrepError);
    expect(() => C.irrep(0, 1, 2, 3)).toThrow(UnknownIrrepError);
    expect(() => C.irrep(0, 1.5)).toThrow(InvalidArgumentError);
    expect(C.productIrrep([1], [2])).toBe(C.irrep(1, 2, 0));
    expect(() => C.productIrrep([5], [0])).toThrow(/Cylindrical.productIrrep: argument "id"/);
    expect(() => C.productIrrep([0], [1], 1)).toThrow(UnknownIrrepError);
    expect(() => C.productIrrep([0], [1], 0.5)).toThrow(UnknownIrrepError);
    expect(() => C.productIrrep([0], ['a' as never])).toThrow(InvalidArgumentError);
    expect(() => doubleGroup(so2Group()).irrep(1, 1, 2)).toThrow(/irrep of SO\(2\) X SO\(2\)/);
    expect(() => C.subgroup(3)).toThrow(UnknownSubgroupError);
    expect(() => C.subgroup([3, 1])).toThrow(/subgroup id of Cylindrical/);
    expect(() => C.subgroup([2, 0])).toThrow(UnknownSubgroupError);
    expect(() => doubleGroup(cyclicGroup(3)).subgroup('anti')).toThrow(UnknownSubgroupError);
    expect(() => C.restrictIrrep([0, 9, 9, 9], [2, 1])).toThrow(UnknownIrrepError);
    expect(() => C.grid('regular', 4)).toThrow(/'rand' or 'product'/);
    expect(() => C.grid('product', 4, { grid1: { type: 'regular', n: 2 } })).toThrow(/options.grid2/);
    expect(() =>
      C.grid('product', 5, { grid1: { type: 'regular', n: 2 }, grid2: { type: 'regular', n: 2 } }),
    ).toThrow(/argument "n" must be the size of the product grid, 4/);
    expect(() => C.sample(-1)).toThrow(InvalidArgumentError);
    expect(() => C.sample(1, { seed: 0.5 })).toThrow(InvalidArgumentError);
    expect(() => C.pairElements(so2Group().identity, so2Group().identity)).toThrow(GroupMismatchError);
    expect(() => C.splitElement(cyclicGroup(2).identity)).toThrow(GroupMismatchError);
    expect(() => C.irrep(0, 0).at(fullCylinderGroup().identity)).toThrow(GroupMismatchError);
  });
});
