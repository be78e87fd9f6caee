/**
 * escnn's description of the planar symmetry groups as subgroups of O(2) (`sg_id = (θ, N)`), and the
 * composition of subgroup ids used by `GSpace2D.restrict` (escnn's `O2._combine_subgroups`).
 */
import { InvalidArgumentError, UnknownSubgroupError } from '@steerable/group-theory';

const TWO_PI = 2 * Math.PI;

/**
 * An O(2) subgroup id `[θ, N]`: `θ = null` when there are no reflections, otherwise the rotation part of the
 * reflection `r_θ f` it contains (the reflection axis is at angle `θ/2` from the X axis); `N` rotations, or
 * `-1` for all of SO(2).
 */
export type PlanarSubgroupId = readonly [theta: number | null, N: number];

/** Checks the rotation count of a factory: a positive integer or -1. */
export function checkRotations(fn: string, N: unknown): number {
  if (typeof N !== 'number' || !Number.isInteger(N) || !(N === -1 || N > 0)) {
    throw new InvalidArgumentError(
      fn,
      'N',
      N,
      'must be a positive integer (discrete rotations) or -1 (all rotations)',
    );
  }
  return N;
}

/** Checks a flip axis (an angle in radians, in [0, π] as escnn requires `2·axis ∈ [0, 2π]`). */
export function checkAxis(fn: string, axis: unknown): number {
  if (typeof axis !== 'number' || !Number.isFinite(axis) || axis < 0 || axis > Math.PI) {
    throw new InvalidArgumentError(fn, 'options.axis', axis, 'must be an angle in radians in [0, π]');
  }
  return axis;
}

/** Checks the maximum frequency option: a non-negative integer. */
export function checkMaximumFrequency(fn: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(fn, 'options.maximumFrequency', value, 'must be a non-negative integer');
  }
  return value;
}

/** `θ` reduced to `[0, 2π)`. */
function wrap(theta: number): number {
  const t = theta % TWO_PI;
  return t < 0 ? t + TWO_PI : t;
}

/**
 * The O(2) id of the subgroup `id` of the group with O(2) id `parent` (escnn's `O2._combine_subgroups`):
 * - rotations only (`[null, N]`, C_N or SO(2)): `id` is a rotation count `M`, giving `[null, M]`;
 * - a reflection group (`[θ, 1]`): `id` is 2 (itself) or 1 (the trivial group `[null, 1]`);
 * - dihedral or O(2) (`[θ, N]`): `id = [k, M]`; `k = null` keeps the rotations `[null, M]`, otherwise the
 *   reflection `r_k f` of the subgroup is `r_{θ + α_k} f` in O(2), `α_k` the angle of the rotation `k`
 *   (`2πk/N` for D_N, `k` radians for O(2)), reduced to [0, 2π).
 *
 * `id` must already be a valid id of the fiber group (its `subgroup(id)` succeeded).
 */
export function combineSubgroupIds(
  fn: string,
  groupName: string,
  parent: PlanarSubgroupId,
  id: unknown,
): PlanarSubgroupId {
  const [theta, N] = parent;
  const bad = () => new UnknownSubgroupError(fn, groupName, id);
  if (theta === null) {
    if (typeof id !== 'number') throw bad();
    return [null, id];
  }
  if (N === 1) {
    if (id === 2) return [theta, 1];
    if (id === 1) return [null, 1];
    throw bad();
  }
  if (!Array.isArray(id) || id.length !== 2 || typeof id[1] !== 'number') throw bad();
  const [k, M] = id as [number | null, number];
  if (k === null) return [null, M];
  if (typeof k !== 'number') throw bad();
  const alpha = N === -1 ? k : (TWO_PI * k) / N;
  return [wrap(theta + alpha), M];
}

/** A readable name of the subgroup: `C4`, `D4`, `SO(2)`, `O(2)`, `Flip`, `C1`. */
export function describeSubgroup([theta, N]: PlanarSubgroupId): string {
  if (theta === null) return N === -1 ? 'SO(2)' : `C${N}`;
  if (N === -1) return 'O(2)';
  return N === 1 ? 'Flip' : `D${N}`;
}
