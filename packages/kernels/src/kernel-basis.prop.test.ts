import type { O2SubgroupId } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { Matrix, QrDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  finiteGroup,
  type Id,
  inO2,
  makeRepr,
  type PlanarElement,
  psichi,
  regularRepr,
} from './internal/test-reprs.js';
import { r2KernelBasis } from './kernel-basis.js';

const runs = { numRuns: numRuns(40) };

/** The irreps of the group with frequencies up to `L` (continuous groups) or all (finite ones). */
function irrepsOf(sgId: O2SubgroupId, L: number): Id[] {
  if (sgId[1] !== -1) return finiteGroup(sgId).irreps;
  if (sgId[0] === null) return Array.from({ length: L + 1 }, (_, k) => [k]);
  return [[0, 0], ...Array.from({ length: L + 1 }, (_, k) => [1, k])];
}

const groups: O2SubgroupId[] = [
  [null, 1],
  [null, 2],
  [null, 3],
  [null, 4],
  [null, 5],
  [null, 8],
  [null, -1],
  [Math.PI, 1],
  [0, 1],
  [Math.PI, 2],
  [Math.PI, 3],
  [Math.PI, 4],
  [0.7, 5],
  [Math.PI, 6],
  [Math.PI, -1],
  [0.4, -1],
];

const element = (sgId: O2SubgroupId, flip: boolean, u: number, i: number): PlanarElement => {
  const N = sgId[1];
  const f = sgId[0] === null ? 0 : flip ? 1 : 0;
  const angle = N === -1 ? 2 * Math.PI * u : (2 * Math.PI * (i % N)) / N;
  return { flip: f, angle };
};

describe('steerability of r2KernelBasis: κ(g·x) = ρ_out(g) κ(x) ρ_in(g)⁻¹', () => {
  it('holds for every planar group and random representations', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...groups),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
        fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(16)),
        fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })),
        fc.boolean(),
        (sgId, ins, outs, noise, [flip, u, i], [x, y], regular) => {
          const L = 3;
          const irreps = irrepsOf(sgId, L);
          const pick = (list: number[]) => list.map((n) => irreps[n % irreps.length]!);
          // a random orthogonal change of basis (QR of a noisy matrix)
          const mix = (ids: Id[], salt: number) => {
            const plain = makeRepr(sgId, 'x', ids);
            const n = plain.size;
            const A = new Matrix(n, n);
            for (let r = 0; r < n; r++)
              for (let c = 0; c < n; c++) A.set(r, c, noise[(r * n + c + salt) % 64]! + (r === c ? 2 : 0));
            return makeRepr(sgId, 'mixed', ids, new QrDecomposition(A).orthogonalMatrix);
          };
          const inRepr = regular && sgId[1] !== -1 ? regularRepr(sgId) : mix(pick(ins), 0);
          const outRepr = mix(pick(outs), 7);
          const basis = r2KernelBasis(sgId, inRepr, outRepr, {
            rings: [0, 1, 2],
            sigma: [0.3, 0.6, 0.6],
            maximumFrequency: sgId[1] === -1 ? L + 2 : 5,
          });
          const g = element(sgId, flip, u, i);
          const h = inO2(sgId, g);
          const A = psichi(h.angle, h.flip, 1);
          const gx = [A[0]! * x + A[1]! * y, A[2]! * x + A[3]! * y];
          const kx = basis.sample([x, y]);
          const kgx = basis.sample(gx);
          const rOut = outRepr.matrix(g);
          const rInInv = inRepr.matrix(g).transpose();
          const O = outRepr.size;
          const I = inRepr.size;
          for (let b = 0; b < basis.dimension; b++) {
            const K = new Matrix(O, I);
            for (let o = 0; o < O; o++) for (let c = 0; c < I; c++) K.set(o, c, kx[(b * O + o) * I + c]!);
            const rhs = rOut.mmul(K).mmul(rInInv);
            for (let o = 0; o < O; o++)
              for (let c = 0; c < I; c++) expect(kgx[(b * O + o) * I + c]!).toBeCloseTo(rhs.get(o, c), 9);
          }
        },
      ),
      runs,
    );
  });

  it('is non-trivial: trivial to trivial kernels are isotropic, regular ones are not', () => {
    const sgId: O2SubgroupId = [null, 4];
    const reg = regularRepr(sgId);
    const basis = r2KernelBasis(sgId, reg, reg, { rings: [1], sigma: [0.6], maximumFrequency: 2 });
    expect(basis.dimension).toBeGreaterThan(0);
    const a = basis.sample([1, 0]);
    const b = basis.sample([0, 1]);
    expect(a.some((v, q) => Math.abs(v - b[q]!) > 1e-3)).toBe(true);
  });
});
