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
import { realToComplex } from './so3-wigner.js';

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

/**
 * The non-zero entries of the rows of `C_l`, flat: row `a` has at most two entries, stored at slots `2a` and
 * `2a + 1` (`column` −1 when absent) with their real and imaginary parts; memoized per `l`.
 */
interface SparseRows {
  readonly column: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}
const sparseRows = new Map<number, SparseRows>();
function rowsOf(l: number): SparseRows {
  let rows = sparseRows.get(l);
  if (rows === undefined) {
    const C = realToComplex(l);
    const size = 2 * l + 1;
    const column = new Int32Array(2 * size).fill(-1);
    const re = new Float64Array(2 * size);
    const im = new Float64Array(2 * size);
    for (let a = 0; a < size; a++) {
      let slot = 2 * a;
      for (let p = 0; p < size; p++) {
        const [x, y] = C[a]![p]!;
        if (x === 0 && y === 0) continue;
        column[slot] = p;
        re[slot] = x;
        im[slot] = y;
        slot++;
      }
    }
    rows = { column, re, im };
    sparseRows.set(l, rows);
  }
  return rows;
}

/**
 * escnn's real Clebsch–Gordan matrix of `D^j` in `D^m ⊗ D^n` (see the module comment): `(2m+1)(2n+1) ×
 * (2j+1)`, zero columns when `j` is not in `|m−n| … m+n`. The sum runs over the non-zero complex
 * coefficients (`c = a + b`) and scatters each into the at most 8 real entries its basis vectors touch.
 */
export function so3ClebschGordan(m: number, n: number, j: number): Matrix {
  const dm = 2 * m + 1;
  const dn = 2 * n + 1;
  const dj = 2 * j + 1;
  if (j < Math.abs(m - n) || j > m + n) return new Matrix(dm * dn, 0);
  const M = rowsOf(m);
  const N = rowsOf(n);
  const J = rowsOf(j);
  const re = new Float64Array(dm * dn * dj);
  const im = new Float64Array(dm * dn * dj);
  for (let a = 0; a < dm; a++) {
    for (let b = 0; b < dn; b++) {
      const c = a - m + (b - n) + j;
      if (c < 0 || c >= dj) continue;
      const cg = complexClebschGordan(m, a - m, n, b - n, j, c - j);
      if (cg === 0) continue;
      for (let s = 2 * a; s < 2 * a + 2; s++) {
        const p = M.column[s]!;
        if (p < 0) continue;
        for (let t = 2 * b; t < 2 * b + 2; t++) {
          const q = N.column[t]!;
          if (q < 0) continue;
          // cg · x · y
          const xyRe = cg * (M.re[s]! * N.re[t]! - M.im[s]! * N.im[t]!);
          const xyIm = cg * (M.re[s]! * N.im[t]! + M.im[s]! * N.re[t]!);
          for (let u = 2 * c; u < 2 * c + 2; u++) {
            const r = J.column[u]!;
            if (r < 0) continue;
            // · conj(z)
            const k = (p * dn + q) * dj + r;
            re[k]! += xyRe * J.re[u]! + xyIm * J.im[u]!;
            im[k]! += xyIm * J.re[u]! - xyRe * J.im[u]!;
          }
        }
      }
    }
  }
  const part = (m + n + j) % 2 === 0 ? re : im;
  const rows: number[][] = [];
  for (let row = 0; row < dm * dn; row++) rows.push(Array.from(part.subarray(row * dj, row * dj + dj)));
  return new Matrix(rows);
}
