/**
 * The abstract G-space (escnn's `GSpace`): a Euclidean base space `R^d` with an origin-preserving symmetry
 * group `G` (the fiber group) acting on it. Mathematically the principal bundle `(R^d, +) ⋊ G → R^d`.
 */
import {
  type Group,
  type GroupElement,
  GroupMismatchError,
  InvalidArgumentError,
  type IrreducibleRepresentation,
  type RepresentationLike,
} from '@steerable/group-theory';
import {
  inducedRepresentation,
  quotientRepresentation,
  type Representation,
  regularRepresentation,
} from '@steerable/representations';
import type { Matrix } from 'ml-matrix';
import { type GridTransformOptions, matrixRows, transformGrid } from './grid-action.js';
import { checkFloatArray, checkLayout, type FloatArray, flatIndex, parseShape } from './internal/layout.js';
import { transformVoxels } from './voxel-action.js';

/**
 * The result of {@link GSpace.restrict} (escnn's tuple `(gspace, back_map, subgroup_map)`): the gspace of a
 * subgroup and the maps between the two fiber groups.
 */
export interface GSpaceRestriction<S extends GSpace = GSpace> {
  /** The gspace of the subgroup, on the same base space. */
  readonly gspace: S;
  /** Maps an element of the subgroup to the same element of the original fiber group (escnn's `back_map`). */
  inclusion(h: GroupElement): GroupElement;
  /**
   * Maps an element of the original fiber group to the subgroup, `null` when it is not in the subgroup
   * (escnn's `subgroup_map`).
   */
  restriction(g: GroupElement): GroupElement | null;
}

/** Options of {@link GSpace.buildKernelBasis}. On R⁰ none is used. */
export interface KernelBasisOptions {
  /**
   * Radii of the rings of the radial profile (escnn's `rings`), on R² and R³.
   */
  readonly rings?: readonly number[];
  /**
   * Widths of the Gaussian rings (escnn's `sigma`): one per ring, or one number for all.
   */
  readonly sigma?: number | readonly number[];
  /**
   * Largest angular frequency of the basis (escnn's `maximum_frequency` keyword); all frequencies the rings
   * can carry when absent.
   * @defaultValue undefined
   */
  readonly maximumFrequency?: number;
}

/**
 * A group acting on `R^d` by origin-preserving isometries. Build one with a factory: {@link rot2dOnR2},
 * {@link flipRot2dOnR2}, {@link flip2dOnR2}, {@link trivialOnR2}, {@link rot3dOnR3}, {@link octaOnR3} and the
 * other R³ factories, or {@link noBaseSpace}.
 *
 * Besides the representations of its fiber group, a gspace knows how an element moves the points of the
 * base space ({@link GSpace.basespaceAction}) and hence how it transforms a feature field sampled on a grid:
 * `f'(x) = ρ(g) f(g⁻¹ x)` ({@link GSpace.featurefieldAction}).
 * @see escnn's `escnn.gspaces.GSpace`
 */
export abstract class GSpace {
  /** The origin-preserving symmetry group (escnn's `fibergroup`). */
  readonly fibergroup: Group;
  /** Dimension `d` of the base space `R^d` (escnn's `dimensionality`). */
  readonly dimensionality: number;
  /** escnn's name, e.g. `C4_on_R2[(None, 4)]`; the fiber group's name on R⁰. */
  readonly name: string;
  #regular: Representation | undefined;

  /** @internal subclasses and factories build gspaces */
  protected constructor(fibergroup: Group, dimensionality: number, name: string) {
    this.fibergroup = fibergroup;
    this.dimensionality = dimensionality;
    this.name = name;
  }

  /** The base space's name, `R^d` (escnn's `basespace`). */
  get basespace(): string {
    return `R^${this.dimensionality}`;
  }

  /**
   * The `d × d` orthogonal matrix by which `g` moves the points `x = (x, y, ...)` of the base space (escnn's
   * `basespace_action(g)`); 0×0 on R⁰. A fresh matrix.
   * @throws GroupMismatchError if `g` is not an element of the fiber group.
   */
  abstract basespaceAction(g: GroupElement): Matrix;

  /** The irreps of the fiber group up to its maximum frequency, in escnn's order (escnn's `irreps`). */
  get irreps(): readonly IrreducibleRepresentation[] {
    return this.fibergroup.irreps();
  }

  /**
   * The fiber group's irrep with escnn's id (`irrep(1)` for C_N, `irrep(1, 2)` for D_N and O(2)).
   * @throws UnknownIrrepError for an id the group does not have.
   */
  irrep(...id: number[]): IrreducibleRepresentation {
    return this.fibergroup.irrep(...id);
  }

  /** The trivial representation of the fiber group (escnn's `trivial_repr`). */
  get trivialRepr(): IrreducibleRepresentation {
    return this.fibergroup.trivialRepresentation;
  }

  /**
   * The regular representation of the fiber group (escnn's `regular_repr`); finite groups only.
   * @throws SteerableError (from the representations package) for a continuous group.
   */
  get regularRepr(): Representation {
    this.#regular ??= regularRepresentation(this.fibergroup);
    return this.#regular;
  }

  /**
   * The quotient representation on `G/H`, `H` the subgroup with id `subgroupId` (escnn's `quotient_repr`).
   * @throws UnknownSubgroupError for an unknown id.
   */
  quotientRepr(subgroupId: unknown): Representation {
    return quotientRepresentation(this.fibergroup, subgroupId);
  }

  /**
   * The representation induced from `repr`, a representation of the subgroup with id `subgroupId`
   * (escnn's `induced_repr`).
   * @throws UnknownSubgroupError for an unknown id; InvalidArgumentError if `repr` is not of that subgroup.
   */
  inducedRepr(subgroupId: unknown, repr: RepresentationLike): Representation {
    return inducedRepresentation(this.fibergroup, subgroupId, repr);
  }

  /** Elements to test equivariance with (escnn's `testing_elements`): all of a finite group, a grid otherwise. */
  get testingElements(): readonly GroupElement[] {
    return this.fibergroup.testingElements;
  }

  /**
   * The gspace of the subgroup with id `id` (an id of the fiber group's `subgroup`), with the maps between the
   * two fiber groups (escnn's `restrict`).
   * @throws UnknownSubgroupError for an id the fiber group does not have.
   */
  abstract restrict(id: unknown): GSpaceRestriction;

  /**
   * A basis of the kernels `κ: R^d → R^{out × in}` with `κ(g x) = ρ_out(g) κ(x) ρ_in(g)⁻¹` for all `g`
   * (escnn's `build_kernel_basis`), computed by `@steerable/kernels`.
   * @throws InvalidArgumentError for representations of another group or bad options.
   */
  abstract buildKernelBasis(
    inRepr: RepresentationLike,
    outRepr: RepresentationLike,
    options?: KernelBasisOptions,
  ): unknown;

  /** True when `other` is the same gspace (same base space and same symmetry group, embedded the same way). */
  abstract equals(other: GSpace): boolean;

  /** The name (escnn's `repr`). */
  toString(): string {
    return this.name;
  }

  // ---- actions on feature fields -------------------------------------------------------------------

  /** Checks an element of the fiber group. */
  protected element(g: GroupElement, fn: string): GroupElement {
    return this.fibergroup.checkElement(g, fn);
  }

  /**
   * Moves the points of a field sampled on a grid: `f'(x) = f(g⁻¹ x)`, channels untouched (escnn's
   * `_interpolate_transform_basespace`). Exact for the elements that map the grid onto itself, order-2
   * spline interpolation otherwise; see {@link transformGrid} (R², R⁰) and {@link transformVoxels} (R³) for the
   * conventions. A fresh array.
   * @param shape - `[...batch, h, w, c]` (channels-last, the default) or `[...batch, c, h, w]`; `[...batch, c]` on R⁰;
   * `[...batch, d, h, w, c]` or `[...batch, c, d, h, w]` on R³.
   */
  transformGrid<T extends FloatArray>(
    input: T,
    shape: readonly number[],
    g: GroupElement,
    options: GridTransformOptions = {},
  ): T {
    const h = this.element(g, `${this.name}.transformGrid`);
    const action = this.basespaceAction(h);
    return this.dimensionality === 3
      ? transformVoxels(input, shape, action, options)
      : transformGrid(input, shape, action, options);
  }

  /**
   * Transforms the channels of every point: `f'(x) = ρ(g) f(x)` with `ρ = repr` (escnn's
   * `transform_fibers`). A fresh array.
   * @throws InvalidArgumentError if the channels do not match `repr.size`.
   */
  transformFibers<T extends FloatArray>(
    input: T,
    shape: readonly number[],
    repr: RepresentationLike,
    g: GroupElement,
    options: Pick<GridTransformOptions, 'layout'> = {},
  ): T {
    const fn = `${this.name}.transformFibers`;
    checkFloatArray(fn, 'input', input);
    const layout = checkLayout(fn, options.layout ?? 'channels-last');
    this.checkRepr(fn, repr);
    const h = this.element(g, fn);
    const s = parseShape(fn, shape, this.dimensionality, layout, input.length);
    if (s.channels !== repr.size) {
      throw new InvalidArgumentError(
        fn,
        'shape',
        shape,
        `must have ${repr.size} channels (the size of ${repr.name})`,
      );
    }
    const rho = repr.at(h).to2DArray();
    const out = (
      input instanceof Float32Array ? new Float32Array(input.length) : new Float64Array(input.length)
    ) as T;
    const c = s.channels;
    const v = new Float64Array(c);
    for (let b = 0; b < s.batch; b++) {
      for (let p = 0; p < s.points; p++) {
        for (let j = 0; j < c; j++) v[j] = input[flatIndex(s, b, j, p)]!;
        for (let i = 0; i < c; i++) {
          const row = rho[i]!;
          let acc = 0;
          for (let j = 0; j < c; j++) acc += row[j]! * v[j]!;
          out[flatIndex(s, b, i, p)] = acc;
        }
      }
    }
    return out;
  }

  /**
   * The action of `g` on a feature field of type `repr`: `f'(x) = ρ(g) f(g⁻¹ x)` (escnn's
   * `featurefield_action`, and `FieldType.transform` on a grid). A fresh array of the input's type.
   * @param shape - `[...batch, h, w, c]` (channels-last, the default) or `[...batch, c, h, w]`; `[...batch, c]` on R⁰;
   * `[...batch, d, h, w, c]` or `[...batch, c, d, h, w]` on R³.
   */
  featurefieldAction<T extends FloatArray>(
    input: T,
    shape: readonly number[],
    repr: RepresentationLike,
    g: GroupElement,
    options: GridTransformOptions = {},
  ): T {
    const fibers = this.transformFibers(input, shape, repr, g, options);
    return this.transformGrid(fibers, shape, g, options);
  }

  /**
   * Moves points given by their coordinates (rows `[x, y, ...]`): `x' = A(g) x` with `A` the
   * {@link GSpace.basespaceAction} (escnn's `FieldType.transform` with `coords`). Fresh arrays.
   * @throws InvalidArgumentError if a point does not have `dimensionality` coordinates.
   */
  transformPoints(points: readonly (readonly number[])[], g: GroupElement): number[][] {
    const fn = `${this.name}.transformPoints`;
    const h = this.element(g, fn);
    const d = this.dimensionality;
    if (
      !Array.isArray(points) ||
      points.some((p) => !Array.isArray(p) || p.length !== d || p.some((v) => typeof v !== 'number'))
    ) {
      throw new InvalidArgumentError(
        fn,
        'points',
        points,
        `must be a list of points with ${d} coordinates each`,
      );
    }
    const a = matrixRows(fn, 'action', this.basespaceAction(h));
    return points.map((p) => a.map((row) => row.reduce((acc, v, j) => acc + v * p[j]!, 0)));
  }

  /** Checks that `repr` is a representation of the fiber group. */
  protected checkRepr(fn: string, repr: RepresentationLike, argument = 'repr'): void {
    if (repr === null || typeof repr !== 'object' || typeof repr.at !== 'function' || !repr.group) {
      throw new InvalidArgumentError(
        fn,
        argument,
        repr,
        `must be a representation of ${this.fibergroup.name}`,
      );
    }
    if (!repr.group.equals(this.fibergroup)) {
      throw new GroupMismatchError(fn, argument, this.fibergroup.name, repr.group.name);
    }
  }
}
