/**
 * Band-limited representations in the spectral basis (direct sums of irreps), as used by Fourier-based
 * nonlinearities: escnn's `spectral_regular_representation`, `spectral_quotient_representation`, and the
 * band-limited quotient, sphere and induced representations of O(2), SO(3) and O(3).
 */
import {
  type Group,
  InvalidArgumentError,
  type IrreducibleRepresentation,
  type IrrepId,
} from '@steerable/group-theory';
import { directSum } from './direct-sum.js';
import { HomSpace } from './homspace.js';
import { planarFamily, spatialFamily, subgroupIdRepr } from './internal/family.js';
import { pythonRepr } from './internal/linalg.js';
import type { Representation } from './representation.js';

/** Options of the spectral representations. */
export interface SpectralOptions {
  /**
   * The representation's name.
   * @defaultValue escnn's: `regular_[<ids joined by |>]`, `quotient[<id>]_[<ids>]`, `quotient[<id>]_<L>`
   */
  readonly name?: string;
}

function checkGroup(fn: string, G: unknown): Group {
  if (G === null || typeof G !== 'object' || !('irreps' in G) || !('subgroup' in G)) {
    throw new InvalidArgumentError(fn, 'G', G, 'must be a group');
  }
  return G as Group;
}

function toIds(fn: string, G: Group, irreps: readonly (IrrepId | IrreducibleRepresentation)[]): IrrepId[] {
  if (!Array.isArray(irreps) || irreps.length === 0) {
    throw new InvalidArgumentError(fn, 'irreps', irreps, 'must be a non-empty list of irreps or irrep ids');
  }
  return irreps.map((r) =>
    Array.isArray(r) ? G.irrep(...(r as number[])).id : (r as IrreducibleRepresentation).id,
  );
}

/** escnn's `subgroup_trivial_id` of a planar group: `1` for C_N and SO(2), `(None, 1)` for D_N and O(2). */
function trivialSubgroupId(G: Group): unknown {
  const own = (G as unknown as { subgroupTrivialId?: unknown }).subgroupTrivialId;
  if (own !== undefined) return own;
  const family = planarFamily(G);
  if (family === 'dihedral' || family === 'o2') return [null, 1];
  return 1;
}

/**
 * The invariant subspace of the quotient representation on `L^2(G/H)` spanned by the irreps `irreps` (each once
 * per copy in `L^2(G/H)`), in the spectral basis: `⊕ rho^{m(rho)}` with identity change of basis
 * ({@link HomSpace.inducedRepresentation} from the trivial irrep of `H`). Named `quotient[<id>]_[<ids>]`.
 *
 * @throws InvalidArgumentError if no irrep occurs (the subspace would be empty) or the list is empty/repeated.
 * @see escnn's `Group.spectral_quotient_representation`
 */
export function spectralQuotientRepresentation(
  G: Group,
  subgroupId: unknown,
  irreps: readonly (IrrepId | IrreducibleRepresentation)[],
  options: SpectralOptions = {},
): Representation {
  const fn = 'spectralQuotientRepresentation';
  checkGroup(fn, G);
  const ids = toIds(fn, G, irreps);
  const name =
    options.name ?? `quotient[${subgroupIdRepr(G, subgroupId)}]_[${ids.map(pythonRepr).join('|')}]`;
  const X = new HomSpace(G, subgroupId);
  const rep = X.inducedRepresentation(X.H.trivialRepresentation, ids, name);
  if (rep === null)
    throw new InvalidArgumentError(fn, 'irreps', ids, `must contain an irrep occurring in L²(${X})`);
  return rep;
}

/**
 * The band-limited regular representation spanned by the irreps `irreps` in the spectral basis: each irrep `rho`
 * repeated `dim(rho)/s(rho)` times (its multiplicity in the regular representation), identity change of basis.
 * Named `regular_[<ids joined by |>]`. The input of escnn's `FourierPointwise`.
 *
 * @see escnn's `Group.spectral_regular_representation`
 */
export function spectralRegularRepresentation(
  G: Group,
  irreps: readonly (IrrepId | IrreducibleRepresentation)[],
  options: SpectralOptions = {},
): Representation {
  const fn = 'spectralRegularRepresentation';
  checkGroup(fn, G);
  const ids = toIds(fn, G, irreps);
  const name = options.name ?? `regular_[${ids.map(pythonRepr).join('|')}]`;
  return spectralQuotientRepresentation(G, trivialSubgroupId(G), ids, { name });
}

/** The irrep ids up to frequency `L` in the order of escnn's band-limited quotient representations of `G`. */
function bandLimitedIds(fn: string, G: Group, L: number): IrrepId[] {
  if (typeof L !== 'number' || !Number.isInteger(L) || L < 0) {
    throw new InvalidArgumentError(fn, 'L', L, 'must be a non-negative integer');
  }
  const family = planarFamily(G) ?? spatialFamily(G);
  const ids: IrrepId[] = [];
  if (family === 'o2') {
    ids.push([0, 0]);
    for (let l = 0; l <= L; l++) ids.push([1, l]);
  } else if (family === 'so3') {
    for (let l = 0; l <= L; l++) ids.push([l]);
  } else if (family === 'o3') {
    for (let l = 0; l <= L; l++) ids.push([0, l], [1, l]);
  } else {
    throw new InvalidArgumentError(fn, 'G', G.name, 'must be O(2), SO(3) or O(3)');
  }
  return ids;
}

/** `⊕ rho^{m(rho)}` over `ids`, `m` the multiplicity of `rho` in the representation of `G` induced from `psi`. */
function bandLimitedInduced(
  X: HomSpace,
  ids: readonly IrrepId[],
  psi: IrreducibleRepresentation,
): IrreducibleRepresentation[] {
  const list: IrreducibleRepresentation[] = [];
  for (const id of ids) {
    const irr = X.G.irrep(...id);
    const m = X.dimensionBasis(irr, psi)[1];
    for (let k = 0; k < m; k++) list.push(irr);
  }
  return list;
}

/**
 * The band-limited quotient representation of O(2), SO(3) or O(3) on `L^2(G/H)` up to rotational frequency `L`
 * (included): each irrep as many times as it occurs in `L^2(G/H)` (Frobenius reciprocity, {@link HomSpace}),
 * identity change of basis, named `quotient[<id>]_<L>`. Irreps in escnn's order: O(2) `psi_{0,0}, psi_{1,0}, …,
 * psi_{1,L}`; SO(3) `psi_0, …, psi_L`; O(3) `psi_{0,0}, psi_{1,0}, psi_{0,1}, psi_{1,1}, …, psi_{1,L}`.
 *
 * @throws InvalidArgumentError if `G` is not O(2), SO(3) or O(3) or `L` is not a non-negative integer.
 * @throws UnknownSubgroupError for an unknown subgroup id.
 * @see escnn's `bl_quotient_representation` of `O2`, `SO3` and `O3`
 */
export function blQuotientRepresentation(
  G: Group,
  L: number,
  subgroupId: unknown,
  options: SpectralOptions = {},
): Representation {
  const fn = 'blQuotientRepresentation';
  checkGroup(fn, G);
  const ids = bandLimitedIds(fn, G, L);
  const X = new HomSpace(G, subgroupId);
  // the trivial irrep always occurs (once), so the sum is never empty
  const list = bandLimitedInduced(X, ids, X.H.trivialRepresentation);
  return directSum(list, { name: options.name ?? `quotient[${subgroupIdRepr(G, subgroupId)}]_${L}` });
}

/**
 * The band-limited representation of SO(3) or O(3) on functions on the sphere up to frequency `L`: the
 * {@link blQuotientRepresentation} over SO(3)/SO(2) (subgroup `[false, -1]`) or O(3)/O(2) (the cone subgroup
 * `['cone', -1]`), named `quotient[(False, -1)]_<L>` / `quotient[('cone', -1)]_<L>`. Each frequency `l` occurs
 * once: `psi_l` for SO(3), `psi_{l mod 2, l}` for O(3).
 *
 * @throws InvalidArgumentError if `G` is not SO(3) or O(3) or `L` is not a non-negative integer.
 * @see escnn's `SO3.bl_sphere_representation`, `O3.bl_sphere_representation`
 */
export function blSphereRepresentation(G: Group, L: number, options: SpectralOptions = {}): Representation {
  const fn = 'blSphereRepresentation';
  checkGroup(fn, G);
  const family = spatialFamily(G);
  if (family !== 'so3' && family !== 'o3')
    throw new InvalidArgumentError(fn, 'G', G.name, 'must be SO(3) or O(3)');
  return blQuotientRepresentation(G, L, family === 'so3' ? [false, -1] : ['cone', -1], options);
}

/**
 * The band-limited representation of SO(3) induced from the irrep `psi` of the subgroup `subgroupId`, up to
 * frequency `L`: `⊕_{l ≤ L} psi_l^{m_l}` with `m_l` the multiplicity of `psi_l` in `Ind psi` (Frobenius
 * reciprocity), identity change of basis, named `induced[<id>][<psi name>]_<L>`.
 *
 * @throws InvalidArgumentError if `G` is not SO(3), `L` is not a non-negative integer, `psi` is not an irrep of
 *   the subgroup, or no irrep up to `L` occurs.
 * @throws UnknownSubgroupError for an unknown subgroup id.
 * @see escnn's `SO3.bl_induced_representation`
 */
export function blInducedRepresentation(
  G: Group,
  L: number,
  psi: IrreducibleRepresentation,
  subgroupId: unknown,
  options: SpectralOptions = {},
): Representation {
  const fn = 'blInducedRepresentation';
  checkGroup(fn, G);
  if (spatialFamily(G) !== 'so3') throw new InvalidArgumentError(fn, 'G', G.name, 'must be SO(3)');
  const ids = bandLimitedIds(fn, G, L);
  const X = new HomSpace(G, subgroupId);
  if (psi === null || typeof psi !== 'object' || !('id' in psi) || !psi.group.equals(X.H)) {
    throw new InvalidArgumentError(fn, 'psi', psi, `must be an irrep of the subgroup ${X.H.name}`);
  }
  const list = bandLimitedInduced(X, ids, psi);
  if (list.length === 0) {
    throw new InvalidArgumentError(
      fn,
      'L',
      L,
      `must reach an irrep of the representation induced from ${psi.name}`,
    );
  }
  return directSum(list, {
    name: options.name ?? `induced[${subgroupIdRepr(G, subgroupId)}][${psi.name}]_${L}`,
  });
}
