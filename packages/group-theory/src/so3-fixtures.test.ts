/**
 * SO(3) and O(3) against escnn 1.0.13's reference values (fixtures/groups.json, `so3_group(2)` and
 * `o3_group(2)`): name, order, default parametrization, irrep ids, names, dimensions and types in order, and
 * every irrep matrix and the standard representation at the listed elements, entrywise to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Group } from './group.js';
import { o3Group } from './o3.js';
import { so3Group } from './so3.js';
import { assertClose } from './testing/index.js';

interface FixtureElement {
  escnn_param: string;
  escnn_value: unknown;
  rotation_matrix: number[][];
  standard_representation: number[][];
  irrep_matrices: Record<string, number[][]>;
}
interface FixtureGroup {
  name: string;
  order: number;
  continuous: boolean;
  default_param: string;
  irreps: { id: number[]; name: string; dimension: number; type_code: string }[];
  elements: FixtureElement[];
}

const fixtures = JSON.parse(
  readFileSync(new URL('../../../fixtures/groups.json', import.meta.url), 'utf8'),
) as {
  groups: Record<string, FixtureGroup>;
};

/** Every entry of a matrix against escnn's to 1e-9 (inclusive), same shape. */
const FIXTURE_TOLERANCE = 1e-9;

const cases: [string, () => Group][] = [
  ['SO3', () => so3Group(2)],
  ['O3', () => o3Group(2)],
];

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
    expect(
      G.irreps().map((psi) => ({
        id: [...psi.id],
        name: psi.name,
        dimension: psi.dimension,
        type: psi.type,
      })),
    ).toEqual(
      fixture.irreps.map((r) => ({ id: r.id, name: r.name, dimension: r.dimension, type: r.type_code })),
    );
  });

  it.each(fixture.elements.map((e, i) => [i, e] as const))(
    'matches every irrep matrix at element %i',
    (_, e) => {
      const g = G.element(e.escnn_value, e.escnn_param);
      for (const psi of G.irreps()) {
        const expected = e.irrep_matrices[psi.name];
        expect(expected, psi.name).toBeDefined();
        assertClose(psi.at(g), expected!, FIXTURE_TOLERANCE, `${key} ${psi.name}`);
        // irrep(...) builds the same matrices as irreps() (a fresh lookup by id).
        assertClose(G.irrep(...psi.id).at(g), expected!, FIXTURE_TOLERANCE, `${key} irrep(${psi.id})`);
      }
      expect(Object.keys(e.irrep_matrices).length).toBe(G.irreps().length);
    },
  );

  it.each(fixture.elements.map((e, i) => [i, e] as const))(
    'matches the standard representation at element %i',
    (_, e) => {
      const g = G.element(e.escnn_value, e.escnn_param);
      const standard = (G as unknown as { standardRepresentation(): { at(g: unknown): unknown } })
        .standardRepresentation()
        .at(g);
      assertClose(standard as never, e.standard_representation, FIXTURE_TOLERANCE, `${key} standard`);
    },
  );

  it.each(fixture.elements.map((e, i) => [i, e] as const))(
    'reads the element as the rotation matrix escnn lists (element %i)',
    (_, e) => {
      const g = G.element(e.escnn_value, e.escnn_param);
      const mat = g.to('MAT');
      const rotation = key === 'O3' ? (mat as [number, unknown])[1] : mat;
      assertClose(rotation as never, e.rotation_matrix, FIXTURE_TOLERANCE, `${key} MAT`);
    },
  );
});
