/**
 * buildKernelBasis on R³: the kernels from @steerable/kernels are equivariant under this package's base-space
 * action, κ(A(g) x) = ρ_out(g) κ(x) ρ_in(g)⁻¹, for every R³ gspace, which ties both packages to the same O(3)
 * conventions (including the subgroup embeddings).
 */
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import { directSum } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import type { GSpace3D } from './r3.js';
import {
  conicalOnR3,
  cylindricalOnR3,
  dihedralOnR3,
  flipRot3dOnR3,
  fullCylindricalOnR3,
  fullIcoOnR3,
  fullOctaOnR3,
  icoOnR3,
  invOnR3,
  mirOnR3,
  octaOnR3,
  rot2dOnR3,
  rot3dOnR3,
  trivialOnR3,
} from './r3-factories.js';

const points = [0.7, 0.2, -0.4, -1.1, 0.9, 0.5, 0.3, -1.6, 1.2, 1.5, 1.2, -0.3];
const P = points.length / 3;

/** The largest violation of κ(A(g) x) = ρ_out(g) κ(x) ρ_in(g)⁻¹ over a few elements and points. */
function equivarianceError(
  gs: GSpace3D,
  rin: RepresentationLike,
  rout: RepresentationLike,
  maximumFrequency?: number,
): { error: number; dimension: number } {
  const basis = gs.buildKernelBasis(rin, rout, {
    rings: [0, 1, 2],
    sigma: 0.6,
    ...(maximumFrequency === undefined ? {} : { maximumFrequency }),
  });
  const I = rin.size;
  const O = rout.size;
  const k = basis.sample(points);
  const all = gs.fibergroup.continuous ? gs.fibergroup.sample(4, { seed: 5 }) : gs.testingElements;
  const elements = all.filter((_, i) => i % Math.ceil(all.length / 8) === 0);
  let error = 0;
  for (const g of elements) {
    const moved = gs
      .transformPoints(
        Array.from({ length: P }, (_, p) => [points[3 * p]!, points[3 * p + 1]!, points[3 * p + 2]!]),
        g,
      )
      .flat();
    const km = basis.sample(moved);
    const ro = rout.at(g);
    const riInv = rin.at(g.inverse());
    for (let b = 0; b < basis.dimension; b++) {
      for (let p = 0; p < P; p++) {
        for (let o = 0; o < O; o++) {
          for (let i = 0; i < I; i++) {
            let rhs = 0;
            for (let u = 0; u < O; u++)
              for (let v = 0; v < I; v++)
                rhs += ro.get(o, u) * k[((b * O + u) * I + v) * P + p]! * riInv.get(v, i);
            error = Math.max(error, Math.abs(km[((b * O + o) * I + i) * P + p]! - rhs));
          }
        }
      }
    }
  }
  return { error, dimension: basis.dimension };
}

describe('GSpace3D.buildKernelBasis', () => {
  it('SO(3) and O(3): the degree defaults to the input plus the output frequency, as escnn', () => {
    const so3 = rot3dOnR3();
    const a = equivarianceError(so3, so3.irrep(1), so3.irrep(2));
    expect(a.dimension).toBeGreaterThan(0);
    expect(a.error).toBeLessThan(1e-9);
    expect(
      so3.buildKernelBasis(so3.irrep(1), so3.irrep(2), { rings: [1], sigma: 0.6 }).params.maximumFrequency,
    ).toBe(3);
    const o3 = flipRot3dOnR3();
    const b = equivarianceError(o3, o3.irrep(1, 1), directSum([o3.irrep(0, 0), o3.irrep(0, 2)]));
    expect(b.dimension).toBeGreaterThan(0);
    expect(b.error).toBeLessThan(1e-9);
  });

  const SUBGROUPS: [string, () => GSpace3D, (gs: GSpace3D) => [RepresentationLike, RepresentationLike]][] = [
    ['octaOnR3', octaOnR3, (gs) => [gs.irrep(1), gs.irrep(2)]],
    ['fullOctaOnR3', fullOctaOnR3, (gs) => [gs.irreps[1]!, gs.irreps[6]!]],
    ['icoOnR3', icoOnR3, (gs) => [gs.irrep(1), gs.irrep(3)]],
    ['fullIcoOnR3', fullIcoOnR3, (gs) => [gs.irreps[1]!, gs.irreps[5]!]],
    ['dihedralOnR3(4)', () => dihedralOnR3(4), (gs) => [gs.regularRepr, gs.irrep(1, 1)]],
    ['dihedralOnR3()', () => dihedralOnR3(), (gs) => [gs.irrep(1, 1), gs.irrep(1, 0)]],
    ['rot2dOnR3(4)', () => rot2dOnR3(4), (gs) => [gs.regularRepr, gs.regularRepr]],
    ['rot2dOnR3()', () => rot2dOnR3(), (gs) => [gs.irrep(1), gs.irrep(2)]],
    ['conicalOnR3(3)', () => conicalOnR3(3), (gs) => [gs.regularRepr, gs.irrep(1, 1)]],
    ['conicalOnR3()', () => conicalOnR3(), (gs) => [gs.irrep(1, 0), gs.irrep(1, 1)]],
    ['mirOnR3', () => mirOnR3(), (gs) => [gs.regularRepr, gs.regularRepr]],
    ['fullCylindricalOnR3(2)', () => fullCylindricalOnR3(2), (gs) => [gs.regularRepr, gs.irreps[3]!]],
    ['fullCylindricalOnR3()', () => fullCylindricalOnR3(), (gs) => [gs.irreps[2]!, gs.irreps[5]!]],
    ['cylindricalOnR3(3)', () => cylindricalOnR3(3), (gs) => [gs.regularRepr, gs.irreps[1]!]],
    ['cylindricalOnR3()', () => cylindricalOnR3(), (gs) => [gs.irreps[1]!, gs.irreps[4]!]],
    ['invOnR3', () => invOnR3(), (gs) => [gs.regularRepr, gs.irrep(1)]],
    ['trivialOnR3', () => trivialOnR3(), (gs) => [gs.trivialRepr, gs.trivialRepr]],
  ];

  it.each(SUBGROUPS)('%s: a non-empty equivariant basis', (_, make, reprs) => {
    const gs = make();
    const [rin, rout] = reprs(gs);
    const { error, dimension } = equivarianceError(gs, rin, rout, 2);
    expect(dimension).toBeGreaterThan(0);
    expect(error).toBeLessThan(1e-9);
  });

  it('rejects bad options', () => {
    const gs = octaOnR3();
    const r = gs.irrep(1);
    expect(() => gs.buildKernelBasis(r, r, { rings: [0, 1], sigma: 0.5 })).toThrow(/maximumFrequency/);
    expect(() => gs.buildKernelBasis(r, r, { sigma: 0.5, maximumFrequency: 2 })).toThrow(/rings/);
    expect(() => gs.buildKernelBasis(r, r, { rings: [0, 1], sigma: [0.5], maximumFrequency: 2 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => gs.buildKernelBasis(r, r, { rings: [1], sigma: 1, maximumFrequency: -1 })).toThrow(
      /maximumFrequency/,
    );
    expect(() =>
      gs.buildKernelBasis(icoOnR3().irrep(1), r, { rings: [0], sigma: 1, maximumFrequency: 2 }),
    ).toThrow(/belongs to Icosahedral, expected Octahedral/);
  });
});
