/**
 * Closed-form Clebsch–Gordan coefficients of SO(3) in escnn's real basis (escnn's
 * `_clebsh_gordan_tensor_so3(m, n, j)`, its route when py3nj is installed).
 *
 * Convention, exactly escnn's: start from the complex coefficients `⟨m a; n b | j c⟩` (Condon–Shortley phase,
 * Racah's formula; py3nj's `clebsch_gordan`), contract each index with escnn's change of basis
 * `C_l = _change_of_basis_real2complex(l)` (see `so3-wigner.ts`):
 * `T[p, q, r] = Σ_{a,b,c} ⟨m a; n b | j c⟩ C_m[a, p] C_n[b, q] conj(C_j[c, r])`,
 * and keep its real part when `m + n + j` is even, its imaginary part when odd (the other part vanishes).
 * The result, `(2m+1)(2n+1) × (2j+1)` with rows `p·(2n+1) + q`, has orthonormal columns and intertwines
 * `D^m ⊗ D^n` with `D^j`. escnn without py3nj solves the same constraint numerically with random samples and
 * an SVD, which fixes each coefficient tensor only up to its sign; the closed form is the reproducible choice.
 */
import { Matrix } from 'ml-matrix';
import { type Complex, realToComplex } from './so3-wigner.js';

/** `log(n!)` for `n ≥ 0`, tabulated on demand (exact sums of logarithms). */
const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let k = logFactorials.length; k <= n; k++) logFactorials.push(logFactorials[k - 1]! + Math.log(k));
  return logFactorials[n]!;
}

/**
 * The complex Clebsch–Gordan coefficient `⟨j1 m1; j2 m2 | J M⟩` (Racah's formula, Condon–Shortley phase);
 * 0 unless `M = m1 + m2` and the triangle condition holds.
 */
export function complexClebschGordan(
  j1: number,
  m1: number,
  j2: number,
  m2: number,
  J: number,
  M: number,
): number {
  if (M !== m1 + m2 || J < Math.abs(j1 - j2) || J > j1 + j2) return 0;
  if (Math.abs(m1) > j1 || Math.abs(m2) > j2 || Math.abs(M) > J) return 0;
  const lf = logFactorial;
  const logPrefactor =
    0.5 *
    (Math.log(2 * J + 1) +
      lf(J + j1 - j2) +
      lf(J - j1 + j2) +
      lf(j1 + j2 - J) -
      lf(j1 + j2 + J + 1) +
      lf(J + M) +
      lf(J - M) +
      lf(j1 - m1) +
      lf(j1 + m1) +
      lf(j2 - m2) +
      lf(j2 + m2));
  const kMin = Math.max(0, j2 - J - m1, j1 - J + m2);
  const kMax = Math.min(j1 + j2 - J, j1 - m1, j2 + m2);
  let sum = 0;
  for (let k = kMin; k <= kMax; k++) {
    const logTerm =
      lf(k) +
      lf(j1 + j2 - J - k) +
      lf(j1 - m1 - k) +
      lf(j2 + m2 - k) +
      lf(J - j2 + m1 + k) +
      lf(J - j1 - m2 + k);
    sum += (k % 2 === 0 ? 1 : -1) * Math.exp(logPrefactor - logTerm);
  }
  return sum;
}

/** The non-zero entries of column `p` of `C_l`: `[row, value]` pairs (at most two). */
function columnEntries(C: Complex[][], p: number): [number, Complex][] {
  const out: [number, Complex][] = [];
  for (let a = 0; a < C.length; a++) {
    const v = C[a]![p]!;
    if (v[0] !== 0 || v[1] !== 0) out.push([a, v]);
  }
  return out;
}

/**
 * escnn's real Clebsch–Gordan matrix of `D^j` in `D^m ⊗ D^n` (see the module comment): `(2m+1)(2n+1) ×
 * (2j+1)`, zero columns when `j` is not in `|m−n| … m+n`.
 */
export function so3ClebschGordan(m: number, n: number, j: number): Matrix {
  const dm = 2 * m + 1;
  const dn = 2 * n + 1;
  const dj = 2 * j + 1;
  if (j < Math.abs(m - n) || j > m + n) return new Matrix(dm * dn, 0);
  const Cm = realToComplex(m);
  const Cn = realToComplex(n);
  const Cj = realToComplex(j);
  const colsM = Array.from({ length: dm }, (_, p) => columnEntries(Cm, p));
  const colsN = Array.from({ length: dn }, (_, q) => columnEntries(Cn, q));
  const colsJ = Array.from({ length: dj }, (_, r) => columnEntries(Cj, r));
  const keepReal = (m + n + j) % 2 === 0;
  const out = new Matrix(dm * dn, dj);
  for (let p = 0; p < dm; p++) {
    for (let q = 0; q < dn; q++) {
      for (let r = 0; r < dj; r++) {
        let re = 0;
        let im = 0;
        for (const [a, x] of colsM[p]!) {
          for (const [b, y] of colsN[q]!) {
            for (const [c, z] of colsJ[r]!) {
              const cg = complexClebschGordan(m, a - m, n, b - n, j, c - j);
              if (cg === 0) continue;
              // x · y · conj(z)
              const xyRe = x[0] * y[0] - x[1] * y[1];
              const xyIm = x[0] * y[1] + x[1] * y[0];
              re += cg * (xyRe * z[0] + xyIm * z[1]);
              im += cg * (xyIm * z[0] - xyRe * z[1]);
            }
          }
        }
        out.set(p * dn + q, r, keepReal ? re : im);
      }
    }
  }
  return out;
}
