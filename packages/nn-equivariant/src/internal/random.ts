/**
 * Seeded orthogonal draws and fresh seeds for the initializations, on group-theory's seeded streams: the
 * same seed gives the same weights on every platform and backend (TF.js's own seeded ops differ between
 * backends).
 */

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
