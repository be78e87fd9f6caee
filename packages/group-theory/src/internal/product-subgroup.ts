/**
 * Pieces of {@link DirectProductGroup} built from its factors: the subgroup maps of `H1 × H2` (escnn's
 * `inclusion`/`restrict` and their `_left`/`_right` variants) and the Clebsch–Gordan coefficients as the
 * Kronecker product of the factors'.
 */
import { Matrix } from 'ml-matrix';
import type { DirectProductGroup } from '../direct-product.js';
import { InvalidArgumentError, UnknownSubgroupError } from '../errors.js';
import type { Group, SubgroupMap } from '../group.js';
import { kron } from './clebsch-gordan.js';
import { makeSubgroupMap } from './subgroup.js';

/**
 * The subgroup `[id1, id2]` of `G = G1 × G2`: `H2` itself when `H1` is trivial, `H1` when `H2` is, else the
 * product `H1 × H2` (built by `product`), each factor included and restricted by its own maps.
 * @throws UnknownSubgroupError unless `id` is a pair of subgroup ids of the factors.
 */
export function productSubgroupMap(
  G: DirectProductGroup,
  id: unknown,
  fn: string,
  product: (H1: Group, H2: Group) => DirectProductGroup,
): SubgroupMap {
  if (!Array.isArray(id) || id.length !== 2) throw new UnknownSubgroupError(fn, G.name, id);
  let m1: SubgroupMap;
  let m2: SubgroupMap;
  try {
    m1 = G.G1.subgroup(id[0]);
    m2 = G.G2.subgroup(id[1]);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UnknownSubgroupError(fn, G.name, id);
    throw error;
  }
  const [H1, H2] = [m1.subgroup, m2.subgroup];
  if (H1.order() === 1)
    return makeSubgroupMap(
      G,
      H2,
      id,
      (h) => G.inclusion2(m2.inclusion(h)),
      (g) => {
        const [g1, g2] = G.splitElement(g);
        return g1.isIdentity() ? m2.restriction(g2) : null;
      },
    );
  if (H2.order() === 1)
    return makeSubgroupMap(
      G,
      H1,
      id,
      (h) => G.inclusion1(m1.inclusion(h)),
      (g) => {
        const [g1, g2] = G.splitElement(g);
        return g2.isIdentity() ? m1.restriction(g1) : null;
      },
    );
  const H = product(H1, H2);
  return makeSubgroupMap(
    G,
    H,
    id,
    (h) => {
      const [h1, h2] = H.splitElement(h);
      return G.pairElements(m1.inclusion(h1), m2.inclusion(h2));
    },
    (g) => {
      const [g1, g2] = G.splitElement(g);
      const h1 = m1.restriction(g1);
      const h2 = m2.restriction(g2);
      return h1 === null || h2 === null ? null : H.pairElements(h1, h2);
    },
  );
}

/** A product irrep's factors' dimensions and its embedding `E` in their tensor product. */
interface Parts {
  readonly psi1: { readonly dimension: number };
  readonly psi2: { readonly dimension: number };
  readonly E: Matrix;
}

/**
 * `(E_m ⊗ E_n)ᵀ Y (I_S ⊗ E_j)` with `Y = C1 ⊗ C2` regrouped: rows `((a1, a2), (b1, b2))`, columns
 * `((s1, s2), (c1, c2))`, `Y = C1[(a1, b1), (s1, c1)] · C2[(a2, b2), (s2, c2)]` (C1, C2 with columns).
 */
export function kroneckerClebschGordan(C1: Matrix, C2: Matrix, pm: Parts, pn: Parts, pj: Parts): Matrix {
  const [dm1, dm2, dn1, dn2] = [pm.psi1.dimension, pm.psi2.dimension, pn.psi1.dimension, pn.psi2.dimension];
  const [dj1, dj2] = [pj.psi1.dimension, pj.psi2.dimension];
  const D = dm1 * dm2 * dn1 * dn2;
  const S1 = C1.columns / dj1;
  const S2 = C2.columns / dj2;
  const dj = dj1 * dj2;
  const Y = new Matrix(D, S1 * S2 * dj);
  for (let a1 = 0; a1 < dm1; a1++)
    for (let a2 = 0; a2 < dm2; a2++)
      for (let b1 = 0; b1 < dn1; b1++)
        for (let b2 = 0; b2 < dn2; b2++) {
          const row = (a1 * dm2 + a2) * dn1 * dn2 + b1 * dn2 + b2;
          for (let s1 = 0; s1 < S1; s1++)
            for (let c1 = 0; c1 < dj1; c1++) {
              const x = C1.get(a1 * dn1 + b1, s1 * dj1 + c1);
              if (x === 0) continue;
              for (let s2 = 0; s2 < S2; s2++)
                for (let c2 = 0; c2 < dj2; c2++)
                  Y.set(row, (s1 * S2 + s2) * dj + c1 * dj2 + c2, x * C2.get(a2 * dn2 + b2, s2 * dj2 + c2));
            }
        }
  const left = kron(pm.E, pn.E).transpose().mmul(Y);
  const S = S1 * S2;
  const d = pj.E.columns;
  const out = new Matrix(left.rows, S * d);
  for (let s = 0; s < S; s++)
    out.setSubMatrix(left.subMatrix(0, left.rows - 1, s * dj, (s + 1) * dj - 1).mmul(pj.E), 0, s * d);
  return out;
}
