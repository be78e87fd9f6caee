/**
 * Test support for the subgroups of SO(3) and O(3) (used by `so3-subgroups.test.ts` and
 * `o3-subgroups.test.ts`): exact quadratures of the subgroups, the multiplicities of their irreps from
 * characters, and the checks of a subgroup map and of an irrep's restriction. Not exported by the package.
 */
import { Matrix } from 'ml-matrix';
import { DirectProductGroup } from './direct-product.js';
import type { GroupElement } from './element.js';
import type { Group, IrrepId, SubgroupMap } from './group.js';
import type { IrreducibleRepresentation } from './irrep.js';
import { O2 } from './o2.js';
import { SO2 } from './so2.js';
import { blockDiagonal, maxAbsDifference } from './testing/index.js';

/** Points of the rotations' circle: the Haar average of a trigonometric polynomial of degree < K is exact. */
const K = 24;

/**
 * Elements whose uniform average is the Haar integral of the class functions involved (frequencies < K): all
 * elements of a finite group, a regular grid of SO(2) / O(2), products of those for a direct product; null for
 * SO(3) and O(3).
 */
export function quadrature(H: Group): GroupElement[] | null {
  if (!H.continuous) return [...H.elements];
  const angles = Array.from({ length: K }, (_, k) => (2 * Math.PI * k) / K);
  if (H instanceof SO2) return angles.map((t) => H.element(t));
  if (H instanceof O2) return [0, 1].flatMap((f) => angles.map((t) => H.element([f, t])));
  if (H instanceof DirectProductGroup) {
    const a = quadrature(H.G1);
    const b = quadrature(H.G2);
    if (a === null || b === null) return null;
    return a.flatMap((x) => b.map((y) => H.pairElements(x, y)));
  }
  return null;
}

/** `⟨χ_ρ, χ_ψ⟩ / ⟨χ_ψ, χ_ψ⟩` over `points`: the multiplicity of ψ in ρ. */
export function multiplicity(
  rho: (h: GroupElement) => number,
  psi: IrreducibleRepresentation,
  points: readonly GroupElement[],
): number {
  let cross = 0;
  let self = 0;
  for (const h of points) {
    const c = psi.character(h);
    cross += rho(h) * c;
    self += c * c;
  }
  return cross / self;
}

/** The largest violation of the homomorphism and inverse laws of `map` on `points` (pairs of neighbours). */
export function subgroupMapError(map: SubgroupMap, points: readonly GroupElement[]): number {
  let worst = 0;
  for (let k = 0; k < points.length; k++) {
    const a = points[k]!;
    const b = points[(k * 7 + 3) % points.length]!;
    const lhs = map.inclusion(a.combine(b));
    const rhs = map.inclusion(a).combine(map.inclusion(b));
    if (!lhs.equals(rhs, 1e-9)) worst = Math.max(worst, 1);
    const back = map.restriction(map.inclusion(a));
    if (back === null || !back.equals(a, 1e-9)) worst = Math.max(worst, 1);
  }
  return worst;
}

/** `max_h |ρ(incl(h)) Q − Q (⊕ ψ_i(h))|` and `|QᵀQ − I|` for `G.restrictIrrep(id, sgId)`. */
export function restrictionError(
  G: Group,
  id: IrrepId,
  sgId: unknown,
  points: readonly GroupElement[],
): { intertwining: number; orthogonality: number; irreps: readonly IrrepId[] } {
  const map = G.subgroup(sgId);
  const rho = G.irrep(...id);
  const { irreps, changeOfBasis: Q } = G.restrictIrrep(id, sgId);
  const H = map.subgroup;
  const psis = irreps.map((k) => H.irrep(...k));
  let intertwining = 0;
  for (const h of points) {
    const left = rho.at(map.inclusion(h)).mmul(Q);
    const right = Q.mmul(blockDiagonal(psis.map((p) => p.at(h))));
    intertwining = Math.max(intertwining, maxAbsDifference(left, right));
  }
  const orthogonality = maxAbsDifference(Q.transpose().mmul(Q), Matrix.eye(Q.rows));
  return { intertwining, orthogonality, irreps };
}

/**
 * The multiplicities from characters of the irreps of H in `ρ ∘ incl` (all of H's irreps, up to its maximum
 * frequency for a continuous H), as `id → m` for m > 0, with the dimension they fill.
 */
export function expectedMultiplicities(
  G: Group,
  id: IrrepId,
  map: SubgroupMap,
  points: readonly GroupElement[],
): { counts: Map<string, number>; filled: number } {
  const rho = G.irrep(...id);
  const counts = new Map<string, number>();
  let filled = 0;
  for (const psi of map.subgroup.irreps()) {
    const m = Math.round(multiplicity((h) => rho.character(map.inclusion(h)), psi, points));
    if (m > 0) {
      counts.set(psi.id.join(','), m);
      filled += m * psi.dimension;
    }
  }
  return { counts, filled };
}

/** How many times each id occurs in `irreps`. */
export function countIds(irreps: readonly IrrepId[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of irreps) counts.set(k.join(','), (counts.get(k.join(',')) ?? 0) + 1);
  return counts;
}
