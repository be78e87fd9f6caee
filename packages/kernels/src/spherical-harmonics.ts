/**
 * Real spherical harmonics on R³ in the basis of SO(3)'s Wigner D matrices (escnn's
 * `HarmonicPolynomialR3Generator`): `Y_l(R x) = D^l(R) Y_l(x)` for every rotation R, and under O(3)
 * `Y_l(−x) = (−1)^l Y_l(x)`, so Y_l carries the O(3) irrep `[l mod 2, l]`.
 */
import { InvalidArgumentError, so3Group } from '@steerable/group-theory';

/** `sqrt((2l − 1)/l) · CGᵀ` of `[l − 1] ⊗ [1] → [l]`, row-major `[c][a·3 + b]`, for l = 2..L. */
const recursions: Float64Array[] = [];

/** SO(3) for its Clebsch–Gordan coefficients (one instance, so they are computed once). */
const SO3 = so3Group();

function recursion(l: number): Float64Array {
  let r = recursions[l];
  if (r === undefined) {
    const cg = SO3.clebschGordan([l - 1], [1], [l]);
    const rows = 3 * (2 * l - 1);
    const d = 2 * l + 1;
    // the factor makes the polynomial of degree l equal, on the unit sphere, to the central column of D^l
    // at a rotation taking the z axis to the point, a unit vector (escnn's normalization)
    const f = Math.sqrt((2 * l - 1) / l);
    r = new Float64Array(d * rows);
    for (let c = 0; c < d; c++) for (let ab = 0; ab < rows; ab++) r[c * rows + ab] = f * cg.get(ab, c);
    recursions[l] = r;
  }
  return r;
}

/**
 * The harmonic polynomials of degree 0 … L on R³ (escnn's `HarmonicPolynomialR3Generator`): `P_0 = 1`,
 * `P_1(x) = (y, z, x)` (SO(3)'s `D¹` axis order) and `P_l = sqrt((2l − 1)/l) · CGᵀ (P_{l−1} ⊗ P_1)`, CG the
 * Clebsch–Gordan coefficients of `[l] ⊂ [l − 1] ⊗ [1]`. `P_l` is homogeneous of degree l, `P_l(R x) = D^l(R)
 * P_l(x)`, and on the unit sphere `|P_l| = 1` (the real spherical harmonics in escnn's normalization).
 */
export class HarmonicPolynomialR3Generator {
  /** Highest degree L. */
  readonly L: number;
  /** Number of components, `(L + 1)²` (escnn's `d`). */
  readonly dimension: number;

  /** @throws InvalidArgumentError when L is not a non-negative integer. */
  constructor(L: number) {
    if (!Number.isInteger(L) || L < 0) {
      throw new InvalidArgumentError(
        'HarmonicPolynomialR3Generator',
        'L',
        L,
        'must be a non-negative integer',
      );
    }
    this.L = L;
    this.dimension = (L + 1) * (L + 1);
    for (let l = 2; l <= L; l++) recursion(l);
    Object.freeze(this);
  }

  /**
   * The polynomials at the points `[x0, y0, z0, x1, ...]`: `[(L + 1)²][P]`, degree l in rows `l² … (l + 1)² − 1`.
   * @throws InvalidArgumentError when `points` does not hold x, y, z triples.
   */
  evaluate(points: ArrayLike<number>): Float64Array {
    const P = points.length / 3;
    if (points == null || !Number.isInteger(P)) {
      throw new InvalidArgumentError(
        'HarmonicPolynomialR3Generator.evaluate',
        'points',
        points,
        'must hold x, y, z triples',
      );
    }
    const out = new Float64Array(this.dimension * P);
    out.fill(1, 0, P);
    if (this.L === 0) return out;
    for (let q = 0; q < P; q++) {
      out[P + q] = points[3 * q + 1]!;
      out[2 * P + q] = points[3 * q + 2]!;
      out[3 * P + q] = points[3 * q]!;
    }
    for (let l = 2; l <= this.L; l++) {
      const r = recursions[l]!;
      const prev = (l - 1) * (l - 1);
      const start = l * l;
      const rows = 3 * (2 * l - 1);
      for (let c = 0; c < 2 * l + 1; c++) {
        const o = (start + c) * P;
        for (let a = 0; a < 2 * l - 1; a++)
          for (let b = 0; b < 3; b++) {
            const k = r[c * rows + a * 3 + b]!;
            if (k === 0) continue;
            const pa = (prev + a) * P;
            const pb = (1 + b) * P;
            for (let q = 0; q < P; q++) out[o + q]! += k * out[pa + q]! * out[pb + q]!;
          }
      }
    }
    return out;
  }
}

/**
 * The real spherical harmonics of degree 0 … L at the directions of the points `[x0, y0, z0, ...]`:
 * `[(L + 1)²][P]`, the harmonic polynomials of {@link HarmonicPolynomialR3Generator} at `x / |x|`. At the
 * origin (|x| ≤ 1e-9, as escnn) only the constant is non-zero.
 * @throws InvalidArgumentError when L is not a non-negative integer or `points` does not hold triples.
 */
export function sphericalHarmonics(points: ArrayLike<number>, L: number): Float64Array {
  const P = points.length / 3;
  if (points == null || !Number.isInteger(P)) {
    throw new InvalidArgumentError('sphericalHarmonics', 'points', points, 'must hold x, y, z triples');
  }
  const unit = new Float64Array(3 * P);
  for (let q = 0; q < P; q++) {
    const x = points[3 * q]!;
    const y = points[3 * q + 1]!;
    const z = points[3 * q + 2]!;
    const r = Math.hypot(x, y, z);
    if (r > 1e-9) {
      unit[3 * q] = x / r;
      unit[3 * q + 1] = y / r;
      unit[3 * q + 2] = z / r;
    }
  }
  return new HarmonicPolynomialR3Generator(L).evaluate(unit);
}
