/**
 * The Wigner–Eckart kernel solver for one pair of irreps of a planar group G ≤ O(2)
 * (escnn's `WignerEckartBasis` / `RestrictedWignerEckartBasis`).
 *
 * Scalar filters are spanned by O(2)-steerable circular harmonics Y_l (l = 0..L). Restricted to G, Y_l
 * decomposes into G-irreps through the restriction's change of basis; every G-irrep J in the tensor
 * product ψ_in ⊗ ψ_out contributes the kernels
 *
 *   κ[n][m](x) = Σ_{i,j',y} CG[n][m][s][i] · E_k[j'][i] · Q⁻¹[j'][y] · Y_l(x)[y]
 *
 * (A Program to Build E(N)-Equivariant Steerable CNNs, Thm 2.1 and Eq. 5), one per endomorphism k,
 * multiplicity s and copy t of J in the restriction of Y_l.
 */
import { endomorphismBasis, type Id, idKey, type PlanarGroup } from './planar-groups.js';

/** The angular part of one family of basis elements (one per ring). */
export interface AngularElement {
  /** Index of the harmonic l (O(2) irrep (l > 0 ? 1 : 0, l)). */
  readonly harmonic: number;
  /** The G-irrep J this element goes through (escnn's `_j`). */
  readonly subgroupIrrep: Id;
  readonly k: number;
  readonly s: number;
  readonly t: number;
  /** Coefficients `[out][in][y]` (y over the harmonic's 1 or 2 components). */
  readonly coeff: Float64Array;
}

/** The solved pair: the angular elements grouped by harmonic, in escnn's order. */
export interface IrrepPairSolution {
  readonly outSize: number;
  readonly inSize: number;
  /** For each harmonic l = 0..L, its angular elements (possibly none). */
  readonly byHarmonic: readonly (readonly AngularElement[])[];
}

/**
 * Solves the kernel constraint for the G-irreps `inId` (ψ_m) and `outId` (ψ_n) with harmonics up to `L`.
 * `restrictHarmonic(l)` gives the restriction of the harmonic's O(2) irrep to G.
 */
export function solveIrrepPair(G: PlanarGroup, inId: Id, outId: Id, L: number): IrrepPairSolution {
  const m = G.irrep(inId)!;
  const n = G.irrep(outId)!;
  const jsG = G.tensorProduct(inId, outId).map(([j]) => j);
  const byHarmonic: AngularElement[][] = [];
  for (let l = 0; l <= L; l++) {
    const list: AngularElement[] = [];
    const restr = G.restrictO2Irrep(l > 0 ? 1 : 0, l);
    const Y = restr.size;
    for (const j of jsG) {
      // rows of Q⁻¹ for each copy of j in the restriction: idc[t][j'][y]
      const J = G.irrep(j)!;
      const copies: Float64Array[] = [];
      let p = 0;
      for (const i of restr.irreps) {
        const sz = G.irrep(i)!.size;
        if (idKey(i) === idKey(j)) copies.push(restr.cobInv.slice(p * Y, (p + sz) * Y));
        p += sz;
      }
      if (copies.length === 0) continue;
      const cg = G.cg(outId, inId, j);
      const E = endomorphismBasis(J.size, J.type);
      const dj = J.size;
      for (let k = 0; k < E.length; k++) {
        const Ek = E[k]!;
        for (let s = 0; s < cg.s; s++) {
          for (let t = 0; t < copies.length; t++) {
            const idc = copies[t]!;
            const coeff = new Float64Array(n.size * m.size * Y);
            for (let a = 0; a < n.size; a++)
              for (let b = 0; b < m.size; b++)
                for (let y = 0; y < Y; y++) {
                  let acc = 0;
                  for (let i = 0; i < dj; i++) {
                    const c = cg.data[((a * m.size + b) * cg.s + s) * dj + i]!;
                    if (c === 0) continue;
                    for (let jp = 0; jp < dj; jp++) acc += c * Ek[jp * dj + i]! * idc[jp * Y + y]!;
                  }
                  coeff[(a * m.size + b) * Y + y] = acc;
                }
            list.push({ harmonic: l, subgroupIrrep: j, k, s, t, coeff });
          }
        }
      }
    }
    byHarmonic.push(list);
  }
  return { outSize: n.size, inSize: m.size, byHarmonic };
}
