/**
 * Representations of the planar groups built with escnn's formulas, for this package's tests (the
 * representations package provides the real ones): irreps, escnn's regular representation
 * (`build_regular_representation`) and band-limited regular representations.
 */
import { type GroupElement, type O2SubgroupId, o2Group } from '@steerable/group-theory';
import { Matrix } from 'ml-matrix';
import type { KernelRepresentation } from '../kernel-basis.js';

/** An irrep id. */
export type Id = readonly number[];

/** An element of a planar group in its own (flip, angle) parametrization (the flip is 0 without reflections). */
export interface PlanarElement {
  readonly flip: 0 | 1;
  readonly angle: number;
}

/** Row-major 2×2 rotation-reflection matrix psi(kθ) chi(s) (escnn's `psichi`). */
export function psichi(theta: number, s: number, k: number): Float64Array {
  const c = Math.cos(k * theta);
  const sn = Math.sin(k * theta);
  const f = s ? -1 : 1;
  return Float64Array.of(c, -f * sn, sn, f * c);
}

/** The O(2) element (flip, angle) of a subgroup element, as escnn's inclusion maps it. */
export function inO2(sgId: O2SubgroupId, g: PlanarElement): PlanarElement {
  const axis = sgId[0];
  if (axis === null) return g;
  return { flip: g.flip, angle: g.angle + g.flip * axis };
}

const O2 = o2Group();

/** The subgroup `O2.subgroup(sgId)` as a group of its own. */
const subgroupOf = (sgId: O2SubgroupId) => O2.subgroup(sgId).subgroup;

/** The element of the subgroup `sgId` (of `@steerable/group-theory`) that `g` describes. */
function subgroupElement(sgId: O2SubgroupId, g: PlanarElement): GroupElement {
  const h = inO2(sgId, g);
  const angle = ((h.angle % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  const e = O2.subgroup(sgId).restriction(O2.element([h.flip, angle]));
  if (e === null) throw new Error(`(${g.flip}, ${g.angle}) is not in the subgroup ${sgId}`);
  return e;
}

/** ρ(g) of the subgroup's irrep `id`, row-major. */
function irrepMatrix(sgId: O2SubgroupId, id: Id, g: PlanarElement): Float64Array {
  return subgroupOf(sgId)
    .irrep(...id)
    .matrixData(subgroupElement(sgId, g));
}

/** Dimension of the subgroup's irrep `id`. */
const irrepSize = (sgId: O2SubgroupId, id: Id) => subgroupOf(sgId).irrep(...id).dimension;

/** A test representation with its matrices. */
export interface TestRepr extends KernelRepresentation {
  /** ρ(g) for an element given by its own parametrization. */
  matrix(g: PlanarElement): Matrix;
}

function blockDiag(blocks: Float64Array[], sizes: number[]): Matrix {
  const n = sizes.reduce((a, b) => a + b, 0);
  const m = new Matrix(n, n);
  let p = 0;
  blocks.forEach((b, i) => {
    const s = sizes[i]!;
    for (let r = 0; r < s; r++) for (let c = 0; c < s; c++) m.set(p + r, p + c, b[r * s + c]!);
    p += s;
  });
  return m;
}

/** A representation from irreps and a change of basis. */
export function makeRepr(sgId: O2SubgroupId, name: string, irreps: Id[], Q?: Matrix): TestRepr {
  const sizes = irreps.map((id) => irrepSize(sgId, id));
  const size = sizes.reduce((a, b) => a + b, 0);
  const q = Q ?? Matrix.eye(size);
  const qi = Q ? q.transpose() : Matrix.eye(size);
  return {
    name,
    size,
    irreps,
    get changeOfBasis() {
      return q.clone();
    },
    get changeOfBasisInv() {
      return qi.clone();
    },
    matrix: (g) =>
      q
        .mmul(
          blockDiag(
            irreps.map((id) => irrepMatrix(sgId, id, g)),
            sizes,
          ),
        )
        .mmul(qi),
  };
}

/** The group's elements in escnn's order (finite groups) and its irreps in escnn's order. */
export function finiteGroup(sgId: O2SubgroupId): { elements: PlanarElement[]; irreps: Id[] } {
  const [axis, N] = sgId;
  if (axis === null) {
    return {
      elements: Array.from({ length: N }, (_, i) => ({ flip: 0 as const, angle: (2 * Math.PI * i) / N })),
      irreps: Array.from({ length: Math.floor(N / 2) + 1 }, (_, k) => [k]),
    };
  }
  if (N === 1) {
    return {
      elements: [
        { flip: 0, angle: 0 },
        { flip: 1, angle: 0 },
      ],
      irreps: [[0], [1]],
    };
  }
  const elements: PlanarElement[] = [];
  for (const f of [0, 1] as const)
    for (let i = 0; i < N; i++) elements.push({ flip: f, angle: (2 * Math.PI * i) / N });
  const irreps: Id[] = [[0, 0]];
  for (let k = 0; k <= Math.floor(N / 2); k++) irreps.push([1, k]);
  if (N % 2 === 0) irreps.push([0, N / 2]);
  return { elements, irreps };
}

/** escnn's regular representation of a finite planar group (name `regular`). */
export function regularRepr(sgId: O2SubgroupId): TestRepr {
  const G = subgroupOf(sgId);
  const { elements, irreps } = finiteGroup(sgId);
  const size = elements.length;
  const list: Id[] = [];
  const v: number[] = [];
  for (const id of irreps) {
    const irr = G.irrep(...id);
    const K = irr.type === 'C' ? 2 : 1;
    const m = irr.dimension / K;
    for (let c = 0; c < m; c++) list.push(id);
    // eye(m, s).reshape(-1) * sqrt(s)
    for (let r = 0; r < m; r++)
      for (let c = 0; c < irr.dimension; c++) v.push(r === c ? Math.sqrt(irr.dimension) : 0);
  }
  const sizes = list.map((id) => irrepSize(sgId, id));
  const Q = new Matrix(size, size);
  elements.forEach((g, row) => {
    const P = blockDiag(
      list.map((id) => irrepMatrix(sgId, id, g)),
      sizes,
    );
    const ev = P.mmul(Matrix.columnVector(v));
    for (let c = 0; c < size; c++) Q.set(row, c, ev.get(c, 0) / Math.sqrt(size));
  });
  return makeRepr(sgId, 'regular', list, Q);
}

/** escnn's band-limited regular representation of SO(2) / O(2) (`regular_L`). */
export function blRegularRepr(sgId: O2SubgroupId, L: number): TestRepr {
  const list: Id[] = [];
  if (sgId[0] === null) for (let l = 0; l <= L; l++) list.push([l]);
  else {
    for (let l = 0; l <= L; l++) {
      if (l === 0) list.push([0, 0]);
      const s = l === 0 ? 1 : 2;
      for (let c = 0; c < s; c++) list.push([1, l]);
    }
  }
  return makeRepr(sgId, `regular_${L}`, list);
}

/** An irrep as a representation (escnn's name `irrep_…`). */
export function irrepRepr(sgId: O2SubgroupId, id: Id): TestRepr {
  return makeRepr(sgId, `irrep_${id.join(',')}`, [id]);
}

/** Parses the gspace strings of the fixtures into an O(2) subgroup id. */
export function parseGspace(s: string): { sgId: O2SubgroupId; trivial: Id } {
  const n = /N=(-?\d+)/.exec(s);
  const N = n ? Number(n[1]) : -1;
  if (s.startsWith('rot2dOnR2')) return { sgId: [null, N], trivial: [0] };
  if (s.startsWith('flipRot2dOnR2')) return { sgId: [Math.PI, N], trivial: [0, 0] };
  if (s.startsWith('flip2dOnR2')) return { sgId: [Math.PI, 1], trivial: [0] };
  if (s.startsWith('trivialOnR2')) return { sgId: [null, 1], trivial: [0] };
  throw new Error(`unknown gspace ${s}`);
}

/** The fixture's field names (`trivial`, `regular`, `irrep1`, `irrep1,1`, `bl_regular`) as representations. */
export function fixtureRepr(gspace: string, field: string): TestRepr {
  const { sgId, trivial } = parseGspace(gspace);
  if (field === 'trivial') return irrepRepr(sgId, trivial);
  if (field === 'regular') return regularRepr(sgId);
  if (field === 'bl_regular') return blRegularRepr(sgId, 3);
  const m = /^irrep(\d+)(?:,(\d+))?$/.exec(field);
  if (m) {
    if (m[2] !== undefined) return irrepRepr(sgId, [Number(m[1]), Number(m[2])]);
    // gs.irrep(k): for O(2)-like groups escnn's gspace irrep(k) is the group's irrep (1, k)
    const k = Number(m[1]);
    return irrepRepr(sgId, sgId[0] === null ? [k] : [1, k]);
  }
  throw new Error(`unknown field ${field}`);
}
