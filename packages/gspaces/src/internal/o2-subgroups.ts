/**
 * The validation of the planar factories' arguments (the rotation count and the reflection axis of the
 * O(2) subgroup id `[2·axis, N]`).
 */
import { InvalidArgumentError } from '@steerable/group-theory';

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
