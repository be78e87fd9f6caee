/**
 * A group acting on a single point (escnn's `GSpace0D`): the gspace of equivariant MLPs.
 */
import {
  type Group,
  type GroupElement,
  InvalidArgumentError,
  type RepresentationLike,
} from '@steerable/group-theory';
import { type PointKernelBasis, r0KernelBasis } from '@steerable/kernels';
import { Matrix } from 'ml-matrix';
import { GSpace, type GSpaceRestriction, type KernelBasisOptions } from './gspace.js';

/**
 * The group `G` acting on `R⁰`, a single point: features are plain vectors transformed by `ρ(g)`, with no
 * base space to move (escnn's `GSpace0D`). Its name is the group's.
 * @see escnn's `escnn.gspaces.GSpace0D`
 */
export class GSpace0D extends GSpace {
  /** @internal use {@link noBaseSpace} */
  constructor(G: Group) {
    super(G, 0, G.name);
    Object.freeze(this);
  }

  /** The empty 0×0 matrix: there are no points to move. */
  basespaceAction(g: GroupElement): Matrix {
    this.element(g, `${this.name}.basespaceAction`);
    return new Matrix(0, 0);
  }

  /**
   * The gspace of the subgroup `id` of `G` on R⁰, with the inclusion and restriction maps (escnn's `restrict`).
   * @throws UnknownSubgroupError for an id `G` does not have.
   */
  restrict(id: unknown): GSpaceRestriction<GSpace0D> {
    const map = this.fibergroup.subgroup(id);
    return Object.freeze({
      gspace: new GSpace0D(map.subgroup),
      inclusion: (h: GroupElement) => map.inclusion(h),
      restriction: (g: GroupElement) => map.restriction(g),
    });
  }

  /**
   * A basis of the equivariant linear maps `W` with `W ρ_in(g) = ρ_out(g) W` (escnn's `kernels_on_point`): on a
   * point a kernel is a single `out × in` matrix. The options are not used.
   * @throws InvalidArgumentError for representations of another group.
   */
  buildKernelBasis(
    inRepr: RepresentationLike,
    outRepr: RepresentationLike,
    _options: KernelBasisOptions = {},
  ): PointKernelBasis {
    const fn = `${this.name}.buildKernelBasis`;
    this.checkRepr(fn, inRepr, 'inRepr');
    this.checkRepr(fn, outRepr, 'outRepr');
    // escnn's `kernels_on_point`: Schur's-lemma intertwiners in escnn's order (input irrep, output irrep,
    // endomorphism), the basis the equivariant Linear layer expands its weights with.
    return r0KernelBasis(inRepr, outRepr);
  }

  /** Same fiber group (escnn's `__eq__`). */
  equals(other: GSpace): boolean {
    return other instanceof GSpace0D && other.fibergroup.equals(this.fibergroup);
  }
}

/**
 * The group `G` acting on a single point: the gspace of the features of a `G`-equivariant MLP.
 * @throws InvalidArgumentError if `G` is not a group.
 * @see escnn's `no_base_space`
 */
export function noBaseSpace(G: Group): GSpace0D {
  if (
    G === null ||
    typeof G !== 'object' ||
    typeof (G as Group).subgroup !== 'function' ||
    typeof (G as Group).irreps !== 'function'
  ) {
    throw new InvalidArgumentError('noBaseSpace', 'G', G, 'must be a group (e.g. cyclicGroup(4))');
  }
  return new GSpace0D(G);
}
