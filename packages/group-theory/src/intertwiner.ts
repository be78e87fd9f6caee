/**
 * The numerical intertwiner solver: a basis of the matrices `X` with `X rho_in(g) = rho_out(g) X` for a set
 * of elements `g` (escnn's `find_intertwiner_basis_sylvester`), as the null space of the stacked Sylvester
 * constraints, computed with ml-matrix's SVD.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { GroupElement } from './element.js';
import { GroupMismatchError, InvalidArgumentError } from './errors.js';
import type { RepresentationLike } from './irrep.js';

/** Options of {@link sylvesterNullSpace} and {@link intertwinerBasis}. */
export interface IntertwinerOptions {
  /**
   * A singular value counts as zero below `tolerance · max(1, largest singular value)`.
   * @defaultValue 1e-9
   */
  readonly tolerance?: number;
}

/** Options of {@link intertwinerBasis}. */
export interface IntertwinerBasisOptions extends IntertwinerOptions {
  /**
   * The elements whose constraints are imposed.
   * @defaultValue the group's `constraintElements` (its generators; a dense-subgroup generating set for Lie groups)
   */
  readonly elements?: readonly GroupElement[];
}

function checkSquareList(fn: string, argument: string, mats: readonly Matrix[]): number {
  if (!Array.isArray(mats) || mats.some((m) => !(m instanceof Matrix))) {
    throw new InvalidArgumentError(fn, argument, mats, 'must be an array of ml-matrix Matrix');
  }
  const d = mats[0]?.rows ?? 0;
  if (mats.some((m) => m.rows !== d || m.columns !== d)) {
    throw new InvalidArgumentError(fn, argument, mats, `must hold square matrices of one size (${d})`);
  }
  return d;
}

/**
 * An orthonormal basis (in the Frobenius inner product) of `{X ∈ R^{dOut×dIn} : X A_i = B_i X for all i}`.
 *
 * The constraint `X A - B X = 0` is linear in the row-major vectorization of `X`; its rows for all `i` are
 * stacked and the right singular vectors with (numerically) zero singular value span the solutions.
 * With no constraints every matrix is a solution and the standard basis is returned.
 *
 * @param rhoIn - the matrices `A_i` (dIn × dIn)
 * @param rhoOut - the matrices `B_i` (dOut × dOut), as many as `rhoIn`
 * @returns fresh `dOut × dIn` matrices
 * @see escnn's `escnn.group._numerical.find_intertwiner_basis_sylvester`
 */
export function sylvesterNullSpace(
  rhoIn: readonly Matrix[],
  rhoOut: readonly Matrix[],
  options: IntertwinerOptions = {},
): Matrix[] {
  const fn = 'sylvesterNullSpace';
  const dIn = checkSquareList(fn, 'rhoIn', rhoIn);
  const dOut = checkSquareList(fn, 'rhoOut', rhoOut);
  if (rhoIn.length !== rhoOut.length) {
    throw new InvalidArgumentError(
      fn,
      'rhoOut',
      rhoOut,
      `must have as many matrices as rhoIn (${rhoIn.length})`,
    );
  }
  const tolerance = options.tolerance ?? 1e-9;
  if (!(tolerance > 0))
    throw new InvalidArgumentError(fn, 'options.tolerance', tolerance, 'must be positive');
  if (rhoIn.length === 0) {
    // Unconstrained: the standard basis.
    return Array.from({ length: dIn * dOut }, (_, k) => {
      const x = new Matrix(dOut, dIn);
      x.set(Math.floor(k / dIn), k % dIn, 1);
      return x;
    });
  }
  const n = dIn * dOut;
  // At least n rows so that the SVD returns all n right singular vectors.
  const rows = Math.max(rhoIn.length * n, n);
  const system = new Matrix(rows, n);
  rhoIn.forEach((a, i) => {
    const b = rhoOut[i]!;
    const offset = i * n;
    for (let p = 0; p < dOut; p++) {
      for (let q = 0; q < dIn; q++) {
        const row = offset + p * dIn + q;
        // (X A)[p, q] = sum_r X[p, r] A[r, q]
        for (let r = 0; r < dIn; r++)
          system.set(row, p * dIn + r, system.get(row, p * dIn + r) + a.get(r, q));
        // -(B X)[p, q] = -sum_r B[p, r] X[r, q]
        for (let r = 0; r < dOut; r++)
          system.set(row, r * dIn + q, system.get(row, r * dIn + q) - b.get(p, r));
      }
    }
  });
  const svd = new SingularValueDecomposition(system, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: true,
    autoTranspose: false,
  });
  const values = svd.diagonal;
  const v = svd.rightSingularVectors;
  const threshold = tolerance * Math.max(1, values[0] ?? 0);
  const basis: Matrix[] = [];
  for (let k = 0; k < n; k++) {
    if ((values[k] ?? 0) > threshold) continue;
    const x = new Matrix(dOut, dIn);
    // Fix the sign: the entry of largest magnitude is positive, so results do not depend on SVD sign choices.
    let best = 0;
    for (let e = 0; e < n; e++) if (Math.abs(v.get(e, k)) > Math.abs(best) + 1e-12) best = v.get(e, k);
    const sign = best < 0 ? -1 : 1;
    for (let e = 0; e < n; e++) x.set(Math.floor(e / dIn), e % dIn, sign * v.get(e, k));
    basis.push(x);
  }
  return basis;
}

/**
 * An orthonormal basis of the intertwiners `X` (dOut × dIn) from `rhoIn` to `rhoOut`:
 * `X rhoIn(g) = rhoOut(g) X` for every `g` of the group.
 *
 * @see escnn's intertwiner basis (`escnn.group._numerical.find_intertwiner_basis_sylvester`)
 * @throws GroupMismatchError when the representations belong to different groups.
 */
export function intertwinerBasis(
  rhoIn: RepresentationLike,
  rhoOut: RepresentationLike,
  options: IntertwinerBasisOptions = {},
): Matrix[] {
  const fn = 'intertwinerBasis';
  if (!rhoOut.group.equals(rhoIn.group)) {
    throw new GroupMismatchError(fn, 'rhoOut', rhoIn.group.name, rhoOut.group.name);
  }
  const elements = options.elements ?? rhoIn.group.constraintElements;
  elements.forEach((g, i) => {
    rhoIn.group.checkElement(g, fn, `options.elements[${i}]`);
  });
  return sylvesterNullSpace(
    elements.map((g) => rhoIn.at(g)),
    elements.map((g) => rhoOut.at(g)),
    options,
  );
}
