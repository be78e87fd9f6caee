/**
 * The group laws, written once for the group-theory tests and the testing package's `assertGroupLaws`: each
 * check takes the elements to check at and throws a {@link GroupLawViolation} naming the law, the elements
 * and the error, so any driver (fast-check, a loop over testing elements) and any test runner can use it.
 *
 * Element laws: `(ab)c = a(bc)`, `ea = ae = a`, `a a⁻¹ = a⁻¹ a = e`. Irrep laws: `rho(e) = I` exactly,
 * `rho(ab) = rho(a) rho(b)`, `rho(a) rho(a)ᵀ = I`, optionally `rho(a⁻¹) = rho(a)ᵀ`, and `E rho(a) = rho(a) E`
 * for the endomorphisms `E`. Clebsch–Gordan: the CG matrices of `G.tensorProductIrreps` side by side form an
 * orthogonal `Q` with `(psi_m ⊗ psi_n)(a) Q = Q (⊕_j psi_j(a))`.
 */
import { Matrix } from 'ml-matrix';
import { blockDiagonal } from '../block-diagonal.js';
import type { GroupElement } from '../element.js';
import type { Group } from '../group.js';
import { kron } from '../internal/clebsch-gordan.js';
import type { IrreducibleRepresentation } from '../irrep.js';
import { maxAbsDifference } from './close.js';
import { FLOAT64_TOLERANCE } from './tolerances.js';

/** A group law that does not hold; fast-check reports it with the counterexample and the seed. */
export class GroupLawViolation extends Error {
  constructor(group: Group, law: string, detail: string) {
    super(`${group.name}: ${law} fails: ${detail}`);
    this.name = 'GroupLawViolation';
  }
}

/**
 * Associativity `(ab)c = a(bc)`, identity `ea = ae = a` and inverses `a a⁻¹ = a⁻¹ a = e`, element equality to
 * `tolerance`.
 * @throws {@link GroupLawViolation} for the first law that fails.
 */
export function checkElementLaws(
  G: Group,
  a: GroupElement,
  b: GroupElement,
  c: GroupElement,
  tolerance: number = FLOAT64_TOLERANCE,
): void {
  if (
    !a
      .combine(b)
      .combine(c)
      .equals(a.combine(b.combine(c)), tolerance)
  ) {
    throw new GroupLawViolation(G, 'associativity', `${a}, ${b}, ${c}`);
  }
  if (!a.combine(G.identity).equals(a, tolerance) || !G.identity.combine(a).equals(a, tolerance)) {
    throw new GroupLawViolation(G, 'identity', String(a));
  }
  if (!a.combine(a.inverse()).isIdentity(tolerance) || !a.inverse().combine(a).isIdentity(tolerance)) {
    throw new GroupLawViolation(G, 'inverse', String(a));
  }
}

/**
 * `rho(e) = I`, exactly (every irrep's matrix of the identity is built, not computed).
 * @throws {@link GroupLawViolation} otherwise.
 */
export function checkIrrepAtIdentity(G: Group, irrep: IrreducibleRepresentation): void {
  if (maxAbsDifference(irrep.at(G.identity), Matrix.eye(irrep.dimension)) > 0) {
    throw new GroupLawViolation(G, 'rho(e) = I', irrep.name);
  }
}

/** Largest entrywise errors accepted by {@link checkIrrepLaws}, one per law. */
export interface IrrepLawTolerances {
  /** `rho(ab) = rho(a) rho(b)`. */
  readonly homomorphism: number;
  /** `rho(a) rho(a)ᵀ = I`. */
  readonly orthogonality: number;
  /** `E rho(a) = rho(a) E` for every endomorphism `E`. */
  readonly endomorphisms: number;
  /** `rho(a⁻¹) = rho(a)ᵀ`; not checked when absent. */
  readonly inverse?: number;
}

/**
 * The irrep laws at `a` and `b`: homomorphism, orthogonality, (optionally) inverse as transpose, and
 * commuting endomorphisms, each to its tolerance. An error exactly at a tolerance passes.
 * @throws {@link GroupLawViolation} for the first law that fails, with the error.
 */
export function checkIrrepLaws(
  G: Group,
  irrep: IrreducibleRepresentation,
  a: GroupElement,
  b: GroupElement,
  tolerances: IrrepLawTolerances,
): void {
  const ra = irrep.at(a);
  const error = maxAbsDifference(irrep.at(a.combine(b)), ra.mmul(irrep.at(b)));
  if (!(error <= tolerances.homomorphism))
    throw new GroupLawViolation(G, 'rho(ab) = rho(a) rho(b)', `${irrep.name} at ${a}, ${b}: ${error}`);
  const orth = maxAbsDifference(ra.mmul(ra.transpose()), Matrix.eye(irrep.dimension));
  if (!(orth <= tolerances.orthogonality))
    throw new GroupLawViolation(G, 'orthogonality', `${irrep.name} at ${a}: ${orth}`);
  if (tolerances.inverse !== undefined) {
    const inv = maxAbsDifference(irrep.at(a.inverse()), ra.transpose());
    if (!(inv <= tolerances.inverse))
      throw new GroupLawViolation(G, 'rho(a⁻¹) = rho(a)ᵀ', `${irrep.name} at ${a}: ${inv}`);
  }
  for (const E of irrep.endomorphismBasis()) {
    const comm = maxAbsDifference(E.mmul(ra), ra.mmul(E));
    if (!(comm <= tolerances.endomorphisms))
      throw new GroupLawViolation(G, 'endomorphisms commute', `${irrep.name} at ${a}: ${comm}`);
  }
}

/** A change of basis `Q` block-diagonalizing `psi_m ⊗ psi_n`, and the irreps of its blocks in order. */
export interface ClebschGordanDecomposition {
  readonly m: IrreducibleRepresentation;
  readonly n: IrreducibleRepresentation;
  readonly Q: Matrix;
  readonly blocks: readonly IrreducibleRepresentation[];
}

/**
 * The Clebsch–Gordan matrices of `psi_m ⊗ psi_n` side by side, checked for shape (`dm·dn` rows,
 * `multiplicity · dim psi_j` columns each, `dm·dn` columns in all) and orthogonality `QᵀQ = I` to `tolerance`.
 * @throws {@link GroupLawViolation} when a check fails.
 */
export function clebschGordanDecomposition(
  G: Group,
  m: IrreducibleRepresentation,
  n: IrreducibleRepresentation,
  tolerance: number = FLOAT64_TOLERANCE,
): ClebschGordanDecomposition {
  const D = m.dimension * n.dimension;
  const columns: Matrix[] = [];
  const blocks: IrreducibleRepresentation[] = [];
  for (const { id, multiplicity } of G.tensorProductIrreps(m.id, n.id)) {
    const psi = G.irrep(...id);
    const cg = G.clebschGordan(m.id, n.id, id);
    if (cg.rows !== D || cg.columns !== multiplicity * psi.dimension) {
      throw new GroupLawViolation(
        G,
        'Clebsch–Gordan shape',
        `${m.name} ⊗ ${n.name} → ${psi.name} ×${multiplicity}`,
      );
    }
    columns.push(cg);
    for (let s = 0; s < multiplicity; s++) blocks.push(psi);
  }
  const width = columns.reduce((s, c) => s + c.columns, 0);
  if (width !== D) {
    throw new GroupLawViolation(
      G,
      'tensor product decomposition',
      `${m.name} ⊗ ${n.name} has ${width} of ${D} dimensions`,
    );
  }
  const Q = new Matrix(D, D);
  let offset = 0;
  for (const c of columns) {
    if (c.columns > 0) Q.setSubMatrix(c, 0, offset);
    offset += c.columns;
  }
  const error = maxAbsDifference(Q.transpose().mmul(Q), Matrix.eye(D));
  if (!(error <= tolerance)) {
    throw new GroupLawViolation(
      G,
      'orthogonality of Clebsch–Gordan matrices',
      `${m.name} ⊗ ${n.name}, error ${error}`,
    );
  }
  return { m, n, Q, blocks };
}

/**
 * `(psi_m ⊗ psi_n)(a) Q = Q (⊕_j psi_j(a))` to `tolerance`.
 * @throws {@link GroupLawViolation} otherwise.
 */
export function checkClebschGordan(
  G: Group,
  { m, n, Q, blocks }: ClebschGordanDecomposition,
  a: GroupElement,
  tolerance: number = FLOAT64_TOLERANCE,
): void {
  const lhs = kron(m.at(a), n.at(a)).mmul(Q);
  const rhs = Q.mmul(blockDiagonal(blocks.map((psi) => psi.at(a))));
  const error = maxAbsDifference(lhs, rhs);
  if (!(error <= tolerance)) {
    throw new GroupLawViolation(G, 'Clebsch–Gordan equivariance', `${m.name} ⊗ ${n.name} at ${a}: ${error}`);
  }
}
