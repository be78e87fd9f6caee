/**
 * Validation of the kernel bases' arguments: representations whose irreps are the symmetry group's, and
 * the radial and angular parameters.
 */
import { GroupMismatchError, InvalidArgumentError } from '@steerable/group-theory';
import type { KernelBasisParams, KernelRepresentation } from '../kernel-basis.js';
import type { ActionTables } from './irrep-pair.js';

/** Checks a representation of the action's group (one that names its group must name this one). */
export function checkRepr(fn: string, argument: string, G: ActionTables, repr: KernelRepresentation): void {
  const ok =
    repr != null &&
    typeof repr.name === 'string' &&
    Number.isInteger(repr.size) &&
    Array.isArray(repr.irreps) &&
    repr.changeOfBasis != null &&
    repr.changeOfBasisInv != null;
  if (!ok) throw new InvalidArgumentError(fn, argument, repr, 'must be a representation');
  // a representation that names its group must be of the symmetry group
  const group = (repr as { group?: { name?: unknown } }).group;
  const expected = G.action.group.name;
  if (group && typeof group.name === 'string' && group.name !== expected) {
    throw new GroupMismatchError(fn, argument, expected, group.name);
  }
  let total = 0;
  for (const id of repr.irreps) {
    const irr = G.irrep(id);
    if (!irr) {
      throw new InvalidArgumentError(
        fn,
        argument,
        repr,
        `has irrep [${id.join(', ')}], which is not an irrep of the group`,
      );
    }
    total += irr.dimension;
  }
  if (
    total !== repr.size ||
    repr.changeOfBasis.rows !== repr.size ||
    repr.changeOfBasisInv.rows !== repr.size
  ) {
    throw new InvalidArgumentError(
      fn,
      argument,
      repr,
      `must have irreps and change of basis of total size ${repr.size}`,
    );
  }
}

/** Checks rings ≥ 0, as many widths > 0 and an integer maximum frequency ≥ 0. */
export function checkParams(fn: string, params: KernelBasisParams): void {
  const ok =
    params != null &&
    Array.isArray(params.rings) &&
    Array.isArray(params.sigma) &&
    params.rings.length > 0 &&
    params.rings.length === params.sigma.length &&
    params.rings.every((r) => typeof r === 'number' && r >= 0) &&
    params.sigma.every((s) => typeof s === 'number' && s > 0) &&
    Number.isInteger(params.maximumFrequency) &&
    params.maximumFrequency >= 0;
  if (!ok) {
    throw new InvalidArgumentError(
      fn,
      'params',
      params,
      'must have rings ≥ 0, as many widths > 0 and an integer maximumFrequency ≥ 0',
    );
  }
}
