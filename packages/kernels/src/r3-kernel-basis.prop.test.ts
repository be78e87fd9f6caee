import type { IrrepId } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { Matrix, QrDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { GROUPS, type R3TestRepr, r3Repr } from './internal/test-reprs-r3.js';
import type { O3ActionId } from './o3-action.js';
import { r3KernelBasis } from './r3-kernel-basis.js';
import { HarmonicPolynomialR3Generator, sphericalHarmonics } from './spherical-harmonics.js';

const runs = { numRuns: numRuns(15) };

/** An orthogonal matrix from Gaussian-ish entries (QR). */
function orthogonal(n: number, seed: readonly number[]): Matrix {
  const m = new Matrix(n, n);
  for (let i = 0; i < n * n; i++)
    m.set(Math.floor(i / n), i % n, seed[i % seed.length]! + (i === 0 ? 0 : 1e-3 * i));
  return new QrDecomposition(m.add(Matrix.eye(n).mul(0.5))).orthogonalMatrix;
}

const irrepId = (id: O3ActionId, j: number, l: number): IrrepId => (id === 'so3' ? [l] : [j, l]);

/** `|κ(g·x) − ρ_out(g) κ(x) ρ_in(g)⁻¹|` over every element, at the points. */
function steerabilityError(
  id: O3ActionId,
  inRepr: R3TestRepr,
  outRepr: R3TestRepr,
  seed: number,
  x: number[],
) {
  const G = GROUPS[id];
  const basis = r3KernelBasis(id, inRepr, outRepr, {
    rings: [0, 0.7, 1.4],
    sigma: [0.3, 0.6, 0.6],
    maximumFrequency: 4,
  });
  const g = G.sample(1, { seed })[0]!;
  const R = G.standardRepresentation().at(g);
  const gx = R.mmul(Matrix.columnVector(x)).to1DArray();
  const k = basis.sample(x);
  const kg = basis.sample(gx);
  const rin = inRepr.matrix(g);
  const rout = outRepr.matrix(g);
  const O = outRepr.size;
  const I = inRepr.size;
  let err = 0;
  let scale = 0;
  for (let e = 0; e < basis.dimension; e++) {
    const K = new Matrix(O, I);
    const Kg = new Matrix(O, I);
    for (let o = 0; o < O; o++)
      for (let i = 0; i < I; i++) {
        K.set(o, i, k[(e * O + o) * I + i]!);
        Kg.set(o, i, kg[(e * O + o) * I + i]!);
      }
    const rhs = rout.mmul(K).mmul(rin.transpose());
    err = Math.max(err, Kg.sub(rhs).abs().max());
    scale = Math.max(scale, K.abs().max());
  }
  return { err, scale, dimension: basis.dimension };
}

describe('R3KernelBasis steerability', () => {
  it.each(['so3', 'o3'] as const)(
    'κ(g·x) = ρ_out(g) κ(x) ρ_in(g)⁻¹ for random %s irreps, points and g',
    (id) => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(1), fc.nat(3)), { minLength: 1, maxLength: 2 }),
          fc.array(fc.tuple(fc.nat(1), fc.nat(3)), { minLength: 1, maxLength: 2 }),
          fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
          fc.tuple(
            fc.double({ min: -1.5, max: 1.5, noNaN: true }),
            fc.double({ min: -1.5, max: 1.5, noNaN: true }),
            fc.double({ min: -1.5, max: 1.5, noNaN: true }),
          ),
          fc.nat(1_000_000),
          (ins, outs, q, x, seed) => {
            const inIds = ins.map(([j, l]) => irrepId(id, j, l));
            const outIds = outs.map(([j, l]) => irrepId(id, j, l));
            const size = (ids: IrrepId[]) => ids.reduce((s, i) => s + GROUPS[id].irrep(...i).dimension, 0);
            const inRepr = r3Repr(id, 'in', inIds, orthogonal(size(inIds), q));
            const outRepr = r3Repr(id, 'out', outIds, orthogonal(size(outIds), q.slice().reverse()));
            const { err } = steerabilityError(id, inRepr, outRepr, seed, [...x]);
            expect(err).toBeLessThan(1e-9);
          },
        ),
        runs,
      );
    },
  );

  it('finds the known bases: SO(3) vector → vector has 3 angular parts per shell (l = 0, 1, 2), O(3) one fewer', () => {
    const params = { rings: [1], sigma: [0.6], maximumFrequency: 2 };
    const so3 = r3Repr('so3', 'v', [[1]]);
    const o3 = r3Repr('o3', 'v', [[1, 1]]);
    expect(r3KernelBasis('so3', so3, so3, params).dimension).toBe(3);
    // under inversion a vector to a vector needs an even harmonic: l = 0, 2
    expect(r3KernelBasis('o3', o3, o3, params).dimension).toBe(2);
    expect(r3KernelBasis('o3', o3, o3, params).attributes.map((a) => a.frequency)).toEqual([0, 2]);
    // a non-trivial kernel: a vector field from a scalar through l = 1
    const err = steerabilityError('so3', r3Repr('so3', 't', [[0]]), so3, 7, [0.3, -0.8, 0.5]);
    expect(err.dimension).toBe(3); // one per shell
    expect(err.scale).toBeGreaterThan(0.1);
    expect(err.err).toBeLessThan(1e-12);
  });
});

describe('spherical harmonics', () => {
  it('Y_l(R x) = D^l(R) Y_l(x) and |Y_l| = 1 on the sphere, l ≤ 5', () => {
    const G = GROUPS.so3;
    const L = 5;
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: -2, max: 2, noNaN: true }),
          fc.double({ min: -2, max: 2, noNaN: true }),
          fc.double({ min: -2, max: 2, noNaN: true }),
        ),
        fc.nat(1_000_000),
        (x, seed) => {
          fc.pre(Math.hypot(...x) > 1e-3);
          const g = G.sample(1, { seed })[0]!;
          const gx = G.standardRepresentation()
            .at(g)
            .mmul(Matrix.columnVector([...x]))
            .to1DArray();
          const y = sphericalHarmonics(x, L);
          const yg = sphericalHarmonics(gx, L);
          for (let l = 0; l <= L; l++) {
            const Yl = Matrix.columnVector(Array.from(y.subarray(l * l, (l + 1) * (l + 1))));
            const rotated = G.irrep(l).at(g).mmul(Yl).to1DArray();
            expect(Yl.norm()).toBeCloseTo(1, 12);
            for (let m = 0; m < 2 * l + 1; m++)
              expect(Math.abs(yg[l * l + m]! - rotated[m]!)).toBeLessThan(1e-12);
          }
        },
      ),
      runs,
    );
  });

  it('are the harmonic polynomials on the unit sphere, homogeneous of degree l, and only Y_0 at the origin', () => {
    const gen = new HarmonicPolynomialR3Generator(3);
    const p = gen.evaluate([0.6, -1.2, 0.9, 0, 0, 0]);
    const s = sphericalHarmonics([0.6, -1.2, 0.9, 0, 0, 0], 3);
    const r = Math.hypot(0.6, -1.2, 0.9);
    for (let l = 0; l <= 3; l++)
      for (let m = l * l; m < (l + 1) ** 2; m++) {
        expect(p[m * 2]).toBeCloseTo(s[m * 2]! * r ** l, 12);
        expect(s[m * 2 + 1]).toBe(m === 0 ? 1 : 0);
      }
    // Y_1 is (y, z, x) / |x|, SO(3)'s D¹ axis order
    expect([s[2], s[4], s[6]].map((v) => v! * r)).toEqual([-1.2, 0.9, 0.6].map((v) => expect.closeTo(v, 12)));
    expect(() => new HarmonicPolynomialR3Generator(-1)).toThrow(/L/);
    expect(() => sphericalHarmonics([1, 2], 1)).toThrow(/triples/);
  });
});
