import { describe, expect, it } from 'vitest';
import { dihedralGroup } from './dihedral.js';
import type { GroupElement } from './element.js';
import type { Group, IrrepId } from './group.js';
import { o2Group } from './o2.js';

/**
 * The tensor-product decompositions and Clebsch–Gordan coefficients of D_N and O(2), which these groups
 * get from closed-form multiplicities and a group-averaged intertwiner, checked against the definitions:
 * multiplicities as character averages over the group, CG columns as orthonormal intertwiners.
 */

/** All elements of D_N, or of D_64 inside O(2) standing in for O(2) (exact for frequencies below 32 here). */
function elements(G: Group, N: number): GroupElement[] {
  if (N !== -1) return [...G.elements];
  const out: GroupElement[] = [];
  for (const flip of [0, 1]) for (let i = 0; i < 64; i++) out.push(G.element([flip, (2 * Math.PI * i) / 64]));
  return out;
}

/** The irrep ids with rotation frequency up to L (O(2)) or all of them (D_N), in escnn's order. */
function irreps(N: number, L: number): IrrepId[] {
  const maxK = N === -1 ? L : Math.floor(N / 2);
  const list: IrrepId[] = [[0, 0]];
  for (let k = 0; k <= maxK; k++) list.push([1, k]);
  if (N > 0 && N % 2 === 0) list.push([0, N / 2]);
  return list;
}

const cases: [string, number][] = [
  ['D2', 2],
  ['D3', 3],
  ['D4', 4],
  ['D5', 5],
  ['D6', 6],
  ['D8', 8],
  ['O(2)', -1],
];

describe.each(cases)('%s: tensor products and Clebsch–Gordan coefficients', (_name, N) => {
  const G: Group = N === -1 ? o2Group() : dihedralGroup(N);
  const els = elements(G, N);
  const ids = irreps(N, 5);
  const frequency = (id: IrrepId) => id[1]!;

  it('decomposes every product with the multiplicities ⟨χ_a χ_b χ_c⟩ of the characters', () => {
    for (const a of ids)
      for (const b of ids) {
        const A = G.irrep(...a);
        const B = G.irrep(...b);
        const expected: [string, number][] = [];
        const candidates = irreps(N, frequency(a) + frequency(b));
        for (const c of candidates) {
          const C = G.irrep(...c);
          let acc = 0;
          for (const g of els) acc += A.character(g) * B.character(g) * C.character(g);
          const m = acc / els.length;
          expect(Math.abs(m - Math.round(m))).toBeLessThan(1e-9);
          if (Math.round(m) > 0) expected.push([c.join(','), Math.round(m)]);
        }
        const terms = G.tensorProductIrreps(a, b);
        const got = terms.map((t) => [t.id.join(','), t.multiplicity]);
        expect(got, `[${a}] ⊗ [${b}]`).toEqual(expected);
        const dims = terms.reduce((s, t) => s + t.multiplicity * G.irrep(...t.id).dimension, 0);
        expect(dims).toBe(A.dimension * B.dimension);
      }
  });

  it('gives orthonormal intertwiners (ρ_a ⊗ ρ_b)(g) X = X ρ_c(g) for every c in a ⊗ b', () => {
    for (const a of ids)
      for (const b of ids)
        for (const { id: c } of G.tensorProductIrreps(a, b)) {
          const [A, B, C] = [G.irrep(...a), G.irrep(...b), G.irrep(...c)];
          const cg = G.clebschGordan(a, b, c);
          const dab = A.dimension * B.dimension;
          const dc = C.dimension;
          // one copy: S = 1
          expect(cg.columns).toBe(dc);
          const X = cg.to1DArray();
          // columns orthonormal: XᵀX = I
          for (let p = 0; p < dc; p++)
            for (let q = 0; q < dc; q++) {
              let dot = 0;
              for (let r = 0; r < dab; r++) dot += X[r * dc + p]! * X[r * dc + q]!;
              expect(Math.abs(dot - (p === q ? 1 : 0))).toBeLessThan(1e-12);
            }
          for (const g of els) {
            const [ma, mb, mc] = [A.matrixData(g), B.matrixData(g), C.matrixData(g)];
            const [da, db] = [A.dimension, B.dimension];
            for (let r = 0; r < dab; r++)
              for (let t = 0; t < dc; t++) {
                let left = 0;
                for (let p = 0; p < dab; p++) {
                  const k = ma[Math.floor(r / db) * da + Math.floor(p / db)]! * mb[(r % db) * db + (p % db)]!;
                  left += k * X[p * dc + t]!;
                }
                let right = 0;
                for (let u = 0; u < dc; u++) right += X[r * dc + u]! * mc[u * dc + t]!;
                expect(Math.abs(left - right), `[${a}] ⊗ [${b}] → [${c}]`).toBeLessThan(1e-12);
              }
          }
        }
  });

  it('fixes the sign escnn leaves free: the largest entry of every CG is positive', () => {
    for (const a of ids)
      for (const b of ids)
        for (const { id: c } of G.tensorProductIrreps(a, b)) {
          const X = G.clebschGordan(a, b, c).to1DArray();
          const top = Math.max(...X.map(Math.abs));
          const first = X.find((x) => Math.abs(x) > top - 1e-9)!;
          expect(first, `[${a}] ⊗ [${b}] → [${c}]`).toBeGreaterThan(0);
        }
  });
});
