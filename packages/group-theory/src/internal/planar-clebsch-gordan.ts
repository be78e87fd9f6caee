/**
 * Tensor-product decompositions and Clebsch–Gordan coefficients of the groups with reflections, D_N and
 * O(2), in closed form where escnn solves them numerically: the multiplicities from the characters, the
 * coefficients as the group average of an intertwiner with a fixed sign.
 *
 * Every irrep `[j, k]` of these groups is of real type, 1- or 2-dimensional, with rotation frequency k and
 * flip frequency j.
 */
import { Matrix } from 'ml-matrix';
import type { GroupElement } from '../element.js';
import { SteerableError } from '../errors.js';
import type { TensorProductTerm } from '../group.js';
import type { IrreducibleRepresentation } from '../irrep.js';

/**
 * Multiplicity of the irrep `c` in `a ⊗ b` of D_N (`N ≥ 1`) or O(2) (`N = -1`): the group average
 * m = ⟨χ_a χ_b χ_c⟩_G (all irreps are real, so χ_c is its own conjugate).
 *
 * On a rotation r_θ an irrep `[j, k]` of dimension d has the character d·cos kθ; on a reflection r_θ f a
 * 2-dimensional irrep has 0 and a 1-dimensional one (−1)^j cos kθ. Half the group is rotations, half
 * reflections, and over the rotations (θ ∈ 2πℤ/N, or all of [0, 2π) for O(2))
 *
 *   ⟨cos aθ cos bθ cos cθ⟩_θ = ¼ [δ(a+b+c) + δ(a+b−c) + δ(a−b+c) + δ(−a+b+c)],
 *
 * δ(x) = 1 when x ≡ 0 (mod N) (x = 0 for O(2)), from cos a cos b = ½[cos(a−b) + cos(a+b)] twice and
 * ⟨cos xθ⟩_θ = δ(x). So m = ½ [d_a d_b d_c T + (all 1-dimensional ? (−1)^{j_a+j_b+j_c} T : 0)].
 */
function planarMultiplicity(
  N: number,
  a: IrreducibleRepresentation,
  b: IrreducibleRepresentation,
  c: IrreducibleRepresentation,
): number {
  const delta = (x: number) => ((N === -1 ? x === 0 : x % N === 0) ? 1 : 0);
  const ka = a.id[1]!;
  const kb = b.id[1]!;
  const kc = c.id[1]!;
  const T = (delta(ka + kb + kc) + delta(ka + kb - kc) + delta(ka - kb + kc) + delta(-ka + kb + kc)) / 4;
  const rotations = a.dimension * b.dimension * c.dimension * T;
  const oneDim = a.dimension === 1 && b.dimension === 1 && c.dimension === 1;
  const reflections = oneDim ? ((a.id[0]! + b.id[0]! + c.id[0]!) % 2 === 0 ? T : -T) : 0;
  return (rotations + reflections) / 2;
}

/** The irreps of `candidates` (in their order) in `a ⊗ b`, with their multiplicities. */
export function planarTensorProductIrreps(
  N: number,
  a: IrreducibleRepresentation,
  b: IrreducibleRepresentation,
  candidates: readonly IrreducibleRepresentation[],
): TensorProductTerm[] {
  const terms: TensorProductTerm[] = [];
  for (const c of candidates) {
    const multiplicity = planarMultiplicity(N, a, b, c);
    if (multiplicity > 0) terms.push(Object.freeze({ id: c.id, multiplicity }));
  }
  return terms;
}

/**
 * The Clebsch–Gordan matrix of `c` in `a ⊗ b` of D_N or O(2) (the layout of `Group.clebschGordan`):
 * the group average `X ↦ ⟨(ρ_a ⊗ ρ_b)(g) X ρ_c(g)ᵀ⟩_g` over `elements` (the projector onto the
 * intertwiners) of the unit matrix with the largest image, each column scaled to unit norm as escnn's.
 * The multiplicities of these groups are 0 or 1, so this is escnn's solution up to the sign escnn leaves
 * free; the sign is fixed so that the largest entry (the first in row-major order among ties) is positive.
 *
 * `elements` must average every product of three irrep entries exactly: all of D_N, or for O(2) the
 * dihedral group D_M with M above the sum of the three frequencies (Haar measure on trigonometric
 * polynomials of that degree).
 */
export function averagedClebschGordan(
  N: number,
  a: IrreducibleRepresentation,
  b: IrreducibleRepresentation,
  c: IrreducibleRepresentation,
  elements: readonly GroupElement[],
): Matrix {
  const da = a.dimension;
  const db = b.dimension;
  const dab = da * db;
  const dc = c.dimension;
  const s = planarMultiplicity(N, a, b, c);
  if (s === 0) return new Matrix(dab, 0);
  if (s !== 1) {
    throw new SteerableError(
      'clebschGordan',
      `${c.name} appears ${s} times in ${a.name} ⊗ ${b.name}, expected at most once`,
    );
  }
  // the projection of the unit matrix E_pq is column (p, q) of the averaged operator:
  // P[r][t] = ⟨K(g)[r][p] · ρ_c(g)[t][q]⟩
  const mats = elements.map((g) => [a.matrixData(g), b.matrixData(g), c.matrixData(g)] as const);
  let best: Float64Array | null = null;
  let bestNorm = 0;
  for (let p = 0; p < dab; p++) {
    for (let q = 0; q < dc; q++) {
      const X = new Float64Array(dab * dc);
      for (const [ma, mb, mc] of mats) {
        const pa = Math.floor(p / db);
        const pb = p % db;
        for (let r = 0; r < dab; r++) {
          const k = ma[Math.floor(r / db) * da + pa]! * mb[(r % db) * db + pb]!;
          if (k === 0) continue;
          for (let t = 0; t < dc; t++) X[r * dc + t]! += k * mc[t * dc + q]!;
        }
      }
      let n = 0;
      for (const x of X) n += x * x;
      if (n > bestNorm + 1e-12) {
        bestNorm = n;
        best = X;
      }
    }
  }
  const v = best!;
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm / dc);
  let top = 0;
  for (const x of v) if (Math.abs(x) > Math.abs(top) + 1e-9 * norm) top = x;
  const sign = top < 0 ? -1 : 1;
  const cg = new Matrix(dab, dc);
  for (let r = 0; r < dab; r++) for (let t = 0; t < dc; t++) cg.set(r, t, (sign * v[r * dc + t]!) / norm);
  return cg;
}
