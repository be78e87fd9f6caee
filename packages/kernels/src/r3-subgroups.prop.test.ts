import {
  blockDiagonal,
  type GroupElement,
  type IrreducibleRepresentation,
  o3Group,
} from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { GSPACE_IDS } from './internal/test-reprs-r3.js';
import type { KernelRepresentation } from './kernel-basis.js';
import { o3SubgroupMap } from './o3-action.js';
import { r3KernelBasis } from './r3-kernel-basis.js';

const runs = { numRuns: numRuns(8) };

const O3 = o3Group();
const STANDARD = O3.standardRepresentation();

/** Every R³ gspace's subgroup but O(3) and SO(3) themselves (r3-kernel-basis.prop.test.ts), and conjugated ones. */
const IDS: readonly (readonly [string, unknown])[] = [
  ...Object.entries(GSPACE_IDS).filter(([g]) => g !== 'rot3dOnR3()' && g !== 'flipRot3dOnR3()'),
  [
    'octa conjugated by an O(3) element',
    [false, 'octa', O3.element([1, [0.2, -0.4, 0.1, 0.8888194417315589]], 'Q')],
  ],
  ['cone D_5 at θ = 0.7', ['cone', 0.7, 5]],
  ['D_3 × C_2 at θ = 1.1', [true, 1.1, 3]],
  ['SO(2) × C_2 conjugated', [true, false, -1, O3.element([0, [0.6, 0, 0, 0.8]], 'Q')]],
];

/** The direct sum of `irreps` (identity change of basis) with its matrices. */
function sum(irreps: readonly IrreducibleRepresentation[]) {
  const size = irreps.reduce((s, i) => s + i.dimension, 0);
  const repr: KernelRepresentation = {
    name: 'sum',
    size,
    irreps: irreps.map((i) => i.id),
    changeOfBasis: Matrix.eye(size),
    changeOfBasisInv: Matrix.eye(size),
  };
  return { repr, at: (h: GroupElement) => blockDiagonal(irreps.map((i) => i.at(h))) };
}

describe('R3KernelBasis steerability on the subgroups of O(3)', () => {
  it.each(IDS)('κ(h·x) = ρ_out(h) κ(x) ρ_in(h)⁻¹ for random irreps, points and h of %s', (_, id) => {
    const map = o3SubgroupMap(id);
    const H = map.subgroup;
    const irreps = H.irreps();
    const pick = fc.array(fc.nat(irreps.length - 1), { minLength: 1, maxLength: 2 });
    const coordinate = fc.double({ min: -1.5, max: 1.5, noNaN: true });
    fc.assert(
      fc.property(
        pick,
        pick,
        fc.tuple(coordinate, coordinate, coordinate),
        fc.nat(1_000_000),
        (ins, outs, x, seed) => {
          const rin = sum(ins.map((i) => irreps[i]!));
          const rout = sum(outs.map((i) => irreps[i]!));
          const basis = r3KernelBasis(id, rin.repr, rout.repr, {
            rings: [0, 0.7, 1.4],
            sigma: [0.3, 0.6, 0.6],
            maximumFrequency: 4,
          });
          const h = H.sample(1, { seed })[0]!;
          const R = STANDARD.at(map.inclusion(h));
          const hx = R.mmul(Matrix.columnVector([...x])).to1DArray();
          const k = basis.sample([...x]);
          const kh = basis.sample(hx);
          const A = rout.at(h);
          const B = rin.at(h.inverse());
          const O = rout.repr.size;
          const I = rin.repr.size;
          for (let e = 0; e < basis.dimension; e++) {
            const K = new Matrix(O, I);
            for (let o = 0; o < O; o++) for (let i = 0; i < I; i++) K.set(o, i, k[(e * O + o) * I + i]!);
            const rhs = A.mmul(K).mmul(B);
            for (let o = 0; o < O; o++)
              for (let i = 0; i < I; i++)
                expect(Math.abs(kh[(e * O + o) * I + i]! - rhs.get(o, i))).toBeLessThan(1e-9);
          }
        },
      ),
      runs,
    );
  });

  it('finds non-trivial kernels: a scalar to the octahedral standard irrep goes through l = 1 and l = 3', () => {
    const map = o3SubgroupMap([false, 'octa']);
    const H = map.subgroup;
    const basis = r3KernelBasis([false, 'octa'], H.trivialRepresentation, H.irrep(1), {
      rings: [1],
      sigma: [0.6],
      maximumFrequency: 3,
    });
    // l = 1 restricts to O's irrep 1 once; l = 3 (7 = 1 + 3 + 3') contains it once more
    expect(basis.attributes.map((a) => a.frequency)).toEqual([1, 3]);
  });
});
