import type { O2SubgroupId } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  irrepRepr,
  makeRepr,
  type PlanarElement,
  regularRepr,
  type TestRepr,
} from './internal/test-reprs.js';
import { r2ConvBasis } from './r2-conv-basis.js';

const runs = { numRuns: numRuns(30) };

/**
 * Elements that map the k×k grid onto itself: rotations by multiples of 90° and the flip x ↦ −x of
 * the gspaces with sgId[0] = π. Each with the pixel permutation (ky, kx) ↦ (ky', kx').
 */
const gridElements = (
  sgId: O2SubgroupId,
): { g: PlanarElement; map: (ky: number, kx: number, c: number) => [number, number] }[] => {
  const [axis, N] = sgId;
  const out: { g: PlanarElement; map: (ky: number, kx: number, c: number) => [number, number] }[] = [];
  // rotation by quarter turns q: (x, y) ↦ R(qπ/2)(x, y)
  const quarter =
    (q: number) =>
    (ky: number, kx: number, c: number): [number, number] => {
      let x = kx - c;
      let y = c - ky;
      for (let t = 0; t < q; t++) [x, y] = [-y, x];
      return [c - y, x + c];
    };
  for (let q = 1; q < 4; q++) {
    if (N === -1 || (N > 0 && (N * q) % 4 === 0)) {
      const angle = (q * Math.PI) / 2;
      out.push({ g: { flip: 0, angle }, map: quarter(q) });
    }
  }
  if (axis === Math.PI) {
    // the flip (1, 0) of the subgroup is the O(2) element (1, π): (x, y) ↦ (−x, y)
    out.push({ g: { flip: 1, angle: 0 }, map: (ky, kx, c) => [ky, 2 * c - kx] });
  }
  return out;
};

const cases: { sgId: O2SubgroupId; reprs: () => TestRepr[] }[] = [
  {
    sgId: [null, 4],
    reprs: () => [regularRepr([null, 4]), irrepRepr([null, 4], [1]), irrepRepr([null, 4], [2])],
  },
  { sgId: [null, 8], reprs: () => [regularRepr([null, 8]), irrepRepr([null, 8], [3])] },
  {
    sgId: [Math.PI, 4],
    reprs: () => [
      regularRepr([Math.PI, 4]),
      irrepRepr([Math.PI, 4], [1, 1]),
      irrepRepr([Math.PI, 4], [0, 2]),
    ],
  },
  { sgId: [Math.PI, 1], reprs: () => [regularRepr([Math.PI, 1]), irrepRepr([Math.PI, 1], [1])] },
  {
    sgId: [null, -1],
    reprs: () => [makeRepr([null, -1], 'regular_2', [[0], [1], [2]]), irrepRepr([null, -1], [1])],
  },
  {
    sgId: [Math.PI, -1],
    reprs: () => [
      makeRepr([Math.PI, -1], 'r', [
        [0, 0],
        [1, 0],
        [1, 1],
        [1, 2],
      ]),
      irrepRepr([Math.PI, -1], [1, 1]),
    ],
  },
];

describe('r2ConvBasis filters are equivariant on the pixel grid', () => {
  it('F(g·x) = ρ_out(g) F(x) ρ_in(g)⁻¹ for quarter turns and the flip, any weights', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.nat(10),
        fc.nat(10),
        fc.constantFrom(3, 4, 5, 7),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 }),
        ({ sgId, reprs }, a, b, k, noise) => {
          const list = reprs();
          const inR = list[a % list.length]!;
          const outR = list[b % list.length]!;
          const layer = r2ConvBasis(sgId, [inR, outR], [outR], k);
          const weights = Array.from({ length: layer.dimension }, (_, i) => noise[i % 16]! + i * 1e-3);
          const F = layer.expand(weights);
          const O = layer.outSize;
          const I = layer.inSize;
          const P = k * k;
          const c = (k - 1) / 2;
          for (const { g, map } of gridElements(sgId)) {
            const rOut = outR.matrix(g);
            const inBlocks = [inR, outR];
            // ρ_in(g)⁻¹ = ρ_in(g)ᵀ (orthogonal), block diagonal over the input fields
            const rInT = inBlocks.map((r) => r.matrix(g).transpose());
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) {
                const [gy, gx] = map(ky, kx, c);
                const p = ky * k + kx;
                const gp = gy * k + gx;
                let off = 0;
                inBlocks.forEach((r, f) => {
                  for (let o = 0; o < O; o++)
                    for (let i = 0; i < r.size; i++) {
                      let rhs = 0;
                      for (let o2 = 0; o2 < O; o2++)
                        for (let i2 = 0; i2 < r.size; i2++)
                          rhs += rOut.get(o, o2) * F[(o2 * I + off + i2) * P + p]! * rInT[f]!.get(i2, i);
                      expect(F[(o * I + off + i) * P + gp]!).toBeCloseTo(rhs, 9);
                    }
                  off += r.size;
                });
              }
          }
        },
      ),
      runs,
    );
  });
});
