/**
 * Recognizes escnn's planar group families by their names (escnn names them `C<N>`, `D<N>`, `SO(2)`, `O(2)`).
 */
import type { Group } from '@steerable/group-theory';
import { pythonFloat, pythonRepr } from './linalg.js';

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

/**
 * escnn's printed form of a subgroup id of `G`, as it appears in representation names: Python's `str` of the id
 * tuple, where O(2)'s axis is a float (`(0.0, 1)`) and every other entry an int or `None`.
 */
export function subgroupIdRepr(G: Group, id: unknown): string {
  if (planarFamily(G) === 'o2' && Array.isArray(id) && id.length === 2 && typeof id[0] === 'number') {
    return `(${pythonFloat(id[0])}, ${pythonRepr(id[1])})`;
  }
  return pythonRepr(id);
}
