/**
 * Direct sums and changes of basis of representations.
 */
import {
  blockDiagonal,
  GroupMismatchError,
  InvalidArgumentError,
  type NonlinearityTag,
  type RepresentationLike,
} from '@steerable/group-theory';
import type { Matrix } from 'ml-matrix';
import { safeInverse, toMatrix } from './internal/linalg.js';
import { asRepresentation, Representation } from './representation.js';

/** Options of {@link directSum}. */
export interface DirectSumOptions {
  /**
   * escnn's name; by default the names in brackets joined by `_` (`[irrep_0]_[regular]`).
   * @defaultValue `reps.map(r => `[${r.name}]`).join('_')`
   */
  readonly name?: string;
  /**
   * An invertible matrix applied after the direct sum: the result is `P (⊕ rho_i) P^-1`.
   * @defaultValue the identity
   */
  readonly changeOfBasis?: Matrix | readonly (readonly number[])[];
}

/**
 * The direct sum `⊕_i rho_i(g)` (block diagonal) of representations of one group: its irreps are the
 * concatenation of theirs and its change of basis the block diagonal of theirs. Supports the nonlinearities all
 * summands support.
 *
 * @throws InvalidArgumentError for an empty list, or an optional change of basis of the wrong size / singular.
 * @throws GroupMismatchError if the representations belong to different groups.
 * @see escnn's `escnn.group.directsum`
 */
export function directSum(
  reps: readonly RepresentationLike[],
  options: DirectSumOptions = {},
): Representation {
  const fn = 'directSum';
  if (!Array.isArray(reps) || reps.length === 0) {
    throw new InvalidArgumentError(fn, 'reps', reps, 'must be a non-empty list of representations');
  }
  const list = reps.map((r, i) => {
    if (r === null || typeof r !== 'object' || !('group' in r)) {
      throw new InvalidArgumentError(fn, `reps[${i}]`, r, 'must be a representation');
    }
    return asRepresentation(r);
  });
  const group = list[0]!.group;
  list.forEach((r, i) => {
    if (!r.group.equals(group)) throw new GroupMismatchError(fn, `reps[${i}]`, group.name, r.group.name);
  });
  const name = options.name ?? list.map((r) => `[${r.name}]`).join('_');
  let q = blockDiagonal(list.map((r) => r.changeOfBasis));
  let qInv = blockDiagonal(list.map((r) => r.changeOfBasisInv));
  if (options.changeOfBasis !== undefined) {
    const p = toMatrix(options.changeOfBasis);
    if (p.rows !== q.rows || p.columns !== q.rows) {
      throw new InvalidArgumentError(
        fn,
        'changeOfBasis',
        `${p.rows}×${p.columns} matrix`,
        `must be ${q.rows}×${q.rows}`,
      );
    }
    const pInv = safeInverse(p);
    if (pInv === null)
      throw new InvalidArgumentError(fn, 'changeOfBasis', 'a singular matrix', 'must be invertible');
    q = p.mmul(q);
    qInv = qInv.mmul(pInv);
  }
  const supported = [...list[0]!.supportedNonlinearities].filter((t) =>
    list.every((r) => r.supportedNonlinearities.has(t)),
  ) as NonlinearityTag[];
  return new Representation(
    group,
    name,
    list.flatMap((r) => r.irreps),
    q,
    { supportedNonlinearities: supported, changeOfBasisInv: qInv },
  );
}

/** Options of {@link changeBasis}. */
export interface ChangeBasisOptions {
  /**
   * Nonlinearities the new representation supports.
   * @defaultValue none (escnn's default: a change of basis generally breaks pointwise nonlinearities)
   */
  readonly supportedNonlinearities?: Iterable<NonlinearityTag>;
}

/**
 * The representation `P rho(g) P^-1` for an invertible `P`: same irreps, change of basis `P Q`.
 *
 * @throws InvalidArgumentError if `P` is not `size × size`, not finite or not invertible.
 * @see escnn's `escnn.group.change_basis`
 */
export function changeBasis(
  rep: RepresentationLike,
  changeOfBasis: Matrix | readonly (readonly number[])[],
  name: string,
  options: ChangeBasisOptions = {},
): Representation {
  const fn = 'changeBasis';
  if (rep === null || typeof rep !== 'object' || !('group' in rep)) {
    throw new InvalidArgumentError(fn, 'rep', rep, 'must be a representation');
  }
  const r = asRepresentation(rep);
  let p: Matrix;
  try {
    p = toMatrix(changeOfBasis);
  } catch {
    throw new InvalidArgumentError(fn, 'changeOfBasis', changeOfBasis, 'must be a square matrix');
  }
  if (p.rows !== r.size || p.columns !== r.size) {
    throw new InvalidArgumentError(
      fn,
      'changeOfBasis',
      `${p.rows}×${p.columns} matrix`,
      `must be ${r.size}×${r.size}`,
    );
  }
  const pInv = safeInverse(p);
  if (pInv === null)
    throw new InvalidArgumentError(fn, 'changeOfBasis', 'a singular matrix', 'must be invertible');
  if (typeof name !== 'string') throw new InvalidArgumentError(fn, 'name', name, 'must be a string');
  return new Representation(r.group, name, r.irreps, p.mmul(r.changeOfBasis), {
    supportedNonlinearities: options.supportedNonlinearities ?? [],
    changeOfBasisInv: r.changeOfBasisInv.mmul(pInv),
  });
}
