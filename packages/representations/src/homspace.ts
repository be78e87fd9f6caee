/**
 * Homogeneous spaces `X = G/H` (escnn's `HomSpace`): bases of functions and Mackey vector fields over `X`
 * organised by the irreps of `G`, the building block of induced representations and of steerable kernels.
 */
import {
  type Group,
  type GroupElement,
  InvalidArgumentError,
  type IrreducibleRepresentation,
  type IrrepId,
  type SubgroupMap,
} from '@steerable/group-theory';
import { Matrix } from 'ml-matrix';
import { subgroupIdRepr } from './internal/family.js';
import { pythonRepr } from './internal/linalg.js';
import { irrepIdKey, Representation } from './representation.js';
import { restrict } from './restrict.js';

/** A dense 3-index array `[i][j][k]` of shape `shape` (escnn's numpy arrays of `HomSpace.basis`). */
export type Array3 = number[][][];

function zeros3(a: number, b: number, c: number): Array3 {
  return Array.from({ length: a }, () => Array.from({ length: b }, () => new Array<number>(c).fill(0)));
}

function sameId(a: IrrepId, b: IrrepId): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Connected components of an undirected graph given by a boolean adjacency, labelled as scipy does. */
function components(adj: boolean[][]): number[] {
  const n = adj.length;
  const labels = new Array<number>(n).fill(-1);
  let next = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1) continue;
    const stack = [s];
    labels[s] = next;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (let w = 0; w < n; w++) {
        if (labels[w] === -1 && (adj[v]![w] || adj[w]![v])) {
          labels[w] = next;
          stack.push(w);
        }
      }
    }
    next++;
  }
  return labels;
}

/**
 * The homogeneous space `X = G/H` of a group `G` and its stabilizer subgroup `H` (escnn's id `subgroupId`).
 *
 * For an irrep `rho` of `G` and `psi` of `H`, the `psi`-Mackey functions `f: G → R^{dim psi}` with
 * `f(gh) = psi(h)^-1 f(g)` that transform under `rho` form a `dim(rho) × m` dimensional space (Frobenius
 * reciprocity: `m = m_psi(Res rho) · s(psi) / s(rho)`); {@link HomSpace.basis} samples escnn's basis of it.
 *
 * @see escnn's `escnn.group.HomSpace`
 */
export class HomSpace {
  /** The group `G`. */
  readonly G: Group;
  /** The stabilizer subgroup `H`. */
  readonly H: Group;
  /** The subgroup id `H` was built from. */
  readonly subgroupId: unknown;
  readonly #map: SubgroupMap;
  readonly #dirac = new Map<string, Array3>();

  /**
   * @throws UnknownSubgroupError if `G` has no subgroup with id `subgroupId`.
   */
  constructor(G: Group, subgroupId: unknown) {
    if (G === null || typeof G !== 'object' || !('subgroup' in G)) {
      throw new InvalidArgumentError('HomSpace', 'G', G, 'must be a group');
    }
    this.G = G;
    this.#map = G.subgroup(subgroupId);
    this.H = this.#map.subgroup;
    this.subgroupId = subgroupId;
    Object.freeze(this);
  }

  /** Maps an element of `H` into `G`. */
  inclusion(h: GroupElement): GroupElement {
    return this.#map.inclusion(h);
  }

  /** Maps an element of `G` into `H`, or `null` when it is not in `H`. */
  restriction(g: GroupElement): GroupElement | null {
    return this.#map.restriction(g);
  }

  /** True when `g1 H = g2 H`, i.e. `g1^-1 g2 ∈ H` (escnn's `same_coset`). */
  sameCoset(g1: GroupElement, g2: GroupElement): boolean {
    const a = this.G.checkElement(g1, 'HomSpace.sameCoset', 'g1');
    const b = this.G.checkElement(g2, 'HomSpace.sameCoset', 'g2');
    return this.#map.restriction(a.inverse().combine(b)) !== null;
  }

  #irrepG(rho: IrrepId | IrreducibleRepresentation, fn: string): IrreducibleRepresentation {
    if (Array.isArray(rho)) return this.G.irrep(...(rho as number[]));
    const r = rho as IrreducibleRepresentation;
    if (r === null || typeof r !== 'object' || !('id' in r) || !r.group.equals(this.G)) {
      throw new InvalidArgumentError(fn, 'rho', rho, `must be an irrep of ${this.G.name} or its id`);
    }
    return r;
  }

  #irrepH(psi: IrrepId | IrreducibleRepresentation, fn: string): IrreducibleRepresentation {
    if (Array.isArray(psi)) return this.H.irrep(...(psi as number[]));
    const r = psi as IrreducibleRepresentation;
    if (r === null || typeof r !== 'object' || !('id' in r) || !r.group.equals(this.H)) {
      throw new InvalidArgumentError(fn, 'psi', psi, `must be an irrep of ${this.H.name} or its id`);
    }
    return r;
  }

  /**
   * `(dim rho, m, dim psi)`: the shape of {@link HomSpace.basis} (escnn's `dimension_basis`), with
   * `m = m_psi(Res_H rho) · s(psi) / s(rho)`.
   */
  dimensionBasis(
    rho: IrrepId | IrreducibleRepresentation,
    psi: IrrepId | IrreducibleRepresentation,
  ): [number, number, number] {
    const r = this.#irrepG(rho, 'HomSpace.dimensionBasis');
    const p = this.#irrepH(psi, 'HomSpace.dimensionBasis');
    const rH = restrict(r, this.subgroupId);
    const mPsi = rH.multiplicity(p.id);
    const m = (mPsi * p.endomorphismBasis().length) / r.endomorphismBasis().length;
    return [r.size, Math.round(m), p.size];
  }

  /**
   * The basis at the identity, `B[i][j][p]` of shape `(dim rho, m, dim psi)` (escnn's `_dirac_kernel_ft`): the
   * Fourier transform of the Dirac delta on `H`, built from the endomorphisms of `psi` placed in the blocks of
   * `psi` inside `Res_H rho`; for complex/quaternionic `rho` only one column per orbit of `rho`'s endomorphisms is
   * kept. Memoized in this object.
   */
  diracKernelFt(rho: IrrepId | IrreducibleRepresentation, psi: IrrepId | IrreducibleRepresentation): Array3 {
    const fn = 'HomSpace.diracKernelFt';
    const r = this.#irrepG(rho, fn);
    const p = this.#irrepH(psi, fn);
    const key = `${irrepIdKey(r.id)}|${irrepIdKey(p.id)}`;
    const cached = this.#dirac.get(key);
    if (cached !== undefined) return cached.map((a) => a.map((b) => [...b]));
    const out = this.#computeDirac(r, p);
    this.#dirac.set(key, out);
    return out.map((a) => a.map((b) => [...b]));
  }

  #computeDirac(rho: IrreducibleRepresentation, psi: IrreducibleRepresentation): Array3 {
    const eps = 1e-9;
    const rhoH = restrict(rho, this.subgroupId);
    const psiEndo = psi.endomorphismBasis();
    const sPsi = psiEndo.length;
    const dPsi = psi.size;
    const mPsi = rhoH.multiplicity(psi.id);
    let basis = zeros3(rho.size, mPsi * sPsi, dPsi);
    const columnMask = new Array<boolean>(rho.size).fill(false);
    let pos = 0;
    let j = 0;
    for (const irr of rhoH.irrepInstances) {
      if (sameId(irr.id, psi.id) && irr.group.equals(psi.group)) {
        // w = Σ_k E_k[0, :]^2 selects the sPsi columns where the first row of the endomorphisms is non-null
        const nonnull: number[] = [];
        for (let c = 0; c < dPsi; c++) {
          let w = 0;
          for (const e of psiEndo) w += e.get(0, c) ** 2;
          if (w > eps) nonnull.push(c);
        }
        if (nonnull.length !== sPsi) throw new Error('HomSpace: unexpected endomorphism basis');
        // O[a][jj][b] = Σ_k E_k[0, nonnull[jj]] E_k[a, b]
        for (let a = 0; a < dPsi; a++) {
          nonnull.forEach((c, jj) => {
            for (let b = 0; b < dPsi; b++) {
              let acc = 0;
              for (const e of psiEndo) acc += e.get(0, c) * e.get(a, b);
              basis[pos + a]![j + jj]![b] = acc;
            }
          });
          columnMask[pos + a] = nonnull.includes(a);
        }
        j += sPsi;
      }
      pos += irr.size;
    }
    const rhoEndo = rho.endomorphismBasis();
    if (rhoEndo.length > 1) {
      const cols: number[] = [];
      columnMask.forEach((m, i) => {
        if (m) cols.push(i);
      });
      const qH = rhoH.changeOfBasis;
      const qHInv = rhoH.changeOfBasisInv;
      const c = cols.length;
      const ortho: boolean[][] = Array.from({ length: c }, () => new Array<boolean>(c).fill(false));
      const sumSq = Matrix.zeros(c, c);
      for (const e of rhoEndo) {
        const full = qHInv.mmul(e).mmul(qH);
        for (let a = 0; a < c; a++)
          for (let b = 0; b < c; b++) sumSq.set(a, b, sumSq.get(a, b) + full.get(cols[a]!, cols[b]!) ** 2);
      }
      for (let a = 0; a < c; a++) for (let b = 0; b < c; b++) ortho[a]![b] = sumSq.get(a, b) > eps;
      const labels = components(ortho);
      const n = Math.max(-1, ...labels) + 1;
      const keep: number[] = [];
      for (let l = 0; l < n; l++) keep.push(labels.indexOf(l));
      keep.sort((x, y) => x - y);
      basis = basis.map((row) => keep.map((k) => [...row[k]!]));
    }
    // rotate back from the restricted irreps' basis: B = Q_H · B
    const qH = rhoH.changeOfBasis;
    const m = basis[0]?.length ?? 0;
    const out = zeros3(rho.size, m, dPsi);
    for (let o = 0; o < rho.size; o++)
      for (let i = 0; i < rho.size; i++) {
        const q = qH.get(o, i);
        if (q === 0) continue;
        for (let jj = 0; jj < m; jj++)
          for (let b = 0; b < dPsi; b++) out[o]![jj]![b]! += q * basis[i]![jj]![b]!;
      }
    return out;
  }

  /**
   * escnn's basis of the `psi`-Mackey functions over `X` transforming under `rho`, sampled at `g`:
   * `rho(g) · B` with `B` = {@link HomSpace.diracKernelFt}, shape `(dim rho, m, dim psi)`.
   */
  basis(
    g: GroupElement,
    rho: IrrepId | IrreducibleRepresentation,
    psi: IrrepId | IrreducibleRepresentation,
  ): Array3 {
    const fn = 'HomSpace.basis';
    const h = this.G.checkElement(g, fn);
    const r = this.#irrepG(rho, fn);
    const b = this.diracKernelFt(r, psi);
    const rg = r.at(h);
    const m = b[0]?.length ?? 0;
    const dPsi = b[0]?.[0]?.length ?? 0;
    const out = zeros3(r.size, m, dPsi);
    for (let o = 0; o < r.size; o++)
      for (let i = 0; i < r.size; i++) {
        const q = rg.get(o, i);
        if (q === 0) continue;
        for (let j = 0; j < m; j++) for (let p = 0; p < dPsi; p++) out[o]![j]![p]! += q * b[i]![j]![p]!;
      }
    return out;
  }

  /** {@link HomSpace.basis} with `psi` the trivial irrep of `H` (functions constant on cosets), shape `(dim rho, m)`. */
  scalarBasis(g: GroupElement, rho: IrrepId | IrreducibleRepresentation): number[][] {
    return this.basis(g, rho, this.H.trivialRepresentation).map((row) => row.map((col) => col[0]!));
  }

  /**
   * The part of the representation induced from `psi` that contains only the irreps `irreps` of `G`, in the
   * spectral basis: each `rho` repeated `m` times (see {@link HomSpace.dimensionBasis}), identity change of basis,
   * supporting `norm`, `gated`, `concatenated`. `null` when it is 0-dimensional. Named as escnn does,
   * `induced[<id>]_[<psi id>]_[<ids joined by |>]` unless `name` is given.
   *
   * @throws InvalidArgumentError for an empty or repeated `irreps` list.
   * @see escnn's `HomSpace.induced_representation`
   */
  inducedRepresentation(
    psi: IrrepId | IrreducibleRepresentation,
    irreps: readonly (IrrepId | IrreducibleRepresentation)[],
    name?: string,
  ): Representation | null {
    const fn = 'HomSpace.inducedRepresentation';
    const p = this.#irrepH(psi, fn);
    if (!Array.isArray(irreps) || irreps.length === 0) {
      throw new InvalidArgumentError(fn, 'irreps', irreps, 'must be a non-empty list of irreps');
    }
    const ids = irreps.map((r) => this.#irrepG(r, fn).id);
    if (new Set(ids.map(irrepIdKey)).size !== ids.length) {
      throw new InvalidArgumentError(fn, 'irreps', ids, 'must not repeat an irrep');
    }
    const list: IrrepId[] = [];
    for (const id of ids) {
      const [, m] = this.dimensionBasis(id, p);
      for (let k = 0; k < m; k++) list.push(id);
    }
    if (list.length === 0) return null;
    const label =
      name ??
      `induced[${subgroupIdRepr(this.G, this.subgroupId)}]_[${pythonRepr(p.id)}]_[${ids.map(pythonRepr).join('|')}]`;
    const size = list.reduce((s, id) => s + this.G.irrep(...id).size, 0);
    return new Representation(this.G, label, list, Matrix.eye(size), {
      supportedNonlinearities: ['norm', 'gated', 'concatenated'],
      changeOfBasisInv: Matrix.eye(size),
    });
  }

  /**
   * All the basis functions of {@link HomSpace.inducedRepresentation}`(psi, irreps)` sampled at `g`, first
   * component of `psi` only, in that representation's order (escnn's `complete_basis`): a vector `f(g)` with
   * `f(g' g) = ind(g') f(g)`. Empty when the induced representation is 0-dimensional.
   */
  completeBasis(
    g: GroupElement,
    psi: IrrepId | IrreducibleRepresentation,
    irreps: readonly (IrrepId | IrreducibleRepresentation)[],
  ): Float64Array {
    const ind = this.inducedRepresentation(psi, irreps);
    if (ind === null) return new Float64Array(0);
    const out = new Float64Array(ind.size);
    let pos = 0;
    for (const rho of irreps) {
      const b = this.basis(g, rho, psi);
      const d = b.length;
      const m = b[0]?.length ?? 0;
      for (let j = 0; j < m; j++) for (let i = 0; i < d; i++) out[pos + j * d + i] = b[i]![j]![0]!;
      pos += d * m;
    }
    return out;
  }

  /** Printable form `G/H`. */
  toString(): string {
    return `${this.G.name}/${this.H.name}`;
  }
}
