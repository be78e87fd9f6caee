/**
 * Induced and quotient representations of a group from (irreducible) representations of a subgroup.
 */
import {
  DirectProductGroup,
  type Group,
  type GroupElement,
  InvalidArgumentError,
  type IrreducibleRepresentation,
  inducedSubfieldSize,
  inducedTag,
  type NonlinearityTag,
  type RepresentationLike,
  SteerableError,
} from '@steerable/group-theory';
import { Matrix } from 'ml-matrix';
import { HomSpace } from './homspace.js';
import { planarFamily, spatialFamily, subgroupIdRepr } from './internal/family.js';
import { isIdentity } from './internal/linalg.js';
import { Representation } from './representation.js';

/** Options of {@link inducedRepresentation} and {@link quotientRepresentation}. */
export interface InducedOptions {
  /**
   * One representative per coset `gH`. Finite groups: by default the first element of each coset in escnn's
   * element order; O(2) from SO(2): the identity and the reflection; O(3) from SO(3): the identity and the
   * inversion; the whole group: the identity; direct products from products of subgroups: the products of the
   * factors' representatives.
   * @defaultValue computed as escnn does
   */
  readonly representatives?: readonly GroupElement[];
  /**
   * The representation's name.
   * @defaultValue `induced[<id>][<psi name>]` / `quotient[<id>]` (escnn's, ids printed as Python tuples)
   */
  readonly name?: string;
}

/**
 * escnn's `_induced_nonlinearities`: which nonlinearities survive induction from `psi`. The induced tags carry the
 * sub-field size, `psi`'s own one if it has one (induction in stages), else `dim psi`.
 */
function inducedNonlinearities(psi: RepresentationLike): NonlinearityTag[] {
  const s = psi.supportedNonlinearities;
  const out: NonlinearityTag[] = [];
  if (s.has('pointwise')) out.push('pointwise');
  if (s.has('concatenated')) out.push('concatenated');
  if (s.has('gated')) out.push('gated', inducedTag('gated', inducedSubfieldSize(psi, 'gated') ?? psi.size));
  if (s.has('norm')) out.push('norm', inducedTag('norm', inducedSubfieldSize(psi, 'norm') ?? psi.size));
  if (s.has('gate') || s.has('induced_gate')) out.push('induced_gate');
  return out;
}

/**
 * One representative per coset of the subgroup `subgroupId` of `G`, or `null` when none is known (a subgroup of
 * infinite index). Finite groups: the first element of each coset in escnn's element order (escnn's choice);
 * the whole group: the identity; O(2) from SO(2): the identity and the reflection; O(3) from SO(3): the identity
 * and the inversion; a direct product from a product of subgroups: the products `(r1, r2)` of the factors'
 * representatives, `r1` outer.
 */
function cosetRepresentatives(G: Group, subgroupId: unknown): GroupElement[] | null {
  const map = G.subgroup(subgroupId);
  const H = map.subgroup;
  if (G.order() > 0) {
    const reps: GroupElement[] = [];
    const covered: GroupElement[] = [];
    for (const e of G.elements) {
      if (covered.some((x) => x.equals(e))) continue;
      reps.push(e);
      for (const h of H.elements) covered.push(e.combine(map.inclusion(h)));
    }
    return reps;
  }
  if (H.equals(G)) return [G.identity];
  if (planarFamily(G) === 'o2' && H.name === 'SO(2)') {
    // escnn's O2.reflection: the flip (1, 0) in the [flip, angle] parametrization
    return [G.identity, G.element([1, 0])];
  }
  if (spatialFamily(G) === 'o3' && H.name === 'SO(3)') {
    // escnn's O3.inversion −I
    return [G.identity, (G as Group & { readonly inversion: GroupElement }).inversion];
  }
  if (G instanceof DirectProductGroup && Array.isArray(subgroupId) && subgroupId.length === 2) {
    const r1 = cosetRepresentatives(G.G1, subgroupId[0]);
    const r2 = cosetRepresentatives(G.G2, subgroupId[1]);
    if (r1 === null || r2 === null) return null;
    return r1.flatMap((a) => r2.map((b) => G.inclusion1(a).combine(G.inclusion2(b))));
  }
  return null;
}

function defaultRepresentatives(G: Group, subgroupId: unknown, fn: string): GroupElement[] {
  const reps = cosetRepresentatives(G, subgroupId);
  if (reps === null) {
    throw new InvalidArgumentError(
      fn,
      'subgroupId',
      subgroupId,
      `must identify a subgroup of finite index in ${G.name} (or pass options.representatives)`,
    );
  }
  return reps;
}

/**
 * The representation of `G` induced from the irrep `psi` of the subgroup `H` (escnn's id `subgroupId`):
 * `Ind_H^G psi` acts on `R^{[G:H] · dim psi}` (functions `f: G → R^{dim psi}` with `f(gh) = psi(h)^-1 f(g)`,
 * stored on one representative per coset).
 *
 * Decomposed as escnn does: for each irrep `rho` of `G` (in `G.irreps()` order) with `m > 0` copies
 * (Frobenius reciprocity), the columns of `Q` are `sqrt(dim rho / ([G:H] dim psi)) · rho(r_i) B_rho`, with `r_i`
 * the representatives and `B_rho` the {@link HomSpace.diracKernelFt}. `Q` is orthogonal.
 *
 * @throws InvalidArgumentError if `psi` is not an irrep of the subgroup, if the index is infinite and no
 *   representatives are given, or if the representatives do not cover the cosets.
 * @throws UnknownSubgroupError for an unknown subgroup id.
 * @see escnn's `Group.induced_representation` / `build_induced_representation`
 */
export function inducedRepresentation(
  G: Group,
  subgroupId: unknown,
  psi: RepresentationLike,
  options: InducedOptions = {},
): Representation {
  return buildInduced(G, subgroupId, psi, options, 'inducedRepresentation', false);
}

/**
 * The quotient representation of `G` on functions over `G/H`: `rho(g) e_{xH} = e_{gxH}`, i.e. the representation
 * induced from the trivial irrep of `H` (escnn's id `subgroupId`). Named `quotient[<id>]`.
 *
 * @throws UnknownSubgroupError for an unknown subgroup id.
 * @see escnn's `Group.quotient_representation`
 */
export function quotientRepresentation(
  G: Group,
  subgroupId: unknown,
  options: InducedOptions = {},
): Representation {
  const fn = 'quotientRepresentation';
  if (G === null || typeof G !== 'object' || !('subgroup' in G))
    throw new InvalidArgumentError(fn, 'G', G, 'must be a group');
  const H = G.subgroup(subgroupId).subgroup;
  return buildInduced(G, subgroupId, H.trivialRepresentation, options, fn, true);
}

function buildInduced(
  G: Group,
  subgroupId: unknown,
  psiLike: RepresentationLike,
  options: InducedOptions,
  fn: string,
  quotient: boolean,
): Representation {
  if (G === null || typeof G !== 'object' || !('subgroup' in G))
    throw new InvalidArgumentError(fn, 'G', G, 'must be a group');
  const hs = new HomSpace(G, subgroupId);
  if (
    psiLike === null ||
    typeof psiLike !== 'object' ||
    !('group' in psiLike) ||
    !psiLike.group.equals(hs.H)
  ) {
    throw new InvalidArgumentError(fn, 'psi', psiLike, `must be an irrep of the subgroup ${hs.H.name}`);
  }
  if (psiLike.irreps.length !== 1 || !isIdentity(psiLike.changeOfBasis)) {
    throw new InvalidArgumentError(
      fn,
      'psi',
      psiLike.name,
      'must be irreducible (induction from general representations is not supported)',
    );
  }
  const psi: IrreducibleRepresentation = hs.H.irrep(...psiLike.irreps[0]!);
  const reps = options.representatives ?? defaultRepresentatives(G, subgroupId, fn);
  reps.forEach((r, i) => {
    G.checkElement(r, fn, `options.representatives[${i}]`);
  });
  if (G.order() > 0 && reps.length * hs.H.order() !== G.order()) {
    throw new InvalidArgumentError(
      fn,
      'options.representatives',
      reps.length,
      `must hold ${G.order() / hs.H.order()} elements`,
    );
  }
  for (let i = 0; i < reps.length; i++)
    for (let j = i + 1; j < reps.length; j++)
      if (hs.sameCoset(reps[i]!, reps[j]!)) {
        throw new InvalidArgumentError(
          fn,
          'options.representatives',
          `${reps[i]} and ${reps[j]}`,
          'must lie in different cosets',
        );
      }
  const n = reps.length;
  const size = n * psi.size;
  const columns: number[][] = []; // column vectors
  const irreps: IrreducibleRepresentation[] = [];
  for (const rho of G.irreps()) {
    const b = hs.diracKernelFt(rho, psi);
    const m = b[0]?.length ?? 0;
    if (m === 0) continue;
    for (let k = 0; k < m; k++) irreps.push(rho);
    const scale = Math.sqrt(rho.size) / Math.sqrt(n) / Math.sqrt(psi.size);
    const rm = reps.map((r) => rho.at(r));
    // ift[i, p, m, o] = Σ_a rho(r_i)[o, a] B[a, m, p]; row i·dpsi + p, column m·drho + o
    for (let mm = 0; mm < m; mm++) {
      for (let o = 0; o < rho.size; o++) {
        const col = new Array<number>(size).fill(0);
        rm.forEach((R, i) => {
          for (let p = 0; p < psi.size; p++) {
            let acc = 0;
            for (let a = 0; a < rho.size; a++) acc += R.get(o, a) * b[a]![mm]![p]!;
            col[i * psi.size + p] = acc * scale;
          }
        });
        columns.push(col);
      }
    }
  }
  if (columns.length !== size) {
    throw new SteerableError(
      fn,
      `the induced representation is not complete (${columns.length} of ${size} dimensions): ${
        columns.length < size
          ? `${G.name} is missing irreps (raise its maximum frequency)`
          : 'the representatives are incomplete'
      }`,
    );
  }
  const q = new Matrix(size, size);
  columns.forEach((col, c) => {
    col.forEach((x, r) => {
      q.set(r, c, x);
    });
  });
  if (!isIdentity(q.transpose().mmul(q), 1e-6)) {
    throw new SteerableError(fn, 'the induced change of basis is not orthogonal');
  }
  const name =
    options.name ??
    (quotient
      ? `quotient[${subgroupIdRepr(G, subgroupId)}]`
      : `induced[${subgroupIdRepr(G, subgroupId)}][${psiLike.name}]`);
  return new Representation(
    G,
    name,
    irreps.map((r) => r.id),
    q,
    { supportedNonlinearities: inducedNonlinearities(psiLike), changeOfBasisInv: q.transpose() },
  );
}
