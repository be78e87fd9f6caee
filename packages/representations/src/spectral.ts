/**
 * Band-limited representations in the spectral basis (direct sums of irreps), as used by Fourier-based
 * nonlinearities: escnn's `spectral_regular_representation`, `spectral_quotient_representation` and
 * `O2.bl_quotient_representation`.
 */
import {
  type Group,
  InvalidArgumentError,
  type IrreducibleRepresentation,
  type IrrepId,
} from '@steerable/group-theory';
import { directSum } from './direct-sum.js';
import { HomSpace } from './homspace.js';
import { planarFamily, subgroupIdRepr } from './internal/family.js';
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

/**
 * The band-limited quotient representation of O(2) on `L^2(O(2)/H)` up to rotational frequency `L`: the irreps
 * `psi_{0,0}, psi_{1,0}, …, psi_{1,L}`, each as many times as it occurs in `L^2(O(2)/H)`, identity change of
 * basis. Named `quotient[<id>]_<L>`.
 *
 * @throws InvalidArgumentError if `G` is not O(2) or `L` is not a non-negative integer.
 * @see escnn's `O2.bl_quotient_representation`
 */
export function blQuotientRepresentation(
  G: Group,
  L: number,
  subgroupId: unknown,
  options: SpectralOptions = {},
): Representation {
  const fn = 'blQuotientRepresentation';
  checkGroup(fn, G);
  if (planarFamily(G) !== 'o2') throw new InvalidArgumentError(fn, 'G', G.name, 'must be O(2)');
  if (typeof L !== 'number' || !Number.isInteger(L) || L < 0) {
    throw new InvalidArgumentError(fn, 'L', L, 'must be a non-negative integer');
  }
  const X = new HomSpace(G, subgroupId);
  const ids: IrrepId[] = [[0, 0]];
  for (let l = 0; l <= L; l++) ids.push([1, l]);
  const list: IrreducibleRepresentation[] = [];
  for (const id of ids) {
    const irr = G.irrep(...id);
    const m = X.dimensionBasis(irr, X.H.trivialRepresentation)[1];
    for (let k = 0; k < m; k++) list.push(irr);
  }
  return directSum(list, { name: options.name ?? `quotient[${subgroupIdRepr(G, subgroupId)}]_${L}` });
}
