import { describe, expect, it } from 'vitest';
import type { O2SubgroupId } from '../subgroup-id.js';
import { type Id, type PlanarElement, planarGroup } from './planar-groups.js';

/**
 * The tensor-product decompositions and Clebsch–Gordan coefficients of D_N and O(2), which the solver
 * gets from closed-form multiplicities and a group-averaged intertwiner, checked against the
 * definitions: multiplicities as character averages over the group, CG columns as orthonormal
 * intertwiners.
 */

/** All elements of D_N, or of D_64 standing in for O(2) (exact for frequencies below 32 here). */
function elements(N: number): PlanarElement[] {
  const M = N === -1 ? 64 : N;
  const out: PlanarElement[] = [];
  for (const flip of [0, 1] as const)
    for (let i = 0; i < M; i++) out.push({ flip, angle: (2 * Math.PI * i) / M });
  return out;
}

function irreps(N: number, L: number): Id[] {
  const maxK = N === -1 ? L : Math.floor(N / 2);
  const list: Id[] = [[0, 0]];
  for (let k = 0; k <= maxK; k++) list.push([1, k]);
  if (N > 0 && N % 2 === 0) list.push([0, N / 2]);
  return list;
}

const cases: [string, O2SubgroupId][] = [
  ['D2', [Math.PI, 2]],
  ['D3', [Math.PI, 3]],
  ['D4', [Math.PI, 4]],
  ['D5', [Math.PI, 5]],
  ['D6', [Math.PI, 6]],
  ['D8', [Math.PI, 8]],
  ['O(2)', [Math.PI, -1]],
];

describe.each(cases)('%s: tensor products and Clebsch–Gordan coefficients', (_name, sgId) => {
  const N = sgId[1];
  const G = planarGroup(sgId);
  const els = elements(N);
  const ids = irreps(N, 5);

  it('decomposes every product with the multiplicities ⟨χ_a χ_b χ_c⟩ of the characters', () => {
    for (const a of ids)
      for (const b of ids) {
        const A = G.irrep(a)!;
        const B = G.irrep(b)!;
        const expected: [string, number][] = [];
        const candidates = irreps(N, A.frequency + B.frequency);
        for (const c of candidates) {
          const C = G.irrep(c)!;
          let acc = 0;
          for (const g of els) acc += A.character(g) * B.character(g) * C.character(g);
          const m = acc / els.length;
          expect(Math.abs(m - Math.round(m))).toBeLessThan(1e-9);
          if (Math.round(m) > 0) expected.push([c.join(','), Math.round(m)]);
        }
        const got = G.tensorProduct(a, b).map(([c, m]) => [c.join(','), m]);
        expect(got, `[${a}] ⊗ [${b}]`).toEqual(expected);
        const dims = G.tensorProduct(a, b).reduce((s, [c, m]) => s + m * G.irrep(c)!.size, 0);
        expect(dims).toBe(A.size * B.size);
      }
  });

  it('gives orthonormal intertwiners (ρ_a ⊗ ρ_b)(g) X = X ρ_c(g) for every c in a ⊗ b', () => {
    for (const a of ids)
      for (const b of ids)
        for (const [c] of G.tensorProduct(a, b)) {
          const [A, B, C] = [G.irrep(a)!, G.irrep(b)!, G.irrep(c)!];
          const { data: X, s } = G.cg(a, b, c);
          expect(s).toBe(1);
          const dab = A.size * B.size;
          const dc = C.size;
          // columns orthonormal: XᵀX = I
          for (let p = 0; p < dc; p++)
            for (let q = 0; q < dc; q++) {
              let dot = 0;
              for (let r = 0; r < dab; r++) dot += X[r * dc + p]! * X[r * dc + q]!;
              expect(Math.abs(dot - (p === q ? 1 : 0))).toBeLessThan(1e-12);
            }
          for (const g of els) {
            const [ma, mb, mc] = [A.matrix(g), B.matrix(g), C.matrix(g)];
            for (let r = 0; r < dab; r++)
              for (let t = 0; t < dc; t++) {
                let left = 0;
                for (let p = 0; p < dab; p++) {
                  const k =
                    ma[Math.floor(r / B.size) * A.size + Math.floor(p / B.size)]! *
                    mb[(r % B.size) * B.size + (p % B.size)]!;
                  left += k * X[p * dc + t]!;
                }
                let right = 0;
                for (let u = 0; u < dc; u++) right += X[r * dc + u]! * mc[u * dc + t]!;
                expect(Math.abs(left - right), `[${a}] ⊗ [${b}] → [${c}]`).toBeLessThan(1e-12);
              }
          }
        }
  });
});
