/**
 * The construction properties on random elements of the groups of space: SO(3), O(3), the octahedral and
 * icosahedral groups and their full versions, the cylinder groups and the Klein four-group. Sizes stay small
 * (maximum frequency 2, the regular representations of the finite groups up to 60): the runs come from the
 * global fast-check configuration.
 */
import {
  cyclicGroup,
  cylinderDiscreteGroup,
  cylinderGroup,
  dihedralGroup,
  fullCylinderDiscreteGroup,
  fullCylinderGroup,
  fullIcoGroup,
  fullOctaGroup,
  type Group,
  icoGroup,
  klein4Group,
  o2Group,
  o3Group,
  octaGroup,
  so2Group,
  so3Group,
} from '@steerable/group-theory';
import { describe, expect, it } from 'vitest';
import {
  blQuotientRepresentation,
  blRegularRepresentation,
  blSphereRepresentation,
  cubeEdgesRepresentation,
  cubeFacesRepresentation,
  cubeVerticesRepresentation,
  icoEdgesRepresentation,
  icoFacesRepresentation,
  icoVerticesRepresentation,
  inducedRepresentation,
  quotientRepresentation,
  type Representation,
  regularRepresentation,
  spectralRegularRepresentation,
} from './index.js';
import { type Case, common, describeConstructionProperties } from './test-constructions.js';
import { hasSubgroup, spatialSubgroups } from './test-spatial.js';

/** `make()` when `G` implements the subgroup `id` (escnn's), nothing otherwise. */
function ifSubgroup(G: Group, id: unknown, make: () => Representation): Representation[] {
  return hasSubgroup(G, id) ? [make()] : [];
}

const SO3 = so3Group(2);
const O3 = o3Group(2);
const octa = octaGroup();
const ico = icoGroup();
const fullOcta = fullOctaGroup();
const fullIco = fullIcoGroup();
const cyl = cylinderGroup(2);
const fullCyl = fullCylinderGroup(2);
const cylD = cylinderDiscreteGroup(4);
const fullCylD = fullCylinderDiscreteGroup(3);
const klein = klein4Group();

const cases: [string, Case][] = [
  [
    'SO(3)',
    {
      G: SO3,
      reps: () => [
        blRegularRepresentation(SO3, 1),
        blQuotientRepresentation(SO3, 1, [false, 1]),
        ...common(SO3),
        spectralRegularRepresentation(SO3, SO3.irreps()),
        ...ifSubgroup(SO3, [false, -1], () => blSphereRepresentation(SO3, 2)),
        ...ifSubgroup(SO3, [true, -1], () => blQuotientRepresentation(SO3, 2, [true, -1])),
      ],
      subgroups: spatialSubgroups(SO3),
    },
  ],
  [
    'O(3)',
    {
      G: O3,
      reps: () => [
        blRegularRepresentation(O3, 1),
        quotientRepresentation(O3, 'o3'),
        blQuotientRepresentation(O3, 1, [false, false, 1]),
        ...ifSubgroup(O3, ['cone', -1], () => blSphereRepresentation(O3, 2)),
        ...ifSubgroup(O3, 'so3', () => quotientRepresentation(O3, 'so3')),
        ...ifSubgroup(O3, 'so3', () => inducedRepresentation(O3, 'so3', so3Group(2).irrep(1))),
        ...common(O3),
      ],
      subgroups: spatialSubgroups(O3),
    },
  ],
  [
    'Octahedral',
    {
      G: octa,
      reps: () => [
        regularRepresentation(octa),
        quotientRepresentation(octa, 'octa'),
        ...common(octa),
        ...ifSubgroup(octa, [false, 3], () => cubeVerticesRepresentation(octa)),
        ...ifSubgroup(octa, [false, 4], () => cubeFacesRepresentation(octa)),
        ...ifSubgroup(octa, [true, 1], () => cubeEdgesRepresentation(octa)),
        ...ifSubgroup(octa, [false, 4], () =>
          inducedRepresentation(octa, [false, 4], cyclicGroup(4).irrep(1)),
        ),
      ],
      subgroups: spatialSubgroups(octa),
    },
  ],
  [
    'Icosahedral',
    {
      G: ico,
      reps: () => [
        blRegularRepresentation(ico, 1),
        ...common(ico),
        regularRepresentation(ico),
        ...ifSubgroup(ico, [false, 5], () => icoVerticesRepresentation(ico)),
        ...ifSubgroup(ico, [false, 3], () => icoFacesRepresentation(ico)),
        ...ifSubgroup(ico, [false, 2], () => icoEdgesRepresentation(ico)),
      ],
      subgroups: spatialSubgroups(ico),
    },
  ],
  [
    'FullOctahedral',
    {
      G: fullOcta,
      reps: () => [
        quotientRepresentation(fullOcta, fullOcta.subgroup2Id),
        inducedRepresentation(fullOcta, fullOcta.subgroup2Id, octa.irrep(2)),
        ...common(fullOcta),
        regularRepresentation(fullOcta),
      ],
      subgroups: [fullOcta.subgroup1Id, fullOcta.subgroup2Id, fullOcta.subgroupTrivialId],
    },
  ],
  [
    'FullIcosahedral',
    {
      G: fullIco,
      reps: () => [
        quotientRepresentation(fullIco, fullIco.subgroup2Id),
        inducedRepresentation(fullIco, fullIco.subgroup2Id, ico.irrep(3)),
        ...common(fullIco),
        inducedRepresentation(fullIco, fullIco.subgroup1Id, cyclicGroup(2).irrep(1)),
      ],
      subgroups: [fullIco.subgroup1Id, fullIco.subgroup2Id],
    },
  ],
  [
    'Cylindrical',
    {
      G: cyl,
      reps: () => [
        quotientRepresentation(cyl, cyl.subgroup2Id),
        inducedRepresentation(cyl, cyl.subgroup2Id, so2Group(2).irrep(1)),
        inducedRepresentation(cyl, cyl.subgroup2Id, so2Group(2).irrep(2)),
        ...common(cyl),
      ],
      subgroups: [cyl.subgroup1Id, cyl.subgroup2Id, [2, 3], [1, 4]],
    },
  ],
  [
    'FullCylindrical',
    {
      G: fullCyl,
      reps: () => [
        quotientRepresentation(fullCyl, [1, [null, -1]]),
        inducedRepresentation(fullCyl, fullCyl.subgroup2Id, o2Group(2).irrep(1, 2)),
        ...common(fullCyl),
      ],
      subgroups: [fullCyl.subgroup1Id, fullCyl.subgroup2Id, [2, [null, -1]], [1, [0, 3]]],
    },
  ],
  [
    'CylindricalDiscrete',
    {
      G: cylD,
      reps: () => [
        regularRepresentation(cylD),
        quotientRepresentation(cylD, [2, 1]),
        inducedRepresentation(cylD, cylD.subgroup2Id, cyclicGroup(4).irrep(1)),
        ...common(cylD),
      ],
      subgroups: [cylD.subgroup1Id, cylD.subgroup2Id, [2, 2], [1, 2]],
    },
  ],
  [
    'FullCylindricalDiscrete',
    {
      G: fullCylD,
      reps: () => [
        regularRepresentation(fullCylD),
        quotientRepresentation(fullCylD, [2, [0, 1]]),
        inducedRepresentation(fullCylD, fullCylD.subgroup2Id, dihedralGroup(3).irrep(1, 1)),
        ...common(fullCylD),
      ],
      subgroups: [fullCylD.subgroup1Id, fullCylD.subgroup2Id, [2, [null, 3]], [1, [0, 1]]],
    },
  ],
  [
    'Klein4',
    {
      G: klein,
      reps: () => [
        regularRepresentation(klein),
        quotientRepresentation(klein, klein.subgroup1Id),
        inducedRepresentation(klein, klein.subgroup2Id, cyclicGroup(2).irrep(1)),
        ...common(klein),
      ],
      subgroups: [klein.subgroup1Id, klein.subgroup2Id, klein.subgroupTrivialId],
    },
  ],
];

describeConstructionProperties(cases);

describe('induced representations of the groups of space', () => {
  it('have dimension index × dim psi', () => {
    const checks: [Group, unknown, number][] = [
      [fullOcta, fullOcta.subgroup2Id, 2],
      [fullIco, fullIco.subgroup1Id, 60],
      [cylD, [2, 2], 2],
      [fullCylD, [1, [null, 3]], 4],
      [cyl, cyl.subgroup2Id, 2],
      [fullCyl, [1, [null, -1]], 4],
      [O3, 'o3', 1],
    ];
    for (const [G, id, index] of checks) {
      const H = G.subgroup(id).subgroup;
      for (const psi of H.irreps()) {
        const ind = inducedRepresentation(G, id, psi);
        expect(ind.size).toBe(index * psi.size);
        if (G.order() > 0) expect(H.order() * index).toBe(G.order());
      }
    }
  });
});
