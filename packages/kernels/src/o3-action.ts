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
  type SubgroupMap,
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

/**
 * escnn's id of a subgroup of O(3) (`O3.subgroup`): `'o3'`, `'so3'`, `[false, ...]` for SO(3)'s subgroups
 * (`[false, 'ico' | 'octa']`, `[false, false, N]` C_N / SO(2), `[false, true | θ, N]` D_N / O(2)), `[true, ...]`
 * for their products with the inversions, `['cone', N]` / `['cone', θ, N]`, each optionally followed by an
 * element of O(3) that conjugates it. `unknown` because ids are Python-like tuples checked at run time.
 */
export type O3SubgroupId = unknown;

/** The O(3) whose subgroups the escnn ids name (one instance: its subgroups and restrictions are memoized). */
const O3 = o3Group();

const fullActions = new Map<O3ActionId, R3Action>();
const subgroupActions = new WeakMap<SubgroupMap, R3Action>();

/** `'o3'` / `'so3'` (or escnn's tuples for them) as the action id, else null. */
function fullId(map: SubgroupMap): O3ActionId | null {
  const key = JSON.stringify(map.id);
  if (key === '"o3"' || key === '[true,"so3"]') return 'o3';
  if (key === '"so3"' || key === '[false,"so3"]') return 'so3';
  return null;
}

/** The action of O(3) (`'o3'`) or SO(3) (`'so3'`) on its own groups, built once per id. */
function fullAction(id: O3ActionId): R3Action {
  let action = fullActions.get(id);
  if (action === undefined) {
    const group: Group = id === 'o3' ? o3Group() : so3Group();
    const restrictHarmonic = (l: number): RestrictedIrrep => {
      const irrep = id === 'o3' ? group.irrep(l % 2, l) : group.irrep(l);
      return Object.freeze({ irreps: Object.freeze([irrep.id]), changeOfBasis: irrep.changeOfBasis });
    };
    action = Object.freeze({ group, id, restrictHarmonic });
    fullActions.set(id, action);
  }
  return action;
}

/**
 * The action on R³ of the subgroup `sgId` of O(3), as escnn's `GSpace3D` builds its kernels (`_basis_generator`,
 * a `RestrictedWignerEckartBasis` over O(3)'s `SphericalShellsBasis`): the harmonic of degree l is O(3)'s irrep
 * `[l mod 2, l]` restricted to the subgroup by `O3.restrictIrrep(·, sgId)`.
 *
 * O(3) itself (`'o3'`: every harmonic stays `[l mod 2, l]`, escnn's `kernels_O3_act_R3`, a `WignerEckartBasis`)
 * and SO(3) (`'so3'`: the harmonic of degree l restricts to SO(3)'s `[l]` with the identity change of basis,
 * escnn's `kernels_SO3_act_R3`) act through `o3Group()` and `so3Group()`; every other subgroup through the group
 * `o3Group().subgroup(sgId).subgroup`. One action per subgroup, built once.
 * @throws InvalidArgumentError for an id that is not one of O(3)'s subgroups.
 */
export function o3SubgroupAction(sgId: O3SubgroupId): R3Action {
  const fn = 'o3SubgroupAction';
  if (sgId === 'o3' || sgId === 'so3') return fullAction(sgId);
  const map = subgroupOf(fn, 'sgId', sgId);
  const full = fullId(map);
  if (full !== null) return fullAction(full);
  let action = subgroupActions.get(map);
  if (action === undefined) {
    const id = map.id;
    action = Object.freeze({
      group: map.subgroup,
      id,
      restrictHarmonic: (l: number) => O3.restrictIrrep([l % 2, l], id),
    });
    subgroupActions.set(map, action);
  }
  return action;
}

/**
 * The action on R³ of the subgroup `sgId` of SO(3) (escnn's `kernels_SO3_subgroup_act_R3`): the subgroup of O(3)
 * with id `O3.combineSubgroups('so3', sgId)`, see {@link o3SubgroupAction}. SO(3) ids: `'so3'`, `'ico'`,
 * `'octa'`, `[false, N]` (C_N, SO(2) for N = −1), `[true, N]` (D_N, O(2)), `[θ, N]`, each with an optional
 * adjoint element of SO(3) last.
 * @throws InvalidArgumentError for an id that is not one of SO(3)'s subgroups.
 */
export function so3SubgroupAction(sgId: unknown): R3Action {
  if (sgId === 'so3') return fullAction('so3');
  let id: unknown;
  try {
    id = O3.combineSubgroups('so3', sgId);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError('so3SubgroupAction', 'sgId', sgId, `must be ${SO3_IDS}`);
  }
  return o3SubgroupAction(id);
}

/** escnn's subgroup ids, for error messages. */
const SO3_IDS =
  "a subgroup id of SO(3): 'so3', 'ico', 'octa', [false, N], [true, N], [θ, N] (N = -1 or N ≥ 1), optionally with an adjoint element last";
const O3_IDS =
  "a subgroup id of O(3): 'o3', 'so3', [b, 'so3' | 'ico' | 'octa'], [b, false | true | θ, N] (b: with the inversions), ['cone', N], ['cone', θ, N], optionally with an adjoint element last";

/**
 * @internal the map of the subgroup `sgId` of the O(3) the actions are built on: for a subgroup other than O(3)
 * and SO(3), its `subgroup` is the action's group and `inclusion` its embedding into O(3).
 * @throws InvalidArgumentError for an id that is not one of O(3)'s subgroups.
 */
export function o3SubgroupMap(sgId: O3SubgroupId): SubgroupMap {
  return subgroupOf('o3SubgroupMap', 'sgId', sgId);
}

/** `O3.subgroup(sgId)`, its unknown-id error as an InvalidArgumentError of `fn`. */
function subgroupOf(fn: string, argument: string, sgId: unknown): SubgroupMap {
  try {
    return O3.subgroup(sgId);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(fn, argument, sgId, `must be ${O3_IDS}`);
  }
}
