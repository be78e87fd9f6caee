/**
 * The octahedral and icosahedral groups against escnn 1.0.13's reference values (fixtures/groups.json): name,
 * order, irrep ids, names, dimensions and types, every irrep matrix at the listed elements, the standard
 * representation (irrep [1] in escnn's basis), the element order (exactly escnn's quaternions) and the
 * regular representation's permutations and decomposition.
 */
import { readFileSync } from 'node:fs';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { type Icosahedral, icoGroup } from './icosahedral.js';
import { type Octahedral, octaGroup } from './octahedral.js';
import { assertClose } from './testing/index.js';

interface FixtureElement {
  escnn_param: string;
  escnn_value: unknown;
  rotation_matrix: number[][];
  standard_representation: number[][];
  irrep_matrices: Record<string, number[][]>;
  regular_perm: number[];
}
interface FixtureGroup {
  name: string;
  order: number;
  continuous: boolean;
  default_param: string;
  irreps: { id: number[]; name: string; dimension: number; type_code: string }[];
  elements: FixtureElement[];
  element_order: number[][];
  regular_representation: { size: number; irreps: number[][] };
}

const fixtures = JSON.parse(
  readFileSync(new URL('../../../fixtures/groups.json', import.meta.url), 'utf8'),
) as { groups: Record<string, FixtureGroup> };

/** Every entry of a matrix against escnn's to 1e-9 (inclusive). */
const FIXTURE_TOLERANCE = 1e-9;

/** escnn's standard representation of both groups: irrep [1] changed to the basis (z, x, y) by this P. */
const P = new Matrix([
  [0, 0, 1],
  [1, 0, 0],
  [0, 1, 0],
]);

const cases: [string, () => Octahedral | Icosahedral][] = [
  ['Octa', octaGroup],
  ['Ico', icoGroup],
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

  it('gives every irrep matrix and the standard representation at the listed elements to 1e-9', () => {
    for (const e of fixture.elements) {
      const g = G.element(e.escnn_value, e.escnn_param);
      expect(Object.keys(e.irrep_matrices).sort()).toEqual(
        G.irreps()
          .map((irr) => irr.name)
          .sort(),
      );
      for (const [name, expected] of Object.entries(e.irrep_matrices)) {
        const irrep = G.irreps().find((irr) => irr.name === name)!;
        assertClose(irrep.at(g), expected, FIXTURE_TOLERANCE, `${name} at ${g}`);
      }
      const standard = P.mmul(G.irrep(1).at(g)).mmul(P.transpose());
      assertClose(standard, e.standard_representation, FIXTURE_TOLERANCE, `Q [1] Qᵀ at ${g}`);
      assertClose(
        G.standardRepresentation().at(g),
        e.standard_representation,
        FIXTURE_TOLERANCE,
        `standard at ${g}`,
      );
      assertClose(g.to('MAT') as Matrix, e.rotation_matrix, FIXTURE_TOLERANCE, `matrix of ${g}`);
    }
  });

  it("lists the elements as escnn's quaternions, signs included", () => {
    expect(G.elements.map((g) => g.to('Q'))).toEqual(fixture.element_order);
    expect(G.elements.map((g) => g.value)).toEqual(fixture.element_order);
  });

  it('permutes the regular basis as escnn: elements[perm[i]] = g · elements[i]', () => {
    for (const e of fixture.elements) {
      const g = G.element(e.escnn_value, e.escnn_param);
      const perm = G.elements.map((h) => G.elements.findIndex((x) => x.equals(g.combine(h))));
      expect(perm).toEqual(e.regular_perm);
    }
  });

  it('decomposes the regular representation as escnn: each irrep dim-many times, in irreps() order', () => {
    // multiplicity of psi in the regular representation: (1/|G|) Σ_g χ_reg(g) χ_psi(g) = χ_psi(e) = dim psi
    const ids = G.irreps().flatMap((irr) => {
      let m = 0;
      for (const g of G.elements) m += (g.isIdentity() ? G.order() : 0) * irr.character(g);
      m /= G.order();
      expect(m).toBe(irr.dimension);
      return Array.from({ length: m }, () => [...irr.id]);
    });
    expect(ids).toEqual(fixture.regular_representation.irreps);
    expect(ids.reduce((s, id) => s + G.irrep(...id).dimension, 0)).toBe(fixture.regular_representation.size);
  });
});
