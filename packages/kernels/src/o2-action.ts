/**
 * The action of O(2) on the plane, what the kernel solver builds on: the circular harmonics Y_l, which
 * carry the O(2) irreps `[0, 0]` (l = 0) and `[1, l]` (l > 0), and a group G acting on R² through O(2),
 * described by how each harmonic restricts to G.
 */
import {
  checkO2SubgroupId,
  type Group,
  type O2SubgroupId,
  o2Group,
  type RestrictedIrrep,
} from '@steerable/group-theory';

/**
 * A group G acting on R² through O(2), as the kernel solver needs it: G itself (its irreps, Clebsch–Gordan
 * coefficients, tensor products and endomorphisms) and the restriction of every circular harmonic to G.
 *
 * The harmonics are `Y_0 = 1` and `Y_l(φ) = (cos l(φ − phase), sin l(φ − phase))`: under O(2) acting on R²
 * through `r_phase ρ(g) r_phase⁻¹` (ρ the standard representation) Y_l carries the irrep `[1, l]` of O(2)
 * (escnn's `CircularShellsBasis` with `axis = phase`).
 */
export interface PlanarAction {
  /** The symmetry group G. */
  readonly group: Group;
  /** Phase of the harmonics (escnn's `axis` of the `CircularShellsBasis`). */
  readonly phase: number;
  /**
   * The O(2) irrep of the harmonic of frequency l (`[0, 0]` for l = 0, `[1, l]` otherwise) restricted to G:
   * `ρ_l(ι(h)) = Q (⊕_i ψ_i(h)) Qᵀ` for h in G, ψ_i the irreps of G listed in `irreps`, Q orthogonal
   * (`RestrictedIrrep`, the shape of `Group.restrictIrrep`).
   */
  restrictHarmonic(l: number): RestrictedIrrep;
}

/** The O(2) whose subgroups the escnn ids name (one instance, so its subgroups and CG are built once). */
const O2 = o2Group();

const actions = new Map<string, PlanarAction>();

/**
 * The action of the subgroup `sgId` of O(2) on R² as escnn's `GSpace2D` builds its kernels
 * (`_basis_generator`): rotation groups `[null, N]` use the harmonics of phase π/2 (the default `axis` of
 * escnn's `CircularShellsBasis`) restricted to the subgroup `[null, N]`; groups with reflections `[θ, N]`,
 * N ≠ −1, the harmonics of phase 0 restricted to `[θ, N]`. O(2) with reflection axis θ/2, `[θ, −1]`, is
 * solved without restriction (escnn's `kernels_O2_act_R2`, a `WignerEckartBasis`), the axis going into the
 * phase θ/2: the harmonic of phase θ/2 restricted to O(2) itself (id `[0, −1]`) equals the harmonic of
 * phase 0 restricted to `[θ, −1]` (whose change of basis is the rotation by lθ/2), as a function; the basis
 * coefficients are those of the first.
 *
 * The group is `o2Group().subgroup(sgId).subgroup`; one action per id, built once.
 * @throws InvalidArgumentError for a bad id.
 */
export function o2SubgroupAction(sgId: O2SubgroupId): PlanarAction {
  const id = checkO2SubgroupId('o2SubgroupAction', sgId);
  const key = `${id[0]},${id[1]}`;
  let action = actions.get(key);
  if (action === undefined) {
    const [axis, N] = id;
    const group = O2.subgroup(id).subgroup;
    const unrestricted = axis !== null && N === -1;
    const restrictTo = unrestricted ? O2.subgroupSelfId : id;
    const phase = axis === null ? Math.PI / 2 : unrestricted ? axis / 2 : 0;
    action = Object.freeze({
      group,
      phase,
      restrictHarmonic: (l: number) => O2.restrictIrrep([l > 0 ? 1 : 0, l], restrictTo),
    });
    actions.set(key, action);
  }
  return action;
}

/**
 * The circular harmonics up to frequency `L` at the points `[x0, y0, x1, y1, ...]`, row `0` the constant
 * 1, rows `2l − 1`, `2l` the cosine and sine of `l(φ − phase)`; `[(2L + 1)][P]`. At the origin (|x| ≤ 1e-9)
 * only the constant is non-zero.
 */
export function circularHarmonics(points: ArrayLike<number>, L: number, phase: number): Float64Array {
  const P = points.length / 2;
  const harm = new Float64Array((2 * L + 1) * P);
  for (let q = 0; q < P; q++) {
    const x = points[2 * q]!;
    const y = points[2 * q + 1]!;
    harm[q] = 1;
    if (Math.hypot(x, y) > 1e-9) {
      const phi = Math.atan2(y, x) - phase;
      for (let l = 1; l <= L; l++) {
        harm[(2 * l - 1) * P + q] = Math.cos(l * phi);
        harm[2 * l * P + q] = Math.sin(l * phi);
      }
    }
  }
  return harm;
}
