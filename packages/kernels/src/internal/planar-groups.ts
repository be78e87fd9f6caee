/**
 * The subgroups of O(2) that act on the plane, as escnn models them, reduced to what the kernel
 * solver needs: irrep ids in escnn's order, irrep matrices, types, Clebsch–Gordan coefficients,
 * tensor-product decompositions and the restriction of O(2) irreps to the subgroup.
 *
 * An O(2) element is a pair (flip s ∈ {0,1}, angle θ): the matrix r_θ f^s (escnn's `(f, θ)`).
 */
import type { O2SubgroupId } from '../subgroup-id.js';

/** An irrep id of the subgroup: `[k]` for C_N / SO(2), `[j, k]` for D_N / O(2). */
export type Id = readonly number[];

/** Key of an id for maps. */
export const idKey = (id: Id): string => id.join(',');

/** Endomorphism basis of a real irrep (type R: the identity; type C: I and J = [[0,-1],[1,0]]). */
export function endomorphismBasis(size: number, type: 'R' | 'C'): Float64Array[] {
  if (type === 'R') {
    const e = new Float64Array(size * size);
    for (let i = 0; i < size; i++) e[i * size + i] = 1;
    return [e];
  }
  return [Float64Array.of(1, 0, 0, 1), Float64Array.of(0, -1, 1, 0)];
}

/** Row-major 2×2 rotation-reflection matrix psi(kθ) chi(s) (escnn's `psichi`). */
export function psichi(theta: number, s: number, k: number): Float64Array {
  const c = Math.cos(k * theta);
  const sn = Math.sin(k * theta);
  const f = s ? -1 : 1;
  return Float64Array.of(c, -f * sn, sn, f * c);
}

/** An element of the subgroup, described by its image in O(2). */
export interface PlanarElement {
  readonly flip: 0 | 1;
  readonly angle: number;
}

/** A Clebsch–Gordan tensor `cg[a][b][s][c]` flattened row-major, with its multiplicity `s`. */
export interface CG {
  readonly data: Float64Array;
  readonly s: number;
}

/** One irrep of the subgroup. */
export interface PlanarIrrep {
  readonly id: Id;
  readonly size: number;
  readonly type: 'R' | 'C';
  /** Rotational frequency (escnn's `frequency` attribute). */
  readonly frequency: number;
  matrix(g: PlanarElement): Float64Array;
  /** The character tr ρ(g). */
  character(g: PlanarElement): number;
}

/** The subgroup model. */
export interface PlanarGroup {
  readonly sgId: O2SubgroupId;
  /** True for SO(2) and O(2). */
  readonly continuous: boolean;
  /** The irrep with this id (any frequency for continuous groups). */
  irrep(id: Id): PlanarIrrep | undefined;
  /** Decomposition of `a ⊗ b` into irreps with multiplicities (escnn's `_tensor_product_irreps`). */
  tensorProduct(a: Id, b: Id): readonly (readonly [Id, number])[];
  /** CG coefficients `[a][b][s][c]` (escnn's `_clebsh_gordan_coeff(a, b, c)`). */
  cg(a: Id, b: Id, c: Id): CG;
  /** Restriction of the O(2) irrep `(j, k)` to this subgroup: irreps and inverse change of basis. */
  restrictO2Irrep(j: number, k: number): { irreps: Id[]; cobInv: Float64Array; size: number };
}

// ---------------------------------------------------------------------------------------------------
// analytic CG of the cyclic groups and SO(2) (escnn's closed forms)

const CG4 = [
  [1, 0, 1, 0],
  [0, 1, 0, 1],
  [0, -1, 0, 1],
  [1, 0, -1, 0],
].map((row) => row.map((v) => v / Math.SQRT2));

/** escnn's analytic CG for C_N (n > 0) or SO(2) (n = -1): `cg[m][n][s][j]`. */
function rotationCG(N: number, m: number, n: number, j: number, size: (k: number) => number): CG {
  const sm = size(m);
  const sn = size(n);
  const sj = size(j);
  const eye = (): CG => {
    const data = new Float64Array(sj * sj);
    for (let i = 0; i < sj; i++) data[i * sj + i] = 1;
    // reshape(sm, sn, 1, sj): eye(sj) flattened
    return { data, s: 1 };
  };
  const empty: CG = { data: new Float64Array(0), s: 0 };
  if (m === 0 || n === 0) return j === m + n ? eye() : empty;
  if (N > 0 && N % 2 === 0 && (m === N / 2 || n === N / 2)) {
    if (j === m + n) return eye();
    if (j === N - m - n) {
      const c = eye();
      if (sj > 1) for (let r = 0; r < sj; r++) c.data[r * sj + 1] = -c.data[r * sj + 1]!;
      return c;
    }
    return empty;
  }
  // 2-dim ⊗ 2-dim: columns of CG4 picked, then reshape(n, m, s, j).transpose(1, 0, 2, 3)
  let cols: number[];
  let negateSecond = false;
  if (j === m + n) cols = [2, 3];
  else if (N > 0 && j === N - m - n) {
    cols = [2, 3];
    negateSecond = true;
  } else if (j === m - n) cols = [0, 1];
  else if (j === n - m) {
    cols = [0, 1];
    negateSecond = true;
  } else return empty;
  // picked: 4 × 2 matrix P[row][c]; reshape to (sn=2, sm=2, s, sj) with s = 2 / sj
  const s = 2 / sj;
  const picked: number[] = [];
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 2; c++) {
      const v = CG4[r]![cols[c]!]!;
      picked.push(negateSecond && c === 1 ? -v : v);
    }
  }
  // flat index in (n, m, s, j) order = ((b*2 + a)*s + t)*sj + q; output (m, n, s, j)
  const data = new Float64Array(sm * sn * s * sj);
  for (let b = 0; b < sn; b++)
    for (let a = 0; a < sm; a++)
      for (let t = 0; t < s; t++)
        for (let q = 0; q < sj; q++) {
          data[((a * sn + b) * s + t) * sj + q] = picked[((b * sm + a) * s + t) * sj + q]!;
        }
  return { data, s };
}

// ---------------------------------------------------------------------------------------------------
// numeric CG for the groups without closed forms in escnn (D_N, O(2))

/**
 * Elements to average over: all of D_N, or for O(2) the dihedral group D_M with M above `degree`, which
 * integrates every trigonometric polynomial of degree ≤ `degree` exactly (Haar measure).
 */
function averagingElements(N: number, degree: number): PlanarElement[] {
  const M = N === -1 ? degree + 1 : N;
  const out: PlanarElement[] = [];
  for (const flip of [0, 1] as const)
    for (let i = 0; i < M; i++) out.push({ flip, angle: (2 * Math.PI * i) / M });
  return out;
}

/**
 * Multiplicity of the real irrep `c` in `a ⊗ b` of D_N (N ≥ 2) or O(2) (N = −1), in closed form: the
 * group average m = ⟨χ_a χ_b χ_c⟩_G (every irrep of these groups is of real type).
 *
 * On a rotation r_θ an irrep ψ_{j,k} of dimension d has the character d·cos kθ; on a reflection r_θ f
 * a 2-dimensional irrep has 0 and a 1-dimensional one (−1)^j cos kθ. Half the group is rotations,
 * half reflections, and over the rotations (θ ∈ 2πℤ/N, or all of [0, 2π) for O(2))
 *
 *   ⟨cos aθ cos bθ cos cθ⟩_θ = ¼ [δ(a+b+c) + δ(a+b−c) + δ(a−b+c) + δ(−a+b+c)],
 *
 * δ(x) = 1 when x ≡ 0 (mod N) (x = 0 for O(2)), from cos a cos b = ½[cos(a−b) + cos(a+b)] twice and
 * ⟨cos xθ⟩_θ = δ(x). So m = ½ [d_a d_b d_c T + (all 1-dimensional ? (−1)^{j_a+j_b+j_c} T : 0)].
 */
function multiplicity(G: PlanarGroup, N: number, a: Id, b: Id, c: Id): number {
  const A = G.irrep(a)!;
  const B = G.irrep(b)!;
  const C = G.irrep(c)!;
  const delta = (x: number) => ((N === -1 ? x === 0 : x % N === 0) ? 1 : 0);
  const ka = A.frequency;
  const kb = B.frequency;
  const kc = C.frequency;
  const T = (delta(ka + kb + kc) + delta(ka + kb - kc) + delta(ka - kb + kc) + delta(-ka + kb + kc)) / 4;
  const rotations = A.size * B.size * C.size * T;
  const oneDim = A.size === 1 && B.size === 1 && C.size === 1;
  const reflections = oneDim ? ((a[0]! + b[0]! + c[0]!) % 2 === 0 ? T : -T) : 0;
  return (rotations + reflections) / 2;
}

/**
 * The intertwiner from `c` into `a ⊗ b` of D_N or O(2), which escnn computes numerically: the group
 * average `X ↦ ⟨(ρ_a ⊗ ρ_b)(g) X ρ_c(g)ᵀ⟩_g` (the projector onto the intertwiners) of the unit matrix
 * with the largest image, normalized as escnn (each column of `c` unit norm). Multiplicities are 1 for
 * the real irreps of these groups, so this is escnn's solution up to a sign, fixed here so that the
 * largest entry (the first in `[a][b][c]` order among ties) is positive.
 */
function averagedCG(G: PlanarGroup, N: number, a: Id, b: Id, c: Id): CG {
  const s = multiplicity(G, N, a, b, c);
  if (s === 0) return { data: new Float64Array(0), s: 0 };
  if (s !== 1) throw new Error(`planar CG: unexpected multiplicity ${s} of [${c}] in [${a}] x [${b}]`);
  const A = G.irrep(a)!;
  const B = G.irrep(b)!;
  const C = G.irrep(c)!;
  const dab = A.size * B.size;
  const dc = C.size;
  const els = averagingElements(N, A.frequency + B.frequency + C.frequency);
  // the projection of the unit matrix E_pq is column (p, q) of the averaged operator:
  // P[r][t] = ⟨K(g)[r][p] · Mc(g)[t][q]⟩
  const mats = els.map((g) => [A.matrix(g), B.matrix(g), C.matrix(g)] as const);
  let best: Float64Array | null = null;
  let bestNorm = 0;
  for (let p = 0; p < dab; p++) {
    for (let q = 0; q < dc; q++) {
      const X = new Float64Array(dab * dc);
      for (const [ma, mb, mc] of mats) {
        const pa = Math.floor(p / B.size);
        const pb = p % B.size;
        for (let r = 0; r < dab; r++) {
          const k = ma[Math.floor(r / B.size) * A.size + pa]! * mb[(r % B.size) * B.size + pb]!;
          if (k === 0) continue;
          for (let t = 0; t < dc; t++) X[r * dc + t]! += k * mc[t * dc + q]!;
        }
      }
      let n = 0;
      for (const x of X) n += x * x;
      if (n > bestNorm + 1e-12) {
        bestNorm = n;
        best = X;
      }
    }
  }
  const v = best!;
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm / dc);
  let top = 0;
  for (const x of v) if (Math.abs(x) > Math.abs(top) + 1e-9 * norm) top = x;
  const sign = top < 0 ? -1 : 1;
  const data = new Float64Array(dab * dc);
  for (let i = 0; i < data.length; i++) data[i] = (sign * v[i]!) / norm;
  return { data, s };
}

/** Decomposition by CG search over the irreps (escnn's `_find_tensor_decomposition`). */
function searchDecomposition(G: PlanarGroup, N: number, irreps: readonly Id[], a: Id, b: Id): [Id, number][] {
  const out: [Id, number][] = [];
  for (const c of irreps) {
    const s = multiplicity(G, N, a, b, c);
    if (s > 0) out.push([c, s]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// the group models

function cyclicIrrep(N: number, k: number): PlanarIrrep {
  const oneDim = k === 0 || (N > 0 && N % 2 === 0 && k === N / 2);
  return {
    id: [k],
    size: oneDim ? 1 : 2,
    type: oneDim ? 'R' : 'C',
    frequency: k,
    matrix: (g) => (oneDim ? Float64Array.of(Math.cos(k * g.angle)) : psichi(g.angle, 0, k)),
    character: (g) => (oneDim ? 1 : 2) * Math.cos(k * g.angle),
  };
}

function o2LikeIrrep(j: number, k: number, N: number): PlanarIrrep {
  const oneDim = k === 0 || (N > 0 && N % 2 === 0 && k === N / 2);
  return {
    id: [j, k],
    size: oneDim ? 1 : 2,
    type: 'R',
    frequency: k,
    matrix: (g) => {
      if (!oneDim) return psichi(g.angle, g.flip, k);
      const f = j === 1 && g.flip ? -1 : 1;
      return Float64Array.of(k === 0 ? f : Math.cos(k * g.angle) * f);
    },
    character: (g) => {
      if (!oneDim) return g.flip ? 0 : 2 * Math.cos(k * g.angle);
      const f = j === 1 && g.flip ? -1 : 1;
      return k === 0 ? f : Math.cos(k * g.angle) * f;
    },
  };
}

/** escnn's `utils.psi(0.5 * axis, f) @ cob` etc. for the restrictions of O(2) irreps. */
function restriction(sgId: O2SubgroupId, j: number, k: number): { irreps: Id[]; cob: Float64Array } {
  const [axis, N] = sgId;
  const size = j === 1 && k > 0 ? 2 : 1;
  const eye = size === 2 ? Float64Array.of(1, 0, 0, 1) : Float64Array.of(1);
  const mul = (x: Float64Array, y: Float64Array) =>
    Float64Array.of(
      x[0]! * y[0]! + x[1]! * y[2]!,
      x[0]! * y[1]! + x[1]! * y[3]!,
      x[2]! * y[0]! + x[3]! * y[2]!,
      x[2]! * y[1]! + x[3]! * y[3]!,
    );
  // O(2) itself: escnn solves it with the unrestricted Wigner–Eckart basis, the axis going into the
  // harmonics' phase instead (see harmonicPhase)
  if (axis !== null && N === -1) return { irreps: [[j, k]], cob: eye };
  if (axis === null && N === -1) return { irreps: [[k]], cob: eye };
  if (axis !== null && N === 1) {
    if (size > 1) return { irreps: [[0], [j]], cob: psichi(0.5 * axis, 0, k) };
    return { irreps: [[j]], cob: eye };
  }
  if (axis === null) {
    let f = k % N;
    let cob = eye;
    if (f > N / 2) {
      f = N - f;
      cob = Float64Array.of(1, 0, 0, -1);
    }
    const sub = cyclicIrrep(N, f);
    const irreps: Id[] = sub.size < size ? [[f], [f]] : [[f]];
    return { irreps, cob };
  }
  let f = k % N;
  let cob = eye;
  if (f > N / 2) {
    f = N - f;
    cob = Float64Array.of(1, 0, 0, -1);
  }
  const sub = o2LikeIrrep(j, f, N);
  const irreps: Id[] =
    sub.size < size
      ? [
          [0, f],
          [j, f],
        ]
      : [[j, f]];
  if (size === 2) cob = mul(psichi(0.5 * axis, 0, k), cob);
  return { irreps, cob };
}

function invert(m: Float64Array): Float64Array {
  if (m.length === 1) return Float64Array.of(1 / m[0]!);
  const det = m[0]! * m[3]! - m[1]! * m[2]!;
  return Float64Array.of(m[3]! / det, -m[1]! / det, -m[2]! / det, m[0]! / det);
}

const cache = new WeakMap<object, Map<string, CG>>();

function memoCG(G: PlanarGroup, a: Id, b: Id, c: Id, f: () => CG): CG {
  let m = cache.get(G);
  if (!m) {
    m = new Map();
    cache.set(G, m);
  }
  const key = `${idKey(a)}|${idKey(b)}|${idKey(c)}`;
  let v = m.get(key);
  if (!v) {
    v = f();
    m.set(key, v);
  }
  return v;
}

/** Builds the model of the O(2) subgroup with escnn's id `sgId`, its irreps, decompositions and
 * restrictions memoized inside it (a layer asks for the same ones for every pair of irreps). */
export function planarGroup(sgId: O2SubgroupId): PlanarGroup {
  const G = buildPlanarGroup(sgId);
  const irreps = new Map<string, PlanarIrrep | undefined>();
  const products = new Map<string, readonly (readonly [Id, number])[]>();
  const restrictions = new Map<string, ReturnType<PlanarGroup['restrictO2Irrep']>>();
  const memo: PlanarGroup = {
    sgId: G.sgId,
    continuous: G.continuous,
    irrep: (id) => {
      const key = idKey(id);
      if (!irreps.has(key)) irreps.set(key, G.irrep(id));
      return irreps.get(key);
    },
    tensorProduct: (a, b) => {
      const key = `${idKey(a)}|${idKey(b)}`;
      let v = products.get(key);
      if (!v) {
        v = G.tensorProduct(a, b);
        products.set(key, v);
      }
      return v;
    },
    cg: (a, b, c) => G.cg(a, b, c),
    restrictO2Irrep: (j, k) => {
      const key = `${j},${k}`;
      let v = restrictions.get(key);
      if (!v) {
        v = G.restrictO2Irrep(j, k);
        restrictions.set(key, v);
      }
      return v;
    },
  };
  return memo;
}

function buildPlanarGroup(sgId: O2SubgroupId): PlanarGroup {
  const [axis, N] = sgId;
  if (axis === null) {
    // C_N (N ≥ 1) or SO(2) (N = -1): escnn's analytic formulas
    const size = (k: number) => cyclicIrrep(N, k).size;
    const valid = (k: number) => Number.isInteger(k) && k >= 0 && (N === -1 || k <= Math.floor(N / 2));
    const G: PlanarGroup = {
      sgId,
      continuous: N === -1,
      irrep: (id) => (id.length === 1 && valid(id[0]!) ? cyclicIrrep(N, id[0]!) : undefined),
      tensorProduct: ([J], [l]) => tensorProductCyclic(N, J!, l!),
      cg: (a, b, c) => memoCG(G, a, b, c, () => rotationCG(N, a[0]!, b[0]!, c[0]!, size)),
      restrictO2Irrep: (j, k) => restrictResult(sgId, j, k),
    };
    return G;
  }
  if (N === 1) {
    // the flip group C_2 = {e, f}, escnn's cyclic_group(2)
    const G: PlanarGroup = {
      sgId,
      continuous: false,
      irrep: (id) => (id.length === 1 && (id[0] === 0 || id[0] === 1) ? flipIrrep(id[0]) : undefined),
      tensorProduct: ([J], [l]) => tensorProductCyclic(2, J!, l!),
      cg: (a, b, c) => memoCG(G, a, b, c, () => rotationCG(2, a[0]!, b[0]!, c[0]!, () => 1)),
      restrictO2Irrep: (j, k) => restrictResult(sgId, j, k),
    };
    return G;
  }
  // D_N (N ≥ 2) or O(2) (N = -1): numeric CG
  const irrepsList = (maxK: number): Id[] => {
    const list: Id[] = [[0, 0]];
    for (let k = 0; k <= maxK; k++) list.push([1, k]);
    if (N > 0 && N % 2 === 0) list.push([0, N / 2]);
    return list;
  };
  const valid = (id: Id) => {
    if (id.length !== 2) return false;
    const [j, k] = id as [number, number];
    if (!Number.isInteger(k) || k < 0 || (j !== 0 && j !== 1)) return false;
    if (N > 0 && k > Math.floor(N / 2)) return false;
    if (j === 0) return k === 0 || (N > 0 && N % 2 === 0 && k === N / 2);
    return true;
  };
  const G: PlanarGroup = {
    sgId,
    continuous: N === -1,
    irrep: (id) => (valid(id) ? o2LikeIrrep(id[0]!, id[1]!, N) : undefined),
    tensorProduct: (a, b) => {
      const maxK = N === -1 ? a[1]! + b[1]! : Math.floor(N / 2);
      return searchDecomposition(G, N, irrepsList(maxK), a, b);
    },
    cg: (a, b, c) => memoCG(G, a, b, c, () => averagedCG(G, N, a, b, c)),
    restrictO2Irrep: (j, k) => restrictResult(sgId, j, k),
  };
  return G;
}

function flipIrrep(k: 0 | 1): PlanarIrrep {
  return {
    id: [k],
    size: 1,
    type: 'R',
    frequency: k,
    matrix: (g) => Float64Array.of(k === 1 && g.flip ? -1 : 1),
    character: (g) => (k === 1 && g.flip ? -1 : 1),
  };
}

function restrictResult(sgId: O2SubgroupId, j: number, k: number) {
  const { irreps, cob } = restriction(sgId, j, k);
  return { irreps, cobInv: invert(cob), size: cob.length === 4 ? 2 : 1 };
}

/** escnn's `_tensor_product_irreps` of C_N (N ≥ 1) and SO(2) (N = -1). */
function tensorProductCyclic(N: number, J: number, l: number): [Id, number][] {
  if (J === 0 || l === 0) return [[[l + J], 1]];
  if (N === -1) {
    if (l === J) {
      return [
        [[0], 2],
        [[l + J], 1],
      ];
    }
    return [
      [[Math.abs(l - J)], 1],
      [[l + J], 1],
    ];
  }
  const half = Math.floor(N / 2);
  const j = J + l <= half ? J + l : N - J - l;
  if (N % 2 === 0 && (J === N / 2 || l === N / 2)) return [[[j], 1]];
  const m = j < N / 2 ? 1 : 2;
  if (l === J) {
    return [
      [[0], 2],
      [[j], m],
    ];
  }
  return [
    [[Math.abs(l - J)], 1],
    [[j], m],
  ];
}

/**
 * Phase of the circular harmonics escnn uses for the gspace with this id: `cos(l(φ − phase))`.
 * Rotation groups use the default axis π/2, O(2) its own axis, the other subgroups of O(2) 0.
 */
export function harmonicPhase(sgId: O2SubgroupId): number {
  const [axis, N] = sgId;
  if (axis === null) return Math.PI / 2;
  if (N === -1) return axis / 2;
  return 0;
}
