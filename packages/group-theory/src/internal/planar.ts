/**
 * Shared numerics of the planar groups (C_N, D_N, SO(2), O(2)): angles modulo 2π, the rotation and
 * reflection matrices escnn calls `psi` and `psichi`, and the parsing of 2×2 rotation matrices.
 */
import { Matrix } from 'ml-matrix';

/** 2π. */
export const TWO_PI = 2 * Math.PI;

/** `a mod n` in `[0, n)`, also for negative `a` (JavaScript's `%` keeps the sign of `a`). */
export function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/** Angle in `[0, 2π)`. */
export function wrapAngle(theta: number): number {
  const r = mod(theta, TWO_PI);
  // `mod` can return exactly 2π for tiny negative inputs because of rounding.
  return r >= TWO_PI ? 0 : r;
}

/** Distance of `a - b` to the nearest multiple of `period`. */
export function cyclicDistance(a: number, b: number, period: number): number {
  const d = mod(a - b, period);
  return Math.min(d, period - d);
}

/**
 * escnn's `cycle_isclose`: is `a - b` close to a multiple of `period` (relative tolerance 1e-9 and absolute
 * tolerance 1e-11 as Python's `math.isclose`)?
 */
export function cycleIsClose(a: number, b: number, period: number, rtol = 1e-9, atol = 1e-11): boolean {
  const d = mod(a - b, period);
  const close0 = Math.abs(d) <= Math.max(rtol * Math.abs(d), atol);
  const closeS = Math.abs(d - period) <= Math.max(rtol * Math.max(Math.abs(d), period), atol);
  return close0 || closeS;
}

/**
 * Row-major 2×2 rotation by `k θ + γ` (escnn's `psi(theta, k, gamma)`, exported by `escnn.group`):
 * `[[cos, -sin], [sin, cos]]`.
 */
export function psi(theta: number, k = 1, gamma = 0): Float64Array {
  const x = k * theta + gamma;
  const c = Math.cos(x);
  const s = Math.sin(x);
  return Float64Array.of(c, -s, s, c);
}

/**
 * Row-major 2×2 `diag(1, -1)` (the reflection of the y axis) when `s = 1`, the identity when `s = 0` (escnn's
 * `chi(s)`).
 */
export function chi(s: 0 | 1): Float64Array {
  return Float64Array.of(1, 0, 0, s ? -1 : 1);
}

/**
 * Row-major `psi(θ, k, γ) · chi(flip)` (escnn's `psichi`): the rotation by `kθ + γ` when `flip = 0`, the
 * reflection across the axis at angle `(kθ + γ)/2` when `flip = 1` (chi(1) = diag(1, -1) flips the y axis).
 */
export function psichi(theta: number, flip: number, k = 1, gamma = 0): Float64Array {
  const x = k * theta + gamma;
  const c = Math.cos(x);
  const sn = Math.sin(x);
  const s = flip ? -1 : 1;
  return Float64Array.of(c, -s * sn, sn, s * c);
}

/** A row-major `rows × cols` Float64Array as an ml-matrix Matrix (fresh). */
export function toMatrix(data: ArrayLike<number>, rows: number, cols: number = rows): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, data[i * cols + j]!);
  return m;
}

/** `[[cos, -sin], [sin, cos]]` as a fresh Matrix. */
export function rotationMatrix(theta: number): Matrix {
  return toMatrix(psi(theta), 2);
}

/** Reads a 2×2 matrix given as an ml-matrix `Matrix` or nested arrays; `null` when it is not one. */
function read2x2(value: unknown): [number, number, number, number] | null {
  let entries: number[];
  if (value instanceof Matrix) {
    if (value.rows !== 2 || value.columns !== 2) return null;
    entries = [value.get(0, 0), value.get(0, 1), value.get(1, 0), value.get(1, 1)];
  } else if (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((row) => Array.isArray(row) && row.length === 2)
  ) {
    entries = (value as unknown[][]).flat() as number[];
  } else {
    return null;
  }
  if (!entries.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
  return entries as [number, number, number, number];
}

/**
 * The angle of a 2×2 rotation matrix (`det = 1`, `R Rᵀ = I` to 1e-6), `atan2((m10 - m01)/2, (m00 + m11)/2)`
 * as escnn's SO(2); `null` when the matrix is not a rotation.
 */
export function rotationAngle(value: unknown): number | null {
  const m = read2x2(value);
  if (m === null) return null;
  const [a, b, c, d] = m;
  const tol = 1e-6;
  if (Math.abs(a * d - b * c - 1) > tol) return null;
  if (
    Math.abs(a * a + b * b - 1) > tol ||
    Math.abs(c * c + d * d - 1) > tol ||
    Math.abs(a * c + b * d) > tol
  ) {
    return null;
  }
  return Math.atan2((c - b) / 2, (a + d) / 2);
}

/** True for a finite integer (JavaScript number). */
export function isInteger(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}
