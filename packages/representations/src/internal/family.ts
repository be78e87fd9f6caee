/**
 * Recognizes escnn's planar group families by their names (escnn names them `C<N>`, `D<N>`, `SO(2)`, `O(2)`).
 */
import type { Group } from '@steerable/group-theory';

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
