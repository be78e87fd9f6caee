/**
 * The fourteen spatial gspaces of escnn (`escnn/gspaces/r3.py`), each the {@link GSpace3D} of one O(3) subgroup
 * id, with escnn's arguments and defaults.
 */
import { checkMaximumFrequency, GroupElement, InvalidArgumentError, o3Group } from '@steerable/group-theory';
import { GSpace3D } from './r3.js';

/** Options of {@link rot3dOnR3} and {@link flipRot3dOnR3}. */
export interface Rot3dOnR3Options {
  /**
   * Largest rotation frequency of the irreps listed.
   * @defaultValue 2
   */
  readonly maximumFrequency?: number;
}

/** Options of {@link rot2dOnR3} and {@link cylindricalOnR3}. */
export interface AxialOnR3Options {
  /**
   * An element `A` of O(3) that conjugates the subgroup: its rotations are about `A⁻¹ (0, 0, 1)ᵀ` instead of z.
   * @defaultValue none (the identity)
   */
  readonly adjoint?: GroupElement;
  /**
   * Largest frequency of the irreps listed when `n = -1`.
   * @defaultValue 2
   */
  readonly maximumFrequency?: number;
}

/** Options of {@link dihedralOnR3}, {@link conicalOnR3} and {@link fullCylindricalOnR3}. */
export interface FlipAxialOnR3Options extends AxialOnR3Options {
  /**
   * Angle (radians) in the xy plane of the axis of the flips (the π rotations about an axis of the plane, the
   * mirrors of a cone).
   * @defaultValue π/2
   */
  readonly axis?: number;
}

/** Options of {@link mirOnR3}. */
export interface MirOnR3Options {
  /**
   * Angle (radians) in the xy plane that places the mirror (escnn's `axis`; π/2 mirrors `x ↦ −x`).
   * @defaultValue π/2
   */
  readonly axis?: number;
  /**
   * An element of O(3) that conjugates the subgroup.
   * @defaultValue none (the identity)
   */
  readonly adjoint?: GroupElement;
}

/** Checks the rotation count: a positive integer or -1 (escnn's `n == -1 or n > 0`). */
function checkN(fn: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || !(n === -1 || n > 0)) {
    throw new InvalidArgumentError(
      fn,
      'n',
      n,
      'must be a positive integer (discrete rotations) or -1 (all rotations)',
    );
  }
  return n;
}

/** Checks a flip axis: a finite angle in radians. */
function checkAxis(fn: string, axis: unknown): number {
  if (typeof axis !== 'number' || !Number.isFinite(axis)) {
    throw new InvalidArgumentError(fn, 'options.axis', axis, 'must be a finite angle in radians');
  }
  return axis;
}

/** The id with the adjoint appended when given (escnn appends it, even the identity). */
function withAdjoint(fn: string, id: readonly unknown[], adjoint: unknown): unknown[] {
  if (adjoint === undefined) return [...id];
  if (!(adjoint instanceof GroupElement) || !adjoint.group.equals(o3Group())) {
    throw new InvalidArgumentError(fn, 'options.adjoint', adjoint, 'must be an element of O(3)');
  }
  return [...id, adjoint];
}

/** Checks the maximum frequency option. */
function frequency(fn: string, value: unknown): number {
  return checkMaximumFrequency(fn, value ?? 2, 'options.maximumFrequency');
}

/**
 * All rotations and the inversion of space: O(3) on R³, id `'o3'` (escnn's `flipRot3dOnR3`).
 * @throws InvalidArgumentError for a bad maximum frequency.
 */
export function flipRot3dOnR3(options: Rot3dOnR3Options = {}): GSpace3D {
  return new GSpace3D('o3', { maximumFrequency: frequency('flipRot3dOnR3', options.maximumFrequency) });
}

/**
 * All rotations of space: SO(3) on R³, id `'so3'` (escnn's `rot3dOnR3`).
 * @throws InvalidArgumentError for a bad maximum frequency.
 */
export function rot3dOnR3(options: Rot3dOnR3Options = {}): GSpace3D {
  return new GSpace3D('so3', { maximumFrequency: frequency('rot3dOnR3', options.maximumFrequency) });
}

/** The 120 symmetries of the icosahedron, rotations and their inversions: I_h, id `[true, 'ico']`. */
export function fullIcoOnR3(): GSpace3D {
  return new GSpace3D([true, 'ico'], { maximumFrequency: 4 });
}

/** The 60 rotations of the icosahedron (or dodecahedron): I, id `[false, 'ico']` (escnn's `icoOnR3`). */
export function icoOnR3(): GSpace3D {
  return new GSpace3D([false, 'ico'], { maximumFrequency: 4 });
}

/** The 48 symmetries of the cube, rotations and their inversions: O_h, id `[true, 'octa']`. */
export function fullOctaOnR3(): GSpace3D {
  return new GSpace3D([true, 'octa'], { maximumFrequency: 3 });
}

/** The 24 rotations of the cube (or octahedron): O, id `[false, 'octa']` (escnn's `octaOnR3`). */
export function octaOnR3(): GSpace3D {
  return new GSpace3D([false, 'octa'], { maximumFrequency: 3 });
}

/**
 * Rotations about z by multiples of `2π/n` (all of them for `n = -1`) and the π rotations about the axis at
 * angle `axis` in the xy plane (and its rotated copies): D_n or O(2), id `[false, 2·axis, n]` (escnn's
 * `dihedralOnR3`).
 * @throws InvalidArgumentError for a bad `n`, axis, adjoint or maximum frequency.
 */
export function dihedralOnR3(n = -1, options: FlipAxialOnR3Options = {}): GSpace3D {
  const fn = 'dihedralOnR3';
  checkN(fn, n);
  const axis = checkAxis(fn, options.axis ?? Math.PI / 2);
  const maximumFrequency = frequency(fn, options.maximumFrequency);
  return new GSpace3D(withAdjoint(fn, [false, 2 * axis, n], options.adjoint), { maximumFrequency });
}

/**
 * Rotations about z by multiples of `2π/n` (all of them for `n = -1`): C_n or SO(2), id `[false, false, n]`
 * (escnn's `rot2dOnR3`).
 * @throws InvalidArgumentError for a bad `n`, adjoint or maximum frequency.
 */
export function rot2dOnR3(n = -1, options: AxialOnR3Options = {}): GSpace3D {
  const fn = 'rot2dOnR3';
  checkN(fn, n);
  const maximumFrequency = frequency(fn, options.maximumFrequency);
  return new GSpace3D(withAdjoint(fn, [false, false, n], options.adjoint), { maximumFrequency });
}

/**
 * The symmetries of a cone about z: rotations about z by multiples of `2π/n` (all for `n = -1`) and the mirrors
 * through planes containing z: D_n or O(2), id `['cone', 2·axis, n]` (escnn's `conicalOnR3`).
 * @throws InvalidArgumentError for a bad `n`, axis, adjoint or maximum frequency.
 */
export function conicalOnR3(n = -1, options: FlipAxialOnR3Options = {}): GSpace3D {
  const fn = 'conicalOnR3';
  checkN(fn, n);
  const axis = checkAxis(fn, options.axis ?? Math.PI / 2);
  const maximumFrequency = frequency(fn, options.maximumFrequency);
  return new GSpace3D(withAdjoint(fn, ['cone', 2 * axis, n], options.adjoint), { maximumFrequency });
}

/**
 * One mirror: C_2 made of the identity and the reflection through a plane containing z, id `['cone', 2·axis, 1]`
 * (escnn's `mirOnR3`; the default mirrors `x ↦ −x`).
 * @throws InvalidArgumentError for a bad axis or adjoint.
 */
export function mirOnR3(options: MirOnR3Options = {}): GSpace3D {
  const fn = 'mirOnR3';
  const axis = checkAxis(fn, options.axis ?? Math.PI / 2);
  return new GSpace3D(withAdjoint(fn, ['cone', 2 * axis, 1], options.adjoint), { maximumFrequency: 1 });
}

/**
 * The dihedral group of {@link dihedralOnR3} and its products with the inversion: D_n × C_2 or O(2) × C_2,
 * id `[true, axis, n]`. As escnn, `axis` enters the id as it is (not doubled as in `dihedralOnR3`): the flips are
 * the π rotations about the axis at angle `axis / 2` (escnn's `fullCylindricalOnR3`).
 * @throws InvalidArgumentError for a bad `n`, axis, adjoint or maximum frequency.
 */
export function fullCylindricalOnR3(n = -1, options: FlipAxialOnR3Options = {}): GSpace3D {
  const fn = 'fullCylindricalOnR3';
  checkN(fn, n);
  const axis = checkAxis(fn, options.axis ?? Math.PI / 2);
  const maximumFrequency = frequency(fn, options.maximumFrequency);
  return new GSpace3D(withAdjoint(fn, [true, axis, n], options.adjoint), { maximumFrequency });
}

/**
 * Rotations about z by multiples of `2π/n` (all for `n = -1`) and their products with the inversion:
 * C_n × C_2 or SO(2) × C_2, id `[true, false, n]` (escnn's `cylindricalOnR3`).
 * @throws InvalidArgumentError for a bad `n`, adjoint or maximum frequency.
 */
export function cylindricalOnR3(n = -1, options: AxialOnR3Options = {}): GSpace3D {
  const fn = 'cylindricalOnR3';
  checkN(fn, n);
  const maximumFrequency = frequency(fn, options.maximumFrequency);
  return new GSpace3D(withAdjoint(fn, [true, false, n], options.adjoint), { maximumFrequency });
}

/** The inversion `x ↦ −x` of space: C_2, id `[true, false, 1]` (escnn's `invOnR3`). */
export function invOnR3(): GSpace3D {
  return new GSpace3D([true, false, 1], { maximumFrequency: 1 });
}

/**
 * Space with no origin-preserving symmetry (trivial fiber group C1, id `[false, false, 1]`): the symmetries of a
 * conventional 3D CNN, translations only (escnn's `trivialOnR3`).
 */
export function trivialOnR3(): GSpace3D {
  return new GSpace3D([false, false, 1], { maximumFrequency: 1 });
}
