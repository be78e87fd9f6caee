/**
 * Finite sets of rotations and of points on the sphere, escnn's `_grid` and `_sphere_grid` (so3_utils): the
 * rotation groups of the Platonic solids in scipy's `Rotation.create_group` order, Haar-random rotations,
 * the Hopf-fibration grids (HEALPix or Fibonacci sphere × circle), and the sphere grids (random, Platonic
 * orbits, HEALPix, Fibonacci, longitude–latitude, Thomson).
 */
import { uniformStream } from '../random.js';
import {
  normalizeQuaternion,
  type Quaternion,
  quaternionDistance,
  quaternionToMatrix,
} from './so3-quaternion.js';

/** A point of R³. */
export type Point3 = [number, number, number];

/** The 12 rotations of the tetrahedron, scipy's order: the units `x, y, z, w`, then `(±½)⁴` with x = ½. */
function tetrahedral(): number[][] {
  const out: number[][] = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ];
  // Signs of (y, z, w): w outermost (+ first), then y, then z (− first).
  for (const w of [1, -1])
    for (const y of [-1, 1]) for (const z of [-1, 1]) out.push([0.5, y * 0.5, z * 0.5, w * 0.5]);
  return out;
}

/** The 24 rotations of the cube: the tetrahedral ones, then the 12 of scipy's order (c = √2/2). */
function octahedral(): number[][] {
  const c = Math.SQRT1_2;
  return [
    ...tetrahedral(),
    [c, 0, 0, c],
    [0, c, 0, c],
    [0, 0, c, c],
    [0, 0, -c, c],
    [0, -c, 0, c],
    [-c, 0, 0, c],
    [0, c, c, 0],
    [0, -c, c, 0],
    [c, 0, c, 0],
    [-c, 0, c, 0],
    [c, c, 0, 0],
    [-c, c, 0, 0],
  ];
}

/**
 * The 60 rotations of the icosahedron: the tetrahedral ones, then the 48 quaternions whose entries are an even
 * permutation of `(±a, ±b, ±c, 0)` (a = ½, b = 1/(2φ), c = φ/2) with their first non-zero entry positive,
 * sorted lexicographically with the entry order `+a < +b < +c < −a < −b < −c < 0` (scipy's order).
 */
function icosahedral(): number[][] {
  const phi = (1 + Math.sqrt(5)) / 2;
  const values = [0.5, 0.5 / phi, phi / 2, 0];
  // Even permutations of the positions of (a, b, c, 0).
  const perms: number[][] = [];
  const all = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) {
      let inversions = 0;
      for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) if (prefix[i]! > prefix[j]!) inversions++;
      if (inversions % 2 === 0) perms.push(prefix);
      return;
    }
    for (const r of rest)
      all(
        [...prefix, r],
        rest.filter((x) => x !== r),
      );
  };
  all([], [0, 1, 2, 3]);
  // Symbol codes: value index v with sign s → rank (s > 0 ? v : 3 + v); zero → 6.
  const rows: { key: number[]; q: number[] }[] = [];
  for (const perm of perms) {
    for (let signs = 0; signs < 8; signs++) {
      const key: number[] = [];
      const q: number[] = [];
      let bit = 0;
      for (const v of perm) {
        if (v === 3) {
          key.push(6);
          q.push(0);
        } else {
          const s = (signs >> bit++) & 1 ? -1 : 1;
          key.push(s > 0 ? v : 3 + v);
          q.push(s * values[v]!);
        }
      }
      const first = q.find((x) => x !== 0)!;
      if (first > 0) rows.push({ key, q });
    }
  }
  rows.sort((r, s) => {
    for (let i = 0; i < 4; i++) if (r.key[i] !== s.key[i]) return r.key[i]! - s.key[i]!;
    return 0;
  });
  return [...tetrahedral(), ...rows.map((r) => r.q)];
}

/** The rotations of a Platonic solid (`'tetra'`, `'cube'`, `'ico'`), scipy's `create_group('T'/'O'/'I')`. */
export function platonicRotations(solid: 'tetra' | 'cube' | 'ico'): Quaternion[] {
  const raw = solid === 'tetra' ? tetrahedral() : solid === 'cube' ? octahedral() : icosahedral();
  return raw.map((q) => normalizeQuaternion(q));
}

/**
 * `n` Haar-random rotations from a seed: Shoemake's subgroup algorithm on three uniform draws,
 * `q = (√(1−u₁) sin 2πu₂, √(1−u₁) cos 2πu₂, √u₁ sin 2πu₃, √u₁ cos 2πu₃)`.
 */
export function randomRotations(n: number, seed: number): Quaternion[] {
  const rand = uniformStream(seed);
  return Array.from({ length: n }, () => {
    const u1 = rand();
    const u2 = 2 * Math.PI * rand();
    const u3 = 2 * Math.PI * rand();
    const a = Math.sqrt(1 - u1);
    const b = Math.sqrt(u1);
    return normalizeQuaternion([a * Math.sin(u2), a * Math.cos(u2), b * Math.sin(u3), b * Math.cos(u3)]);
  });
}

/** Removes rotations equal (to 1e-7, as escnn's `_equal`) to an earlier one, keeping the first. */
function uniqueRotations(qs: readonly Quaternion[]): Quaternion[] {
  const out: Quaternion[] = [];
  const buckets = new Map<string, Quaternion[]>();
  // Bucket by the rounded rotation matrix (escnn hashes it to 4 decimals); compare within nearby buckets.
  const keyOf = (q: Quaternion) =>
    Array.from(quaternionToMatrix(q), (x) => Math.round(x * 1e3) + 0).join(',');
  for (const q of qs) {
    const key = keyOf(q);
    const bucket = buckets.get(key) ?? [];
    if (bucket.some((p) => quaternionDistance(p, q) <= 1e-7)) continue;
    bucket.push(q);
    buckets.set(key, bucket);
    out.push(q);
  }
  return out;
}

/** The rotation by `theta` about the unit axis `p`. */
function axisAngle(p: readonly number[], theta: number): Quaternion {
  const s = Math.sin(theta / 2);
  return normalizeQuaternion([p[0]! * s, p[1]! * s, p[2]! * s, Math.cos(theta / 2)]);
}

/**
 * escnn's Hopf grid (`_so3_hopf_uniform_grid(N)`): about `n` rotations, the HEALPix sphere grid with
 * `N_side = round(√(n / 8π²))` times `m = round(∛(nπ))` rotations by `(i + ¼) 2π/m` about each point,
 * duplicates removed.
 */
export function hopfGrid(n: number): Quaternion[] {
  const m = Math.round(Math.cbrt(n * Math.PI));
  const side = Math.round(Math.sqrt(n / (8 * Math.PI * Math.PI)));
  if (m < 1 || side < 1) return [];
  const out: Quaternion[] = [];
  for (const p of healpixSphereGrid(side)) {
    for (let i = 0; i < m; i++) out.push(axisAngle(p, ((i + 0.25) * 2 * Math.PI) / m));
  }
  return uniqueRotations(out);
}

/**
 * escnn's Fibonacci grid (`_so3_hopf_fibonacci_grid(N)`): the Fibonacci sphere grid of `round(∛(n²/π))` points
 * times `m = round(∛(nπ))` rotations by `2πi/m` about each point, duplicates removed.
 */
export function fibonacciGrid(n: number): Quaternion[] {
  const m = Math.round(Math.cbrt(n * Math.PI));
  const points = Math.round(Math.cbrt((n * n) / Math.PI));
  if (m < 1 || points < 1) return [];
  const out: Quaternion[] = [];
  for (const p of fibonacciSphereGrid(points)) {
    for (let i = 0; i < m; i++) out.push(axisAngle(p, (i * 2 * Math.PI) / m));
  }
  return uniqueRotations(out);
}

/**
 * escnn's HEALPix sphere grid (`_spherical_healpix_grid(N_side)`): `12 N_side²` points, the northern polar
 * cap and equatorial belt, preceded by the mirror images (z → −z) of the points with z > 0.
 */
export function healpixSphereGrid(side: number): Point3[] {
  const north: Point3[] = [];
  const push = (cosTheta: number, phi: number) => {
    const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
    north.push([Math.cos(phi) * sinTheta, Math.sin(phi) * sinTheta, cosTheta]);
  };
  for (let i = 1; i < side; i++) {
    for (let j = 1; j <= 4 * i; j++) push(1 - (i * i) / (3 * side * side), (Math.PI / (2 * i)) * (j - 0.5));
  }
  for (let i = side; i <= 2 * side; i++) {
    const s = (i - side + 1) % 2;
    for (let j = 1; j <= 4 * side; j++)
      push(4 / 3 - (2 * i) / (3 * side), (Math.PI / (2 * side)) * (j - s / 2));
  }
  const south = north.filter((p) => p[2] > 0).map(([x, y, z]): Point3 => [x, y, -z]);
  return [...south, ...north];
}

/**
 * escnn's Fibonacci sphere grid (`_fibonacci_sphere_samples(N)`): point i has `y = 1 − 2i/(N−1)` and longitude
 * `i π(3 − √5)` about the y axis (`x = cos`, `z = sin`).
 */
export function fibonacciSphereGrid(n: number): Point3[] {
  const golden = Math.PI * (3 - Math.sqrt(5));
  return Array.from({ length: n }, (_, i): Point3 => {
    // escnn divides by N − 1: a single point sits at y = NaN there; put it at the north pole of y.
    const y = n === 1 ? 1 : 1 - 2 * (i / (n - 1));
    const r = Math.sqrt(Math.max(0, 1 - y * y));
    const theta = golden * i;
    return [Math.cos(theta) * r, y, Math.sin(theta) * r];
  });
}

/**
 * escnn's longitude–latitude grid (`_longlat_sphere_grid(N, M)`): the north pole, `M − 2` circles of `N`
 * points at colatitudes `kπ/(M−1)` and longitudes `2πi/N`, the south pole.
 */
export function longLatSphereGrid(n: number, m: number): Point3[] {
  const out: Point3[] = [[0, 0, 1]];
  for (let la = 1; la < m - 1; la++) {
    const z = Math.cos((la * Math.PI) / (m - 1));
    const r = Math.sqrt(1 - z * z);
    for (let lo = 0; lo < n; lo++) {
      const phi = (lo * 2 * Math.PI) / n;
      out.push([Math.cos(phi) * r, Math.sin(phi) * r, z]);
    }
  }
  out.push([0, 0, -1]);
  return out;
}

/** `n` points uniform on the sphere: three normal draws (Box–Muller on `uniformStream`), normalized. */
export function randomSpherePoints(n: number, seed: number): Point3[] {
  const rand = uniformStream(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: n }, (): Point3 => {
    for (;;) {
      const v = [normal(), normal(), normal()];
      const r = Math.hypot(v[0]!, v[1]!, v[2]!);
      if (r > 1e-12) return [v[0]! / r, v[1]! / r, v[2]! / r];
    }
  });
}

/**
 * escnn's Platonic sphere grids (`_plato_sphere_samples`): the orbit of the north pole (or, for
 * `'cube_vertices'`, of `(1, 1, 1)/√3`) under the solid's rotations, duplicates removed, in order of first
 * appearance.
 */
export function platonicSpherePoints(type: 'ico' | 'cube' | 'tetra' | 'cube_vertices'): Point3[] {
  const solid = type === 'cube_vertices' ? 'cube' : type;
  const origin = type === 'cube_vertices' ? [1, 1, 1].map((x) => x / Math.sqrt(3)) : [0, 0, 1];
  const out: Point3[] = [];
  for (const q of platonicRotations(solid)) {
    const R = quaternionToMatrix(q);
    const p: Point3 = [0, 1, 2].map(
      (r) => R[r * 3]! * origin[0]! + R[r * 3 + 1]! * origin[1]! + R[r * 3 + 2]! * origin[2]!,
    ) as Point3;
    if (!out.some((o) => Math.hypot(o[0] - p[0], o[1] - p[1], o[2] - p[2]) <= 1e-7)) out.push(p);
  }
  return out;
}
