/**
 * buildKernelBasis on R²: the kernels from @steerable/kernels are equivariant under this package's base-space
 * action, κ(A(g) x) = ρ_out(g) κ(x) ρ_in(g)⁻¹, which ties both packages to the same conventions.
 */
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import { directSum } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import type { GSpace2D } from './r2.js';
import { flip2dOnR2, flipRot2dOnR2, rot2dOnR2, trivialOnR2 } from './r2.js';

const points = [0.7, 0.2, -1.1, 0.9, 0.3, -1.6, 1.5, 1.2];
const P = points.length / 2;

function checkEquivariance(
  gs: GSpace2D,
  rin: RepresentationLike,
  rout: RepresentationLike,
  maximumFrequency?: number,
) {
  const basis = gs.buildKernelBasis(rin, rout, {
    rings: [0, 1, 2],
    sigma: 0.6,
    ...(maximumFrequency === undefined ? {} : { maximumFrequency }),
  });
  expect(basis.dimension).toBeGreaterThan(0);
  const I = rin.size;
  const O = rout.size;
  const k = basis.sample(points);
  const elements = gs.fibergroup.continuous ? gs.fibergroup.sample(5, { seed: 3 }) : gs.testingElements;
  for (const g of elements) {
    const a = gs.basespaceAction(g);
    const moved = gs
      .transformPoints(
        Array.from({ length: P }, (_, p) => [points[2 * p]!, points[2 * p + 1]!]),
        g,
      )
      .flat();
    const km = basis.sample(moved);
    const ro = rout.at(g);
    const riInv = rin.at(g.inverse());
    expect(a.rows).toBe(2);
    for (let b = 0; b < basis.dimension; b++) {
      for (let p = 0; p < P; p++) {
        for (let o = 0; o < O; o++) {
          for (let i = 0; i < I; i++) {
            let rhs = 0;
            for (let u = 0; u < O; u++)
              for (let v = 0; v < I; v++)
                rhs += ro.get(o, u) * k[((b * O + u) * I + v) * P + p]! * riInv.get(v, i);
            expect(km[((b * O + o) * I + i) * P + p]).toBeCloseTo(rhs, 9);
          }
        }
      }
    }
  }
  return basis;
}

describe('GSpace2D.buildKernelBasis', () => {
  it('C4 regular → regular', () => {
    const gs = rot2dOnR2(4);
    checkEquivariance(gs, gs.regularRepr, gs.regularRepr, 3);
  });
  it('D4 (axis π/2) and D2 (axis 0): regular → irreps', () => {
    const d4 = flipRot2dOnR2(4);
    checkEquivariance(d4, d4.regularRepr, directSum([d4.irrep(1, 1), d4.irrep(1, 0)]), 3);
    const d2 = flipRot2dOnR2(2, { axis: 0 });
    checkEquivariance(d2, d2.regularRepr, d2.regularRepr, 2);
  });
  it('flips and the trivial group', () => {
    const f = flip2dOnR2();
    checkEquivariance(f, f.regularRepr, f.regularRepr, 2);
    const t = trivialOnR2();
    checkEquivariance(t, t.trivialRepr, t.trivialRepr, 1);
  });
  it('SO(2) and O(2), frequency from the representations as escnn does', () => {
    const so2 = rot2dOnR2(-1, { maximumFrequency: 3 });
    const b = checkEquivariance(so2, so2.irrep(1), so2.irrep(2));
    expect(b.params.maximumFrequency).toBe(3);
    const o2 = flipRot2dOnR2(-1, { maximumFrequency: 3 });
    checkEquivariance(o2, o2.irrep(1, 1), directSum([o2.irrep(0, 0), o2.irrep(1, 2)]));
  });
  it('rejects bad options', () => {
    const gs = rot2dOnR2(4);
    const r = gs.regularRepr;
    expect(() => gs.buildKernelBasis(r, r, { rings: [0, 1], sigma: 0.5 })).toThrow(/maximumFrequency/);
    expect(() => gs.buildKernelBasis(r, r, { sigma: 0.5, maximumFrequency: 2 })).toThrow(/rings/);
    expect(() => gs.buildKernelBasis(r, r, { rings: [0, 1], sigma: [0.5], maximumFrequency: 2 })).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      gs.buildKernelBasis(rot2dOnR2(8).regularRepr, r, { rings: [0], sigma: 1, maximumFrequency: 2 }),
    ).toThrow(/belongs to C8, expected C4/);
  });
});
