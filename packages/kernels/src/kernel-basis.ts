/**
 * The analytical basis of G-steerable kernels κ: R² → R^{out×in} between two representations of a
 * group G acting on R² through O(2), assembled block by block from the irreps of the two representations
 * (escnn's `SteerableKernelBasis` over a `CircularShellsBasis` with a `GaussianRadialProfile`).
 */
import type { IrrepId, O2SubgroupId } from '@steerable/group-theory';
import { checkO2SubgroupId, InvalidArgumentError } from '@steerable/group-theory';
import type { Matrix } from 'ml-matrix';
import { type AngularSamples, sampleAngular, squaredNorm, writeElement } from './internal/angular-samples.js';
import { checkParams, checkRepr } from './internal/checks.js';
import { type ActionTables, actionTables, idKey, solveIrrepPair } from './internal/irrep-pair.js';
import { circularHarmonics, o2SubgroupAction, type PlanarAction } from './o2-action.js';

/**
 * What the kernel solver needs of a representation ρ = Q (⊕ ψ_i) Q⁻¹: its name, size, the ids of its
 * irreps (escnn's ids of the group's irreps) and its change of basis. Every `RepresentationLike` of
 * `@steerable/group-theory` qualifies.
 */
export interface KernelRepresentation {
  /** escnn's name; layers group fields by it (escnn's `BlocksBasisExpansion`). */
  readonly name: string;
  /** Dimension. */
  readonly size: number;
  /** Ids of the irreps ψ_i, in the order of the block-diagonal decomposition. */
  readonly irreps: readonly IrrepId[];
  /** Q. */
  readonly changeOfBasis: Matrix;
  /** Q⁻¹. */
  readonly changeOfBasisInv: Matrix;
}

/**
 * The attributes of one basis element (escnn's attribute dictionaries, camelCased).
 *
 * The element is `κ(x) = Q_out [ G_r(|x|) · Σ_y C[y] Y_l(x)[y] ]_{block} Q_in⁻¹`, a Gaussian ring times a
 * circular harmonic of frequency l, placed in the block of one (out irrep, in irrep) pair.
 */
export interface BasisElementAttributes {
  /** Position in the basis. */
  readonly index: number;
  /** O(2) id of the circular harmonic: `[0, 0]` or `[1, l]` (escnn's `j`). */
  readonly harmonic: readonly [number, number];
  /** Its frequency l (escnn's `irrep:frequency`), what the band limit looks at. */
  readonly frequency: number;
  /** Radius of the Gaussian ring (escnn's `radius`). */
  readonly radius: number;
  /** Width of the ring (escnn's `sigma`). */
  readonly sigma: number;
  /** Index of the ring (escnn's `radial_idx`). */
  readonly radialIndex: number;
  /** The G-irrep of the tensor product ψ_in ⊗ ψ_out this element goes through (escnn's `_j`). */
  readonly subgroupIrrep: IrrepId;
  /** Rotational frequency of {@link subgroupIrrep}. */
  readonly subgroupIrrepFrequency: number;
  /** Index of the endomorphism of the G-irrep (escnn's `k`; 0 or 1 for complex-type irreps). */
  readonly endomorphism: number;
  /** Index among the copies of the G-irrep in ψ_in ⊗ ψ_out (escnn's `s`). */
  readonly multiplicity: number;
  /** Index among the copies of the G-irrep in the restricted harmonic (escnn's `t`). */
  readonly copy: number;
  /** Id of the input irrep (escnn's `in_irrep`). */
  readonly inIrrep: IrrepId;
  /** Id of the output irrep (escnn's `out_irrep`). */
  readonly outIrrep: IrrepId;
  /** Position of the input irrep in the input representation's irreps (escnn's `in_irrep_idx`). */
  readonly inIrrepIndex: number;
  /** Position of the output irrep in the output representation's irreps (escnn's `out_irrep_idx`). */
  readonly outIrrepIndex: number;
  /** Size of the output irrep (escnn's `shape[0]`), used by escnn's normalization. */
  readonly outIrrepSize: number;
}

interface Family {
  readonly harmonic: number;
  /** The `(out, in)` rows (o·in + i) with a non-zero coefficient. */
  readonly rows: Int32Array;
  /** Full `[out][in][y]` coefficients after the changes of basis. */
  readonly coeff: Float64Array;
  readonly Y: number;
}

/** The parts of a basis kept by {@link R2KernelBasis.filter}. */
interface Subset {
  readonly families: readonly Family[];
  readonly familyOf: Int32Array;
  readonly attributes: readonly BasisElementAttributes[];
}

/** Parameters of the radial and angular parts. */
export interface KernelBasisParams {
  /** Ring radii. */
  readonly rings: readonly number[];
  /** Ring widths (one per ring). */
  readonly sigma: readonly number[];
  /** Highest circular-harmonic frequency L. */
  readonly maximumFrequency: number;
}

/** A set of points of the plane: `[x0, y0, x1, y1, ...]`. */
export type Points = Float64Array | readonly number[];

/**
 * The basis of G-steerable kernels between two representations, before band-limiting and
 * sampling. Elements are ordered as escnn's: by harmonic (trivial first), then input irrep, output
 * irrep, then the solver's (G-irrep, endomorphism, multiplicity, copy) and finally the ring.
 *
 * Create with {@link r2KernelBasis}.
 */
export class R2KernelBasis {
  /** The O(2) subgroup id of the symmetry group; `null` for a basis built from a {@link PlanarAction}. */
  readonly sgId: O2SubgroupId | null;
  /** The symmetry group and how the harmonics restrict to it. */
  readonly action: PlanarAction;
  /** Input representation. */
  readonly inRepr: KernelRepresentation;
  /** Output representation. */
  readonly outRepr: KernelRepresentation;
  /** Ring radii, widths and L. */
  readonly params: KernelBasisParams;
  /** Attributes of every element, in order. */
  readonly attributes: readonly BasisElementAttributes[];
  /** Phase of the harmonics: `Y_l(φ) = (cos l(φ − phase), sin l(φ − phase))`. */
  readonly phase: number;
  readonly #families: readonly Family[];
  readonly #familyOf: Int32Array;

  /**
   * Use {@link r2KernelBasis}.
   * @internal
   * @hidden
   */
  constructor(
    sgId: O2SubgroupId | null,
    action: PlanarAction,
    inRepr: KernelRepresentation,
    outRepr: KernelRepresentation,
    params: KernelBasisParams,
    G: ActionTables<PlanarAction> | Subset,
  ) {
    this.sgId = sgId;
    this.action = action;
    this.inRepr = inRepr;
    this.outRepr = outRepr;
    this.params = params;
    this.phase = action.phase;
    if ('families' in G) {
      this.#families = G.families;
      this.#familyOf = G.familyOf;
      this.attributes = G.attributes;
      Object.freeze(this);
      return;
    }
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
    const inStart: number[] = [];
    let p = 0;
    for (const a of inIrreps) {
      inStart.push(p);
      p += a.dimension;
    }
    const outStart: number[] = [];
    p = 0;
    for (const b of outIrreps) {
      outStart.push(p);
      p += b.dimension;
    }
    // Q_out and Q_in⁻¹ read once, row-major (the getters return fresh copies)
    const Q = outRepr.changeOfBasis.to1DArray();
    const Qinv = inRepr.changeOfBasisInv.to1DArray();
    const O = outRepr.size;
    const I = inRepr.size;
    const families: Family[] = [];
    const familyOf: number[] = [];
    const attributes: BasisElementAttributes[] = [];
    for (let l = 0; l <= L; l++) {
      const Y = l > 0 ? 2 : 1;
      const harmonic = Object.freeze([l > 0 ? 1 : 0, l] as const);
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
            // C = Q_out[:, block] · coeff · Q_in⁻¹[block, :], first T = coeff · Q_in⁻¹[block, :]
            // ([x][y][i], b.size · Y · I), then C[o][i][y] = Σ_x Q_out[o][o0 + x] T[x][y][i]
            const T = new Float64Array(db * Y * I);
            for (let x = 0; x < db; x++)
              for (let z = 0; z < da; z++)
                for (let y = 0; y < Y; y++) {
                  const c = el.coeff[(x * da + z) * Y + y]!;
                  if (c === 0) continue;
                  const t0 = (x * Y + y) * I;
                  const q0 = (i0 + z) * I;
                  for (let i = 0; i < I; i++) T[t0 + i]! += c * Qinv[q0 + i]!;
                }
            const coeff = new Float64Array(O * I * Y);
            for (let o = 0; o < O; o++)
              for (let x = 0; x < db; x++) {
                const q = Q[o * O + o0 + x]!;
                if (q === 0) continue;
                for (let y = 0; y < Y; y++) {
                  const t0 = (x * Y + y) * I;
                  for (let i = 0; i < I; i++) coeff[(o * I + i) * Y + y]! += q * T[t0 + i]!;
                }
              }
            const rows: number[] = [];
            for (let oi = 0; oi < O * I; oi++) {
              if (coeff[oi * Y] !== 0 || (Y > 1 && coeff[oi * Y + 1] !== 0)) rows.push(oi);
            }
            families.push({ harmonic: l, coeff, Y, rows: Int32Array.from(rows) });
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

  /**
   * The basis of the elements whose attributes satisfy `keep`, in the same order, renumbered
   * (escnn's `filter` argument of the kernel bases, applied to the kernel elements).
   */
  filter(keep: (attributes: BasisElementAttributes) => boolean): R2KernelBasis {
    if (typeof keep !== 'function') {
      throw new InvalidArgumentError('R2KernelBasis.filter', 'keep', keep, 'must be a function');
    }
    const familyOf: number[] = [];
    const attributes: BasisElementAttributes[] = [];
    for (const a of this.attributes) {
      if (!keep(a)) continue;
      familyOf.push(this.#familyOf[a.index]!);
      attributes.push(Object.freeze({ ...a, index: attributes.length }));
    }
    return new R2KernelBasis(this.sgId, this.action, this.inRepr, this.outRepr, this.params, {
      families: this.#families,
      familyOf: Int32Array.from(familyOf),
      attributes: Object.freeze(attributes),
    });
  }

  /**
   * Samples the elements `which` (default all) at the points `[x0, y0, x1, y1, ...]`.
   *
   * Layout: a fresh `Float64Array` of length `which.length · out · in · P`, indexed
   * `[element][outChannel][inChannel][point]` (escnn's order once transposed: `[b][o][i][p]`).
   */
  sample(points: Points, which?: readonly number[]): Float64Array {
    return this.#sample('R2KernelBasis.sample', points, which, false).data;
  }

  /**
   * @internal samples and normalizes as escnn's `normalize_basis` in one pass (touching only the
   * non-zero rows of each element): each element is divided by `sqrt(Σ values² / outIrrepSize)`, and
   * elements whose values vanish on the points are dropped. Returns the kept positions within `which`.
   * @hidden
   */
  _sampleNormalized(points: Points, which: readonly number[]): { kept: number[]; data: Float64Array } {
    return this.#sample('r2ConvBasis', points, which, true);
  }

  #sample(
    fn: string,
    points: Points,
    which: readonly number[] | undefined,
    normalize: boolean,
  ): { kept: number[]; data: Float64Array } {
    const P = points.length / 2;
    if (!Number.isInteger(P)) {
      throw new InvalidArgumentError(fn, 'points', points, 'must hold x, y pairs');
    }
    const elements = which ?? this.attributes.map((_, i) => i);
    const { rings, sigma } = this.params;
    const L = this.params.maximumFrequency;
    // radial profiles and harmonics at every point
    const radial = new Float64Array(rings.length * P);
    for (let q = 0; q < P; q++) {
      const rad = Math.hypot(points[2 * q]!, points[2 * q + 1]!);
      for (let r = 0; r < rings.length; r++) {
        const d = rings[r]! - rad;
        radial[r * P + q] = Math.exp((-0.5 * d * d) / (sigma[r]! * sigma[r]!));
      }
    }
    const harm = circularHarmonics(points, L, this.phase);
    const OI = this.outRepr.size * this.inRepr.size;
    // pass 1: the angular part of each family (shared by its rings) and each element's norm, so that
    // the output is allocated once at its final size
    const angular: (AngularSamples | undefined)[] = [];
    const kept: number[] = [];
    const norms: number[] = [];
    for (let e = 0; e < elements.length; e++) {
      const idx = elements[e]!;
      const attr = this.attributes[idx];
      if (attr === undefined) {
        throw new InvalidArgumentError(fn, 'which', which, `must hold indices < ${this.dimension}`);
      }
      const f = this.#familyOf[idx]!;
      let a = angular[f];
      if (a === undefined) {
        const fam = this.#families[f]!;
        a = sampleAngular(fam.coeff, fam.Y, fam.rows, fam.harmonic, harm, P);
        angular[f] = a;
      }
      let norm = 1;
      if (normalize) {
        // escnn's normalize_basis: norm² = Σ values² / size of the output irrep, tiny norms left
        // alone, elements that vanish on the points dropped
        const sq = squaredNorm(radial, attr.radialIndex * P, a.S, P);
        let n2 = sq / attr.outIrrepSize;
        if (n2 < 1e-15) n2 = 0;
        norm = Math.sqrt(n2);
        if (norm < 1e-6) norm = 1;
        if (!(sq / (norm * norm) > 1e-2)) continue;
      }
      kept.push(e);
      norms.push(norm);
    }
    // pass 2: the kept elements
    const data = new Float64Array(kept.length * OI * P);
    kept.forEach((e, k) => {
      const idx = elements[e]!;
      const a = angular[this.#familyOf[idx]!]!;
      writeElement(data, k * OI * P, a, radial, this.attributes[idx]!.radialIndex * P, norms[k]!, P);
    });
    return { kept, data };
  }
}

/**
 * The basis of kernels κ with κ(g·x) = ρ_out(g) κ(x) ρ_in(g)⁻¹ for every g in the subgroup of O(2) with
 * id `sgId`, spanned by Gaussian rings times circular harmonics up to `params.maximumFrequency`.
 *
 * No band limit is applied here: escnn applies it when sampling a layer (see {@link r2ConvBasis}).
 *
 * @see escnn's `kernels_CN_act_R2`, `kernels_DN_act_R2`, `kernels_SO2_act_R2`, `kernels_O2_act_R2`,
 * `kernels_Flip_act_R2`, `kernels_Trivial_act_R2` (through `GSpace2D._basis_generator`); {@link o2SubgroupAction}
 * for the group and the harmonics of each id.
 * @throws InvalidArgumentError for a bad id, a representation whose irreps are not the group's, or bad params.
 */
export function r2KernelBasis(
  sgId: O2SubgroupId,
  inRepr: KernelRepresentation,
  outRepr: KernelRepresentation,
  params: KernelBasisParams,
): R2KernelBasis {
  const fn = 'r2KernelBasis';
  const id = checkO2SubgroupId(fn, sgId);
  const action = o2SubgroupAction(id);
  const G = actionTables(action);
  checkRepr(fn, 'inRepr', G, inRepr);
  checkRepr(fn, 'outRepr', G, outRepr);
  checkParams(fn, params);
  return new R2KernelBasis(id, action, inRepr, outRepr, params, G);
}

/**
 * The basis of kernels κ with κ(g·x) = ρ_out(g) κ(x) ρ_in(g)⁻¹ for every g of a group G acting on R² through
 * O(2), given only through the `Group` API and the restriction of the circular harmonics to G (`action`):
 * Gaussian rings times, for every harmonic Y_l (l ≤ `params.maximumFrequency`), every G-irrep J of
 * ψ_in ⊗ ψ_out and every copy of J in the restricted harmonic, the kernels `CG · E · Q⁻¹ · Y_l` (the
 * Wigner–Eckart theorem, escnn's `RestrictedWignerEckartBasis`). The representations' irreps are G's.
 * {@link r2KernelBasis} is this function on `o2SubgroupAction(sgId)` (then `sgId` is set on the basis).
 *
 * @throws InvalidArgumentError for an action without a group, a finite phase or a restriction into G-irreps
 * of each harmonic, representations whose irreps are not G's, or bad params.
 */
export function r2KernelBasisFor(
  action: PlanarAction,
  inRepr: KernelRepresentation,
  outRepr: KernelRepresentation,
  params: KernelBasisParams,
): R2KernelBasis {
  const fn = 'r2KernelBasisFor';
  if (
    action == null ||
    action.group == null ||
    typeof action.group.irrep !== 'function' ||
    typeof action.restrictHarmonic !== 'function' ||
    typeof action.phase !== 'number' ||
    !Number.isFinite(action.phase)
  ) {
    throw new InvalidArgumentError(
      fn,
      'action',
      action,
      'must have a group, a finite phase and a restrictHarmonic function',
    );
  }
  const G = actionTables(action);
  checkRepr(fn, 'inRepr', G, inRepr);
  checkRepr(fn, 'outRepr', G, outRepr);
  checkParams(fn, params);
  for (let l = 0; l <= params.maximumFrequency; l++) G.restriction(l, fn);
  return new R2KernelBasis(null, action, inRepr, outRepr, params, G);
}

/** @internal shares one action's tables across the blocks of a layer. */
export function r2KernelBasisWith(
  sgId: O2SubgroupId,
  G: ActionTables<PlanarAction>,
  inRepr: KernelRepresentation,
  outRepr: KernelRepresentation,
  params: KernelBasisParams,
): R2KernelBasis {
  checkRepr('r2ConvBasis', 'inReprs', G, inRepr);
  checkRepr('r2ConvBasis', 'outReprs', G, outRepr);
  return new R2KernelBasis(sgId, G.action, inRepr, outRepr, params, G);
}
