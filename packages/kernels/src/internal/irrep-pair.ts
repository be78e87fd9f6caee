/**
 * The Wigner–Eckart kernel solver for one pair of irreps of a group G acting on Rⁿ through O(n)
 * (escnn's `WignerEckartBasis` / `RestrictedWignerEckartBasis`).
 *
 * Scalar filters are spanned by O(n)-steerable harmonics Y_l (l = 0..L: circular harmonics on R²,
 * spherical harmonics on R³). Restricted to G, Y_l decomposes into G-irreps through the restriction's
 * change of basis; every G-irrep J in the tensor product ψ_in ⊗ ψ_out contributes the kernels
 *
 *   κ[n][m](x) = Σ_{i,j',y} CG[n][m][s][i] · E_k[j'][i] · Q⁻¹[j'][y] · Y_l(x)[y]
 *
 * (A Program to Build E(N)-Equivariant Steerable CNNs, Thm 2.1 and Eq. 5), one per endomorphism k,
 * multiplicity s and copy t of J in the restriction of Y_l.
 */
import {
  type Group,
  InvalidArgumentError,
  type IrreducibleRepresentation,
  type IrrepId,
  type RestrictedIrrep,
} from '@steerable/group-theory';
import { inverse, Matrix } from 'ml-matrix';

/**
 * What the solver reads of an action of G on Rⁿ: G itself and the restriction to G of the harmonic of
 * degree l (a `PlanarAction` on R², an `R3Action` on R³).
 */
export interface HarmonicAction {
  readonly group: Group;
  restrictHarmonic(l: number): RestrictedIrrep;
}

/** Dimension of the circular harmonic of frequency l on R²: 1 for l = 0, else 2. */
const circularHarmonicSize = (l: number): number => (l > 0 ? 2 : 1);

/** Key of an irrep id for maps. */
export const idKey = (id: IrrepId): string => id.join(',');

/** A Clebsch–Gordan matrix flattened row-major (`[a][b][s][c]`), with its multiplicity `s`. */
interface CG {
  readonly data: Float64Array;
  readonly s: number;
}

/** The restriction of a harmonic: G-irreps, Q⁻¹ row-major, and the harmonic's dimension. */
interface Restriction {
  readonly irreps: readonly IrrepId[];
  readonly cobInv: Float64Array;
  readonly size: number;
}

/** Q⁻¹ of the change of basis of a harmonic's restriction (closed forms for 1×1 and 2×2). */
function invert(m: Float64Array, size: number): Float64Array {
  if (size === 1) return Float64Array.of(1 / m[0]!);
  if (size === 2) {
    const det = m[0]! * m[3]! - m[1]! * m[2]!;
    return Float64Array.of(m[3]! / det, -m[1]! / det, -m[2]! / det, m[0]! / det);
  }
  return Float64Array.from(inverse(Matrix.from1DArray(size, size, m)).to1DArray());
}

/**
 * What the solver reads of an action, memoized: a layer asks for the same irreps, tensor products,
 * Clebsch–Gordan coefficients and restrictions for every pair of irreps (the group's `clebschGordan` and
 * `restrictIrrep` return fresh matrices).
 */
export class ActionTables<A extends HarmonicAction = HarmonicAction> {
  readonly action: A;
  /** Dimension of the harmonic of degree l. */
  readonly harmonicSize: (l: number) => number;
  readonly #irreps = new Map<string, IrreducibleRepresentation | null>();
  readonly #products = new Map<string, readonly IrrepId[]>();
  readonly #cg = new Map<string, CG>();
  readonly #restrictions: Restriction[] = [];
  readonly #endomorphisms = new Map<string, Float64Array[]>();

  constructor(action: A, harmonicSize: (l: number) => number = circularHarmonicSize) {
    this.action = action;
    this.harmonicSize = harmonicSize;
  }

  /** The irrep of G with this id, or undefined when G has none. */
  irrep(id: IrrepId): IrreducibleRepresentation | undefined {
    if (!Array.isArray(id)) return undefined;
    const key = idKey(id);
    let irr = this.#irreps.get(key);
    if (irr === undefined) {
      try {
        irr = this.action.group.irrep(...id);
      } catch {
        irr = null;
      }
      this.#irreps.set(key, irr);
    }
    return irr ?? undefined;
  }

  /** The G-irreps of `a ⊗ b`, in the group's order. */
  tensorProduct(a: IrrepId, b: IrrepId): readonly IrrepId[] {
    const key = `${idKey(a)}|${idKey(b)}`;
    let v = this.#products.get(key);
    if (v === undefined) {
      v = this.action.group.tensorProductIrreps(a, b).map((t) => t.id);
      this.#products.set(key, v);
    }
    return v;
  }

  /** The Clebsch–Gordan coefficients of `c` in `a ⊗ b`. */
  cg(a: IrrepId, b: IrrepId, c: IrrepId): CG {
    const key = `${idKey(a)}|${idKey(b)}|${idKey(c)}`;
    let v = this.#cg.get(key);
    if (v === undefined) {
      const m = this.action.group.clebschGordan(a, b, c);
      v = { data: Float64Array.from(m.to1DArray()), s: m.columns / this.irrep(c)!.dimension };
      this.#cg.set(key, v);
    }
    return v;
  }

  /** The endomorphism basis of a G-irrep, row-major. */
  endomorphisms(id: IrrepId): Float64Array[] {
    const key = idKey(id);
    let v = this.#endomorphisms.get(key);
    if (v === undefined) {
      v = this.irrep(id)!
        .endomorphismBasis()
        .map((e) => Float64Array.from(e.to1DArray()));
      this.#endomorphisms.set(key, v);
    }
    return v;
  }

  /**
   * The restriction of the harmonic of frequency l to G.
   * @throws InvalidArgumentError (as `fn`'s `action` argument) when the action's restriction is not made of
   * G-irreps filling the harmonic with a matching change of basis.
   */
  restriction(l: number, fn = 'r2KernelBasisFor'): Restriction {
    let v = this.#restrictions[l];
    if (v === undefined) {
      const { irreps, changeOfBasis } = this.action.restrictHarmonic(l);
      const size = this.harmonicSize(l);
      let total = 0;
      for (const id of irreps) total += this.irrep(id)?.dimension ?? Number.NaN;
      if (total !== size || changeOfBasis.rows !== size || changeOfBasis.columns !== size) {
        throw new InvalidArgumentError(
          fn,
          'action',
          this.action,
          `must restrict the harmonic of frequency ${l} to irreps of ${this.action.group.name} of total size ${size} with a ${size}×${size} change of basis`,
        );
      }
      v = { irreps, cobInv: invert(Float64Array.from(changeOfBasis.to1DArray()), size), size };
      this.#restrictions[l] = v;
    }
    return v;
  }
}

const tables = new WeakMap<HarmonicAction, ActionTables>();

/**
 * The memoized tables of an action (one per action object; `harmonicSize` is read on the first call,
 * circular harmonics by default).
 */
export function actionTables<A extends HarmonicAction>(
  action: A,
  harmonicSize: (l: number) => number = circularHarmonicSize,
): ActionTables<A> {
  let t = tables.get(action);
  if (t === undefined) {
    t = new ActionTables(action, harmonicSize);
    tables.set(action, t);
  }
  return t as ActionTables<A>;
}

/** The angular part of one family of basis elements (one per ring). */
interface AngularElement {
  /** Degree l of the harmonic (on R² the O(2) irrep (l > 0 ? 1 : 0, l), on R³ the O(3) irrep (l mod 2, l)). */
  readonly harmonic: number;
  /** The G-irrep J this element goes through (escnn's `_j`). */
  readonly subgroupIrrep: IrrepId;
  readonly k: number;
  readonly s: number;
  readonly t: number;
  /** Coefficients `[out][in][y]` (y over the harmonic's components). */
  readonly coeff: Float64Array;
}

/** The solved pair: the angular elements grouped by harmonic, in escnn's order. */
export interface IrrepPairSolution {
  readonly outSize: number;
  readonly inSize: number;
  /** For each harmonic l = 0..L, its angular elements (possibly none). */
  readonly byHarmonic: readonly (readonly AngularElement[])[];
}

/**
 * Solves the kernel constraint for the G-irreps `inId` (ψ_m) and `outId` (ψ_n) with harmonics up to `L`.
 */
export function solveIrrepPair(G: ActionTables, inId: IrrepId, outId: IrrepId, L: number): IrrepPairSolution {
  const m = G.irrep(inId)!.dimension;
  const n = G.irrep(outId)!.dimension;
  const jsG = G.tensorProduct(inId, outId);
  const byHarmonic: AngularElement[][] = [];
  for (let l = 0; l <= L; l++) {
    const list: AngularElement[] = [];
    const restr = G.restriction(l);
    const Y = restr.size;
    for (const j of jsG) {
      // rows of Q⁻¹ for each copy of j in the restriction: idc[t][j'][y]
      const jKey = idKey(j);
      const copies: Float64Array[] = [];
      let p = 0;
      for (const i of restr.irreps) {
        const sz = G.irrep(i)!.dimension;
        if (idKey(i) === jKey) copies.push(restr.cobInv.slice(p * Y, (p + sz) * Y));
        p += sz;
      }
      if (copies.length === 0) continue;
      const cg = G.cg(outId, inId, j);
      const E = G.endomorphisms(j);
      const dj = G.irrep(j)!.dimension;
      for (let k = 0; k < E.length; k++) {
        const Ek = E[k]!;
        for (let s = 0; s < cg.s; s++) {
          for (let t = 0; t < copies.length; t++) {
            const idc = copies[t]!;
            const coeff = new Float64Array(n * m * Y);
            for (let a = 0; a < n; a++)
              for (let b = 0; b < m; b++)
                for (let y = 0; y < Y; y++) {
                  let acc = 0;
                  for (let i = 0; i < dj; i++) {
                    const c = cg.data[((a * m + b) * cg.s + s) * dj + i]!;
                    if (c === 0) continue;
                    for (let jp = 0; jp < dj; jp++) acc += c * Ek[jp * dj + i]! * idc[jp * Y + y]!;
                  }
                  coeff[(a * m + b) * Y + y] = acc;
                }
            list.push({ harmonic: l, subgroupIrrep: j, k, s, t, coeff });
          }
        }
      }
    }
    byHarmonic.push(list);
  }
  return { outSize: n, inSize: m, byHarmonic };
}
