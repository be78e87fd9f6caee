/**
 * The group laws (associativity, identity, inverses; irreps orthogonal homomorphisms commuting with their
 * endomorphisms; Clebsch–Gordan decompositions recomposing tensor products) on every group of space, through
 * {@link arbitrarySpatialGroup}; and the arbitrary itself.
 */
import {
  cyclicGroup,
  cylinderDiscreteGroup,
  cylinderGroup,
  directProduct,
  doubleGroup,
  fullCylinderDiscreteGroup,
  fullCylinderGroup,
  fullIcoGroup,
  fullOctaGroup,
  type Group,
  InvalidArgumentError,
  icoGroup,
  klein4Group,
  o3Group,
  octaGroup,
  so3Group,
} from '@steerable/group-theory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertGroupLaws } from '../group-laws.js';
import { arbitraryElement, arbitrarySpatialGroup } from './groups.js';
import { propertyParameters } from './parameters.js';

/** The first `k` irreps' ids: bounds the Clebsch–Gordan pairs of the large groups. */
function firstIrreps(G: Group, k: number) {
  return G.irreps()
    .slice(0, k)
    .map((irr) => irr.id);
}

const groups: [string, () => Group, number][] = [
  ['Klein4', klein4Group, 4],
  ['C2 × C5', () => cylinderDiscreteGroup(5), 4],
  ['C2 × D3', () => fullCylinderDiscreteGroup(3), 4],
  ['Octahedral', octaGroup, 5],
  ['Icosahedral', icoGroup, 5],
  ['FullOctahedral', fullOctaGroup, 4],
  ['FullIcosahedral', fullIcoGroup, 3],
  ['SO(3)', () => so3Group(2), 3],
  ['O(3)', () => o3Group(1), 4],
  ['C2 × SO(2)', () => cylinderGroup(2), 4],
  ['C2 × O(2)', () => fullCylinderGroup(2), 4],
  ['C3 × O', () => directProduct(cyclicGroup(3), octaGroup()), 3],
  ['D2 × D2 (double group)', () => doubleGroup(klein4Group()), 3],
];

describe('assertGroupLaws on the groups of space', () => {
  it.each(groups)('holds for %s', (_name, make, k) => {
    const G = make();
    expect(() => assertGroupLaws(G, { numRuns: 5, irreps: firstIrreps(G, k) })).not.toThrow();
  });

  it('holds for arbitrary groups of space', () => {
    fc.assert(
      fc.property(arbitrarySpatialGroup({ maxRotations: 4, maxFrequency: 1, fullPolyhedra: false }), (G) => {
        assertGroupLaws(G, { numRuns: 3, irreps: firstIrreps(G, 3) });
      }),
      propertyParameters({ numRuns: 8 }),
    );
  });
});

describe('arbitrarySpatialGroup', () => {
  it('draws every family of space, reproducibly', () => {
    const draw = (seed: number) => fc.sample(arbitrarySpatialGroup(), { seed, numRuns: 300 });
    const names = new Set(draw(4).map((G) => G.name));
    expect(names).toEqual(
      new Set([
        'Klein4',
        'CylindricalDiscrete',
        'FullCylindricalDiscrete',
        'Octahedral',
        'Icosahedral',
        'FullOctahedral',
        'FullIcosahedral',
        'SO(3)',
        'O(3)',
        'Cylindrical',
        'FullCylindrical',
      ]),
    );
    expect(draw(5).map((G) => G.key)).toEqual(draw(5).map((G) => G.key));
  });

  it('respects its bounds', () => {
    const sample = fc.sample(
      arbitrarySpatialGroup({ maxRotations: 3, maxFrequency: 1, fullPolyhedra: false }),
      {
        seed: 6,
        numRuns: 200,
      },
    );
    expect(sample.some((G) => G.name === 'FullOctahedral' || G.name === 'FullIcosahedral')).toBe(false);
    for (const G of sample) {
      if (G.name === 'CylindricalDiscrete') expect(G.order()).toBeLessThanOrEqual(6);
      if (G.name === 'FullCylindricalDiscrete') expect(G.order()).toBeLessThanOrEqual(12);
      if (G.continuous) {
        const top = Math.max(...G.irreps().map((irr) => irr.size));
        expect(top).toBeLessThanOrEqual(3);
      }
    }
  });

  it('draws elements of spatial groups', () => {
    for (const G of [o3Group(), icoGroup(), fullCylinderGroup()] as Group[]) {
      const sample = fc.sample(arbitraryElement(G), { seed: 7, numRuns: 20 });
      expect(sample.every((g) => g.group.equals(G))).toBe(true);
    }
  });

  it('rejects bad bounds', () => {
    expect(() => arbitrarySpatialGroup({ maxRotations: 0 })).toThrow(InvalidArgumentError);
    expect(() => arbitrarySpatialGroup({ maxFrequency: -1 })).toThrow(InvalidArgumentError);
    expect(() => arbitrarySpatialGroup({ maxFrequency: 1.5 })).toThrow(InvalidArgumentError);
  });
});
