/**
 * The symmetry groups of a cylinder and of a rectangle, built as escnn's factories build them: direct products
 * with the inversion group `C2` first (escnn's `cylinder_group`, `full_cylinder_group`,
 * `cylinder_discrete_group`, `full_cylinder_discrete_group`, `klein4_group`).
 */
import { cyclicGroup } from './cyclic.js';
import { dihedralGroup } from './dihedral.js';
import { DirectProductGroup } from './direct-product.js';
import { InvalidArgumentError } from './errors.js';
import { isInteger } from './internal/planar.js';
import { o2Group } from './o2.js';
import { checkMaximumFrequency, so2Group } from './so2.js';

/**
 * The Klein four-group `K4 = C2 × C2`, named `'Klein4'` (escnn's `klein4_group()`): the symmetries of a
 * rectangle, the two reflections being `(1, 0)` and `(0, 1)`. escnn also registers the 2-dimensional
 * representation `'rectangle'`, the sum of the irreps `[1, 0, 0]` and `[0, 1, 0]`.
 * @see escnn's `escnn.group.klein4_group`
 */
export function klein4Group(): DirectProductGroup {
  return new DirectProductGroup(cyclicGroup(2), cyclicGroup(2), 'Klein4', 'klein4Group');
}

/**
 * `C2 × SO(2)`, named `'Cylindrical'` (escnn's `cylinder_group(maximum_frequency=3)`): the planar rotations of
 * SO(2) and the 3D inversion of C2. Elements `[c, θ]` (`'[int | radians]'`).
 * @param maximumFrequency - largest SO(2) frequency in `irreps()`. @defaultValue 3
 * @throws InvalidArgumentError unless `maximumFrequency` is a non-negative integer.
 * @see escnn's `escnn.group.cylinder_group`
 */
export function cylinderGroup(maximumFrequency = 3): DirectProductGroup {
  const L = checkMaximumFrequency('cylinderGroup', maximumFrequency);
  return new DirectProductGroup(cyclicGroup(2), so2Group(L), 'Cylindrical', 'cylinderGroup');
}

/**
 * `C2 × O(2)`, named `'FullCylindrical'` (escnn's `full_cylinder_group(maximum_frequency=3)`): the
 * symmetries of a cylinder. Elements `[c, [f, θ]]` (`'[int | radians]'`).
 * @param maximumFrequency - largest O(2) rotation frequency in `irreps()`. @defaultValue 3
 * @throws InvalidArgumentError unless `maximumFrequency` is a non-negative integer.
 * @see escnn's `escnn.group.full_cylinder_group`
 */
export function fullCylinderGroup(maximumFrequency = 3): DirectProductGroup {
  const L = checkMaximumFrequency('fullCylinderGroup', maximumFrequency);
  return new DirectProductGroup(cyclicGroup(2), o2Group(L), 'FullCylindrical', 'fullCylinderGroup');
}

function checkN(fn: string, n: unknown): number {
  if (!isInteger(n) || n < 1) throw new InvalidArgumentError(fn, 'n', n, 'must be a positive integer');
  return n;
}

/**
 * `C2 × C_n`, named `'CylindricalDiscrete'` (escnn's `cylinder_discrete_group(n)`); for `n = 2` the Klein
 * four-group {@link klein4Group}, as escnn.
 * @throws InvalidArgumentError unless `n` is a positive integer.
 * @see escnn's `escnn.group.cylinder_discrete_group`
 */
export function cylinderDiscreteGroup(n: number): DirectProductGroup {
  const N = checkN('cylinderDiscreteGroup', n);
  if (N === 2) return klein4Group();
  return new DirectProductGroup(
    cyclicGroup(2),
    cyclicGroup(N),
    'CylindricalDiscrete',
    'cylinderDiscreteGroup',
  );
}

/**
 * `C2 × D_n`, named `'FullCylindricalDiscrete'` (escnn's `full_cylinder_discrete_group(n)`).
 * @throws InvalidArgumentError unless `n` is a positive integer.
 * @see escnn's `escnn.group.full_cylinder_discrete_group`
 */
export function fullCylinderDiscreteGroup(n: number): DirectProductGroup {
  const N = checkN('fullCylinderDiscreteGroup', n);
  return new DirectProductGroup(
    cyclicGroup(2),
    dihedralGroup(N),
    'FullCylindricalDiscrete',
    'fullCylinderDiscreteGroup',
  );
}
