/**
 * escnn's subgroup ids of the spatial groups, for this package's tests (not part of the published package). The
 * tests keep those the group implements ({@link knownSubgroups}), so they cover each id as it lands.
 */
import type { Group } from '@steerable/group-theory';
import { knownSubgroups } from './test-utils.js';

/** escnn's subgroup ids of SO(3): trivial, itself, SO(2), O(2), C_N / D_N about z, the flip, tilted D_N / O(2), O, I. */
const SO3_IDS: readonly unknown[] = [
  [false, 1],
  'so3',
  [false, -1],
  [true, -1],
  [false, 4],
  [true, 3],
  [true, 1],
  [0.5, 3],
  [Math.PI, -1],
  'octa',
  'ico',
];

/**
 * escnn's subgroup ids of O(3): trivial, itself, SO(3), the cones O(2), D_4, the mirror and a tilted D_3, the
 * inversion C2, the cylinders and their SO(2)/O(2), C_N × C2, D_N and a tilted D_2, the full and rotational
 * polyhedral groups.
 */
const O3_IDS: readonly unknown[] = [
  [false, false, 1],
  'o3',
  'so3',
  ['cone', -1],
  ['cone', 4],
  [true, false, 1],
  [false, false, -1],
  [false, true, -1],
  [true, false, -1],
  [true, true, -1],
  [true, false, 4],
  [false, true, 3],
  [false, 0.5, 2],
  ['cone', 1],
  ['cone', Math.PI, 3],
  [false, 'octa'],
  [true, 'octa'],
  [false, 'ico'],
];

/** escnn's subgroup ids of the octahedral group: trivial, itself, C2, C3, C4 and the edge flip. */
const OCTA_IDS: readonly unknown[] = [[false, 1], 'octa', [false, 2], [false, 3], [false, 4], [true, 1]];

/** escnn's subgroup ids of the icosahedral group: trivial, itself, C2, C3, C5, D2, D3, D5, the tetrahedral T. */
const ICO_IDS: readonly unknown[] = [
  [false, 1],
  'ico',
  [false, 2],
  [false, 3],
  [false, 5],
  [true, 2],
  [true, 3],
  [true, 5],
  'tetra',
];

/** The ids among escnn's subgroup ids of SO(3), O(3), O or I that `G` implements. */
export function spatialSubgroups(G: Group): unknown[] {
  const table: Record<string, readonly unknown[]> = {
    'SO(3)': SO3_IDS,
    'O(3)': O3_IDS,
    Octahedral: OCTA_IDS,
    Icosahedral: ICO_IDS,
  };
  const ids = table[G.name];
  if (ids === undefined) throw new Error(`spatialSubgroups: no ids for ${G.name}`);
  return knownSubgroups(G, ids);
}

/** True when `G` implements the subgroup id `id`. */
export function hasSubgroup(G: Group, id: unknown): boolean {
  return knownSubgroups(G, [id]).length === 1;
}
