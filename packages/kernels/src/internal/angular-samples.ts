/**
 * Sampling of the basis elements of one family (one angular part, one element per ring) on a set of
 * points, as dense `[out][in][point]` blocks. An element is `κ[row](x) = G_r(|x|) · A[row](x)` with
 * `A[row] = c0[row] Y_l,0 + c1[row] Y_l,1`, so its rows are products of the ring's radial profile and a
 * few distinct angular rows (regular fields repeat the same coefficient pair over many rows).
 */

/** The angular part of a family on the points. */
export interface AngularSamples {
  /** The `(out, in)` rows with a non-zero coefficient. */
  readonly rows: Int32Array;
  /** For each row, the index of its distinct angular row. */
  readonly distinctOf: Int32Array;
  /** For each distinct angular row, the first row (index into `rows`) that has it. */
  readonly firstRow: Int32Array;
  /** Distinct angular rows `[distinct][point]`. */
  readonly angular: Float64Array;
  /** `S[q] = Σ_rows A[row][q]²`: the squared norm of ring r is `Σ_q G_r(q)² S[q]`. */
  readonly S: Float64Array;
}

/**
 * Samples the angular part: `coeff` is `[out·in][y]` (y < Y), `harm` the harmonics at the P points
 * (`[2l − 1]` cos and `[2l]` sin rows, row 0 the constant).
 */
export function sampleAngular(
  coeff: Float64Array,
  Y: number,
  rows: Int32Array,
  l: number,
  harm: Float64Array,
  P: number,
): AngularSamples {
  const c0s: number[] = [];
  const c1s: number[] = [];
  const first: number[] = [];
  const distinctOf = new Int32Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const c0 = coeff[rows[j]! * Y]!;
    const c1 = Y > 1 ? coeff[rows[j]! * Y + 1]! : 0;
    let d = 0;
    while (d < c0s.length && (c0s[d] !== c0 || c1s[d] !== c1)) d++;
    if (d === c0s.length) {
      c0s.push(c0);
      c1s.push(c1);
      first.push(j);
    }
    distinctOf[j] = d;
  }
  const angular = new Float64Array(c0s.length * P);
  const h0 = l === 0 ? 0 : (2 * l - 1) * P;
  const h1 = 2 * l * P;
  for (let d = 0; d < c0s.length; d++) {
    const a0 = d * P;
    if (l === 0) angular.fill(c0s[d]!, a0, a0 + P);
    else combine(angular, a0, c0s[d]!, harm, h0, c1s[d]!, h1, P);
  }
  // S over the rows: each distinct row as many times as it occurs
  const count = new Float64Array(c0s.length);
  for (let j = 0; j < rows.length; j++) count[distinctOf[j]!]! += 1;
  const S = new Float64Array(P);
  for (let d = 0; d < c0s.length; d++) accumulateSquares(S, count[d]!, angular, d * P, P);
  return { rows, distinctOf, firstRow: Int32Array.from(first), angular, S };
}

/** `out[o + q] = c0 · h[h0 + q] + c1 · h[h1 + q]`. */
function combine(
  out: Float64Array,
  o: number,
  c0: number,
  h: Float64Array,
  h0: number,
  c1: number,
  h1: number,
  P: number,
): void {
  for (let q = 0; q < P; q++) out[o + q] = c0 * h[h0 + q]! + c1 * h[h1 + q]!;
}

/** `S[q] += n · a[a0 + q]²`. */
function accumulateSquares(S: Float64Array, n: number, a: Float64Array, a0: number, P: number): void {
  for (let q = 0; q < P; q++) S[q]! += n * a[a0 + q]! * a[a0 + q]!;
}

/** `Σ_q G[g0 + q]² S[q]`: the squared norm of the element of ring profile `G[g0 …]`. */
export function squaredNorm(G: Float64Array, g0: number, S: Float64Array, P: number): number {
  let sq = 0;
  for (let q = 0; q < P; q++) sq += G[g0 + q]! * G[g0 + q]! * S[q]!;
  return sq;
}

/**
 * Writes the element of ring profile `G[g0 …]` divided by `norm` into `out` at `base` (layout
 * `[out·in][point]`; rows outside `rows` are left as they are, zero in a fresh array). Each distinct
 * angular row is computed once, at its first row; the other rows copy it natively.
 */
export function writeElement(
  out: Float64Array,
  base: number,
  a: AngularSamples,
  G: Float64Array,
  g0: number,
  norm: number,
  P: number,
): void {
  const { rows, distinctOf, firstRow, angular } = a;
  for (let j = 0; j < rows.length; j++) {
    const d = distinctOf[j]!;
    const dst = base + rows[j]! * P;
    const first = firstRow[d]!;
    if (first === j) product(out, dst, G, g0, angular, d * P, norm, P);
    else {
      const src = base + rows[first]! * P;
      out.copyWithin(dst, src, src + P);
    }
  }
}

/** `out[o + q] = (G[g0 + q] · A[a0 + q]) / norm` (a small function: the JIT optimizes it early). */
function product(
  out: Float64Array,
  o: number,
  G: Float64Array,
  g0: number,
  A: Float64Array,
  a0: number,
  norm: number,
  P: number,
): void {
  if (norm === 1) for (let q = 0; q < P; q++) out[o + q] = G[g0 + q]! * A[a0 + q]!;
  else for (let q = 0; q < P; q++) out[o + q] = (G[g0 + q]! * A[a0 + q]!) / norm;
}
