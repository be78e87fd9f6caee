/**
 * escnn's ids of the subgroups of SO(3) and O(3), read as escnn's `_process_subgroup_id` reads them: Python's
 * tuples are arrays (`None` → `null`, `True`/`False` → `true`/`false`), a bare string is the 1-tuple, and an
 * optional last entry, an element `A` of the group, conjugates the subgroup: `H_A = A⁻¹ H A`.
 *
 * SO(3) ids (before the optional adjoint):
 *
 * | id                  | subgroup                                                                         |
 * | ------------------- | -------------------------------------------------------------------------------- |
 * | `'so3'`             | SO(3)                                                                            |
 * | `'ico'`, `'octa'`   | the rotations of the icosahedron / the cube                                      |
 * | `[false, -1]`       | SO(2), the rotations about z                                                     |
 * | `[false, N]`        | C_N about z (`[false, 1]` is the trivial group)                                  |
 * | `[true, -1]`        | O(2): SO(2) and the π rotations about the axes of the xy plane                   |
 * | `[true, N]`, N > 1  | D_N: C_N and the π rotation about x                                              |
 * | `[θ, N]` (a number) | O(2) / D_N whose π rotation is about the axis at angle θ/2 in the xy plane       |
 * | `[true, 1]`         | the C_2 of the π rotation about x, escnn's `[false, 2]` conjugated by `Ry(−π/2)` |
 *
 * O(3) ids: `'so3'` / `'o3'` (escnn's `[false, 'so3']` / `[true, 'so3']`), `[false, ...so3Id]` for a subgroup of
 * SO(3) (`[false, 'ico']`, `[false, false, N]`, `[false, true, N]`, `[false, θ, N]`), `[true, ...so3Id]` for
 * its product with the inversion `{I, −I}` (`[true, 'ico' | 'octa']` I_h / O_h, `[true, false, -1]` SO(2) × C_2,
 * `[true, false, N]` C_N × C_2 with `[true, false, 1]` the inversions alone, `[true, true | θ, N]` O(2) / D_N ×
 * C_2), and the cones `['cone', N]`: O(2) (N = −1), D_N (N > 1) or the mirror C_2 (N = 1) made of the rotations
 * about z and the mirror `−Ry(π)` across the xz plane. `['cone', θ, N]` conjugates it by `Rz(θ/2)`, escnn's
 * reading, so that its mirrors are `Rz(−θ)·(−Ry(π))`, the O(2) angle −θ (escnn documents +θ; the two agree for
 * `mirOnR3`'s default θ = π). escnn raises for `'tetra'` and `'fulltetra'`: they are unknown ids here.
 */
import { GroupElement } from '../element.js';
import { UnknownSubgroupError } from '../errors.js';
import type { Group } from '../group.js';
import { isInteger } from './planar.js';
import type { Quaternion } from './so3-quaternion.js';

/** A subgroup of SO(3) up to conjugation: escnn's processed id without its adjoint. */
export type So3Shape =
  | { readonly kind: 'so3' }
  | { readonly kind: 'ico' }
  | { readonly kind: 'octa' }
  | { readonly kind: 'planar'; readonly flip: boolean; readonly n: number };

/**
 * A subgroup of O(3) up to conjugation: a subgroup of SO(3) (escnn's `(False, ...)`), its product with the
 * inversions (`(True, ...)`; with shape `so3` this is O(3) itself), or a cone (`('cone', N)`).
 */
export type O3Shape =
  | { readonly kind: 'rotations' | 'inversions'; readonly shape: So3Shape }
  | { readonly kind: 'cone'; readonly n: number };

/** An id after escnn's `_process_subgroup_id`: the shape and the conjugating element (the identity if none). */
export interface ProcessedSubgroupId<S> {
  readonly shape: S;
  readonly adjoint: GroupElement;
}

/** The rotation by `angle` about z, as a quaternion `[x, y, z, w]`. */
export function rotationZ(angle: number): Quaternion {
  return [0, 0, Math.sin(angle / 2), Math.cos(angle / 2)];
}

/** The rotation by `angle` about y. */
function rotationY(angle: number): Quaternion {
  return [0, Math.sin(angle / 2), 0, Math.cos(angle / 2)];
}

/** The id forms, for error messages. */
const SO3_ID_FORMS =
  "'so3', 'ico', 'octa', [false, N], [true, N], [θ, N] (N = -1 or N ≥ 1), each with an optional adjoint element last";
const O3_ID_FORMS =
  "'o3', 'so3', [b, 'so3' | 'ico' | 'octa'], [b, false | true | θ, N] (b = false: rotations, true: with the inversions), ['cone', N], ['cone', θ, N], each with an optional adjoint element last";

/** Splits off the adjoint: the last entry when it is an element of `G`, else the identity. */
function splitAdjoint(G: Group, id: unknown, fail: () => Error): { parts: unknown[]; adjoint: GroupElement } {
  const parts = Array.isArray(id) ? [...id] : [id];
  const last = parts[parts.length - 1];
  if (!(last instanceof GroupElement)) return { parts, adjoint: G.identity };
  if (!last.group.equals(G)) throw fail();
  parts.pop();
  return { parts, adjoint: last };
}

/** True for N = −1 or an integer N ≥ `min`. */
function isOrder(n: unknown, min: number): n is number {
  return isInteger(n) && (n === -1 || n >= min);
}

/** A planar shape `[flip, N]` (after the float and `[true, 1]` conversions), or null. */
function planarShape(flip: unknown, n: unknown): So3Shape | null {
  if (flip === false && isOrder(n, 1)) return { kind: 'planar', flip: false, n };
  if (flip === true && isOrder(n, 2)) return { kind: 'planar', flip: true, n };
  return null;
}

/** The shape of a 1-string id `'so3' | 'ico' | 'octa'`, or null. */
function namedShape(name: unknown): So3Shape | null {
  if (name === 'so3') return { kind: 'so3' };
  if (name === 'ico') return { kind: 'ico' };
  return name === 'octa' ? { kind: 'octa' } : null;
}

/**
 * escnn's `SO3._process_subgroup_id`: `rotation(q)` builds the element of `G` of a rotation.
 * @throws UnknownSubgroupError for an id that is not one of SO(3)'s.
 */
export function processSo3Id(
  G: Group,
  id: unknown,
  fn: string,
  rotation: (q: Quaternion) => GroupElement,
): ProcessedSubgroupId<So3Shape> {
  const fail = () => new UnknownSubgroupError(fn, `${G.name} (ids: ${SO3_ID_FORMS})`, id);
  const split = splitAdjoint(G, id, fail);
  let { parts, adjoint } = split;
  if (parts.length === 2 && typeof parts[0] === 'number') {
    // [θ, N]: the π rotation about the axis θ/2 is Rz(θ/2)·Rx(π)·Rz(−θ/2), i.e. [true, N] conjugated.
    if (!Number.isFinite(parts[0])) throw fail();
    adjoint = rotation(rotationZ(-parts[0] / 2)).combine(adjoint);
    parts = [true, parts[1]];
  }
  if (parts.length === 2 && parts[0] === true && parts[1] === 1) {
    // Rx(π) = Ry(π/2)·Rz(π)·Ry(−π/2): the C_2 about z conjugated by Ry(−π/2).
    adjoint = rotation(rotationY(-Math.PI / 2)).combine(adjoint);
    parts = [false, 2];
  }
  const shape =
    parts.length === 1 ? namedShape(parts[0]) : parts.length === 2 ? planarShape(parts[0], parts[1]) : null;
  if (shape === null) throw fail();
  return { shape, adjoint };
}

/**
 * escnn's `O3._process_subgroup_id`: `rotation(q)` builds the element `(0, q)` of O(3).
 * @throws UnknownSubgroupError for an id that is not one of O(3)'s.
 */
export function processO3Id(
  G: Group,
  id: unknown,
  fn: string,
  rotation: (q: Quaternion) => GroupElement,
): ProcessedSubgroupId<O3Shape> {
  const fail = () => new UnknownSubgroupError(fn, `${G.name} (ids: ${O3_ID_FORMS})`, id);
  const split = splitAdjoint(G, id, fail);
  let { parts, adjoint } = split;
  if (parts[0] === 'so3') parts = [false, 'so3', ...parts.slice(1)];
  else if (parts[0] === 'o3') parts = [true, 'so3', ...parts.slice(1)];
  const b = parts[0];
  if (typeof b === 'boolean') {
    if (parts.length === 3 && typeof parts[1] === 'number') {
      if (!Number.isFinite(parts[1])) throw fail();
      adjoint = rotation(rotationZ(-parts[1] / 2)).combine(adjoint);
      parts = [b, true, parts[2]];
    }
    if (parts.length === 3 && parts[1] === true && parts[2] === 1) {
      adjoint = rotation(rotationY(-Math.PI / 2)).combine(adjoint);
      parts = [b, false, 2];
    }
    // The inversions commute with everything: their subgroup is its own conjugate.
    if (b && parts.length === 3 && parts[1] === false && parts[2] === 1) adjoint = G.identity;
    const rest = parts.slice(1);
    const shape =
      rest.length === 1 ? namedShape(rest[0]) : rest.length === 2 ? planarShape(rest[0], rest[1]) : null;
    if (shape === null) throw fail();
    return { shape: { kind: b ? 'inversions' : 'rotations', shape }, adjoint };
  }
  if (b === 'cone') {
    if (
      parts.length === 3 &&
      typeof parts[1] === 'number' &&
      Number.isFinite(parts[1]) &&
      isInteger(parts[2])
    ) {
      // escnn's reading of ['cone', θ, N]: conjugation by Rz(θ/2) from the left of the adjoint.
      adjoint = rotation(rotationZ(parts[1] / 2)).combine(adjoint);
      parts = ['cone', parts[2]];
    }
    if (parts.length === 2 && isOrder(parts[1], 1)) return { shape: { kind: 'cone', n: parts[1] }, adjoint };
  }
  throw fail();
}

/** The id of an SO(3) shape: `'so3'`, `'ico'`, `'octa'` or `[flip, N]`. */
export function so3ShapeId(shape: So3Shape): string | [boolean, number] {
  return shape.kind === 'planar' ? [shape.flip, shape.n] : shape.kind;
}

/** `parts` with the adjoint appended unless it is the identity (then a lone string stays a string). */
export function withAdjoint(parts: string | readonly unknown[], adjoint: GroupElement): unknown {
  const list = typeof parts === 'string' ? [parts] : [...parts];
  if (adjoint.isIdentity()) return typeof parts === 'string' ? parts : Object.freeze(list);
  return Object.freeze([...list, adjoint]);
}

/**
 * A key for a subgroup id that tells apart every id, adjoint elements included at full precision (their
 * `toString` rounds to 4 decimals).
 */
export function preciseSubgroupKey(id: unknown): string {
  if (Array.isArray(id)) return `[${id.map(preciseSubgroupKey).join(',')}]`;
  if (id instanceof GroupElement) return `<${id.group.key}:${JSON.stringify(id.value)}>`;
  if (id === null) return 'null';
  if (typeof id === 'number') return Object.is(id, -0) ? '0' : String(id);
  if (typeof id === 'string') return JSON.stringify(id);
  return `${typeof id}:${String(id)}`;
}
