/**
 * Seeded Gaussian and orthogonal random draws for the initializations: the same seed gives the same
 * weights on every platform and backend (TF.js's own seeded ops differ between backends).
 */

/** mulberry32: uniform numbers in `[0, 1)` from a 32-bit seed. Not for cryptography. */
export function uniformStream(seed: number): () => number {
  let a = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller on a seeded uniform stream). */
export function normalStream(seed: number): () => number {
  const u = uniformStream(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u1 = 1 - u(); // in (0, 1]: log is finite
    const u2 = u();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
}

/**
 * A Haar-distributed random orthogonal `n × n` matrix (row-major), as SciPy's `ortho_group.rvs`: the Q
 * factor of a Gaussian matrix with R's diagonal made positive (Mezzadri 2007), here by Gram–Schmidt on
 * the Gaussian columns, which yields exactly that Q.
 */
export function randomOrthogonal(n: number, normal: () => number): Float64Array {
  const cols: Float64Array[] = [];
  while (cols.length < n) {
    const v = Float64Array.from({ length: n }, normal);
    // twice-iterated Gram–Schmidt: orthogonal to float64 precision
    for (let pass = 0; pass < 2; pass++)
      for (const q of cols) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q[i]! * v[i]!;
        for (let i = 0; i < n; i++) v[i] = v[i]! - d * q[i]!;
      }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    if (norm < 1e-8) continue; // (probability zero) degenerate draw: draw again
    for (let i = 0; i < n; i++) v[i] = v[i]! / norm;
    cols.push(v);
  }
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out[i * n + j] = cols[j]![i]!;
  return out;
}

/** A fresh seed when the user gives none (escnn draws from PyTorch's global generator). */
export function freshSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}
