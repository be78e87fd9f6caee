/**
 * escnn's `kernels_*_act_R3` functions of the groups with an axis (the z axis): rotations about it (SO(2), C_N),
 * with π rotations about axes of the xy plane (dihedral O(2), D_N), with mirrors through planes containing it
 * (conical O(2), D_N), with the inversion (cylinders), the inversions alone and the trivial group.
 */
import { type Group, InvalidArgumentError } from '@steerable/group-theory';
import { buildR3Kernels, checkGroups, type KernelsActR3Options } from './escnn-kernels-r3.js';
import { o3SubgroupAction, so3SubgroupAction } from './o3-action.js';
import type { GroupRepresentation } from './point-basis.js';
import type { R3KernelBasis } from './r3-kernel-basis.js';

/** The group of the representations (checked to be one and the same, by name). */
function groupOf(fn: string, inRepr: GroupRepresentation, outRepr: GroupRepresentation): Group {
  const name = inRepr?.group?.name;
  checkGroups(fn, typeof name === 'string' ? name : 'a group', inRepr, outRepr);
  return inRepr.group;
}

/** N of a cyclic (`C<N>`) or dihedral (`D<N>`) group, or an error naming the expected family. */
function finiteOrder(fn: string, G: Group, family: 'C' | 'D'): number {
  const m = /^([CD])(\d+)$/.exec(G.name);
  if (m === null || m[1] !== family) {
    const expected = family === 'C' ? 'a cyclic group C_N' : 'a dihedral group D_N';
    throw new InvalidArgumentError(fn, 'inRepr', G.name, `must be a representation of ${expected}`);
  }
  return Number(m[2]);
}

/**
 * Kernels on R³ equivariant to the rotations SO(2) about the z axis (escnn's `kernels_SO2_act_R3`, SO(3)'s
 * subgroup `[false, -1]`).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsSO2ActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const action = so3SubgroupAction([false, -1]);
  return buildR3Kernels('kernelsSO2ActR3', action, inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the N rotations C_N about the z axis (escnn's `kernels_CN_act_R3`, SO(3)'s
 * subgroup `[false, N]`, N the order of the representations' cyclic group). escnn's `max_offset` is accepted
 * and ignored there; it is not an option here.
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsCNActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsCNActR3';
  const N = finiteOrder(fn, groupOf(fn, inRepr, outRepr), 'C');
  return buildR3Kernels(fn, so3SubgroupAction([false, N]), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the conical O(2): rotations about z and the mirrors through the planes containing
 * z (escnn's `kernels_O2_conical_act_R3`, O(3)'s subgroup `['cone', -1]`).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsO2ConicalActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const action = o3SubgroupAction(['cone', -1]);
  return buildR3Kernels('kernelsO2ConicalActR3', action, inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the conical D_N: N rotations about z and N mirrors through planes containing z
 * (escnn's `kernels_DN_conical_act_R3`, O(3)'s subgroup `['cone', N]`; escnn's ignored `max_offset` is not an
 * option here).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsDNConicalActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsDNConicalActR3';
  const N = finiteOrder(fn, groupOf(fn, inRepr, outRepr), 'D');
  return buildR3Kernels(fn, o3SubgroupAction(['cone', N]), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the dihedral O(2) in SO(3): rotations about z and the π rotations about the axes
 * of the xy plane (escnn's `kernels_O2_dihedral_act_R3`, SO(3)'s subgroup `[true, -1]`).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsO2DihedralActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const action = so3SubgroupAction([true, -1]);
  return buildR3Kernels('kernelsO2DihedralActR3', action, inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the dihedral D_N in SO(3): N rotations about z and the π rotation about x (escnn's
 * `kernels_DN_dihedral_act_R3`, SO(3)'s subgroup `[true, N]`; escnn's ignored `max_offset` is not an option here).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsDNDihedralActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsDNDihedralActR3';
  const N = finiteOrder(fn, groupOf(fn, inRepr, outRepr), 'D');
  return buildR3Kernels(fn, so3SubgroupAction([true, N]), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the full cylinder group O(2) × C_2: the dihedral O(2) and the inversion (escnn's
 * `kernels_full_cylinder_act_R3`, O(3)'s subgroup `[true, true, -1]`).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsFullCylinderActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const action = o3SubgroupAction([true, true, -1]);
  return buildR3Kernels('kernelsFullCylinderActR3', action, inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the discrete full cylinder group D_N × C_2 (escnn's
 * `kernels_full_cylinder_discrete_act_R3`, O(3)'s subgroup `[true, true, N]` with N = |G| / 4; escnn's ignored
 * `max_offset` is not an option here).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsFullCylinderDiscreteActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsFullCylinderDiscreteActR3';
  const N = Math.floor(groupOf(fn, inRepr, outRepr).order() / 4);
  return buildR3Kernels(fn, subgroupAction(fn, [true, true, N]), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the cylinder group SO(2) × C_2: rotations about z and the inversion (escnn's
 * `kernels_cylinder_act_R3`, O(3)'s subgroup `[true, false, -1]`).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsCylinderActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const action = o3SubgroupAction([true, false, -1]);
  return buildR3Kernels('kernelsCylinderActR3', action, inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the discrete cylinder group C_N × C_2 (escnn's `kernels_cylinder_discrete_act_R3`,
 * O(3)'s subgroup `[true, false, N]` with N = |G| / 2; escnn's ignored `max_offset` is not an option here).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsCylinderDiscreteActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsCylinderDiscreteActR3';
  const N = Math.floor(groupOf(fn, inRepr, outRepr).order() / 2);
  return buildR3Kernels(fn, subgroupAction(fn, [true, false, N]), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the inversions {I, −I} (escnn's `kernels_Inv_act_R3`, O(3)'s subgroup
 * `[true, false, 1]`; no adjoint, as escnn).
 * @throws InvalidArgumentError for representations of another group, an adjoint, or bad radii, widths or options.
 */
export function kernelsInvActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: Omit<KernelsActR3Options, 'adjoint'> = {},
): R3KernelBasis {
  const fn = 'kernelsInvActR3';
  noAdjoint(fn, options);
  return buildR3Kernels(fn, o3SubgroupAction([true, false, 1]), inRepr, outRepr, radii, sigma, options);
}

/**
 * Unconstrained kernels on R³: the trivial group (escnn's `kernels_Trivial_act_R3`, SO(3)'s trivial subgroup
 * `[false, 1]`; no adjoint, as escnn).
 * @throws InvalidArgumentError for representations of another group, an adjoint, or bad radii, widths or options.
 */
export function kernelsTrivialActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: Omit<KernelsActR3Options, 'adjoint'> = {},
): R3KernelBasis {
  const fn = 'kernelsTrivialActR3';
  noAdjoint(fn, options);
  return buildR3Kernels(fn, so3SubgroupAction([false, 1]), inRepr, outRepr, radii, sigma, options);
}

function noAdjoint(fn: string, options: object): void {
  if (options != null && (options as KernelsActR3Options).adjoint !== undefined) {
    throw new InvalidArgumentError(
      fn,
      'options.adjoint',
      (options as KernelsActR3Options).adjoint,
      'is not an option of this function (escnn takes none)',
    );
  }
}

/** {@link o3SubgroupAction}, a bad N (from the group's order) reported on `inRepr`. */
function subgroupAction(fn: string, sgId: readonly unknown[]) {
  try {
    return o3SubgroupAction(sgId);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(
      fn,
      'inRepr',
      sgId,
      `must be of a group whose order gives a subgroup of O(3)`,
    );
  }
}
