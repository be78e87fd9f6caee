/**
 * escnn's Thomson grids (`_numerical_thomson`): points spread on the sphere, or rotations on SO(3), by
 * minimizing the Coulomb energy `Σ_{i<j} 1/|x_i − x_j|` (for rotations, the distance between quaternions is
 * `min(|p − q|, |p + q|)`, `q` and `−q` being the same rotation). The `'cube'` variants minimize the energy of
 * the orbits of the points under the 24 rotations of the cube and return those orbits.
 *
 * escnn runs Adam (learning rate 0.1, up to 5000 steps, float32, from unseeded normal points) and caches the
 * result on disk; here the same energy is minimized deterministically in float64: normal starting points from
 * the seed, then up to 5000 Adam steps with a decaying rate and the points renormalized after each, keeping
 * the best configuration. Cost O(steps · n²): meant for the small grids of the Fourier nonlinearities.
 */
import { normalStream } from '../random.js';
import { type Point3, platonicRotations } from './so3-grids.js';
import {
  normalizeQuaternion,
  type Quaternion,
  quaternionMultiply,
  quaternionToMatrix,
} from './so3-quaternion.js';

/**
 * Adam's initial learning rate and moments (escnn's optimizer settings); the rate decays geometrically to
 * {@link FINAL_LEARNING_RATE} over {@link MAX_STEPS}, so that the points settle instead of jittering.
 */
const LEARNING_RATE = 0.1;
const FINAL_LEARNING_RATE = 1e-5;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;
/** Largest number of steps (escnn's 5000). */
const MAX_STEPS = 5000;

/**
 * Minimizes the energy of `n` points of dimension `dim` (unit vectors) given by `energyGradient`, which adds
 * the energy's gradient into `grad` and returns the energy. Stops when the energy no longer changes (to
 * 1e-12 relative) or after {@link MAX_STEPS}; returns the best points.
 */
function minimize(
  x: Float64Array,
  n: number,
  dim: number,
  energyGradient: (x: Float64Array, grad: Float64Array) => number,
): Float64Array {
  const m = new Float64Array(x.length);
  const v = new Float64Array(x.length);
  const grad = new Float64Array(x.length);
  let best = x.slice();
  let bestEnergy = Number.POSITIVE_INFINITY;
  let last = Number.POSITIVE_INFINITY;
  for (let step = 1; step <= MAX_STEPS; step++) {
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let k = 0; k < dim; k++) r += x[i * dim + k]! ** 2;
      r = Math.sqrt(r);
      for (let k = 0; k < dim; k++) x[i * dim + k]! /= r;
    }
    grad.fill(0);
    const energy = energyGradient(x, grad);
    if (Math.abs(energy - last) <= 1e-12 * Math.abs(energy)) break;
    last = energy;
    if (energy < bestEnergy) {
      bestEnergy = energy;
      best = x.slice();
    }
    // Only the tangential part of the gradient moves a unit vector (the radial part is undone by the
    // renormalization).
    for (let i = 0; i < n; i++) {
      let radial = 0;
      for (let k = 0; k < dim; k++) radial += grad[i * dim + k]! * x[i * dim + k]!;
      for (let k = 0; k < dim; k++) grad[i * dim + k]! -= radial * x[i * dim + k]!;
    }
    const rate = LEARNING_RATE * (FINAL_LEARNING_RATE / LEARNING_RATE) ** (step / MAX_STEPS);
    const c1 = 1 - BETA1 ** step;
    const c2 = 1 - BETA2 ** step;
    for (let i = 0; i < x.length; i++) {
      m[i] = BETA1 * m[i]! + (1 - BETA1) * grad[i]!;
      v[i] = BETA2 * v[i]! + (1 - BETA2) * grad[i]! ** 2;
      x[i]! -= (rate * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + EPSILON);
    }
  }
  return best;
}

/** Normal starting points from the seed. */
function start(n: number, dim: number, seed: number): Float64Array {
  const normal = normalStream(seed);
  return Float64Array.from({ length: n * dim }, () => normal());
}

/**
 * Adds to `grad` the gradient of `Σ_{pairs} 1/|a − s b|` over the pairs of rows of `points` (each pair once),
 * `s = ±1` chosen per pair as the closer when `antipodal` (quaternions); returns the energy.
 */
function coulomb(
  points: Float64Array,
  count: number,
  dim: number,
  antipodal: boolean,
  grad: Float64Array,
): number {
  let energy = 0;
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      let minus = 0;
      let plus = 0;
      for (let k = 0; k < dim; k++) {
        const a = points[i * dim + k]!;
        const b = points[j * dim + k]!;
        minus += (a - b) ** 2;
        plus += (a + b) ** 2;
      }
      const s = antipodal && plus < minus ? -1 : 1;
      const d2 = s === 1 ? minus : plus;
      const d = Math.sqrt(Math.max(d2, 1e-300));
      energy += 1 / d;
      const f = 1 / (d2 * d);
      for (let k = 0; k < dim; k++) {
        const diff = points[i * dim + k]! - s * points[j * dim + k]!;
        grad[i * dim + k]! -= f * diff;
        grad[j * dim + k]! += s * f * diff;
      }
    }
  }
  return energy;
}

function rows(x: Float64Array, n: number, dim: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * dim, i * dim + dim)));
}

/** `n` points on the sphere of minimal Coulomb energy (escnn's `thomson_sphere(N)`). */
export function thomsonSphere(n: number, seed: number): Point3[] {
  const x = minimize(start(n, 3, seed), n, 3, (p, g) => coulomb(p, n, 3, false, g));
  return rows(x, n, 3).map((p) => unit(p) as Point3);
}

/** `n` rotations of minimal Coulomb energy on SO(3) (escnn's `thomson_so3(N)`). */
export function thomsonRotations(n: number, seed: number): Quaternion[] {
  const x = minimize(start(n, 4, seed), n, 4, (p, g) => coulomb(p, n, 4, true, g));
  return rows(x, n, 4).map((q) => normalizeQuaternion(q));
}

function unit(p: number[]): number[] {
  const r = Math.hypot(...p);
  return p.map((c) => c / r);
}

/** The row-major rotation matrices of the cube group. */
const cubeMatrices = () => platonicRotations('cube').map((q) => quaternionToMatrix(q));

/**
 * `24 n` points on the sphere: the orbits under the cube's rotations of `n` points minimizing the energy of
 * all `24 n` (escnn's `thomson_cube_sphere(N)`), orbit by orbit, rotation-major as escnn's `_cubify`.
 */
export function thomsonCubeSphere(n: number, seed: number): Point3[] {
  const cube = cubeMatrices();
  const total = cube.length * n;
  const orbit = (p: Float64Array) => {
    const out = new Float64Array(total * 3);
    cube.forEach((R, g) => {
      for (let s = 0; s < n; s++) {
        for (let r = 0; r < 3; r++) {
          let acc = 0;
          for (let c = 0; c < 3; c++) acc += R[r * 3 + c]! * p[s * 3 + c]!;
          out[(g * n + s) * 3 + r] = acc;
        }
      }
    });
    return out;
  };
  const x = minimize(start(n, 3, seed), n, 3, (p, grad) => {
    const all = orbit(p);
    const g = new Float64Array(total * 3);
    const energy = coulomb(all, total, 3, false, g);
    // Pull the gradient back through each rotation: ∂/∂p_s = Σ_g R_gᵀ ∂/∂(R_g p_s).
    cube.forEach((R, k) => {
      for (let s = 0; s < n; s++) {
        for (let c = 0; c < 3; c++) {
          let acc = 0;
          for (let r = 0; r < 3; r++) acc += R[r * 3 + c]! * g[(k * n + s) * 3 + r]!;
          grad[s * 3 + c]! += acc;
        }
      }
    });
    return energy;
  });
  const unitX = Float64Array.from(rows(x, n, 3).flatMap(unit));
  return rows(orbit(unitX), total, 3) as Point3[];
}

/**
 * `24 n` rotations: the products `g q_s` of the cube's rotations with `n` rotations minimizing the energy of
 * all `24 n` (escnn's `thomson_cube_so3(N)`), rotation-major.
 */
export function thomsonCubeRotations(n: number, seed: number): Quaternion[] {
  const cube = platonicRotations('cube');
  const total = cube.length * n;
  const orbit = (p: Float64Array) => {
    const out = new Float64Array(total * 4);
    cube.forEach((g, k) => {
      for (let s = 0; s < n; s++) {
        const q = p.subarray(s * 4, s * 4 + 4);
        out.set(leftMultiply(g, q), (k * n + s) * 4);
      }
    });
    return out;
  };
  const x = minimize(start(n, 4, seed), n, 4, (p, grad) => {
    const all = orbit(p);
    const g = new Float64Array(total * 4);
    const energy = coulomb(all, total, 4, true, g);
    // Left multiplication by a unit quaternion is orthogonal: pull back with its transpose, the conjugate.
    cube.forEach((h, k) => {
      const hc: Quaternion = [-h[0], -h[1], -h[2], h[3]];
      for (let s = 0; s < n; s++) {
        const back = leftMultiply(hc, g.subarray((k * n + s) * 4, (k * n + s) * 4 + 4));
        for (let c = 0; c < 4; c++) grad[s * 4 + c]! += back[c]!;
      }
    });
    return energy;
  });
  const qs = rows(x, n, 4).map((q) => normalizeQuaternion(q));
  return cube.flatMap((g) => qs.map((q) => quaternionMultiply(g, q)));
}

/** The Hamilton product `g q` without normalization (a linear map of `q`). */
function leftMultiply(g: Quaternion, q: ArrayLike<number>): number[] {
  const [gx, gy, gz, gw] = g;
  const [qx, qy, qz, qw] = [q[0]!, q[1]!, q[2]!, q[3]!];
  return [
    gw * qx + gx * qw + gy * qz - gz * qy,
    gw * qy - gx * qz + gy * qw + gz * qx,
    gw * qz + gx * qy - gy * qx + gz * qw,
    gw * qw - gx * qx - gy * qy - gz * qz,
  ];
}
