/**
 * R⁰ bases (escnn's `kernels_on_point` on `no_base_space(G)`) for the 3D groups: SO(3), O(3), the polyhedral
 * groups with and without inversion, and the cylinder groups.
 */
import {
  cylinderDiscreteGroup,
  cylinderGroup,
  fullCylinderDiscreteGroup,
  fullCylinderGroup,
  fullIcoGroup,
  fullOctaGroup,
  type Group,
  icoGroup,
  mulberry32,
  o3Group,
  octaGroup,
  type RepresentationLike,
  so3Group,
} from '@steerable/group-theory';
import { blRegularRepresentation, directSum, regularRepresentation } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import { r0KernelBasis, r0LinearBasis } from './point-basis.js';

/** `A B` for row-major matrices: `A` is `m × k`, `B` is `k × n`. */
function matmul(A: Float64Array, B: Float64Array, m: number, k: number, n: number): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let c = 0; c < k; c++) {
      const a = A[i * k + c]!;
      if (a === 0) continue;
      for (let j = 0; j < n; j++) C[i * n + j]! += a * B[c * n + j]!;
    }
  return C;
}

function dense(r: RepresentationLike, g: Parameters<RepresentationLike['at']>[0]): Float64Array {
  return Float64Array.from(r.at(g).to1DArray());
}

/**
 * Checks `ρ_out(g) W = W ρ_in(g)` on the testing elements for a random combination `W` of the basis (a generic
 * combination is an intertwiner only if every element is: the coefficients making one form a subspace), and
 * that the elements are linearly independent (their Gram matrix has full rank). Returns the basis.
 */
function checkBasis(G: Group, inRepr: RepresentationLike, outRepr: RepresentationLike, elements = 24) {
  const basis = r0KernelBasis(inRepr, outRepr);
  const M = basis.matrices();
  const O = outRepr.size;
  const I = inRepr.size;
  const n = basis.dimension;
  const rand = mulberry32(7);
  const W = new Float64Array(O * I);
  let scale = 0;
  for (let b = 0; b < n; b++) {
    const c = 2 * rand() - 1;
    for (let q = 0; q < O * I; q++) W[q]! += c * M[b * O * I + q]!;
  }
  for (const w of W) scale = Math.max(scale, Math.abs(w));
  if (n > 0) expect(scale).toBeGreaterThan(1e-6);
  const tests = G.testingElements;
  const step = Math.max(1, Math.floor(tests.length / elements));
  for (let t = 0; t < tests.length; t += step) {
    const g = tests[t]!;
    const lhs = matmul(dense(outRepr, g), W, O, O, I);
    const rhs = matmul(W, dense(inRepr, g), O, I, I);
    let err = 0;
    for (let q = 0; q < O * I; q++) err = Math.max(err, Math.abs(lhs[q]! - rhs[q]!));
    expect(err).toBeLessThan(1e-9 * Math.max(1, scale));
  }
  // Gram matrix, then its rank by Gaussian elimination with partial pivoting.
  const gram = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let q = 0; q < O * I; q++) s += M[a * O * I + q]! * M[b * O * I + q]!;
      gram[a * n + b] = s;
      gram[b * n + a] = s;
    }
  expect(rank(gram, n)).toBe(n);
  return basis;
}

function rank(A: Float64Array, n: number): number {
  const a = Float64Array.from(A);
  let r = 0;
  let max = 0;
  for (const x of a) max = Math.max(max, Math.abs(x));
  for (let col = 0; col < n && r < n; col++) {
    let p = r;
    for (let i = r + 1; i < n; i++) if (Math.abs(a[i * n + col]!) > Math.abs(a[p * n + col]!)) p = i;
    if (Math.abs(a[p * n + col]!) <= 1e-9 * max) continue;
    for (let j = 0; j < n; j++) [a[r * n + j], a[p * n + j]] = [a[p * n + j]!, a[r * n + j]!];
    for (let i = r + 1; i < n; i++) {
      const f = a[i * n + col]! / a[r * n + col]!;
      for (let j = col; j < n; j++) a[i * n + j]! -= f * a[r * n + j]!;
    }
    r++;
  }
  return r;
}

/** `(1/|G|) Σ_g χ_in(g) χ_out(g)`: the dimension of the intertwiners between real representations of a finite group. */
function characterDimension(G: Group, inRepr: RepresentationLike, outRepr: RepresentationLike): number {
  const trace = (r: RepresentationLike, g: Parameters<RepresentationLike['at']>[0]) => {
    const m = r.at(g);
    let t = 0;
    for (let i = 0; i < r.size; i++) t += m.get(i, i);
    return t;
  };
  let s = 0;
  for (const g of G.elements) s += trace(inRepr, g) * trace(outRepr, g);
  return s / G.order();
}

describe('r0KernelBasis on the 3D groups', () => {
  it('SO(3): band-limited regular L=2 → itself has Σ_l (2l+1)² = 35 intertwiners; ψ_1 → ψ_2 none', () => {
    const G = so3Group(2);
    const reg = blRegularRepresentation(G, 2);
    expect(checkBasis(G, reg, reg).dimension).toBe(1 + 9 + 25);
    expect(checkBasis(G, G.irrep(1), G.irrep(2)).dimension).toBe(0);
    // ψ_0 ⊕ ψ_1 → bl regular L=1 (ψ_0 ⊕ ψ_1³): 1·1 + 1·3
    const L1 = blRegularRepresentation(G, 1);
    expect(checkBasis(G, directSum([G.irrep(0), G.irrep(1)]), L1).dimension).toBe(4);
  });

  it('O(3): band-limited regular L=1 → itself has 2 Σ_l (2l+1)² = 20 intertwiners; parities do not mix', () => {
    const G = o3Group(2);
    const reg = blRegularRepresentation(G, 1);
    expect(checkBasis(G, reg, reg).dimension).toBe(20);
    expect(checkBasis(G, G.irrep(0, 1), G.irrep(1, 1)).dimension).toBe(0);
    expect(checkBasis(G, G.irrep(1, 2), G.irrep(1, 2)).dimension).toBe(1);
  });

  it('the polyhedral groups: regular → regular has |G| intertwiners; every dimension matches the characters', () => {
    for (const G of [octaGroup(), icoGroup(), fullOctaGroup()]) {
      const reg = regularRepresentation(G);
      const basis = checkBasis(G, reg, reg, 8);
      expect(basis.dimension).toBe(G.order());
      expect(characterDimension(G, reg, reg)).toBeCloseTo(G.order(), 8);
      const irreps = G.irreps();
      const mixed = directSum([irreps[1]!, irreps[0]!, irreps[irreps.length - 1]!, irreps[1]!]);
      const d = checkBasis(G, mixed, reg).dimension;
      expect(d).toBeCloseTo(characterDimension(G, mixed, reg), 8);
      expect(d).toBe(2 * irreps[1]!.size + 1 + irreps[irreps.length - 1]!.size);
    }
  });

  it('the full icosahedral group: irreps → regular, one intertwiner per copy of each irrep (Schur)', () => {
    const G = fullIcoGroup();
    const reg = regularRepresentation(G);
    const irreps = G.irreps();
    const some = directSum([irreps[0]!, irreps[3]!, irreps[irreps.length - 1]!]);
    const basis = checkBasis(G, some, reg, 12);
    expect(basis.dimension).toBe(1 + irreps[3]!.size + irreps[irreps.length - 1]!.size);
    expect(basis.dimension).toBeCloseTo(characterDimension(G, some, reg), 8);
  });

  it('the cylinder groups: Schur dimensions with the complex-type SO(2) factors (2 endomorphisms)', () => {
    const cyl = cylinderGroup(3);
    // C2 × SO(2): ψ_{j} ⊗ ψ_k is complex for k > 0
    expect(checkBasis(cyl, cyl.irrep(1, 2, 0), cyl.irrep(1, 2, 0)).dimension).toBe(2);
    expect(checkBasis(cyl, cyl.irrep(0, 2, 0), cyl.irrep(1, 2, 0)).dimension).toBe(0);
    expect(checkBasis(cyl, cyl.irrep(1, 0, 0), cyl.irrep(1, 0, 0)).dimension).toBe(1);
    const full = fullCylinderGroup(3);
    const fIrr = full.irreps();
    const fRep = directSum([fIrr[0]!, fIrr[fIrr.length - 1]!, fIrr[fIrr.length - 1]!]);
    expect(checkBasis(full, fRep, fRep).dimension).toBe(1 + 4);
    for (const G of [cylinderDiscreteGroup(4), fullCylinderDiscreteGroup(3), cylinderDiscreteGroup(2)]) {
      const reg = regularRepresentation(G);
      expect(checkBasis(G, reg, reg).dimension).toBe(G.order());
    }
  });

  it('orders elements by input irrep, output irrep, endomorphism as escnn (cylinder group, complex irreps)', () => {
    const G = cylinderGroup(2);
    const a = G.irrep(0, 1, 0);
    const b = G.irrep(1, 0, 0);
    const rep = directSum([a, b, a]);
    const basis = r0KernelBasis(rep, rep);
    expect(basis.attributes.map((x) => [x.inIrrepIndex, x.outIrrepIndex, x.endomorphism])).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [0, 2, 0],
      [0, 2, 1],
      [1, 1, 0],
      [2, 0, 0],
      [2, 0, 1],
      [2, 2, 0],
      [2, 2, 1],
    ]);
    expect(basis.attributes.map((x) => x.inIrrep)).toEqual([
      a.id,
      a.id,
      a.id,
      a.id,
      b.id,
      a.id,
      a.id,
      a.id,
      a.id,
    ]);
  });
});

describe('r0LinearBasis on the 3D groups (escnn Linear on no_base_space)', () => {
  it('SO(3) bl regular L=2 fields: one weight per intertwiner, bias on the trivial copies, equivariant expansion', () => {
    const G = so3Group(2);
    const reg = blRegularRepresentation(G, 2);
    const layer = r0LinearBasis([reg, G.irrep(1)], [reg, reg]);
    // reg→reg 35 per pair (×2), ψ_1 → reg: 3 copies of ψ_1 (×2)
    expect(layer.dimension).toBe(2 * 35 + 2 * 3);
    expect(layer.biasSize).toBe(2);
    const rand = mulberry32(3);
    const weights = Float64Array.from({ length: layer.dimension }, () => 2 * rand() - 1);
    const W = layer.expand(weights);
    const I = reg.size + 3;
    const O = 2 * reg.size;
    const inRepr = directSum([reg, G.irrep(1)]);
    const outRepr = directSum([reg, reg]);
    for (const g of G.testingElements.slice(0, 6)) {
      const lhs = matmul(dense(outRepr, g), Float64Array.from(W), O, O, I);
      const rhs = matmul(Float64Array.from(W), dense(inRepr, g), O, I, I);
      for (let q = 0; q < O * I; q++) expect(lhs[q]!).toBeCloseTo(rhs[q]!, 9);
    }
  });

  it('O(3), octa, full octa and cylinder fields build: dimensions are the sums of the R⁰ bases', () => {
    const cases: [Group, RepresentationLike][] = [
      [o3Group(2), blRegularRepresentation(o3Group(2), 1)],
      [octaGroup(), regularRepresentation(octaGroup())],
      [fullOctaGroup(), regularRepresentation(fullOctaGroup())],
      [fullCylinderDiscreteGroup(4), regularRepresentation(fullCylinderDiscreteGroup(4))],
    ];
    for (const [G, rep] of cases) {
      const triv = G.trivialRepresentation;
      const layer = r0LinearBasis([rep, triv], [rep]);
      expect(layer.dimension).toBe(r0KernelBasis(rep, rep).dimension + r0KernelBasis(triv, rep).dimension);
      expect(layer.biasSize).toBeGreaterThan(0);
    }
  });
});
