/**
 * Spatial gspaces (escnn's `GSpace3D`): subgroups of O(3) acting on R³ by rotations, inversions and mirrors.
 */
import {
  checkMaximumFrequency as checkFrequency,
  type GroupElement,
  InvalidArgumentError,
  type O3,
  o3Group,
  type RepresentationLike,
  type StandardRepresentation,
  type SubgroupMap,
} from '@steerable/group-theory';
import { type R3KernelBasis, r3KernelBasis } from '@steerable/kernels';
import type { Matrix } from 'ml-matrix';
import { GSpace, type GSpaceRestriction, type KernelBasisOptions } from './gspace.js';
import { ringsAndWidths } from './internal/kernel-options.js';
import { pythonO3Id } from './internal/python-repr.js';

/**
 * escnn's id of a subgroup of O(3) (group-theory's `O3.subgroup`): `'so3'`, `'o3'`, `[b, 'ico' | 'octa']`,
 * `[b, false | true | θ, N]` (b: with the inversions), `['cone', N]`, `['cone', θ, N]`, each optionally followed
 * by an element of O(3) that conjugates the subgroup. Checked at run time.
 */
export type SpatialSubgroupId = unknown;

/** Options of {@link GSpace3D}'s constructor. */
export interface GSpace3DOptions {
  /**
   * Largest rotation frequency of the irreps listed by `irreps` when the group has continuous rotations
   * (escnn's `maximum_frequency`).
   * @defaultValue 2
   */
  readonly maximumFrequency?: number;
}

/**
 * Rotations, inversions and mirrors of space: the subgroup of O(3) with escnn's id `sgId` acting on R³ (escnn's
 * `GSpace3D`). The fiber group is O(3)'s `subgroup(sgId)`: SO(3) for `'so3'`, O(3) for `'o3'`, the rotations of the
 * icosahedron or the cube for `[false, 'ico' | 'octa']`, their full groups for `[true, ...]`, the rotations about
 * z (`[false, false, N]`), the dihedral groups (`[false, θ, N]`), the cylinders (`[true, ...]`), the cones
 * (`['cone', θ, N]`), ... An element acts on the points `(x, y, z)` by the 3×3 matrix of its image in O(3) (O(3)'s
 * standard representation: `±R` for the rotation `R`, `−` with the inversion).
 *
 * Voxel grids follow escnn: the last three axes of an array are `−Z`, `−Y` and `X` (see {@link transformVoxels}).
 * @see escnn's `escnn.gspaces.GSpace3D`
 */
export class GSpace3D extends GSpace {
  /** The O(3) subgroup id as given (escnn's `sg_id`, before `_process_subgroup_id`). */
  readonly sgId: SpatialSubgroupId;
  /** The maximum rotation frequency of the irreps this gspace lists. */
  readonly maximumFrequency: number;
  /** O(3), of which the fiber group is a subgroup. */
  readonly o3: O3;
  readonly #map: SubgroupMap;
  readonly #standard: StandardRepresentation;

  /**
   * The gspace of the O(3) subgroup `sgId` (escnn's `GSpace3D(sg_id, maximum_frequency)`).
   * @throws InvalidArgumentError for a bad maximum frequency; UnknownSubgroupError for an id O(3) does not
   * have.
   */
  constructor(sgId: SpatialSubgroupId, options: GSpace3DOptions = {}) {
    const fn = 'GSpace3D';
    const maximumFrequency = checkFrequency(fn, options.maximumFrequency ?? 2, 'options.maximumFrequency');
    const o3 = o3Group(maximumFrequency);
    const map = o3.subgroup(sgId);
    const id = Array.isArray(sgId) ? Object.freeze([...sgId]) : sgId;
    super(map.subgroup, 3, `${map.subgroup.name}_on_R3[${pythonO3Id(id)}]`);
    this.sgId = id;
    this.maximumFrequency = maximumFrequency;
    this.o3 = o3;
    this.#map = map;
    this.#standard = o3.standardRepresentation();
    Object.freeze(this);
  }

  /** The element of O(3) that `g` is (escnn's inclusion of the fiber group in O(3)). */
  toO3(g: GroupElement): GroupElement {
    return this.#map.inclusion(this.element(g, `${this.name}.toO3`));
  }

  /**
   * The 3×3 matrix of `g` on the points `(x, y, z)`: O(3)'s standard representation at the image of `g`,
   * `(−1)^i R` for the element `(i, R)` (escnn's `basespace_action`). A fresh matrix.
   * @throws GroupMismatchError if `g` is not an element of the fiber group.
   */
  basespaceAction(g: GroupElement): Matrix {
    return this.#standard.at(this.toO3(g));
  }

  /**
   * The gspace of the subgroup `id` of the fiber group (an id of `fibergroup.subgroup`), on R³, with the same
   * maximum frequency; its O(3) id composes both (O(3)'s `combineSubgroups`, escnn's `_combine_subgroups`).
   * @throws UnknownSubgroupError for an id the fiber group does not have.
   */
  restrict(id: unknown): GSpaceRestriction<GSpace3D> {
    const map = this.fibergroup.subgroup(id);
    const sgId = this.o3.combineSubgroups(this.sgId, id);
    const gspace = new GSpace3D(sgId, { maximumFrequency: this.maximumFrequency });
    return Object.freeze({
      gspace,
      inclusion: (h: GroupElement) => map.inclusion(h),
      restriction: (g: GroupElement) => map.restriction(g),
    });
  }

  /**
   * The analytical basis of the kernels `κ: R³ → R^{out × in}` with `κ(A(g) x) = ρ_out(g) κ(x) ρ_in(g)⁻¹`:
   * Gaussian shells of radii `options.rings` and widths `options.sigma` times spherical harmonics up to degree
   * `options.maximumFrequency` (escnn's `build_kernel_basis`, computed by `@steerable/kernels`' `r3KernelBasis`
   * on this gspace's O(3) id). For SO(3) and O(3) the degree defaults, as escnn's `kernels_SO3_act_R3` /
   * `kernels_O3_act_R3`, to the largest input irrep frequency plus the largest output one; the other groups need
   * it.
   * @throws InvalidArgumentError for representations of another group, missing rings, widths that do not
   * match the rings, or a missing maximum frequency for a group other than SO(3) and O(3).
   */
  buildKernelBasis(
    inRepr: RepresentationLike,
    outRepr: RepresentationLike,
    options: KernelBasisOptions = {},
  ): R3KernelBasis {
    const fn = `${this.name}.buildKernelBasis`;
    this.checkRepr(fn, inRepr, 'inRepr');
    this.checkRepr(fn, outRepr, 'outRepr');
    const { rings, sigma } = ringsAndWidths(fn, options);
    let maximumFrequency = options.maximumFrequency;
    if (maximumFrequency === undefined) {
      const name = this.fibergroup.name;
      if (name !== 'SO(3)' && name !== 'O(3)') {
        throw new InvalidArgumentError(
          fn,
          'options.maximumFrequency',
          maximumFrequency,
          `must be given for ${name} (escnn's subgroup bases have no default)`,
        );
      }
      // the rotation frequency is the last entry of an SO(3) ([l]) or O(3) ([j, l]) irrep id
      const top = (r: RepresentationLike) => Math.max(...r.irreps.map((id) => id[id.length - 1]!));
      maximumFrequency = top(inRepr) + top(outRepr);
    }
    checkFrequency(fn, maximumFrequency, 'options.maximumFrequency');
    return r3KernelBasis(this.sgId, inRepr, outRepr, { rings, sigma, maximumFrequency });
  }

  /**
   * Same fiber group embedded in O(3) the same way: the two inclusions agree on the fiber group's testing
   * elements (escnn's `__eq__` compares the processed ids, which determine the embedding).
   */
  equals(other: GSpace): boolean {
    if (!(other instanceof GSpace3D) || !other.fibergroup.equals(this.fibergroup)) return false;
    return this.fibergroup.testingElements.every((g) => this.toO3(g).equals(other.toO3(g)));
  }
}
