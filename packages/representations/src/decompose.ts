/**
 * Numerical decomposition of an arbitrary representation, given as a function of the element, into irreps.
 */
import {
  type Group,
  type GroupElement,
  InvalidArgumentError,
  type NonlinearityTag,
  SteerableError,
} from '@steerable/group-theory';
import { Matrix } from 'ml-matrix';
import { allClose, nullSpace, rank } from './internal/linalg.js';
import { Representation } from './representation.js';

/** Options of {@link decomposeRepresentation}. */
export interface DecomposeOptions {
  /**
   * Name of the resulting representation.
   * @defaultValue `'decomposed'`
   */
  readonly name?: string;
  /**
   * Nonlinearities the representation supports.
   * @defaultValue none
   */
  readonly supportedNonlinearities?: Iterable<NonlinearityTag>;
  /**
   * Elements whose constraints pin down the intertwiners.
   * @defaultValue the generators, plus 4 reproducible random elements for a continuous group
   */
  readonly elements?: readonly GroupElement[];
  /**
   * Elements on which the result is checked against `rho`.
   * @defaultValue `G.testingElements`
   */
  readonly checkElements?: readonly GroupElement[];
}

/** Basis of `{X : A_i X = X B_i}` (X of size dA × dB), from the null space of the stacked Sylvester equations. */
function intertwiners(as: readonly Matrix[], bs: readonly Matrix[]): Matrix[] {
  const dA = as[0]!.rows;
  const dB = bs[0]!.rows;
  const n = dA * dB;
  const system = Matrix.zeros(as.length * n, n);
  as.forEach((a, t) => {
    const b = bs[t]!;
    for (let i = 0; i < dA; i++) {
      for (let j = 0; j < dB; j++) {
        const row = t * n + i * dB + j;
        for (let k = 0; k < dA; k++) system.set(row, k * dB + j, system.get(row, k * dB + j) + a.get(i, k));
        for (let l = 0; l < dB; l++) system.set(row, i * dB + l, system.get(row, i * dB + l) - b.get(l, j));
      }
    }
  });
  const ns = nullSpace(system, 1e-9);
  const out: Matrix[] = [];
  for (let c = 0; c < ns.columns; c++) {
    const x = Matrix.zeros(dA, dB);
    for (let i = 0; i < dA; i++) for (let j = 0; j < dB; j++) x.set(i, j, ns.get(i * dB + j, c));
    out.push(x);
  }
  return out;
}

/**
 * Decomposes the representation `rho: G → GL(R^d)` (any homomorphism, given as a function of the element) into the
 * group's irreps: finds `Q` and irreps `psi_i` with `rho(g) = Q (⊕_i psi_i(g)) Q^-1`.
 *
 * For each irrep `psi` (in `G.irreps()` order) the intertwiners `X` with `rho(g) X = X psi(g)` are the null space
 * of the Sylvester equations on the constraint elements; their dimension is `m · s(psi)` (Schur), and `m`
 * intertwiners with independent images are kept as the columns of `Q`. Unlike escnn (which optimizes an orthogonal
 * `Q` numerically) the result is not unique; it is checked on `options.checkElements`.
 *
 * @throws InvalidArgumentError if `rho` does not return square matrices of one size.
 * @throws SteerableError if `rho` is not a representation, or (continuous groups) contains irreps beyond the
 *   group's maximum frequency.
 * @see escnn's `decompose_representation_finitegroup` / `decompose_representation_general`
 */
export function decomposeRepresentation(
  G: Group,
  rho: (g: GroupElement) => Matrix,
  options: DecomposeOptions = {},
): Representation {
  const fn = 'decomposeRepresentation';
  if (G === null || typeof G !== 'object' || !('irreps' in G))
    throw new InvalidArgumentError(fn, 'G', G, 'must be a group');
  if (typeof rho !== 'function')
    throw new InvalidArgumentError(fn, 'rho', rho, 'must be a function of the element');
  const e0 = rho(G.identity);
  if (!(e0 instanceof Matrix) || e0.rows !== e0.columns || e0.rows === 0) {
    throw new InvalidArgumentError(fn, 'rho', e0, 'must return non-empty square ml-matrix matrices');
  }
  const d = e0.rows;
  const elements =
    options.elements ?? (G.continuous ? [...G.generators, ...G.sample(4, { seed: 1 })] : [...G.generators]);
  const rhoMats = elements.map((g) => {
    const m = rho(g);
    if (!(m instanceof Matrix) || m.rows !== d || m.columns !== d) {
      throw new InvalidArgumentError(fn, 'rho', m, `must return ${d}×${d} matrices`);
    }
    return m;
  });
  let columns = Matrix.zeros(d, 0);
  const irreps: (readonly number[])[] = [];
  for (const psi of G.irreps()) {
    if (columns.columns === d) break;
    const psiMats = elements.map((g) => psi.at(g));
    const xs = intertwiners(rhoMats, psiMats);
    for (const x of xs) {
      const candidate = new Matrix(d, columns.columns + psi.size);
      candidate.setSubMatrix(columns, 0, 0);
      candidate.setSubMatrix(x, 0, columns.columns);
      if (columns.columns + psi.size <= d && rank(candidate, 1e-7) === columns.columns + psi.size) {
        columns = candidate;
        irreps.push(psi.id);
      }
    }
  }
  if (columns.columns !== d) {
    throw new SteerableError(
      fn,
      `found irreps for only ${columns.columns} of ${d} dimensions: rho is not a representation of ${G.name}` +
        (G.continuous ? ' or contains frequencies above the maximum frequency' : ''),
    );
  }
  const result = new Representation(G, options.name ?? 'decomposed', irreps, columns, {
    supportedNonlinearities: options.supportedNonlinearities ?? [],
  });
  for (const g of options.checkElements ?? G.testingElements) {
    if (!allClose(result.at(g), rho(g), 1e-6)) {
      throw new SteerableError(
        fn,
        `rho is not a representation of ${G.name}: the decomposition fails at ${g}`,
      );
    }
  }
  return result;
}
