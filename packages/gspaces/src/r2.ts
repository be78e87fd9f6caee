/**
 * Planar gspaces (escnn's `GSpace2D`): subgroups of O(2) acting on R² by rotations and reflections.
 */
import {
  checkMaximumFrequency as checkFrequency,
  type GroupElement,
  InvalidArgumentError,
  type IrreducibleRepresentation,
  type O2,
  type O2SubgroupId,
  o2Group,
  type RepresentationLike,
  type SubgroupMap,
} from '@steerable/group-theory';
import { type R2KernelBasis, r2KernelBasis } from '@steerable/kernels';
import type { Matrix } from 'ml-matrix';
import { GSpace, type GSpaceRestriction, type KernelBasisOptions } from './gspace.js';
import { ringsAndWidths } from './internal/kernel-options.js';
import { checkAxis, checkRotations } from './internal/o2-subgroups.js';
import { pythonId } from './internal/python-repr.js';

/** escnn's id of a subgroup of O(2), `[θ, N]` (group-theory's {@link O2SubgroupId} under this package's name). */
export type PlanarSubgroupId = O2SubgroupId;

/** Checks the maximum frequency option: a non-negative integer. */
const checkMaximumFrequency = (fn: string, value: unknown): number =>
  checkFrequency(fn, value, 'options.maximumFrequency');

/** Options of {@link GSpace2D}'s constructor. */
export interface GSpace2DOptions {
  /**
   * Largest frequency of the irreps listed by `irreps` when the group has all rotations (SO(2), O(2)).
   * @defaultValue 6
   */
  readonly maximumFrequency?: number;
}

/**
 * Rotations and reflections of the plane: the subgroup of O(2) with escnn's id `sgId = [θ, N]` acting on R²
 * (escnn's `GSpace2D`). The fiber group is O(2)'s `subgroup(sgId)`: C_N for `[null, N]`, SO(2) for
 * `[null, -1]`, the reflection group for `[θ, 1]`, D_N for `[θ, N]`, O(2) for `[θ, -1]`, where the reflection
 * `r_θ f` mirrors the line at angle `θ/2` from the X axis. An element acts on the points `(x, y)` by the
 * matrix of its image in O(2) (`r_φ f^j ↦ R(φ) diag(1, -1)^j`).
 *
 * Pixel grids follow escnn: the rows of an array are the `-Y` axis and its columns the `X` axis.
 * @see escnn's `escnn.gspaces.GSpace2D`
 */
export class GSpace2D extends GSpace {
  /** The O(2) subgroup id (escnn's `_sg_id`). */
  readonly sgId: PlanarSubgroupId;
  /** The maximum frequency of SO(2)/O(2) irreps this gspace lists. */
  readonly maximumFrequency: number;
  /** O(2), of which the fiber group is a subgroup. */
  readonly o2: O2;
  readonly #map: SubgroupMap;
  readonly #standard: IrreducibleRepresentation;

  /**
   * The gspace of the O(2) subgroup `sgId` (escnn's `GSpace2D(sg_id, maximum_frequency)`).
   * @throws InvalidArgumentError / UnknownSubgroupError for an id O(2) does not have.
   */
  constructor(sgId: readonly [number | null, number], options: GSpace2DOptions = {}) {
    const fn = 'GSpace2D';
    const maximumFrequency = checkMaximumFrequency(fn, options.maximumFrequency ?? 6);
    const o2 = o2Group(maximumFrequency);
    if (!Array.isArray(sgId) || sgId.length !== 2) {
      throw new InvalidArgumentError(fn, 'sgId', sgId, 'must be an O(2) subgroup id [θ | null, N]');
    }
    const map = o2.subgroup(sgId);
    const id = Object.freeze([sgId[0], sgId[1]] as const) as PlanarSubgroupId;
    super(map.subgroup, 2, `${map.subgroup.name}_on_R2[${pythonId(id, [true, false])}]`);
    this.sgId = id;
    this.maximumFrequency = maximumFrequency;
    this.o2 = o2;
    this.#map = map;
    this.#standard = o2.irrep(1, 1);
    Object.freeze(this);
  }

  /** Number of rotations, -1 for all (escnn's `rotations_order`). */
  get rotationsOrder(): number {
    return this.sgId[1];
  }

  /** 1 when the group contains reflections, 0 otherwise (escnn's `flips_order`). */
  get flipsOrder(): number {
    return this.sgId[0] === null ? 0 : 1;
  }

  /** The element of O(2) that `g` is (escnn's inclusion of the fiber group in O(2)). */
  toO2(g: GroupElement): GroupElement {
    return this.#map.inclusion(this.element(g, `${this.name}.toO2`));
  }

  /**
   * The 2×2 matrix of `g` on the points `(x, y)`: the standard representation of O(2) (escnn's irrep (1, 1))
   * at the image of `g`, `R(φ) diag(1, -1)^j` for `r_φ f^j`. A fresh matrix.
   */
  basespaceAction(g: GroupElement): Matrix {
    return this.#standard.at(this.toO2(g));
  }

  /**
   * The gspace of the subgroup `id` of the fiber group (an id of `fibergroup.subgroup`: `M` for C_N and
   * SO(2), `2` or `1` for the reflection group, `[k | null, M]` for D_N, `[φ | null, M]` for O(2)), on R², with
   * the same maximum frequency; its O(2) id composes both (O(2)'s `combineSubgroups`, escnn's
   * `_combine_subgroups`).
   * @throws UnknownSubgroupError for an id the fiber group does not have.
   */
  restrict(id: unknown): GSpaceRestriction<GSpace2D> {
    const map = this.fibergroup.subgroup(id);
    const sgId = this.o2.combineSubgroups(this.sgId, id) as PlanarSubgroupId;
    const gspace = new GSpace2D(sgId, { maximumFrequency: this.maximumFrequency });
    return Object.freeze({
      gspace,
      inclusion: (h: GroupElement) => map.inclusion(h),
      restriction: (g: GroupElement) => map.restriction(g),
    });
  }

  /**
   * The analytical basis of the kernels `κ: R² → R^{out × in}` with `κ(g x) = ρ_out(g) κ(x) ρ_in(g)⁻¹`:
   * Gaussian rings of radii `options.rings` and widths `options.sigma` times circular harmonics up to
   * `options.maximumFrequency` (escnn's `build_kernel_basis`, computed by `@steerable/kernels`' `r2KernelBasis`
   * on this gspace's O(2) id). For SO(2) and O(2) the frequency defaults, as in escnn, to the largest input irrep
   * frequency plus the largest output one; finite groups need it.
   * @throws InvalidArgumentError for representations of another group, missing rings, widths that do not
   * match the rings, or a missing maximum frequency for a finite group.
   */
  buildKernelBasis(
    inRepr: RepresentationLike,
    outRepr: RepresentationLike,
    options: KernelBasisOptions = {},
  ): R2KernelBasis {
    const fn = `${this.name}.buildKernelBasis`;
    this.checkRepr(fn, inRepr, 'inRepr');
    this.checkRepr(fn, outRepr, 'outRepr');
    const { rings, sigma } = ringsAndWidths(fn, options);
    let maximumFrequency = options.maximumFrequency;
    if (maximumFrequency === undefined) {
      if (this.rotationsOrder !== -1) {
        throw new InvalidArgumentError(
          fn,
          'options.maximumFrequency',
          maximumFrequency,
          `must be given for the finite group ${this.fibergroup.name}`,
        );
      }
      // escnn: the highest frequency an SO(2)/O(2) kernel needs, max input frequency + max output frequency
      const top = (r: RepresentationLike) => Math.max(...r.irreps.map((id) => id[id.length - 1]!));
      maximumFrequency = top(inRepr) + top(outRepr);
    }
    checkMaximumFrequency(fn, maximumFrequency);
    return r2KernelBasis(this.sgId, inRepr, outRepr, { rings, sigma, maximumFrequency });
  }

  /** Same O(2) subgroup (escnn's `__eq__`) and same fiber group (so the same maximum frequency). */
  equals(other: GSpace): boolean {
    return (
      other instanceof GSpace2D &&
      other.sgId[0] === this.sgId[0] &&
      other.sgId[1] === this.sgId[1] &&
      other.fibergroup.equals(this.fibergroup)
    );
  }
}

/** Options of {@link rot2dOnR2}. */
export interface Rot2dOnR2Options {
  /**
   * Largest frequency of SO(2)'s irreps listed when `N = -1`.
   * @defaultValue 6
   */
  readonly maximumFrequency?: number;
}

/** Options of {@link flipRot2dOnR2}. */
export interface FlipRot2dOnR2Options {
  /**
   * Largest frequency of O(2)'s irreps listed when `N = -1`.
   * @defaultValue 6
   */
  readonly maximumFrequency?: number;
  /**
   * Angle (radians, in [0, π]) of the reflection axis from the X axis; π/2 mirrors `x ↦ -x`.
   * @defaultValue π/2
   */
  readonly axis?: number;
}

/** Options of {@link flip2dOnR2}. */
export interface Flip2dOnR2Options {
  /**
   * Angle (radians, in [0, π]) of the reflection axis from the X axis; π/2 mirrors `x ↦ -x`.
   * @defaultValue π/2
   */
  readonly axis?: number;
}

/**
 * Rotations of the plane: by multiples of `2π/N` (fiber group C_N) or, for `N = -1`, all of them (SO(2)).
 * O(2) id `[null, N]`.
 * @example `rot2dOnR2(8)` for 8 rotations; `rot2dOnR2(-1, { maximumFrequency: 4 })` for SO(2).
 * @throws InvalidArgumentError unless `N` is a positive integer or -1.
 * @see escnn's `rot2dOnR2`
 */
export function rot2dOnR2(N = -1, options: Rot2dOnR2Options = {}): GSpace2D {
  checkRotations('rot2dOnR2', N);
  const maximumFrequency = checkMaximumFrequency('rot2dOnR2', options.maximumFrequency ?? 6);
  return new GSpace2D([null, N], { maximumFrequency });
}

/**
 * Rotations and reflections of the plane: D_N (N rotations and N reflections) or, for `N = -1`, O(2). The
 * reflection mirrors the line at angle `axis` from the X axis. O(2) id `[2·axis, N]`.
 * @throws InvalidArgumentError unless `N` is a positive integer or -1, and `axis` in [0, π].
 * @see escnn's `flipRot2dOnR2`
 */
export function flipRot2dOnR2(N = -1, options: FlipRot2dOnR2Options = {}): GSpace2D {
  checkRotations('flipRot2dOnR2', N);
  const maximumFrequency = checkMaximumFrequency('flipRot2dOnR2', options.maximumFrequency ?? 6);
  const axis = checkAxis('flipRot2dOnR2', options.axis ?? Math.PI / 2);
  return new GSpace2D([2 * axis, N], { maximumFrequency });
}

/**
 * Reflections of the plane along the line at angle `axis` from the X axis: fiber group of order 2 (C2),
 * O(2) id `[2·axis, 1]`.
 * @throws InvalidArgumentError unless `axis` is in [0, π].
 * @see escnn's `flip2dOnR2`
 */
export function flip2dOnR2(options: Flip2dOnR2Options = {}): GSpace2D {
  const axis = checkAxis('flip2dOnR2', options.axis ?? Math.PI / 2);
  return new GSpace2D([2 * axis, 1], { maximumFrequency: 1 });
}

/**
 * The plane with no origin-preserving symmetry (trivial fiber group C1, O(2) id `[null, 1]`): the symmetries
 * of a conventional CNN, translations only.
 * @see escnn's `trivialOnR2`
 */
export function trivialOnR2(): GSpace2D {
  return new GSpace2D([null, 1], { maximumFrequency: 1 });
}
