/**
 * SO(3)'s elements, generators, Haar samples and grids: escnn's testing elements (the icosahedral rotations in
 * scipy's order), the Platonic, Hopf, Fibonacci and Thomson grids, the sphere grids and their pole-to-point
 * representatives, and the typed errors of bad grid arguments.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SteerableError } from './errors.js';
import { sylvesterNullSpace } from './intertwiner.js';
import { poleToPoint, so3Group } from './so3.js';
import { assertClose } from './testing/index.js';

const G = so3Group(6);

describe('SO(3) elements, generators, samples and grids', () => {
  it('has no finite list of elements', () => {
    expect(() => G.elements).toThrow(SteerableError);
  });

  it('has generators of a dense subgroup: the commutant of D^l at them is the scalars (l ≤ 4)', () => {
    for (let l = 1; l <= 4; l++) {
      const psi = G.irrep(l);
      const mats = G.generators.map((g) => psi.at(g));
      expect(sylvesterNullSpace(mats, mats)).toHaveLength(1);
    }
  });

  it("uses escnn's testing elements: the 60 icosahedral rotations in scipy's order", () => {
    const T = G.testingElements;
    expect(T).toHaveLength(60);
    expect(T[0]!.equals(G.element([0, 0, 0, 1]))).toBe(false);
    expect(T[3]!.isIdentity()).toBe(true);
    expect(T[0]!.equals(G.element([1, 0, 0, 0]))).toBe(true);
    expect(T[4]!.equals(G.element([0.5, -0.5, -0.5, 0.5]))).toBe(true);
    const phi = (1 + Math.sqrt(5)) / 2;
    expect(T[12]!.equals(G.element([0.5, 0.5 / phi, phi / 2, 0]))).toBe(true);
    expect(T[13]!.equals(G.element([0.5, 0.5 / phi, -phi / 2, 0]))).toBe(true);
    expect(T[14]!.equals(G.element([0.5, phi / 2, 0, 0.5 / phi]))).toBe(true);
    expect(T[59]!.equals(G.element([0, phi / 2, -0.5 / phi, -0.5]))).toBe(true);
    // A group: closed under products.
    for (const a of T.slice(0, 10))
      for (const b of T) expect(T.some((c) => c.equals(a.combine(b)))).toBe(true);
  });

  it('builds the Platonic grids with 60, 24 and 12 rotations, each a group', () => {
    for (const [type, n] of [
      ['ico', 60],
      ['cube', 24],
      ['tetra', 12],
    ] as const) {
      const grid = G.grid(type, 0);
      expect(grid).toHaveLength(n);
      for (const a of grid)
        for (const b of grid.slice(0, 3)) expect(grid.some((c) => c.equals(a.combine(b)))).toBe(true);
    }
  });

  it('samples reproducibly and Haar-uniformly (the mean of D^1 and D^2 vanishes)', () => {
    const a = G.sample(4, { seed: 7 }).map((g) => g.value);
    expect(G.sample(4, { seed: 7 }).map((g) => g.value)).toEqual(a);
    expect(G.sample(4, { seed: 8 }).map((g) => g.value)).not.toEqual(a);
    expect(G.grid('rand', 4, { seed: 7 }).map((g) => g.value)).toEqual(a);
    const samples = G.sample(4000, { seed: 1 });
    for (const l of [1, 2]) {
      const mean = new Matrix(2 * l + 1, 2 * l + 1);
      for (const g of samples) mean.add(G.irrep(l).at(g));
      expect(Math.max(...mean.div(samples.length).to1DArray().map(Math.abs))).toBeLessThan(0.05);
    }
  });

  it('builds the Hopf and Fibonacci grids of about n distinct rotations', () => {
    // Hopf: HEALPix N_side = round(√(200 / 8π²)) = 2 (48 points) × round(∛(200π)) = 9 angles, all distinct.
    expect(G.grid('hopf', 200)).toHaveLength(48 * 9);
    for (const type of ['hopf', 'fibonacci']) {
      const grid = G.grid(type, 200);
      expect(grid.length).toBeGreaterThan(150);
      expect(grid.length).toBeLessThanOrEqual(48 * 9);
      for (let i = 0; i < grid.length; i += 17)
        for (let j = i + 1; j < grid.length; j++) expect(grid[i]!.equals(grid[j]!, 1e-7)).toBe(false);
    }
    // HEALPix N_side = round(√(79 / 8π²)) = 1: 12 points × round(∛(79π)) = 6 angles.
    expect(G.grid('hopf', 79)).toHaveLength(12 * 6);
    // Fibonacci: 23 points × 9 angles; the angle 0 gives the identity once, and the two poles are antipodal
    // (the rotation by θ about p is the rotation by 2π − θ about −p): 8 more duplicates.
    expect(G.grid('fibonacci', 200)).toHaveLength(23 * 8 + 1 - 8);
  });

  it('spreads the Thomson grid deterministically (n rotations, far apart)', () => {
    const a = G.grid('thomson', 12);
    expect(a).toHaveLength(12);
    expect(G.grid('thomson', 12).map((g) => g.value)).toEqual(a.map((g) => g.value));
    let minAngle = Number.POSITIVE_INFINITY;
    for (let i = 0; i < a.length; i++) {
      for (let j = i + 1; j < a.length; j++) {
        const [x, y, z, w] = a[i]!.inverse().combine(a[j]!).value;
        minAngle = Math.min(minAngle, 2 * Math.atan2(Math.hypot(x, y, z), Math.abs(w)));
      }
    }
    // 12 rotations spread over SO(3) (the tetrahedral group has minimum angle 2π/3 ≈ 2.09).
    expect(minAngle).toBeGreaterThan(1.5);
    const cube = G.grid('thomson_cube', 2);
    expect(cube).toHaveLength(48);
  });

  it('builds sphere grids and their pole-to-point rotations', () => {
    expect(G.spherePoints('healpix', 2)).toHaveLength(48);
    expect(G.spherePoints('fibonacci', 30)).toHaveLength(30);
    expect(G.spherePoints('longlat', 8, { latitudes: 5 })).toHaveLength(2 + 3 * 8);
    expect(G.spherePoints('cube', 0)).toHaveLength(6);
    // scipy's icosahedral group has a 2-fold axis along z: the orbit of the pole is the 30 edge centres.
    expect(G.spherePoints('ico', 0)).toHaveLength(30);
    expect(G.spherePoints('tetra', 0)).toHaveLength(6);
    expect(G.spherePoints('cube_vertices', 0)).toHaveLength(8);
    expect(G.spherePoints('rand', 5, { seed: 3 })).toEqual(G.spherePoints('rand', 5, { seed: 3 }));
    const thomson = G.spherePoints('thomson', 6);
    // 6 charges on the sphere settle on an octahedron: nearest neighbours at 90°.
    for (const p of thomson) {
      const nearest = Math.max(
        ...thomson.filter((q) => q !== p).map((q) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2]),
      );
      expect(nearest).toBeCloseTo(0, 3);
    }
    expect(G.spherePoints('thomson_cube', 1)).toHaveLength(24);
    for (const p of G.spherePoints('fibonacci', 7)) {
      const R = G.element(poleToPoint(p)).to('MAT') as Matrix;
      assertClose(R.getColumn(2), p, 1e-14, 'R ẑ = p');
    }
    const grid = G.sphereGrid('healpix', 1);
    expect(grid).toHaveLength(12);
    expect(G.sphereGrid('longlat', 4, { latitudes: 2 })[1]!.equals(G.element([0, 1, 0, 0]))).toBe(true);
    expect(G.sphereGrid('longlat', 4, { latitudes: 2 })[0]!.isIdentity()).toBe(true);
  });

  it('rejects bad grid arguments with typed errors', () => {
    expect(() => G.grid('regular', 4)).toThrow(InvalidArgumentError);
    expect(() => G.grid('rand', -1)).toThrow(InvalidArgumentError);
    expect(() => G.grid('rand', 2, { seed: 0.5 })).toThrow(InvalidArgumentError);
    expect(() => G.spherePoints('hopf', 4)).toThrow(InvalidArgumentError);
    expect(() => G.spherePoints('healpix', 0)).toThrow(InvalidArgumentError);
    expect(() => G.spherePoints('longlat', 4, { latitudes: 1 })).toThrow(InvalidArgumentError);
  });
});
