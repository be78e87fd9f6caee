/**
 * escnn's `escnn.kernels.kernels_*_act_R2` functions under their camelCased names: the kernel basis of a
 * pair of representations of a planar group given by the group of the representations.
 */
import { GroupMismatchError, InvalidArgumentError, type O2SubgroupId } from '@steerable/group-theory';
import { type BasisElementAttributes, type R2KernelBasis, r2KernelBasis } from './kernel-basis.js';
import type { GroupRepresentation } from './point-basis.js';

/** Options of the `kernels*ActR2` functions (escnn's keyword arguments). */
export interface KernelsActR2Options {
  /**
   * Highest circular-harmonic frequency of the basis (escnn's `maximum_frequency`).
   * @defaultValue for SO(2) and O(2), the largest input irrep frequency plus the largest output one; finite
   * groups require it.
   */
  readonly maximumFrequency?: number;
  /**
   * For C_N and D_N: keep only elements whose frequency is within `maxOffset · N` of the subgroup irrep's
   * (escnn's `max_offset`, the offset t of the E(2)-CNN paper's Tables 11–12).
   * @defaultValue none
   */
  readonly maxOffset?: number;
  /**
   * Reflection axis, an angle from the x axis (escnn's `axis`), for D_N, the flips and O(2).
   * @defaultValue π/2 (reflections x ↦ −x)
   */
  readonly axis?: number;
  /**
   * Keeps the elements for which it returns true (escnn's `filter`).
   * @defaultValue none
   */
  readonly filter?: (attributes: BasisElementAttributes) => boolean;
}

type Family = 'C' | 'D' | 'SO2' | 'O2';

function groupOf(
  fn: string,
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
): { family: Family; N: number } {
  for (const [argument, r] of [
    ['inRepr', inRepr],
    ['outRepr', outRepr],
  ] as const) {
    if (r == null || r.group == null || typeof r.group.name !== 'string') {
      throw new InvalidArgumentError(fn, argument, r, 'must be a representation of a planar group');
    }
  }
  if (!inRepr.group.equals(outRepr.group)) {
    throw new GroupMismatchError(fn, 'outRepr', inRepr.group.name, outRepr.group.name);
  }
  const name = inRepr.group.name;
  const m = /^([CD])(\d+)$/.exec(name);
  if (m) return { family: m[1] as 'C' | 'D', N: Number(m[2]) };
  if (name === 'SO(2)') return { family: 'SO2', N: -1 };
  if (name === 'O(2)') return { family: 'O2', N: -1 };
  throw new InvalidArgumentError(fn, 'inRepr', name, 'must be a representation of C_N, D_N, SO(2) or O(2)');
}

function build(
  fn: string,
  expected: (family: Family, N: number) => boolean,
  expectation: string,
  sgIdOf: (N: number, axis: number) => O2SubgroupId,
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR2Options,
): R2KernelBasis {
  const { family, N } = groupOf(fn, inRepr, outRepr);
  if (!expected(family, N))
    throw new InvalidArgumentError(fn, 'inRepr', inRepr.group.name, `must be of ${expectation}`);
  const axis = options.axis ?? Math.PI / 2;
  if (typeof axis !== 'number' || !Number.isFinite(axis)) {
    throw new InvalidArgumentError(fn, 'options.axis', axis, 'must be a finite angle');
  }
  const ringWidths = typeof sigma === 'number' ? radii.map(() => sigma) : sigma;
  let L = options.maximumFrequency;
  if (L === undefined) {
    if (N !== -1) {
      throw new InvalidArgumentError(
        fn,
        'options.maximumFrequency',
        L,
        `must be given for ${inRepr.group.name}`,
      );
    }
    const top = (r: GroupRepresentation) => Math.max(...r.irreps.map((id) => id[id.length - 1]!));
    L = top(inRepr) + top(outRepr);
  }
  // escnn's (0, N) subgroup with harmonics of phase `axis` is the (2·axis, N) subgroup with phase 0
  const a = (((2 * axis) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  let basis = r2KernelBasis(sgIdOf(N, a), inRepr, outRepr, {
    rings: [...radii],
    sigma: [...ringWidths],
    maximumFrequency: L,
  });
  const maxOffset = options.maxOffset;
  if (maxOffset !== undefined) {
    if (!Number.isInteger(maxOffset) || maxOffset < 0 || N === -1) {
      throw new InvalidArgumentError(
        fn,
        'options.maxOffset',
        maxOffset,
        'must be an integer ≥ 0, for finite groups',
      );
    }
    basis = basis.filter((e) => {
      const t = Math.min(
        Math.abs(e.frequency - e.subgroupIrrepFrequency),
        Math.abs(e.frequency + e.subgroupIrrepFrequency),
      );
      return t <= maxOffset * N;
    });
  }
  if (options.filter !== undefined) basis = basis.filter(options.filter);
  return basis;
}

/**
 * Kernels equivariant to the N rotations of C_N (escnn's `kernels_CN_act_R2`).
 * @throws InvalidArgumentError for representations of another group or a missing `maximumFrequency`.
 */
export function kernelsCNActR2(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR2Options = {},
): R2KernelBasis {
  return build(
    'kernelsCNActR2',
    (f) => f === 'C',
    'a cyclic group',
    (N) => [null, N],
    inRepr,
    outRepr,
    radii,
    sigma,
    options,
  );
}

/**
 * Kernels equivariant to D_N, N rotations and the reflection along `options.axis` (escnn's `kernels_DN_act_R2`).
 * @throws InvalidArgumentError for representations of another group or a missing `maximumFrequency`.
 */
export function kernelsDNActR2(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR2Options = {},
): R2KernelBasis {
  return build(
    'kernelsDNActR2',
    (f) => f === 'D',
    'a dihedral group',
    (N, a) => [a, N],
    inRepr,
    outRepr,
    radii,
    sigma,
    options,
  );
}

/**
 * Kernels equivariant to all rotations, SO(2) (escnn's `kernels_SO2_act_R2`).
 * @throws InvalidArgumentError for representations of another group.
 */
export function kernelsSO2ActR2(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR2Options = {},
): R2KernelBasis {
  return build(
    'kernelsSO2ActR2',
    (f) => f === 'SO2',
    'SO(2)',
    () => [null, -1],
    inRepr,
    outRepr,
    radii,
    sigma,
    options,
  );
}

/**
 * Kernels equivariant to all rotations and reflections, O(2), the reflection along `options.axis`
 * (escnn's `kernels_O2_act_R2`).
 * @throws InvalidArgumentError for representations of another group.
 */
export function kernelsO2ActR2(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR2Options = {},
): R2KernelBasis {
  return build(
    'kernelsO2ActR2',
    (f) => f === 'O2',
    'O(2)',
    (_, a) => [a, -1],
    inRepr,
    outRepr,
    radii,
    sigma,
    options,
  );
}

/**
 * Kernels equivariant to the reflection along `options.axis`, a group C2 (escnn's `kernels_Flip_act_R2`).
 * @throws InvalidArgumentError for representations of another group or a missing `maximumFrequency`.
 */
export function kernelsFlipActR2(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR2Options = {},
): R2KernelBasis {
  return build(
    'kernelsFlipActR2',
    (f, N) => f === 'C' && N === 2,
    'the group C2',
    (_, a) => [a, 1],
    inRepr,
    outRepr,
    radii,
    sigma,
    options,
  );
}

/**
 * Unconstrained kernels: the trivial group C1 (escnn's `kernels_Trivial_act_R2`).
 * @throws InvalidArgumentError for representations of another group or a missing `maximumFrequency`.
 */
export function kernelsTrivialActR2(
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options: KernelsActR2Options = {},
): R2KernelBasis {
  return build(
    'kernelsTrivialActR2',
    (f, N) => f === 'C' && N === 1,
    'the trivial group C1',
    () => [null, 1],
    inRepr,
    outRepr,
    radii,
    sigma,
    options,
  );
}
