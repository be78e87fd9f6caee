/**
 * Recognizes escnn's group families by their names: the planar `C<N>`, `D<N>`, `SO(2)`, `O(2)` and the spatial
 * `SO(3)`, `O(3)`, `Octahedral`, `Icosahedral`.
 */
import type { Group } from '@steerable/group-theory';
import { pythonEntryRepr, pythonFloat, pythonRepr } from './linalg.js';

/** The planar family of a group, or `null` for any other group. */
export type PlanarFamily = 'cyclic' | 'dihedral' | 'so2' | 'o2';

/** The planar family of `G` from its escnn name. */
export function planarFamily(G: Group): PlanarFamily | null {
  if (/^C\d+$/.test(G.name)) return 'cyclic';
  if (/^D\d+$/.test(G.name)) return 'dihedral';
  if (G.name === 'SO(2)') return 'so2';
  if (G.name === 'O(2)') return 'o2';
  return null;
}

/** The spatial family of a group, or `null` for any other group. */
export type SpatialFamily = 'so3' | 'o3' | 'octa' | 'ico';

/** The spatial family of `G` from its escnn name. */
export function spatialFamily(G: Group): SpatialFamily | null {
  if (G.name === 'SO(3)') return 'so3';
  if (G.name === 'O(3)') return 'o3';
  if (G.name === 'Octahedral') return 'octa';
  if (G.name === 'Icosahedral') return 'ico';
  return null;
}

/**
 * Index of the entry of a subgroup id of `G` that escnn reads as a float (a flip axis), or -1: O(2)'s
 * `(axis, N)`; SO(3)'s `(axis, N)` when the first entry is a number (escnn's O(2) subgroup with its flip axis);
 * O(3)'s `(bool, axis, N)` and `('cone', axis, N)`.
 */
function floatEntry(G: Group, id: readonly unknown[]): number {
  const family = planarFamily(G) ?? spatialFamily(G);
  if ((family === 'o2' || family === 'so3') && id.length === 2 && typeof id[0] === 'number') return 0;
  if (
    family === 'o3' &&
    id.length === 3 &&
    (typeof id[0] === 'boolean' || id[0] === 'cone') &&
    typeof id[1] === 'number' &&
    typeof id[2] === 'number'
  ) {
    return 1;
  }
  return -1;
}

/**
 * escnn's printed form of a subgroup id of `G`, as it appears in representation names: Python's `str` of the id
 * tuple, where flip axes are floats (O(2)'s `(0.0, 1)`, O(3)'s `('cone', 0.0, 4)`), strings are quoted and every
 * other entry is a bool, an int or `None`.
 */
export function subgroupIdRepr(G: Group, id: unknown): string {
  if (Array.isArray(id)) {
    const k = floatEntry(G, id);
    if (k >= 0) {
      const inner = id.map((x, i) => (i === k ? pythonFloat(x as number) : pythonEntryRepr(x)));
      return `(${inner.join(', ')})`;
    }
  }
  return pythonRepr(id);
}
