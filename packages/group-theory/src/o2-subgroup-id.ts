/**
 * escnn's ids of the subgroups of O(2) (`sg_id`), the description of the planar symmetry groups.
 */
import { InvalidArgumentError } from './errors.js';

/**
 * escnn's id of a subgroup of O(2) (the `sg_id` of `O2.subgroup` and of `GSpace2D`): `[flipAxis, N]`.
 *
 * - `flipAxis` is `null` when the group has no reflections; otherwise it is the angle θ of the O(2)
 *   element `(1, θ)` that generates the reflections, i.e. twice the angle of the reflection axis
 *   (escnn's `flipRot2dOnR2(N, axis)` has `sg_id = (2·axis, N)`).
 * - `N` is the number of rotations (`N ≥ 1`), or `-1` for all of SO(2).
 *
 * | gspace (escnn)              | id                |
 * | --------------------------- | ----------------- |
 * | `rot2dOnR2(N)`              | `[null, N]`       |
 * | `rot2dOnR2(-1)` (SO(2))     | `[null, -1]`      |
 * | `flipRot2dOnR2(N, axis)`    | `[2·axis, N]`     |
 * | `flipRot2dOnR2(-1)` (O(2))  | `[π, -1]`         |
 * | `flip2dOnR2(axis)`          | `[2·axis, 1]`     |
 * | `trivialOnR2()`             | `[null, 1]`       |
 *
 * @see escnn's `escnn.group.O2.subgroup` and `escnn.gspaces.GSpace2D`.
 */
export type O2SubgroupId = readonly [flipAxis: number | null, N: number];

/**
 * Validates an O(2) subgroup id and returns it frozen.
 * @param fn - the calling function, for the error.
 * @param argument - the argument's name, for the error. @defaultValue `'sgId'`
 * @throws InvalidArgumentError when it is not `[null | angle in [0, 2π], N ≥ 1 or -1]`.
 */
export function checkO2SubgroupId(fn: string, sgId: unknown, argument = 'sgId'): O2SubgroupId {
  const ok =
    Array.isArray(sgId) &&
    sgId.length === 2 &&
    (sgId[0] === null ||
      (typeof sgId[0] === 'number' &&
        Number.isFinite(sgId[0]) &&
        sgId[0] >= 0 &&
        sgId[0] <= 2 * Math.PI + 1e-12)) &&
    typeof sgId[1] === 'number' &&
    Number.isInteger(sgId[1]) &&
    (sgId[1] === -1 || sgId[1] >= 1);
  if (!ok) {
    throw new InvalidArgumentError(
      fn,
      argument,
      sgId,
      'must be an O(2) subgroup id [flipAxis: null | angle in [0, 2π], N: integer ≥ 1 or -1]',
    );
  }
  return Object.freeze([sgId[0] as number | null, sgId[1] as number]) as O2SubgroupId;
}
