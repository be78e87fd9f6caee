/**
 * The irreps of a direct product `G1 × G2` built from irreps `psi1` of G1 and `psi2` of G2 (escnn's
 * `tensor_product_irrep` / `tensor_product_irrep_complex`).
 *
 * Every product irrep `psi` is the restriction of `K(g1, g2) = psi1(g1) ⊗ psi2(g2)` to an invariant subspace
 * spanned by the orthonormal columns of an embedding `E` (`D × d`, `D = d1·d2`): `psi = Eᵀ K E`. Four kinds:
 * - `'right'` (`psi2` real type, any `psi1`): `psi = K`, `E = I`; the type is `psi1`'s.
 * - `'left'` (`psi1` real, `psi2` complex or quaternionic, written `[[Re, -Im], [Im, Re]]` on halves): `K` with
 *   its rows and columns permuted from `(i1, h, x)` to `(h, i1, x)` (h the half of psi2), so that `psi` is again
 *   in that realified form; the type is `psi2`'s.
 * - `'complex0'` / `'complex1'` (neither real): with `psi1 = realify(a)`, `psi2 = realify(b)`, the realification
 *   of `a ⊗ b` (`i = 0`) or `a ⊗ conj(b)` (`i = 1`), both of half the size of `K`:
 *   `Re = Re a ⊗ Re b ∓ Im a ⊗ Im b`, `Im = ±Re a ⊗ Im b + Im a ⊗ Re b`. `E` maps `u ⊗ v ↦ u ⊗ v` (resp.
 *   `u ⊗ conj(v)`) scaled by `1/√2`. escnn builds both for two complex irreps, only `i = 0` when one is
 *   quaternionic, and gives type 'C' (type 'H' for two quaternionic irreps, which is not supported here: that
 *   realification is reducible).
 */
import { Matrix } from 'ml-matrix';
import { SteerableError } from '../errors.js';
import type { IrrepType } from '../irrep.js';

/** How a product irrep sits in `psi1 ⊗ psi2` (see the module comment). */
export type ProductKind = 'right' | 'left' | 'complex0' | 'complex1';

/** The kind, type and dimension of the product irrep `(psi1, psi2, i)`, or `null` when `i` is not valid. */
export function productShape(
  type1: IrrepType,
  d1: number,
  type2: IrrepType,
  d2: number,
  i: number,
  fn: string,
): { kind: ProductKind; type: IrrepType; dimension: number } | null {
  if (type2 === 'R') return i === 0 ? { kind: 'right', type: type1, dimension: d1 * d2 } : null;
  if (type1 === 'R') return i === 0 ? { kind: 'left', type: type2, dimension: d1 * d2 } : null;
  if (type1 === 'H' && type2 === 'H') {
    throw new SteerableError(
      fn,
      'the product of two quaternionic irreps is not supported (its realification is reducible)',
    );
  }
  const maxI = type1 === 'C' && type2 === 'C' ? 1 : 0;
  if (i !== 0 && i !== maxI) return null;
  return { kind: i === 0 ? 'complex0' : 'complex1', type: 'C', dimension: (d1 * d2) / 2 };
}

/** Row-major `d × d` matrix of the product irrep from the row-major factor matrices `a` (d1×d1), `b` (d2×d2). */
export function productMatrix(
  kind: ProductKind,
  a: Float64Array,
  d1: number,
  b: Float64Array,
  d2: number,
): Float64Array {
  const D = d1 * d2;
  if (kind === 'right') {
    const out = new Float64Array(D * D);
    for (let i = 0; i < d1; i++)
      for (let j = 0; j < d1; j++) {
        const aij = a[i * d1 + j]!;
        if (aij === 0) continue;
        for (let k = 0; k < d2; k++)
          for (let l = 0; l < d2; l++) out[(i * d2 + k) * D + j * d2 + l] = aij * b[k * d2 + l]!;
      }
    return out;
  }
  if (kind === 'left') {
    // out[(h, i1, x), (h', i1', x')] = a[i1, i1'] · b[(h, x), (h', x')]
    const n2 = d2 / 2;
    const out = new Float64Array(D * D);
    for (let h = 0; h < 2; h++)
      for (let i1 = 0; i1 < d1; i1++)
        for (let x = 0; x < n2; x++) {
          const row = h * d1 * n2 + i1 * n2 + x;
          for (let hp = 0; hp < 2; hp++)
            for (let j1 = 0; j1 < d1; j1++) {
              const aij = a[i1 * d1 + j1]!;
              if (aij === 0) continue;
              for (let y = 0; y < n2; y++)
                out[row * D + hp * d1 * n2 + j1 * n2 + y] = aij * b[(h * n2 + x) * d2 + hp * n2 + y]!;
            }
        }
    return out;
  }
  const n1 = d1 / 2;
  const n2 = d2 / 2;
  const n = n1 * n2;
  const d = 2 * n;
  const sign = kind === 'complex1' ? -1 : 1;
  const out = new Float64Array(d * d);
  for (let al = 0; al < n1; al++)
    for (let be = 0; be < n2; be++) {
      const row = al * n2 + be;
      for (let ga = 0; ga < n1; ga++) {
        const re1 = a[al * d1 + ga]!;
        const im1 = a[(n1 + al) * d1 + ga]!;
        for (let de = 0; de < n2; de++) {
          const col = ga * n2 + de;
          const re2 = b[be * d2 + de]!;
          const im2 = sign * b[(n2 + be) * d2 + de]!;
          const re = re1 * re2 - im1 * im2;
          const im = re1 * im2 + im1 * re2;
          out[row * d + col] = re;
          out[(n + row) * d + n + col] = re;
          out[(n + row) * d + col] = im;
          out[row * d + n + col] = -im;
        }
      }
    }
  return out;
}

/** The embedding `E` (`d1·d2 × d`, orthonormal columns) with `psi = Eᵀ (psi1 ⊗ psi2) E`. */
export function productEmbedding(kind: ProductKind, d1: number, d2: number): Matrix {
  const D = d1 * d2;
  if (kind === 'right') return Matrix.eye(D);
  if (kind === 'left') {
    const n2 = d2 / 2;
    const E = new Matrix(D, D);
    for (let h = 0; h < 2; h++)
      for (let i1 = 0; i1 < d1; i1++)
        for (let x = 0; x < n2; x++) E.set(i1 * d2 + h * n2 + x, h * d1 * n2 + i1 * n2 + x, 1);
    return E;
  }
  const n1 = d1 / 2;
  const n2 = d2 / 2;
  const n = n1 * n2;
  const E = new Matrix(D, 2 * n);
  const r = Math.SQRT1_2;
  // kron index of (h1, α, h2, β)
  const at = (h1: number, al: number, h2: number, be: number) => (h1 * n1 + al) * d2 + h2 * n2 + be;
  const conj = kind === 'complex1';
  for (let al = 0; al < n1; al++)
    for (let be = 0; be < n2; be++) {
      const c = al * n2 + be;
      // real part: Re u ⊗ Re v ∓ Im u ⊗ Im v; imaginary part: ±Re u ⊗ Im v + Im u ⊗ Re v
      E.set(at(0, al, 0, be), c, r);
      E.set(at(1, al, 1, be), c, conj ? r : -r);
      E.set(at(0, al, 1, be), n + c, conj ? -r : r);
      E.set(at(1, al, 0, be), n + c, r);
    }
  return E;
}

/** Row-major basis of the endomorphisms of the product irrep, from the factors' (`e1`, `e2`). */
export function productEndomorphisms(
  kind: ProductKind,
  d1: number,
  e1: readonly Float64Array[],
  d2: number,
  e2: readonly Float64Array[],
): Float64Array[] {
  const eye = (d: number) => {
    const m = new Float64Array(d * d);
    for (let i = 0; i < d; i++) m[i * d + i] = 1;
    return m;
  };
  if (kind === 'right') return e1.map((e) => productMatrix('right', e, d1, eye(d2), d2));
  if (kind === 'left') return e2.map((e) => productMatrix('left', eye(d1), d1, e, d2));
  // Type 'C' in realified form: the identity and the multiplication by i, [[0, -I], [I, 0]].
  const d = (d1 * d2) / 2;
  const n = d / 2;
  const J = new Float64Array(d * d);
  for (let k = 0; k < n; k++) {
    J[k * d + n + k] = -1;
    J[(n + k) * d + k] = 1;
  }
  return [eye(d), J];
}
