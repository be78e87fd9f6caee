/**
 * escnn's `kernels_*_act_R3` functions under camelCased names: the kernel basis on R³ of a pair of representations
 * of SO(3), O(3) or one of their subgroups (the platonic groups here, the planar, cylindrical and trivial ones in
 * `escnn-kernels-r3-planar.ts`), as a {@link R3KernelBasis} over O(3)'s spherical harmonics.
 */
import { GroupMismatchError, InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import type { BasisElementAttributes } from './kernel-basis.js';
import { type O3SubgroupId, o3SubgroupAction, type R3Action, so3SubgroupAction } from './o3-action.js';
import type { GroupRepresentation } from './point-basis.js';
import { type R3KernelBasis, r3KernelBasisFor } from './r3-kernel-basis.js';

/** Options of the `kernels*ActR3` functions (escnn's keyword arguments). */
export interface KernelsActR3Options {
  /**
   * Highest spherical-harmonic degree of the basis (escnn's `maximum_frequency`).
   * @defaultValue for SO(3) and O(3) the largest input irrep frequency plus the largest output one; 5 for every
   * other group.
   */
  readonly maximumFrequency?: number;
  /**
   * An orthogonal 3×3 change of basis A of R³ (escnn's `adjoint`): the kernels are sampled at `A x`
   * ({@link R3KernelBasis.withAdjoint}). escnn's `kernels_Inv_act_R3` and `kernels_Trivial_act_R3` take none.
   * @defaultValue none (the identity)
   */
  readonly adjoint?: readonly (readonly number[])[];
  /** Keeps the elements for which it returns true (escnn's `filter`). @defaultValue none */
  readonly filter?: (attributes: BasisElementAttributes) => boolean;
}

/**
 * Builds the basis of `action` for the pair, as escnn's `kernels_*_act_R3`: the representations must be of the
 * action's group (`groupName`, default the action group's name), the radii a list, `sigma` a width or one per
 * radius; `defaultL` is the maximum frequency when the options give none.
 * @internal
 */
export function buildR3Kernels(
  fn: string,
  action: R3Action,
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options,
  defaultL: (inRepr: GroupRepresentation, outRepr: GroupRepresentation) => number = () => 5,
): R3KernelBasis {
  checkGroups(fn, action.group.name, inRepr, outRepr);
  if (!Array.isArray(radii)) throw new InvalidArgumentError(fn, 'radii', radii, 'must be a list of radii');
  if (options == null || typeof options !== 'object') {
    throw new InvalidArgumentError(fn, 'options', options, 'must be an options object');
  }
  const widths = typeof sigma === 'number' ? radii.map(() => sigma) : sigma;
  if (!Array.isArray(widths)) throw new InvalidArgumentError(fn, 'sigma', sigma, 'must be a width or a list');
  let basis = r3KernelBasisFor(action, inRepr, outRepr, {
    rings: [...radii],
    sigma: [...widths],
    maximumFrequency: options.maximumFrequency ?? defaultL(inRepr, outRepr),
  });
  if (options.adjoint !== undefined) basis = basis.withAdjoint(options.adjoint);
  return options.filter === undefined ? basis : basis.filter(options.filter);
}

/**
 * Checks that both representations are of the group named `groupName`.
 * @throws InvalidArgumentError for a representation without a group, GroupMismatchError for another group.
 */
export function checkGroups(
  fn: string,
  groupName: string,
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
): void {
  for (const [argument, r] of [
    ['inRepr', inRepr],
    ['outRepr', outRepr],
  ] as const) {
    if (r == null || r.group == null || typeof r.group.name !== 'string') {
      throw new InvalidArgumentError(fn, argument, r, `must be a representation of ${groupName}`);
    }
    if (r.group.name !== groupName) throw new GroupMismatchError(fn, argument, groupName, r.group.name);
  }
}

/** The rotation frequency of SO(3)'s `[l]` and O(3)'s `[j, l]`: escnn's default band limit of SO(3) and O(3). */
const topFrequencies = (a: GroupRepresentation, b: GroupRepresentation) => {
  const top = (r: GroupRepresentation) => Math.max(...r.irreps.map((i) => i[i.length - 1]!));
  return top(a) + top(b);
};

/** The action of the SO(3) subgroup `sgId`, an unknown id reported as `fn`'s argument. */
function so3Action(fn: string, sgId: unknown): R3Action {
  try {
    return so3SubgroupAction(sgId);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(
      fn,
      'sgId',
      sgId,
      'must be a subgroup id of SO(3) (see so3SubgroupAction)',
    );
  }
}

/** The action of the O(3) subgroup `sgId`, an unknown id reported as `fn`'s argument. */
function o3Action(fn: string, sgId: O3SubgroupId): R3Action {
  try {
    return o3SubgroupAction(sgId);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(fn, 'sgId', sgId, 'must be a subgroup id of O(3) (see o3SubgroupAction)');
  }
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
  const fn = 'kernelsSO3ActR3';
  return buildR3Kernels(fn, o3SubgroupAction('so3'), inRepr, outRepr, radii, sigma, options, topFrequencies);
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
  const fn = 'kernelsO3ActR3';
  return buildR3Kernels(fn, o3SubgroupAction('o3'), inRepr, outRepr, radii, sigma, options, topFrequencies);
}

/**
 * Kernels on R³ equivariant to the subgroup `sgId` of O(3) (escnn's `kernels_O3_subgroup_act_R3`): O(3)'s
 * spherical harmonics restricted to the subgroup ({@link o3SubgroupAction}).
 * @throws InvalidArgumentError for an unknown id, representations of another group or bad radii, widths or
 * options.
 */
export function kernelsO3SubgroupActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  sgId: O3SubgroupId,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsO3SubgroupActR3';
  return buildR3Kernels(fn, o3Action(fn, sgId), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the subgroup `sgId` of SO(3) (escnn's `kernels_SO3_subgroup_act_R3`: the
 * subgroup `O3.combineSubgroups('so3', sgId)` of O(3), {@link so3SubgroupAction}).
 * @throws InvalidArgumentError for an unknown id, representations of another group or bad radii, widths or
 * options.
 */
export function kernelsSO3SubgroupActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  sgId: unknown,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsSO3SubgroupActR3';
  return buildR3Kernels(fn, so3Action(fn, sgId), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the 60 rotations of the icosahedron I (escnn's `kernels_Ico_act_R3`, SO(3)'s
 * subgroup `'ico'`).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsIcoActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsIcoActR3';
  return buildR3Kernels(fn, so3Action(fn, 'ico'), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the 24 rotations of the cube O (escnn's `kernels_Octa_act_R3`, SO(3)'s subgroup
 * `'octa'`).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsOctaActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsOctaActR3';
  return buildR3Kernels(fn, so3Action(fn, 'octa'), inRepr, outRepr, radii, sigma, options);
}

/**
 * escnn's `kernels_Tetra_act_R3`, SO(3)'s subgroup `'tetra'`: escnn 1.0.13 has no tetrahedral group (its SO(3)
 * rejects the id), and neither do we.
 * @throws InvalidArgumentError always: `'tetra'` is not a subgroup id of SO(3).
 */
export function kernelsTetraActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsTetraActR3';
  return buildR3Kernels(fn, so3Action(fn, 'tetra'), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the full icosahedral group I_h = I × C_2 (the rotations of the icosahedron and the
 * inversion), O(3)'s subgroup `[true, 'ico']`: the basis `fullIcoOnR3()` builds. escnn's `kernels_FullIco_act_R3`
 * raises NotImplementedError before its body, which builds this very basis; here it is built.
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsFullIcoActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsFullIcoActR3';
  return buildR3Kernels(fn, o3Action(fn, [true, 'ico']), inRepr, outRepr, radii, sigma, options);
}

/**
 * Kernels on R³ equivariant to the full octahedral group O_h = O × C_2, O(3)'s subgroup `[true, 'octa']`: the basis
 * `fullOctaOnR3()` builds (escnn's `kernels_FullOcta_act_R3` raises NotImplementedError before its body, which
 * builds this very basis).
 * @throws InvalidArgumentError for representations of another group or bad radii, widths or options.
 */
export function kernelsFullOctaActR3(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR3Options = {},
): R3KernelBasis {
  const fn = 'kernelsFullOctaActR3';
  return buildR3Kernels(fn, o3Action(fn, [true, 'octa']), inRepr, outRepr, radii, sigma, options);
}

/** The error of escnn's functions on tetrahedral groups, which escnn 1.0.13 does not implement. */
function noTetrahedral(fn: string, group: string): SteerableError {
  return new SteerableError(
    fn,
    `escnn 1.0.13 does not implement ${group} (NotImplementedError); neither do we`,
  );
}

/**
 * escnn's `kernels_FullTetra_act_R3` (T_d, O(3)'s `'fulltetra'`), which escnn 1.0.13 does not implement.
 * @throws SteerableError always.
 */
export function kernelsFullTetraActR3(
  _inRepr: GroupRepresentation,
  _outRepr: GroupRepresentation,
  _radii: readonly number[],
  _sigma: number | readonly number[],
  _options: KernelsActR3Options = {},
): R3KernelBasis {
  throw noTetrahedral('kernelsFullTetraActR3', 'the full tetrahedral group T_d');
}

/**
 * escnn's `kernels_Pyrito_act_R3` (T_h = T × C_2, O(3)'s `[true, 'tetra']`), which escnn 1.0.13 does not
 * implement.
 * @throws SteerableError always.
 */
export function kernelsPyritoActR3(
  _inRepr: GroupRepresentation,
  _outRepr: GroupRepresentation,
  _radii: readonly number[],
  _sigma: number | readonly number[],
  _options: KernelsActR3Options = {},
): R3KernelBasis {
  throw noTetrahedral('kernelsPyritoActR3', 'the pyritohedral group T_h');
}

/**
 * The error of escnn's aliased icosahedral bases (`SparseOrbitBasis`: harmonics of the icosahedral group on one
 * orbit of 12, 20 or 30 points per radius, diffused by a Gaussian), which this library does not build.
 */
function noSparseOrbitBasis(fn: string, orbit: string): SteerableError {
  return new SteerableError(
    fn,
    `escnn's SparseOrbitBasis on the ${orbit} orbit of the icosahedral group is not implemented here; use kernelsIcoActR3 (spherical harmonics restricted to I)`,
  );
}

/**
 * escnn's `kernels_aliased_Ico_act_R3_dodecahedron` (the orbit of the 5-fold axes, subgroup `[false, 5]`), a
 * `SparseOrbitBasis` this library does not build.
 * @throws SteerableError always.
 */
export function kernelsAliasedIcoActR3Dodecahedron(
  _inRepr: GroupRepresentation,
  _outRepr: GroupRepresentation,
  _radii: readonly number[],
  _sigma: number | readonly number[],
  _options: Pick<KernelsActR3Options, 'adjoint'> = {},
): R3KernelBasis {
  throw noSparseOrbitBasis('kernelsAliasedIcoActR3Dodecahedron', '12-point (5-fold axes)');
}

/**
 * escnn's `kernels_aliased_Ico_act_R3_icosahedron` (the orbit of the 3-fold axes, subgroup `[false, 3]`), a
 * `SparseOrbitBasis` this library does not build.
 * @throws SteerableError always.
 */
export function kernelsAliasedIcoActR3Icosahedron(
  _inRepr: GroupRepresentation,
  _outRepr: GroupRepresentation,
  _radii: readonly number[],
  _sigma: number | readonly number[],
  _options: Pick<KernelsActR3Options, 'adjoint'> = {},
): R3KernelBasis {
  throw noSparseOrbitBasis('kernelsAliasedIcoActR3Icosahedron', '20-point (3-fold axes)');
}

/**
 * escnn's `kernels_aliased_Ico_act_R3_icosidodecahedron` (the orbit of the 2-fold axes, subgroup `[false, 2]`), a
 * `SparseOrbitBasis` this library does not build.
 * @throws SteerableError always.
 */
export function kernelsAliasedIcoActR3Icosidodecahedron(
  _inRepr: GroupRepresentation,
  _outRepr: GroupRepresentation,
  _radii: readonly number[],
  _sigma: number | readonly number[],
  _options: Pick<KernelsActR3Options, 'adjoint'> = {},
): R3KernelBasis {
  throw noSparseOrbitBasis('kernelsAliasedIcoActR3Icosidodecahedron', '30-point (2-fold axes)');
}
