/**
 * escnn's `kernels_SO3_act_R3` and `kernels_O3_act_R3` under camelCased names: the kernel basis on R³ of a
 * pair of representations of SO(3) or O(3).
 */
import { GroupMismatchError, InvalidArgumentError } from '@steerable/group-theory';
import type { BasisElementAttributes } from './kernel-basis.js';
import type { O3ActionId } from './o3-action.js';
import type { GroupRepresentation } from './point-basis.js';
import { type R3KernelBasis, r3KernelBasis } from './r3-kernel-basis.js';

/** Options of the `kernels*ActR3` functions (escnn's keyword arguments). */
export interface KernelsActR3Options {
  /**
   * Highest spherical-harmonic degree of the basis (escnn's `maximum_frequency`).
   * @defaultValue the largest input irrep frequency plus the largest output one.
   */
  readonly maximumFrequency?: number;
  /** Keeps the elements for which it returns true (escnn's `filter`). @defaultValue none */
  readonly filter?: (attributes: BasisElementAttributes) => boolean;
}

function build(
  fn: string,
  id: O3ActionId,
  groupName: string,
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options,
): R3KernelBasis {
  for (const [argument, r] of [
    ['inRepr', inRepr],
    ['outRepr', outRepr],
  ] as const) {
    if (r == null || r.group == null || typeof r.group.name !== 'string') {
      throw new InvalidArgumentError(fn, argument, r, `must be a representation of ${groupName}`);
    }
    if (r.group.name !== groupName) throw new GroupMismatchError(fn, argument, groupName, r.group.name);
  }
  if (!Array.isArray(radii)) throw new InvalidArgumentError(fn, 'radii', radii, 'must be a list of radii');
  const widths = typeof sigma === 'number' ? radii.map(() => sigma) : sigma;
  let L = options.maximumFrequency;
  if (L === undefined) {
    // the rotation frequency l is the last entry of an SO(3) id [l] and of an O(3) id [j, l]
    const top = (r: GroupRepresentation) => Math.max(...r.irreps.map((i) => i[i.length - 1]!));
    L = top(inRepr) + top(outRepr);
  }
  const basis = r3KernelBasis(id, inRepr, outRepr, {
    rings: [...radii],
    sigma: [...widths],
    maximumFrequency: L,
  });
  return options.filter === undefined ? basis : basis.filter(options.filter);
}

/**
 * Kernels on R³ equivariant to the rotations SO(3) (escnn's `kernels_SO3_act_R3`): Gaussian shells times
 * spherical harmonics, solved by the Wigner–Eckart theorem.
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsSO3ActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  return build('kernelsSO3ActR3', 'so3', 'SO(3)', inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to rotations and inversions O(3) (escnn's `kernels_O3_act_R3`).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsO3ActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  return build('kernelsO3ActR3', 'o3', 'O(3)', inRepr, outRepr, radii, sigma, options);
}
