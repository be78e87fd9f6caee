/**
 * The planar groups against escnn 1.0.13's reference values (fixtures/groups.json): irrep ids, names,
 * dimensions, types and order, irrep matrices at the listed elements, the standard representation, and the
 * element order of the regular representation (checked through its permutation matrices).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cyclicGroup } from './cyclic.js';
import { dihedralGroup } from './dihedral.js';
import type { Group } from './group.js';
import { o2Group } from './o2.js';
import { so2Group } from './so2.js';
import { assertClose } from './testing/index.js';

interface FixtureElement {
  escnn_param: string;
  escnn_value: unknown;
  standard_representation: number[][] | null;
  irrep_matrices: Record<string, number[][]>;
  regular_matrix?: number[][];
}
interface FixtureGroup {
  name: string;
  order: number;
  continuous: boolean;
  default_param: string;
  irreps: { id: number[]; name: string; dimension: number; type_code: string }[];
  elements: FixtureElement[];
  element_order?: unknown[];
}

const fixtures = JSON.parse(
  readFileSync(new URL('../../../fixtures/groups.json', import.meta.url), 'utf8'),
) as {
  groups: Record<string, FixtureGroup>;
};

const cases: [string, () => Group][] = [
  ['C4', () => cyclicGroup(4)],
  ['C8', () => cyclicGroup(8)],
  ['D4', () => dihedralGroup(4)],
  ['SO2', () => so2Group(3)],
  ['O2', () => o2Group(3)],
];

/** Every entry of a matrix against escnn's to 1e-9 (inclusive), same shape. */
const FIXTURE_TOLERANCE = 1e-9;

describe.each(cases)('%s agrees with escnn', (key, make) => {
  const fixture = fixtures.groups[key]!;
  const G = make();

  it('has escnn name, order, continuity and default parametrization', () => {
    expect(G.name).toBe(fixture.name);
    expect(G.order()).toBe(fixture.order);
    expect(G.continuous).toBe(fixture.continuous);
    expect(G.defaultParam).toBe(fixture.default_param);
  });

  it('lists the irreps with escnn ids, names, dimensions and types, in order', () => {
    const irreps = G.irreps().map((irr) => ({
      id: [...irr.id],
      name: irr.name,
      dimension: irr.dimension,
      type_code: irr.type,
    }));
    expect(irreps).toEqual(
      fixture.irreps.map(({ id, name, dimension, type_code }) => ({ id, name, dimension, type_code })),
    );
  });

  it('gives every irrep matrix at the listed elements to 1e-9', () => {
    for (const e of fixture.elements) {
      const g = G.element(e.escnn_value, e.escnn_param);
      for (const [name, expected] of Object.entries(e.irrep_matrices)) {
        const irrep = G.irreps().find((irr) => irr.name === name)!;
        assertClose(irrep.at(g), expected, FIXTURE_TOLERANCE, `${name} at ${g}`);
        const trace = expected.reduce((t, row, i) => t + row[i]!, 0);
        expect(irrep.character(g)).toBeCloseTo(trace, 12);
      }
      if (e.standard_representation !== null) {
        const standard = (
          G as unknown as { standardRepresentation(): { at(g: unknown): { to2DArray(): number[][] } } }
        )
          .standardRepresentation()
          .at(g)
          .to2DArray();
        assertClose(standard, e.standard_representation, FIXTURE_TOLERANCE, `standard at ${g}`);
      }
    }
  });

  if (fixture.element_order !== undefined) {
    it('orders the elements as escnn (the regular representation matches)', () => {
      expect(G.elements.map((g) => g.value)).toEqual(fixture.element_order);
      for (const e of fixture.elements) {
        const g = G.element(e.escnn_value, e.escnn_param);
        // rho_reg(g) e_h = e_{gh}: entry [i][j] is 1 exactly when elements[i] = g · elements[j].
        const regular = G.elements.map((gi) => G.elements.map((hj) => (gi.equals(g.combine(hj)) ? 1 : 0)));
        expect(regular).toEqual(e.regular_matrix);
      }
    });
  }
});
