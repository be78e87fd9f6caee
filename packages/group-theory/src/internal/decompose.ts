/**
 * Numerical decomposition of a representation of a group `H` into irreps of `H` (escnn's
 * `decompose_representation_finitegroup` / `decompose_representation_general`), for restrictions without a
 * closed form: `rho(h) = Q (⊕_i psi_i(h)) Qᵀ`, the copies of one irrep side by side.
 *
 * For each candidate irrep `psi` the intertwiners `X` (`rho X = X psi`) are solved on `H`'s constraint
 * elements; one orthonormal copy is kept per multiplicity: by Schur, `XᵀX` commutes with `psi` and is
 * symmetric, hence a multiple of the identity, so a nonzero intertwiner scaled to unit columns is an isometry,
 * and a second copy is taken orthogonal (Frobenius) to every `X E` with `E` an endomorphism of `psi`.
 */
import { Matrix } from 'ml-matrix';
import type { GroupElement } from '../element.js';
import { SteerableError } from '../errors.js';
import type { Group, IrrepId, RestrictedIrrep } from '../group.js';
import { sylvesterNullSpace } from '../intertwiner.js';
import type { IrreducibleRepresentation } from '../irrep.js';

const SUM_OF_SQUARES = { R: 1, C: 2, H: 4 } as const;

function frobenius(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) s += a.get(i, j) * b.get(i, j);
  return s;
}

/** Lexicographic order of irrep ids (Python's tuple order on escnn's ids). */
export function compareIds(a: IrrepId, b: IrrepId): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return a.length - b.length;
}

/**
 * Orders candidate irreps as escnn lists the blocks of a decomposition: by id for a finite group, in the order
 * of `H.irreps()` for a continuous one (irreps beyond it last, by id); duplicates removed.
 */
export function orderCandidates(
  H: Group,
  candidates: readonly IrreducibleRepresentation[],
): IrreducibleRepresentation[] {
  const unique = new Map<string, IrreducibleRepresentation>();
  for (const c of candidates) unique.set(c.id.join(','), c);
  const list = [...unique.values()];
  if (!H.continuous) return list.sort((a, b) => compareIds(a.id, b.id));
  const rank = new Map(H.irreps().map((psi, k) => [psi.id.join(','), k]));
  const r = (psi: IrreducibleRepresentation) => rank.get(psi.id.join(',')) ?? Number.POSITIVE_INFINITY;
  return list.sort((a, b) => r(a) - r(b) || compareIds(a.id, b.id));
}

/**
 * Decomposes `rho` (a representation of `H` of size `size`, given on elements of H) into the irreps
 * `candidates` of H, in their order.
 * @throws SteerableError when the candidates do not fill `rho` (a missing candidate) or a multiplicity is not
 *   consistent with the irrep's type.
 */
export function decomposeNumerically(
  rho: (h: GroupElement) => Matrix,
  size: number,
  H: Group,
  candidates: readonly IrreducibleRepresentation[],
  fn: string,
): RestrictedIrrep {
  const elements = H.constraintElements;
  const rhoAt = elements.map(rho);
  const columns: Matrix[] = [];
  const irreps: IrrepId[] = [];
  let filled = 0;
  for (const psi of candidates) {
    const d = psi.dimension;
    const basis =
      elements.length === 0
        ? sylvesterNullSpace([Matrix.eye(d)], [Matrix.eye(size)])
        : sylvesterNullSpace(
            elements.map((h) => psi.at(h)),
            rhoAt,
          );
    if (basis.length === 0) continue;
    const endos = psi.endomorphismBasis();
    const span: Matrix[] = [];
    const copies: Matrix[] = [];
    for (const y of basis) {
      const r = y.clone();
      for (const z of span) r.sub(Matrix.mul(z, frobenius(z, r)));
      const norm = Math.sqrt(frobenius(r, r));
      if (norm < 1e-6) continue;
      const x = Matrix.mul(r, Math.sqrt(d) / norm);
      copies.push(x);
      for (const e of endos) {
        const xe = x.mmul(e);
        for (const z of span) xe.sub(Matrix.mul(z, frobenius(z, xe)));
        const n = Math.sqrt(frobenius(xe, xe));
        if (n > 1e-6) span.push(Matrix.mul(xe, 1 / n));
      }
    }
    if (copies.length * SUM_OF_SQUARES[psi.type] !== basis.length) {
      throw new SteerableError(
        fn,
        `the intertwiners from ${psi.name} have dimension ${basis.length}, not ${SUM_OF_SQUARES[psi.type]} per copy`,
      );
    }
    for (const x of copies) {
      columns.push(x);
      irreps.push(psi.id);
    }
    filled += copies.length * d;
  }
  if (filled !== size) {
    throw new SteerableError(
      fn,
      `the irreps of ${H.name} found fill ${filled} of ${size} dimensions (a missing irrep of the decomposition)`,
    );
  }
  const Q = new Matrix(size, size);
  let offset = 0;
  for (const x of columns) {
    Q.setSubMatrix(x, 0, offset);
    offset += x.columns;
  }
  return Object.freeze({ irreps: Object.freeze(irreps), changeOfBasis: Q });
}
