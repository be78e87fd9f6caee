/**
 * The analytical basis of G-steerable kernels κ: R³ → R^{out×in} between two representations of a group G
 * acting on R³ through O(3), assembled block by block from the irreps of the two representations (escnn's
 * `SteerableKernelBasis` over a `SphericalShellsBasis` with a `GaussianRadialProfile`).
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import { checkParams, checkRepr } from './internal/checks.js';
import { type ActionTables, actionTables, idKey, solveIrrepPair } from './internal/irrep-pair.js';
import type { BasisElementAttributes, KernelBasisParams, KernelRepresentation } from './kernel-basis.js';
import {
  type O3SubgroupId,
  o3HarmonicId,
  o3SubgroupAction,
  type R3Action,
  sphericalHarmonicSize,
} from './o3-action.js';
import { GaussianRadialProfile, KernelBasis, SphericalShellsBasis } from './steerable-filters-basis.js';

/** One angular part: coefficients `[out·in][y]` on the harmonic of degree l, shared by every ring. */
interface Family {
  readonly harmonic: number;
  readonly coeff: Float64Array;
}

/** The parts of a basis kept by {@link R3KernelBasis.filter}. */
interface Subset {
  readonly families: readonly Family[];
  readonly familyOf: Int32Array;
  readonly attributes: readonly BasisElementAttributes[];
  readonly adjoint: Float64Array | null;
}

/**
 * The basis of G-steerable kernels on R³ between two representations, before band-limiting and sampling.
 * Elements are ordered as escnn's: by harmonic degree l (trivial first), then input irrep, output irrep,
 * then the solver's (G-irrep, endomorphism, multiplicity, copy) and finally the ring. Attributes are those
 * of the planar bases, with `harmonic` the O(3) irrep `[l mod 2, l]` of the spherical harmonic.
 *
 * Create with {@link r3KernelBasis} or {@link r3KernelBasisFor}.
 */
export class R3KernelBasis extends KernelBasis {
  readonly dimensionality = 3;
  /** The group and how the spherical harmonics restrict to it. */
  readonly action: R3Action;
  readonly inRepr: KernelRepresentation;
  readonly outRepr: KernelRepresentation;
  /** Ring radii, widths and the highest harmonic degree L. */
  readonly params: KernelBasisParams;
  /** The steerable filters (shells × spherical harmonics) the kernels are built on. */
  readonly filters: SphericalShellsBasis;
  /** Attributes of every element, in order. */
  readonly attributes: readonly BasisElementAttributes[];
  /**
   * The orthogonal 3×3 change of basis A of the base space (row-major), or null: the kernels are sampled at
   * `A x` (escnn's `AdjointBasis`). See {@link R3KernelBasis.withAdjoint}.
   */
  readonly adjoint: Float64Array | null;
  readonly #families: readonly Family[];
  readonly #familyOf: Int32Array;

  /**
   * Use {@link r3KernelBasis}.
   * @internal
   * @hidden
   */
  constructor(
    action: R3Action,
    inRepr: KernelRepresentation,
    outRepr: KernelRepresentation,
    params: KernelBasisParams,
    G: ActionTables<R3Action> | Subset,
  ) {
    super();
    this.action = action;
    this.inRepr = inRepr;
    this.outRepr = outRepr;
    this.params = params;
    this.filters = new SphericalShellsBasis(
      params.maximumFrequency,
      new GaussianRadialProfile(params.rings, params.sigma),
    );
    if ('families' in G) {
      this.#families = G.families;
      this.#familyOf = G.familyOf;
      this.attributes = G.attributes;
      this.adjoint = G.adjoint;
      Object.freeze(this);
      return;
    }
    this.adjoint = null;
    const L = params.maximumFrequency;
    const nRings = params.rings.length;
    const inIrreps = inRepr.irreps.map((id) => G.irrep(id)!);
    const outIrreps = outRepr.irreps.map((id) => G.irrep(id)!);
    const solutions = new Map<string, ReturnType<typeof solveIrrepPair>>();
    for (const a of inIrreps)
      for (const b of outIrreps) {
        const key = `${idKey(a.id)}|${idKey(b.id)}`;
        if (!solutions.has(key)) solutions.set(key, solveIrrepPair(G, a.id, b.id, L));
      }
    const starts = (irreps: readonly { dimension: number }[]) => {
      const s: number[] = [];
      let p = 0;
      for (const a of irreps) {
        s.push(p);
        p += a.dimension;
      }
      return s;
    };
    const inStart = starts(inIrreps);
    const outStart = starts(outIrreps);
    const Q = outRepr.changeOfBasis.to1DArray();
    const Qinv = inRepr.changeOfBasisInv.to1DArray();
    const O = outRepr.size;
    const I = inRepr.size;
    const families: Family[] = [];
    const familyOf: number[] = [];
    const attributes: BasisElementAttributes[] = [];
    for (let l = 0; l <= L; l++) {
      const Y = sphericalHarmonicSize(l);
      const harmonic = Object.freeze(o3HarmonicId(l));
      for (let ii = 0; ii < inIrreps.length; ii++) {
        for (let oo = 0; oo < outIrreps.length; oo++) {
          const a = inIrreps[ii]!;
          const b = outIrreps[oo]!;
          const da = a.dimension;
          const db = b.dimension;
          const sol = solutions.get(`${idKey(a.id)}|${idKey(b.id)}`)!;
          const i0 = inStart[ii]!;
          const o0 = outStart[oo]!;
          for (const el of sol.byHarmonic[l]!) {
            // C[o][i][y] = Σ_{x,z} Q_out[o][o0 + x] coeff[x][z][y] Q_in⁻¹[i0 + z][i]
            const coeff = new Float64Array(O * I * Y);
            for (let x = 0; x < db; x++)
              for (let z = 0; z < da; z++)
                for (let y = 0; y < Y; y++) {
                  const c = el.coeff[(x * da + z) * Y + y]!;
                  if (c === 0) continue;
                  for (let o = 0; o < O; o++) {
                    const q = Q[o * O + o0 + x]!;
                    if (q === 0) continue;
                    const qc = q * c;
                    for (let i = 0; i < I; i++) coeff[(o * I + i) * Y + y]! += qc * Qinv[(i0 + z) * I + i]!;
                  }
                }
            families.push({ harmonic: l, coeff });
            const sub = G.irrep(el.subgroupIrrep)!;
            for (let r = 0; r < nRings; r++) {
              familyOf.push(families.length - 1);
              attributes.push(
                Object.freeze({
                  index: attributes.length,
                  harmonic,
                  frequency: l,
                  radius: params.rings[r]!,
                  sigma: params.sigma[r]!,
                  radialIndex: r,
                  subgroupIrrep: el.subgroupIrrep,
                  subgroupIrrepFrequency: sub.attributes.frequency ?? 0,
                  endomorphism: el.k,
                  multiplicity: el.s,
                  copy: el.t,
                  inIrrep: a.id,
                  outIrrep: b.id,
                  inIrrepIndex: ii,
                  outIrrepIndex: oo,
                  outIrrepSize: db,
                }),
              );
            }
          }
        }
      }
    }
    this.#families = families;
    this.#familyOf = Int32Array.from(familyOf);
    this.attributes = Object.freeze(attributes);
    Object.freeze(this);
  }

  /** Number of basis elements. */
  get dimension(): number {
    return this.attributes.length;
  }

  get outSize(): number {
    return this.outRepr.size;
  }

  get inSize(): number {
    return this.inRepr.size;
  }

  /**
   * The basis of the elements whose attributes satisfy `keep`, in the same order, renumbered (escnn's
   * `filter` argument).
   * @throws InvalidArgumentError when `keep` is not a function.
   */
  filter(keep: (attributes: BasisElementAttributes) => boolean): R3KernelBasis {
    if (typeof keep !== 'function') {
      throw new InvalidArgumentError('R3KernelBasis.filter', 'keep', keep, 'must be a function');
    }
    const familyOf: number[] = [];
    const attributes: BasisElementAttributes[] = [];
    for (const a of this.attributes) {
      if (!keep(a)) continue;
      familyOf.push(this.#familyOf[a.index]!);
      attributes.push(Object.freeze({ ...a, index: attributes.length }));
    }
    return new R3KernelBasis(this.action, this.inRepr, this.outRepr, this.params, {
      families: this.#families,
      familyOf: Int32Array.from(familyOf),
      attributes: Object.freeze(attributes),
      adjoint: this.adjoint,
    });
  }

  /**
   * The same basis sampled at `A x` for an orthogonal 3×3 matrix `A` (escnn's `AdjointBasis`, the `adjoint`
   * argument of the `kernels*ActR3` functions): steerable for the subgroup conjugated by A. On a basis that
   * already has an adjoint B, the new one samples at `B A x`.
   * @throws InvalidArgumentError when `adjoint` is not an orthogonal 3×3 matrix (rows of numbers).
   */
  withAdjoint(adjoint: readonly (readonly number[])[]): R3KernelBasis {
    const fn = 'R3KernelBasis.withAdjoint';
    const ok =
      Array.isArray(adjoint) &&
      adjoint.length === 3 &&
      adjoint.every((r) => Array.isArray(r) && r.length === 3 && r.every((v) => Number.isFinite(v)));
    if (!ok) throw new InvalidArgumentError(fn, 'adjoint', adjoint, 'must be a 3×3 matrix');
    const A = Float64Array.from(adjoint.flat());
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let dot = 0;
        for (let k = 0; k < 3; k++) dot += A[3 * i + k]! * A[3 * j + k]!;
        if (Math.abs(dot - (i === j ? 1 : 0)) > 1e-8) {
          throw new InvalidArgumentError(fn, 'adjoint', adjoint, 'must be orthogonal (A Aᵀ = I)');
        }
      }
    // the old basis samples at B y, here at y = A x: the composed matrix is B·A
    let M = A;
    const B = this.adjoint;
    if (B !== null) {
      M = new Float64Array(9);
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          let v = 0;
          for (let k = 0; k < 3; k++) v += B[3 * i + k]! * A[3 * k + j]!;
          M[3 * i + j] = v;
        }
    }
    return new R3KernelBasis(this.action, this.inRepr, this.outRepr, this.params, {
      families: this.#families,
      familyOf: this.#familyOf,
      attributes: this.attributes,
      adjoint: M,
    });
  }

  /**
   * Samples the elements `which` (default all) at the points `[x0, y0, z0, x1, ...]`: a fresh array
   * `[element][outChannel][inChannel][point]`.
   * @throws InvalidArgumentError when `points` does not hold triples or `which` an index out of range.
   */
  sample(points: ArrayLike<number>, which?: readonly number[]): Float64Array {
    return this.#sample('R3KernelBasis.sample', points, which, false).data;
  }

  /**
   * @internal samples and normalizes as escnn's `normalize_basis` (each element divided by
   * `sqrt(Σ values² / outIrrepSize)`, elements that vanish on the points dropped); returns the kept
   * positions within `which`.
   * @hidden
   */
  _sampleNormalized(
    points: ArrayLike<number>,
    which: readonly number[],
  ): { kept: number[]; data: Float64Array } {
    return this.#sample('r3ConvBasis', points, which, true);
  }

  #sample(
    fn: string,
    points: ArrayLike<number>,
    which: readonly number[] | undefined,
    normalize: boolean,
  ): { kept: number[]; data: Float64Array } {
    const P = points == null ? Number.NaN : points.length / 3;
    if (!Number.isInteger(P))
      throw new InvalidArgumentError(fn, 'points', points, 'must hold x, y, z triples');
    const A = this.adjoint;
    if (A !== null) {
      const moved = new Float64Array(3 * P);
      for (let q = 0; q < P; q++)
        for (let i = 0; i < 3; i++)
          moved[3 * q + i] =
            A[3 * i]! * points[3 * q]! +
            A[3 * i + 1]! * points[3 * q + 1]! +
            A[3 * i + 2]! * points[3 * q + 2]!;
      points = moved;
    }
    const elements = which ?? this.attributes.map((_, i) => i);
    const r = new Float64Array(P);
    for (let q = 0; q < P; q++) r[q] = Math.hypot(points[3 * q]!, points[3 * q + 1]!, points[3 * q + 2]!);
    const radial = this.filters.radial.sample(r);
    const harm = this.filters.harmonics(points);
    const OI = this.outRepr.size * this.inRepr.size;
    // the angular part of a family on its non-zero (out, in) rows, [row][point], shared by its rings; the
    // elements of a family are consecutive, so only the last family's is kept
    let lastFamily = -1;
    let last: { rows: Int32Array; A: Float64Array } = { rows: new Int32Array(0), A: new Float64Array(0) };
    const angularOf = (f: number) => {
      if (f === lastFamily) return last;
      const { harmonic: l, coeff } = this.#families[f]!;
      const Y = sphericalHarmonicSize(l);
      const h0 = l * l;
      const rowList: number[] = [];
      for (let oi = 0; oi < OI; oi++) {
        for (let y = 0; y < Y; y++)
          if (coeff[oi * Y + y] !== 0) {
            rowList.push(oi);
            break;
          }
      }
      const rows = Int32Array.from(rowList);
      const A = new Float64Array(rows.length * P);
      for (let j = 0; j < rows.length; j++)
        for (let y = 0; y < Y; y++) {
          const c = coeff[rows[j]! * Y + y]!;
          if (c === 0) continue;
          const hy = (h0 + y) * P;
          for (let q = 0; q < P; q++) A[j * P + q]! += c * harm[hy + q]!;
        }
      lastFamily = f;
      last = { rows, A };
      return last;
    };
    for (const idx of elements) {
      if (this.attributes[idx] === undefined) {
        throw new InvalidArgumentError(fn, 'which', which, `must hold indices < ${this.dimension}`);
      }
    }
    // each element written on its family's non-zero rows; with `normalize`, escnn's normalize_basis: divided
    // by its norm, norm² = Σ values² / size of the output irrep (tiny norms left alone), and dropped when it
    // vanishes on the points
    const kept: number[] = [];
    const size = OI * P;
    const data = new Float64Array(elements.length * size);
    const values = new Float64Array(size);
    for (let e = 0; e < elements.length; e++) {
      const idx = elements[e]!;
      const attr = this.attributes[idx]!;
      const { rows, A } = angularOf(this.#familyOf[idx]!);
      const g0 = attr.radialIndex * P;
      let sq = 0;
      for (let j = 0; j < rows.length; j++)
        for (let q = 0; q < P; q++) {
          const v = radial[g0 + q]! * A[j * P + q]!;
          values[j * P + q] = v;
          sq += v * v;
        }
      let norm = 1;
      if (normalize) {
        let n2 = sq / attr.outIrrepSize;
        if (n2 < 1e-15) n2 = 0;
        norm = Math.sqrt(n2);
        if (norm < 1e-6) norm = 1;
        if (!(sq / (norm * norm) > 1e-2)) continue;
      }
      const base = kept.length * size;
      for (let j = 0; j < rows.length; j++) {
        const dst = base + rows[j]! * P;
        for (let q = 0; q < P; q++) data[dst + q] = values[j * P + q]! / norm;
      }
      kept.push(e);
    }
    return { kept, data: kept.length === elements.length ? data : data.slice(0, kept.length * size) };
  }
}

/** Checks an action on R³ and returns its tables (restrictions of every harmonic up to L validated). */
function tablesOf(fn: string, action: R3Action, L: number): ActionTables<R3Action> {
  if (action == null || action.group == null || typeof action.restrictHarmonic !== 'function') {
    throw new InvalidArgumentError(fn, 'action', action, 'must have a group and a restrictHarmonic function');
  }
  const G = actionTables(action, sphericalHarmonicSize);
  for (let l = 0; l <= L; l++) G.restriction(l, fn);
  return G;
}

/**
 * The basis of kernels κ on R³ with κ(g·x) = ρ_out(g) κ(x) ρ_in(g)⁻¹ for every g of a group G acting on R³
 * through O(3), given only through the `Group` API and the restriction of the spherical harmonics to G
 * (`action`): Gaussian shells times, for every harmonic Y_l (l ≤ `params.maximumFrequency`), every G-irrep J
 * of ψ_in ⊗ ψ_out and every copy of J in the restricted harmonic, the kernels `CG · E · Q⁻¹ · Y_l` (escnn's
 * `RestrictedWignerEckartBasis`; for O(3) itself its `WignerEckartBasis`, the same kernels).
 * No band limit is applied here (see {@link r3ConvBasis}).
 *
 * @throws InvalidArgumentError for an action without a group or a restriction into G-irreps of each
 * harmonic, representations whose irreps are not G's, or bad params.
 */
export function r3KernelBasisFor(
  action: R3Action,
  inRepr: KernelRepresentation,
  outRepr: KernelRepresentation,
  params: KernelBasisParams,
): R3KernelBasis {
  const fn = 'r3KernelBasisFor';
  checkParams(fn, params);
  const G = tablesOf(fn, action, params.maximumFrequency);
  checkRepr(fn, 'inRepr', G, inRepr);
  checkRepr(fn, 'outRepr', G, outRepr);
  return new R3KernelBasis(action, inRepr, outRepr, params, G);
}

/** {@link o3SubgroupAction}, its errors reported as `fn`'s argument `id`. */
export function subgroupAction(fn: string, sgId: O3SubgroupId): R3Action {
  try {
    return o3SubgroupAction(sgId);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(fn, 'id', sgId, "must be a subgroup id of O(3) (escnn's O3.subgroup ids)");
  }
}

/**
 * {@link r3KernelBasisFor} on the action of the subgroup `sgId` of O(3) (`'o3'`, `'so3'`, `[false, 'octa']`,
 * ...), see {@link o3SubgroupAction}.
 * @throws InvalidArgumentError for an id that is not one of O(3)'s subgroups, representations whose irreps are
 * not the subgroup's, or bad params.
 */
export function r3KernelBasis(
  sgId: O3SubgroupId,
  inRepr: KernelRepresentation,
  outRepr: KernelRepresentation,
  params: KernelBasisParams,
): R3KernelBasis {
  const fn = 'r3KernelBasis';
  const action = subgroupAction(fn, sgId);
  checkParams(fn, params);
  const G = tablesOf(fn, action, params.maximumFrequency);
  checkRepr(fn, 'inRepr', G, inRepr);
  checkRepr(fn, 'outRepr', G, outRepr);
  return new R3KernelBasis(action, inRepr, outRepr, params, G);
}

/** @internal shares one action's tables across the blocks of a layer. */
export function r3KernelBasisWith(
  G: ActionTables<R3Action>,
  inRepr: KernelRepresentation,
  outRepr: KernelRepresentation,
  params: KernelBasisParams,
): R3KernelBasis {
  checkRepr('r3ConvBasis', 'inReprs', G, inRepr);
  checkRepr('r3ConvBasis', 'outReprs', G, outRepr);
  return new R3KernelBasis(G.action, inRepr, outRepr, params, G);
}

export { tablesOf as r3ActionTables };
