/**
 * The composable pieces of escnn's `kernels` package: an abstract kernel basis, the Gaussian radial
 * profile, and steerable bases of scalar filters (a radial profile times an angular basis of harmonics) on
 * R² (`CircularShellsBasis`) and R³ (`SphericalShellsBasis`).
 */
import { type Group, InvalidArgumentError, o2Group, o3Group } from '@steerable/group-theory';
import { circularHarmonics } from './o2-action.js';
import { sphericalHarmonics } from './spherical-harmonics.js';

/**
 * A basis of kernels κ: Rⁿ → R^{out×in} (escnn's `KernelBasis`), what a layer expands its weights in. Extend
 * it to supply a basis of one's own: a layer only reads `dimension`, the sizes and `sample`.
 */
export abstract class KernelBasis {
  /** Dimension n of the base space Rⁿ. */
  abstract readonly dimensionality: number;
  /** Number of basis elements. */
  abstract readonly dimension: number;
  /** Number of output channels. */
  abstract readonly outSize: number;
  /** Number of input channels. */
  abstract readonly inSize: number;
  /**
   * The elements `which` (default all) at the points `[x0, y0, (z0,) x1, ...]`: a fresh array indexed
   * `[element][out][in][point]`.
   */
  abstract sample(points: ArrayLike<number>, which?: readonly number[]): Float64Array;
}

/** Attributes of one ring of a {@link GaussianRadialProfile} (escnn's `radius`, `sigma`, `idx`). */
export interface RadialAttributes {
  readonly radius: number;
  readonly sigma: number;
  readonly radialIndex: number;
}

/**
 * escnn's `GaussianRadialProfile`: the rings `b_i(r) = exp(−(r − r_i)² / (2σ_i²))`.
 */
export class GaussianRadialProfile {
  /** Ring radii r_i. */
  readonly radii: readonly number[];
  /** Ring widths σ_i. */
  readonly sigma: readonly number[];

  /**
   * @param sigma - one width per ring, or one for all.
   * @throws InvalidArgumentError on no ring, a negative radius, a width ≤ 0 or a count mismatch.
   */
  constructor(radii: readonly number[], sigma: number | readonly number[]) {
    const fn = 'GaussianRadialProfile';
    if (
      !Array.isArray(radii) ||
      radii.length === 0 ||
      radii.some((r) => typeof r !== 'number' || !(r >= 0))
    ) {
      throw new InvalidArgumentError(fn, 'radii', radii, 'must be a non-empty list of radii ≥ 0');
    }
    const widths = typeof sigma === 'number' ? radii.map(() => sigma) : sigma;
    if (
      !Array.isArray(widths) ||
      widths.length !== radii.length ||
      widths.some((s) => typeof s !== 'number' || !(s > 0))
    ) {
      throw new InvalidArgumentError(
        fn,
        'sigma',
        sigma,
        `must be widths > 0, one or one per ring (${radii.length})`,
      );
    }
    this.radii = Object.freeze([...radii]);
    this.sigma = Object.freeze([...widths]);
    Object.freeze(this);
  }

  /** Number of rings. */
  get size(): number {
    return this.radii.length;
  }

  /** The attributes of ring i. */
  attributes(i: number): RadialAttributes {
    return { radius: this.radii[i]!, sigma: this.sigma[i]!, radialIndex: i };
  }

  /** The rings at the distances `r`: `[ring][point]`. */
  sample(r: ArrayLike<number>): Float64Array {
    const P = r.length;
    const out = new Float64Array(this.radii.length * P);
    for (let i = 0; i < this.radii.length; i++) {
      const s2 = this.sigma[i]! * this.sigma[i]!;
      for (let q = 0; q < P; q++) {
        const d = this.radii[i]! - r[q]!;
        out[i * P + q] = Math.exp((-0.5 * d * d) / s2);
      }
    }
    return out;
  }
}

/**
 * A G-steerable basis of scalar filters on Rⁿ (escnn's `SteerableFiltersBasis`): a radial profile times
 * harmonics `Y_l` (l = 0 … L) that transform under the irreps `harmonicId(l)` of the group `group` acting
 * on Rⁿ. Element `(l, ring, m)` is `b_ring(|x|) · Y_l(x / |x|)[m]`, listed in escnn's order: by degree l,
 * then ring, then component m.
 */
export abstract class SteerableFiltersBasis {
  /** The group whose irreps the harmonics carry (O(2) on R², O(3) on R³). */
  abstract readonly group: Group;
  /** Dimension n of the base space. */
  abstract readonly dimensionality: number;
  /** Highest harmonic degree L. */
  abstract readonly L: number;
  /** The radial profile. */
  abstract readonly radial: GaussianRadialProfile;
  /** Id of the irrep of `group` carried by the harmonic of degree l. */
  abstract harmonicId(l: number): readonly number[];
  /** Dimension of the harmonic of degree l. */
  abstract harmonicSize(l: number): number;
  /** The harmonics of degree 0 … L at the points: `[Σ_l harmonicSize(l)][P]`, degree by degree. */
  abstract harmonics(points: ArrayLike<number>): Float64Array;

  /** The harmonics with their multiplicities (one copy per ring), escnn's `js`. */
  get js(): [readonly number[], number][] {
    return Array.from({ length: this.L + 1 }, (_, l) => [this.harmonicId(l), this.radial.size]);
  }

  /** Number of basis elements, `Σ_l rings · harmonicSize(l)`. */
  get dimension(): number {
    let d = 0;
    for (let l = 0; l <= this.L; l++) d += this.radial.size * this.harmonicSize(l);
    return d;
  }

  /**
   * The elements at the points: `[element][point]`, escnn's order (degree, ring, component).
   * @throws InvalidArgumentError when `points` does not hold n-tuples.
   */
  sample(points: ArrayLike<number>): Float64Array {
    const n = this.dimensionality;
    const P = points.length / n;
    if (!Number.isInteger(P)) {
      throw new InvalidArgumentError(
        `${this.constructor.name}.sample`,
        'points',
        points,
        `must hold ${n}-tuples`,
      );
    }
    const r = new Float64Array(P);
    for (let q = 0; q < P; q++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += points[n * q + i]! ** 2;
      r[q] = Math.sqrt(s);
    }
    const radial = this.radial.sample(r);
    const harm = this.harmonics(points);
    const out = new Float64Array(this.dimension * P);
    let e = 0;
    let h = 0;
    for (let l = 0; l <= this.L; l++) {
      const d = this.harmonicSize(l);
      for (let ring = 0; ring < this.radial.size; ring++)
        for (let m = 0; m < d; m++, e++)
          for (let q = 0; q < P; q++) out[e * P + q] = radial[ring * P + q]! * harm[(h + m) * P + q]!;
      h += d;
    }
    return out;
  }
}

/**
 * escnn's `SphericalShellsBasis`: Gaussian shells times the real spherical harmonics of degree 0 … L on R³
 * (the harmonic of degree l carries the O(3) irrep `[l mod 2, l]`).
 */
export class SphericalShellsBasis extends SteerableFiltersBasis {
  readonly group = o3Group();
  readonly dimensionality = 3;
  readonly L: number;
  readonly radial: GaussianRadialProfile;

  /** @throws InvalidArgumentError when L is not a non-negative integer. */
  constructor(L: number, radial: GaussianRadialProfile) {
    super();
    if (!Number.isInteger(L) || L < 0) {
      throw new InvalidArgumentError('SphericalShellsBasis', 'L', L, 'must be a non-negative integer');
    }
    this.L = L;
    this.radial = radial;
  }

  harmonicId(l: number): readonly number[] {
    return [l % 2, l];
  }

  harmonicSize(l: number): number {
    return 2 * l + 1;
  }

  harmonics(points: ArrayLike<number>): Float64Array {
    return sphericalHarmonics(points, this.L);
  }
}

/**
 * escnn's `CircularShellsBasis`: Gaussian rings times the circular harmonics of frequency 0 … L on R²
 * (`1`, then `(cos l(φ − axis), sin l(φ − axis))`, the O(2) irreps `[0, 0]` and `[1, l]`).
 */
export class CircularShellsBasis extends SteerableFiltersBasis {
  readonly group = o2Group();
  readonly dimensionality = 2;
  readonly L: number;
  readonly radial: GaussianRadialProfile;
  /** Phase of the harmonics (escnn's `axis`). */
  readonly axis: number;

  /** @throws InvalidArgumentError when L is not a non-negative integer or the axis is not finite. */
  constructor(L: number, radial: GaussianRadialProfile, axis = Math.PI / 2) {
    super();
    if (!Number.isInteger(L) || L < 0) {
      throw new InvalidArgumentError('CircularShellsBasis', 'L', L, 'must be a non-negative integer');
    }
    if (typeof axis !== 'number' || !Number.isFinite(axis)) {
      throw new InvalidArgumentError('CircularShellsBasis', 'axis', axis, 'must be a finite angle');
    }
    this.L = L;
    this.radial = radial;
    this.axis = axis;
  }

  harmonicId(l: number): readonly number[] {
    return [l > 0 ? 1 : 0, l];
  }

  harmonicSize(l: number): number {
    return l > 0 ? 2 : 1;
  }

  harmonics(points: ArrayLike<number>): Float64Array {
    return circularHarmonics(points, this.L, this.axis);
  }
}
