/**
 * The restrictions of SO(3)'s and O(3)'s irreps to their subgroups that escnn writes in closed form
 * (`SO3._restrict_irrep`, `O3._restrict_irrep`), and what the two share: the numerical decomposition where
 * escnn has none, a cache, and the final change of basis by the adjoint.
 *
 * In escnn's real basis, the entry `l + m` of `D^l` (m = −l … l) carries the frequency |m| of the rotations
 * about z: the restriction to SO(2) pairs the entries `l + f` and `l − f` into the irrep `[f]`, the entry `l`
 * is `[0]`. Columns of `Q`: `e_l`, then `e_{l+f}`, `e_{l−f}` for f = 1 … l.
 */
import { Matrix } from 'ml-matrix';
import { blockDiagonal } from '../block-diagonal.js';
import type { GroupElement } from '../element.js';
import type { Group, IrrepId, RestrictedIrrep } from '../group.js';
import type { IrreducibleRepresentation } from '../irrep.js';
import { decomposeNumerically, orderCandidates } from './decompose.js';

/** A restriction before it is frozen: the subgroup's irrep ids and `Q`. */
export interface Restriction {
  readonly irreps: readonly IrrepId[];
  readonly changeOfBasis: Matrix;
}

/** The SO(2) pairing of the class comment: `[0], [1], …, [l]`. */
export function so2Restriction(l: number): Restriction {
  const d = 2 * l + 1;
  const Q = new Matrix(d, d);
  Q.set(l, 0, 1);
  for (let f = 0; f < l; f++) {
    Q.set(l + f + 1, 2 * f + 1, 1);
    Q.set(l - f - 1, 2 * f + 2, 1);
  }
  return { irreps: Array.from({ length: l + 1 }, (_, f) => [f]), changeOfBasis: Q };
}

/**
 * escnn's O(2) restrictions, the SO(2) pairing with some 2×2 blocks (rows `l − f`, `l + f`) changed so that
 * the flip acts as O(2)'s `[1, f]`:
 * - `'dihedral'` (the π rotation about x in SO(3)): `[l mod 2, 0], [1, 1], …, [1, l]`; the block of `[1, f]`
 *   becomes `diag(1, −1)` when `l + f` is odd (escnn's `(l + f − 1) % 2 == 0`, f counted from 0 there);
 * - `'cone'` (the mirror `−Ry(π)` in O(3), irrep `[j, l]`): `[(l + j) mod 2, 0], [1, 1], …, [1, l]`; every block
 *   becomes `diag(−1, 1)` when `l + j` is odd.
 */
export function o2Restriction(l: number, kind: 'dihedral' | 'cone', j = 0): Restriction {
  const { changeOfBasis: Q } = so2Restriction(l);
  const parity = kind === 'dihedral' ? l % 2 : (l + j) % 2;
  for (let f = 0; f < l; f++) {
    const low = l - f - 1;
    const high = l + f + 1;
    const change = kind === 'dihedral' ? (l + f) % 2 === 0 : parity === 1;
    if (!change) continue;
    const sign = kind === 'dihedral' ? 1 : -1;
    Q.set(low, 2 * f + 1, sign);
    Q.set(low, 2 * f + 2, 0);
    Q.set(high, 2 * f + 1, 0);
    Q.set(high, 2 * f + 2, -sign);
  }
  const irreps: IrrepId[] = [[parity, 0]];
  for (let f = 1; f <= l; f++) irreps.push([1, f]);
  return { irreps, changeOfBasis: Q };
}

/**
 * `first` followed by the subgroup's restriction of each of its blocks (escnn's two-step restriction, e.g.
 * SO(3) → SO(2) → C_N): the ids concatenated, `Q = Q_first · (⊕ Q_block)`.
 */
export function thenRestrict(first: Restriction, middle: Group, subgroupId: unknown): Restriction {
  const irreps: IrrepId[] = [];
  const blocks: Matrix[] = [];
  for (const id of first.irreps) {
    const r = middle.restrictIrrep(id, subgroupId);
    irreps.push(...r.irreps);
    blocks.push(r.changeOfBasis);
  }
  return { irreps, changeOfBasis: first.changeOfBasis.mmul(blockDiagonal(blocks)) };
}

/** `d` copies of the irrep `id`, `Q = I`. */
export function copies(id: IrrepId, d: number): Restriction {
  return { irreps: Array.from({ length: d }, () => id), changeOfBasis: Matrix.eye(d) };
}

/** The irrep itself, `Q = I`. */
export function whole(id: IrrepId, d: number): Restriction {
  return { irreps: [id], changeOfBasis: Matrix.eye(d) };
}

/**
 * escnn's numerical `restrict_irrep`: `irrep ∘ embed` decomposed into the irreps `candidates` of `H` (all of
 * H's irreps when omitted, H finite), in escnn's order (by id for a finite H, `H.irreps()` order otherwise).
 */
export function numericRestriction(
  irrep: IrreducibleRepresentation,
  H: Group,
  embed: (h: GroupElement) => GroupElement,
  fn: string,
  candidates: readonly IrreducibleRepresentation[] = H.irreps(),
): Restriction {
  if (H.order() === 1) return copies(H.trivialRepresentation.id, irrep.dimension);
  return decomposeNumerically(
    (h) => irrep.at(embed(h)),
    irrep.dimension,
    H,
    orderCandidates(H, candidates),
    fn,
  );
}

const CACHE = new WeakMap<Group, Map<string, Restriction>>();

/** `compute()` once per group instance and key. */
export function cachedRestriction(G: Group, key: string, compute: () => Restriction): Restriction {
  let cache = CACHE.get(G);
  if (cache === undefined) {
    cache = new Map();
    CACHE.set(G, cache);
  }
  let r = cache.get(key);
  if (r === undefined) {
    r = compute();
    cache.set(key, r);
  }
  return r;
}

/**
 * The restriction to the subgroup conjugated by `adjoint` (escnn's last step): its inclusion is
 * `h ↦ A⁻¹ φ(h) A`, so `Q_A = ρ(A)ᵀ Q`. Frozen, with a fresh matrix.
 */
export function conjugated(
  irrep: IrreducibleRepresentation,
  base: Restriction,
  adjoint: GroupElement,
): RestrictedIrrep {
  const Q = adjoint.isIdentity()
    ? base.changeOfBasis.clone()
    : irrep.at(adjoint).transpose().mmul(base.changeOfBasis);
  return Object.freeze({
    irreps: Object.freeze(base.irreps.map((id) => Object.freeze([...id]))),
    changeOfBasis: Q,
  });
}
