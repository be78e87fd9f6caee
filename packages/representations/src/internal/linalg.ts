/**
 * Small float64 linear-algebra helpers on ml-matrix used across the package (not exported).
 */
import { inverse, Matrix, SingularValueDecomposition } from 'ml-matrix';

/** Absolute tolerance used for "is this numerically zero / the identity" checks (numpy's allclose atol). */
export const ATOL = 1e-8;

/** Kronecker product `A ⊗ B`. */
export function kron(a: Matrix, b: Matrix): Matrix {
  return a.kroneckerProduct(b);
}

/** True when every entry of `a - b` is within `atol + rtol·|b|` (numpy's allclose). */
export function allClose(a: Matrix, b: Matrix, atol = ATOL, rtol = 1e-5): boolean {
  if (a.rows !== b.rows || a.columns !== b.columns) return false;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.columns; j++) {
      const y = b.get(i, j);
      if (Math.abs(a.get(i, j) - y) > atol + rtol * Math.abs(y)) return false;
    }
  }
  return true;
}

/** True when `m` is (numerically) the identity. */
export function isIdentity(m: Matrix, atol = ATOL): boolean {
  return m.rows === m.columns && allClose(m, Matrix.eye(m.rows), atol);
}

/** True when every entry is finite. */
export function isFinite2D(m: Matrix): boolean {
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.columns; j++) if (!Number.isFinite(m.get(i, j))) return false;
  return true;
}

/**
 * The inverse of a square matrix, or `null` when it is singular (relative condition number above 1e12)
 * or the inverse does not reproduce the identity.
 */
export function safeInverse(m: Matrix): Matrix | null {
  const n = m.rows;
  if (n !== m.columns || n === 0) return null;
  const svd = new SingularValueDecomposition(m, { autoTranspose: true });
  const s = svd.diagonal;
  const smax = Math.max(...s);
  const smin = Math.min(...s);
  if (!(smax > 0) || smin / smax < 1e-12) return null;
  const inv = inverse(m);
  if (!isIdentity(m.mmul(inv), 1e-6) || !isIdentity(inv.mmul(m), 1e-6)) return null;
  return inv;
}

/**
 * Orthonormal basis of the null space of `a` (columns), from its SVD: right singular vectors whose singular
 * value is below `eps · max(1, σ_max)`.
 */
export function nullSpace(a: Matrix, eps = 1e-9): Matrix {
  const n = a.columns;
  // pad to at least n rows so that the SVD returns all n right singular vectors
  let m = a;
  if (a.rows < n) {
    m = Matrix.zeros(n, n);
    m.setSubMatrix(a, 0, 0);
  }
  const svd = new SingularValueDecomposition(m, { computeLeftSingularVectors: false, autoTranspose: false });
  const s = svd.diagonal;
  const v = svd.rightSingularVectors;
  const scale = Math.max(1, ...s);
  const cols: number[] = [];
  for (let j = 0; j < n; j++) if ((s[j] ?? 0) <= eps * scale) cols.push(j);
  const out = Matrix.zeros(n, cols.length);
  cols.forEach((c, k) => {
    for (let i = 0; i < n; i++) out.set(i, k, v.get(i, c));
  });
  return out;
}

/** Numerical rank of `a` (singular values above `eps · max(1, σ_max)`). */
export function rank(a: Matrix, eps = 1e-9): number {
  if (a.rows === 0 || a.columns === 0) return 0;
  const svd = new SingularValueDecomposition(a, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  const s = svd.diagonal;
  const scale = Math.max(1, ...s);
  return s.filter((x) => x > eps * scale).length;
}

/** Trace of a square matrix. */
export function trace(m: Matrix): number {
  let t = 0;
  for (let i = 0; i < m.rows; i++) t += m.get(i, i);
  return t;
}

/** Converts a nested array (row-major) to a Matrix, or returns a copy of a Matrix. */
export function toMatrix(m: Matrix | readonly (readonly number[])[]): Matrix {
  if (m instanceof Matrix) return m.clone();
  return new Matrix(m.map((row) => [...row]));
}

/**
 * Exact Python-style string of a subgroup id, as escnn prints it in names (`str` of the id): `2`, `octa`,
 * `(None, 4)`, `('cone', -1)` (strings inside a tuple are printed with their quotes, as Python's `repr`).
 */
export function pythonRepr(id: unknown): string {
  return typeof id === 'string' ? id : pythonEntryRepr(id);
}

/** Python's `repr` of a tuple entry (strings quoted). */
export function pythonEntryRepr(id: unknown): string {
  if (id === null || id === undefined) return 'None';
  if (Array.isArray(id)) {
    const inner = id.map(pythonEntryRepr);
    return inner.length === 1 ? `(${inner[0]},)` : `(${inner.join(', ')})`;
  }
  if (typeof id === 'number') return String(id);
  if (typeof id === 'boolean') return id ? 'True' : 'False';
  if (typeof id === 'string') return `'${id}'`;
  return String(id);
}

/** Python's `str` of a float: integers keep a trailing `.0`. */
export function pythonFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** A stable key of a subgroup id (for memo maps). */
export function idKey(id: unknown): string {
  return JSON.stringify(id ?? null);
}
