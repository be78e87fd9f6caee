/**
 * The action of O(3) on R³, what the kernel solver builds on there: the spherical harmonics Y_l, which
 * carry the O(3) irreps `[l mod 2, l]`, and a group G acting on R³ through O(3), described by how each
 * harmonic restricts to G.
 */
import {
  type Group,
  InvalidArgumentError,
  o3Group,
  type RestrictedIrrep,
  so3Group,
} from '@steerable/group-theory';

/**
 * A group G acting on R³ through O(3), as the kernel solver needs it: G itself (its irreps, Clebsch–Gordan
 * coefficients, tensor products and endomorphisms) and the restriction of every spherical harmonic to G.
 *
 * The harmonic of degree l is `Y_l` of {@link sphericalHarmonics}, `2l + 1` functions carrying the O(3) irrep
 * `[l mod 2, l]` (escnn's `SphericalShellsBasis`).
 */
export interface R3Action {
  /** The symmetry group G. */
  readonly group: Group;
  /** escnn's id of G as a subgroup of O(3) (`'o3'`, `'so3'`), or a user's label. */
  readonly id: unknown;
  /**
   * The O(3) irrep `[l mod 2, l]` of the harmonic of degree l restricted to G: `ρ_l(ι(h)) = Q (⊕_i ψ_i(h)) Qᵀ`
   * for h in G, ψ_i the irreps of G listed in `irreps`, Q orthogonal (`RestrictedIrrep`, the shape of
   * `Group.restrictIrrep`).
   */
  restrictHarmonic(l: number): RestrictedIrrep;
}

/** The O(3) irrep id of the spherical harmonic of degree l: `[l mod 2, l]`. */
export const o3HarmonicId = (l: number): readonly [number, number] => [l % 2, l];

/** Dimension of the spherical harmonic of degree l: `2l + 1`. */
export const sphericalHarmonicSize = (l: number): number => 2 * l + 1;

/** The ids of the actions of O(3) and SO(3) on R³ (escnn's `'o3'` and `'so3'`, subgroups of O(3)). */
export type O3ActionId = 'o3' | 'so3';

const actions = new Map<O3ActionId, R3Action>();

/**
 * The action on R³ of O(3) itself (`'o3'`: every harmonic stays the irrep `[l mod 2, l]`, escnn's
 * `kernels_O3_act_R3`, a `WignerEckartBasis`) or of its rotations SO(3) (`'so3'`: the harmonic of degree l
 * restricts to the SO(3) irrep `[l]` with the identity change of basis, escnn's `kernels_SO3_act_R3`, a
 * `RestrictedWignerEckartBasis` with `sg_id = 'so3'`). Built once per id.
 * @throws InvalidArgumentError for another id.
 */
export function o3SubgroupAction(id: O3ActionId): R3Action {
  if (id !== 'o3' && id !== 'so3') {
    throw new InvalidArgumentError('o3SubgroupAction', 'id', id, "must be 'o3' or 'so3'");
  }
  let action = actions.get(id);
  if (action === undefined) {
    const group: Group = id === 'o3' ? o3Group() : so3Group();
    const restrictHarmonic = (l: number): RestrictedIrrep => {
      const irrep = id === 'o3' ? group.irrep(l % 2, l) : group.irrep(l);
      return Object.freeze({ irreps: Object.freeze([irrep.id]), changeOfBasis: irrep.changeOfBasis });
    };
    action = Object.freeze({ group, id, restrictHarmonic });
    actions.set(id, action);
  }
  return action;
}
