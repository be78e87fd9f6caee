/**
 * The full symmetry groups of the cube and of the icosahedron, rotations and reflections, built as escnn's
 * factories build them: direct products of the inversion group `C2 = {I, -I}` with the rotation group
 * (escnn's `full_octa_group`, `full_ico_group`). They are the subgroups `O_h` and `I_h` of O(3).
 */
import { cyclicGroup } from './cyclic.js';
import { DirectProductGroup } from './direct-product.js';
import { icoGroup } from './icosahedral.js';
import { octaGroup } from './octahedral.js';

/**
 * `O_h = C2 × O`, named `'FullOctahedral'` (escnn's `full_octa_group()`): the 48 symmetries of the cube.
 * Elements `[c, q]` (`'[int | Q]'`): `c = 1` composes the rotation `q` with the inversion `-I`; `elements` lists
 * the 24 rotations of {@link octaGroup} in escnn's order, then the same composed with the inversion. Irreps
 * `[j, l, 0]`: the inversion's irrep `[j]` of C2 times the irrep `[l]` of O (escnn's `((j,), (l,), 0)`).
 * @see escnn's `escnn.group.full_octa_group`
 */
export function fullOctaGroup(): DirectProductGroup {
  return new DirectProductGroup(cyclicGroup(2), octaGroup(), 'FullOctahedral', 'fullOctaGroup');
}

/**
 * `I_h = C2 × I`, named `'FullIcosahedral'` (escnn's `full_ico_group()`): the 120 symmetries of the
 * icosahedron. Elements `[c, q]` (`'[int | Q]'`), irreps `[j, l, 0]`, as {@link fullOctaGroup}.
 * @see escnn's `escnn.group.full_ico_group`
 */
export function fullIcoGroup(): DirectProductGroup {
  return new DirectProductGroup(cyclicGroup(2), icoGroup(), 'FullIcosahedral', 'fullIcoGroup');
}
