/**
 * Quadratic B-spline resampling of a 2D plane or a 3D volume, with the conventions of `scipy.ndimage.affine_transform(...,
 * order=2)` (mode 'constant', cval 0) that escnn uses to rotate feature maps by angles that do not map the
 * pixel (voxel) grid onto itself.
 *
 * The math (Unser, Aldroubi & Eden, "Fast B-spline transforms for continuous image representation and
 * interpolation", IEEE TPAMI 13(3), 1991):
 * - prefilter: the samples `f[k]` are turned into coefficients `c[k]` with `f[k] = Σ_j c[j] β²(k - j)`, i.e. the
 *   inverse of the filter (1/8, 3/4, 1/8), computed as a causal and an anticausal first-order recursion with the
 *   pole `z = √8 - 3` and gain `(1 - z)(1 - 1/z)`, the signal being extended by whole-sample mirror symmetry
 *   (`f[-k] = f[k]`, `f[n-1+k] = f[n-1-k]`), separably along each axis;
 * - evaluation: `f(x) = Σ_j c[j] β²(x - j)` over the 3 nearest knots, indices outside the plane mirrored the
 *   same way; a sampling position outside `[0, n-1]` along an axis gives 0 (scipy's 'constant' mode).
 */

/** The pole of the quadratic B-spline prefilter, `√8 - 3`. */
const POLE = Math.sqrt(8) - 3;
/** Gain that makes the two recursions invert the (1/8, 3/4, 1/8) filter: `(1 - z)(1 - 1/z) = 8`. */
const GAIN = (1 - POLE) * (1 - 1 / POLE);

/**
 * In-place prefilter of the `n` samples `line[offset + k * stride]`, k = 0..n-1 (mirror boundary).
 */
function prefilterLine(line: Float64Array, offset: number, stride: number, n: number): void {
  if (n < 2) return;
  const z = POLE;
  const at = (k: number) => offset + k * stride;
  for (let k = 0; k < n; k++) line[at(k)]! *= GAIN;
  // Causal initial value for the mirror-extended signal: the sum of z^|k| over one period (2n - 2 samples)
  // of the extension, closed in form by the geometric series 1 / (1 - z^(2n-2)).
  const zn1 = z ** (n - 1);
  let c0 = line[at(0)]! + zn1 * line[at(n - 1)]!;
  let zk = z;
  for (let k = 1; k < n - 1; k++) {
    c0 += zk * (line[at(k)]! + zn1 * line[at(n - 1 - k)]!);
    zk *= z;
  }
  line[at(0)] = c0 / (1 - zn1 * zn1);
  for (let k = 1; k < n; k++) line[at(k)]! += z * line[at(k - 1)]!;
  // Anticausal initial value for the mirror extension: c-[n-1] = z / (z² - 1) · (c+[n-1] + z c+[n-2]).
  line[at(n - 1)] = ((z * line[at(n - 2)]! + line[at(n - 1)]!) * z) / (z * z - 1);
  for (let k = n - 2; k >= 0; k--) line[at(k)] = z * (line[at(k + 1)]! - line[at(k)]!);
}

/**
 * Spline coefficients of a `height × width` plane stored row-major in `plane` (a fresh array; the input is
 * not modified). Rows are filtered first, then columns, as scipy does axis after axis.
 */
export function quadraticSplineCoefficients(
  plane: Float64Array,
  height: number,
  width: number,
): Float64Array {
  const c = Float64Array.from(plane);
  for (let col = 0; col < width; col++) prefilterLine(c, col, width, height);
  for (let row = 0; row < height; row++) prefilterLine(c, row * width, 1, width);
  return c;
}

/** Index `k` folded into `[0, n-1]` by whole-sample mirror symmetry. */
function mirrorIndex(k: number, n: number): number {
  if (n <= 1) return 0;
  const period = 2 * n - 2;
  let m = k % period;
  if (m < 0) m += period;
  return m < n ? m : period - m;
}

/**
 * The three knots and weights of the quadratic B-spline at position `x`: knots `start, start+1, start+2`
 * with `start = ⌊x + 1/2⌋ - 1`, and weights `β²(x - knot)` (they sum to 1).
 */
function quadraticWeights(x: number, out: Float64Array): number {
  const nearest = Math.floor(x + 0.5);
  const d = x - nearest; // in (-1/2, 1/2]
  const w0 = 0.5 * (0.5 - d) * (0.5 - d);
  const w1 = 0.75 - d * d;
  out[0] = w0;
  out[1] = w1;
  out[2] = 1 - w0 - w1;
  return nearest - 1;
}

/**
 * The 3×3 stencil of the spline at the position (row, col) of a `height × width` plane: the value there is
 * `Σ_k coeffs[index[k]] · weight[k]` (k = 0..8, row-major over the knots). Returns false when the position is
 * outside `[0, height-1] × [0, width-1]`, where the resampled value is 0.
 */
export function quadraticStencil(
  height: number,
  width: number,
  row: number,
  col: number,
  index: Int32Array,
  weight: Float64Array,
): boolean {
  if (!(row >= 0 && row <= height - 1 && col >= 0 && col <= width - 1)) return false;
  const wr = new Float64Array(3);
  const wc = new Float64Array(3);
  const r0 = quadraticWeights(row, wr);
  const c0 = quadraticWeights(col, wc);
  for (let i = 0; i < 3; i++) {
    const r = mirrorIndex(r0 + i, height) * width;
    for (let j = 0; j < 3; j++) {
      index[3 * i + j] = r + mirrorIndex(c0 + j, width);
      weight[3 * i + j] = wr[i]! * wc[j]!;
    }
  }
  return true;
}

/**
 * Spline coefficients of a `depth × height × width` volume stored row-major in `volume` (a fresh array; the
 * input is not modified), filtered along the first axis, then the second, then the third, as scipy does.
 */
export function quadraticSplineCoefficients3d(
  volume: Float64Array,
  depth: number,
  height: number,
  width: number,
): Float64Array {
  const c = Float64Array.from(volume);
  const plane = height * width;
  for (let p = 0; p < plane; p++) prefilterLine(c, p, plane, depth);
  for (let d = 0; d < depth; d++)
    for (let col = 0; col < width; col++) prefilterLine(c, d * plane + col, width, height);
  for (let d = 0; d < depth; d++)
    for (let row = 0; row < height; row++) prefilterLine(c, d * plane + row * width, 1, width);
  return c;
}

/**
 * The 3×3×3 stencil of the spline at the position `(a, b, c)` of a `depth × height × width` volume: the value
 * there is `Σ_k coeffs[index[k]] · weight[k]` (k = 0..26, row-major over the knots). Returns false when the
 * position is outside the volume, where the resampled value is 0.
 */
export function quadraticStencil3d(
  depth: number,
  height: number,
  width: number,
  a: number,
  b: number,
  c: number,
  index: Int32Array,
  weight: Float64Array,
): boolean {
  if (!(a >= 0 && a <= depth - 1 && b >= 0 && b <= height - 1 && c >= 0 && c <= width - 1)) return false;
  const wa = new Float64Array(3);
  const wb = new Float64Array(3);
  const wc = new Float64Array(3);
  const a0 = quadraticWeights(a, wa);
  const b0 = quadraticWeights(b, wb);
  const c0 = quadraticWeights(c, wc);
  for (let i = 0; i < 3; i++) {
    const p = mirrorIndex(a0 + i, depth) * height;
    for (let j = 0; j < 3; j++) {
      const r = (p + mirrorIndex(b0 + j, height)) * width;
      const wij = wa[i]! * wb[j]!;
      for (let k = 0; k < 3; k++) {
        index[9 * i + 3 * j + k] = r + mirrorIndex(c0 + k, width);
        weight[9 * i + 3 * j + k] = wij * wc[k]!;
      }
    }
  }
  return true;
}
