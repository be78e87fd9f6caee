/**
 * escnn's description of the planar symmetry groups as subgroups of O(2) (`sg_id = (θ, N)`) and the
 * validation of the planar factories' arguments.
 */
import { InvalidArgumentError } from '@steerable/group-theory';

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
