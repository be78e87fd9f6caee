/**
 * Numerical Clebsch–Gordan coefficients (escnn's `_clebsh_gordan_tensor`) and tensor-product decompositions
 * (escnn's `_find_tensor_decomposition`), for groups without a closed form.
 *
 * The CG matrix of `psi_j` in `psi_m ⊗ psi_n` stacks the intertwiners `X_s` (dj × dm·dn) with
 * `psi_j(g) X_s = X_s (psi_m(g) ⊗ psi_n(g))`, transposed. For complex and quaternionic `psi_j` the null space
 * holds every copy times each endomorphism; as escnn does, one intertwiner per copy is kept (the connected
 * components of the graph "X_s and X_t differ by an endomorphism").
 */
import { Matrix } from 'ml-matrix';
import type { GroupElement } from '../element.js';
import { SteerableError } from '../errors.js';
import type { IrrepId, TensorProductTerm } from '../group.js';
import { sylvesterNullSpace } from '../intertwiner.js';
import type { IrreducibleRepresentation } from '../irrep.js';

/** Kronecker product `a ⊗ b` (rows `i·rb + k`, columns `j·cb + l`). */
export function kron(a: Matrix, b: Matrix): Matrix {
  const out = new Matrix(a.rows * b.rows, a.columns * b.columns);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.columns; j++) {
      const aij = a.get(i, j);
      if (aij === 0) continue;
      for (let k = 0; k < b.rows; k++) {
        for (let l = 0; l < b.columns; l++) out.set(i * b.rows + k, j * b.columns + l, aij * b.get(k, l));
      }
    }
  }
  return out;
}

const SUM_OF_SQUARES = { R: 1, C: 2, H: 4 } as const;

/** See the module comment; returns a `(dm·dn) × (S·dj)` matrix with orthonormal columns. */
export function numericalClebschGordan(
  psiM: IrreducibleRepresentation,
  psiN: IrreducibleRepresentation,
  psiJ: IrreducibleRepresentation,
  elements: readonly GroupElement[],
): Matrix {
  const dm = psiM.dimension;
  const dn = psiN.dimension;
  const dj = psiJ.dimension;
  const D = dm * dn;
  const basis = sylvesterNullSpace(
    elements.map((g) => kron(psiM.at(g), psiN.at(g))),
    elements.map((g) => psiJ.at(g)),
  );
  const s = basis.length;
  if (s === 0) return new Matrix(D, 0);
  // Per-output-component normalization, as escnn: column c scaled so that sum_ab mean_s X_s[c, ab]^2 = 1.
  for (let c = 0; c < dj; c++) {
    let total = 0;
    for (const x of basis) for (let e = 0; e < D; e++) total += x.get(c, e) ** 2;
    const norm = Math.sqrt(total / s);
    for (const x of basis) for (let e = 0; e < D; e++) x.set(c, e, x.get(c, e) / norm);
  }
  // Keep one intertwiner per copy of psi_j: X_s and X_t belong to the same copy when
  // sum_k <X_s, E_k X_t>^2 > 0 for the endomorphisms E_k of psi_j.
  const endos = psiJ.endomorphismBasis();
  const multiplicity = SUM_OF_SQUARES[psiJ.type];
  const component = new Array<number>(s).fill(-1);
  let components = 0;
  for (let a = 0; a < s; a++) {
    if (component[a] !== -1) continue;
    const stack = [a];
    component[a] = components;
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let t = 0; t < s; t++) {
        if (component[t] !== -1) continue;
        let link = 0;
        for (const e of endos) {
          // <X_u, E X_t> = tr(X_u^T E X_t)
          const ex = e.mmul(basis[t]!);
          let dot = 0;
          for (let c = 0; c < dj; c++) for (let q = 0; q < D; q++) dot += basis[u]!.get(c, q) * ex.get(c, q);
          link += dot * dot;
        }
        if (link > 1e-9) {
          component[t] = components;
          stack.push(t);
        }
      }
    }
    components++;
  }
  if (components * multiplicity !== s) {
    throw new SteerableError(
      'clebschGordan',
      `the intertwiner space of ${psiJ.name} in ${psiM.name} ⊗ ${psiN.name} has dimension ${s}, not a multiple of ${multiplicity}`,
    );
  }
  const selected: Matrix[] = [];
  for (let k = 0; k < components; k++) selected.push(basis[component.indexOf(k)]!);
  const cg = new Matrix(D, components * dj);
  selected.forEach((x, k) => {
    for (let c = 0; c < dj; c++) for (let q = 0; q < D; q++) cg.set(q, k * dj + c, x.get(c, q));
  });
  return cg;
}

/**
 * escnn's `_find_tensor_decomposition`: the irreps of `candidates` (in order) with a nonzero multiplicity in
 * `psi_m ⊗ psi_n`; throws when they do not fill the product (too few irreps instantiated).
 */
export function numericalTensorProductIrreps(
  psiM: IrreducibleRepresentation,
  psiN: IrreducibleRepresentation,
  candidates: readonly IrreducibleRepresentation[],
  fn: string,
): TensorProductTerm[] {
  const group = psiM.group;
  const terms: TensorProductTerm[] = [];
  let size = 0;
  for (const psiJ of candidates) {
    const cg = group.clebschGordan(psiM.id, psiN.id, psiJ.id);
    const multiplicity = cg.columns / psiJ.dimension;
    if (multiplicity > 0) terms.push(Object.freeze({ id: psiJ.id as IrrepId, multiplicity }));
    size += cg.columns;
  }
  if (size !== psiM.dimension * psiN.dimension) {
    throw new SteerableError(
      fn,
      `the irreps of ${group.name} found in ${psiM.name} ⊗ ${psiN.name} have total size ${size}, expected ${
        psiM.dimension * psiN.dimension
      } (instantiate more irreps, e.g. a larger maximumFrequency)`,
    );
  }
  return terms;
}
