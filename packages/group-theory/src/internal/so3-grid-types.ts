/**
 * The grid types of SO(3)'s `grid` and `sphereGrid` (escnn's `_grid` / `_sphere_grid` names) and their
 * argument checks.
 */
import { InvalidArgumentError } from '../errors.js';
import {
  fibonacciGrid,
  fibonacciSphereGrid,
  healpixSphereGrid,
  hopfGrid,
  longLatSphereGrid,
  type Point3,
  platonicRotations,
  platonicSpherePoints,
  randomRotations,
  randomSpherePoints,
} from './so3-grids.js';
import type { Quaternion } from './so3-quaternion.js';
import { thomsonCubeRotations, thomsonCubeSphere, thomsonRotations, thomsonSphere } from './so3-thomson.js';

/** escnn's SO(3) grid types. */
const SO3_GRID_TYPES = Object.freeze([
  'rand',
  'ico',
  'cube',
  'tetra',
  'hopf',
  'fibonacci',
  'thomson',
  'thomson_cube',
]);

/** escnn's sphere grid types. */
const SPHERE_GRID_TYPES = Object.freeze([
  'rand',
  'ico',
  'cube',
  'tetra',
  'cube_vertices',
  'healpix',
  'fibonacci',
  'longlat',
  'thomson',
  'thomson_cube',
]);

/** Options of the sphere grids. */
export interface SphereGridOptions {
  /**
   * Seed of `'rand'` (and of the starting points of `'thomson'`, `'thomson_cube'`).
   * @defaultValue 0
   */
  readonly seed?: number;
  /**
   * `'longlat'`: the number of latitudes `M` (poles included, at least 2); `n` is the number of longitudes.
   * @defaultValue n
   */
  readonly latitudes?: number;
}

/**
 * Checks an SO(3) grid type.
 * @throws InvalidArgumentError when `type` is not one of {@link SO3_GRID_TYPES}.
 */
export function checkGridType(fn: string, type: unknown): string {
  if (typeof type !== 'string' || !SO3_GRID_TYPES.includes(type)) {
    throw new InvalidArgumentError(
      fn,
      'type',
      type,
      `must be one of ${SO3_GRID_TYPES.map((t) => `'${t}'`).join(', ')}`,
    );
  }
  return type;
}

/** The rotations of an SO(3) grid of a checked type, `n` checked, `seed` an integer. */
export function so3GridRotations(type: string, n: number, seed: number): Quaternion[] {
  switch (type) {
    case 'rand':
      return randomRotations(n, seed);
    case 'ico':
    case 'cube':
    case 'tetra':
      return platonicRotations(type);
    case 'hopf':
      return hopfGrid(n);
    case 'fibonacci':
      return fibonacciGrid(n);
    case 'thomson':
      return thomsonRotations(n, seed);
    default:
      return thomsonCubeRotations(n, seed);
  }
}

/**
 * The points of a sphere grid (escnn's `_sphere_grid(type, ...)`).
 * @throws InvalidArgumentError for an unknown type, a bad `n`, seed or number of latitudes.
 */
export function sphereGridPoints(
  fn: string,
  type: unknown,
  n: unknown,
  options?: SphereGridOptions,
): Point3[] {
  if (typeof type !== 'string' || !SPHERE_GRID_TYPES.includes(type)) {
    throw new InvalidArgumentError(
      fn,
      'type',
      type,
      `must be one of ${SPHERE_GRID_TYPES.map((t) => `'${t}'`).join(', ')}`,
    );
  }
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError(fn, 'n', n, 'must be a non-negative integer');
  }
  const seed = options?.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new InvalidArgumentError(fn, 'options.seed', seed, 'must be an integer');
  }
  switch (type) {
    case 'rand':
      return randomSpherePoints(n, seed);
    case 'ico':
    case 'cube':
    case 'tetra':
    case 'cube_vertices':
      return platonicSpherePoints(type);
    case 'healpix':
      if (n < 1)
        throw new InvalidArgumentError(fn, 'n', n, "must be a positive integer (N_side) for 'healpix'");
      return healpixSphereGrid(n);
    case 'fibonacci':
      return fibonacciSphereGrid(n);
    case 'longlat': {
      const m = options?.latitudes ?? n;
      if (typeof m !== 'number' || !Number.isInteger(m) || m < 2) {
        throw new InvalidArgumentError(fn, 'options.latitudes', m, 'must be an integer ≥ 2');
      }
      return longLatSphereGrid(n, m);
    }
    case 'thomson':
      return thomsonSphere(n, seed);
    default:
      return thomsonCubeSphere(n, seed);
  }
}
