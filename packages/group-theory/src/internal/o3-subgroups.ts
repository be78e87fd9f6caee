/**
 * The subgroups of O(3) by escnn's ids (see `so3-subgroup-ids.ts`), built as escnn's `O3._subgroup`: the
 * subgroups of SO(3) (flag 0), their products with the inversions `{I, −I}` (escnn's `full_ico_group`,
 * `full_octa_group`, cylinder groups, and C_2 for the inversions alone) and the cones (O(2), D_N, the mirror
 * C_2). Elements of O(3) are `[i, q]`: `(−I)^i` times the rotation `q`. Restrictions follow `O3._restrict_irrep`
 * (closed forms for SO(3)'s subgroups, the inversions and the cone O(2); escnn's numerical decomposition for the
 * others), combined ids `O3._combine_subgroups`.
 */
import { cyclicGroup } from '../cyclic.js';
import {
  cylinderDiscreteGroup,
  cylinderGroup,
  fullCylinderDiscreteGroup,
  fullCylinderGroup,
} from '../cylinders.js';
import { dihedralGroup } from '../dihedral.js';
import type { DirectProductGroup } from '../direct-product.js';
import type { GroupElement } from '../element.js';
import { fullIcoGroup, fullOctaGroup } from '../full-polyhedral.js';
import type { Group, RestrictedIrrep, SubgroupMap } from '../group.js';
import type { IrreducibleRepresentation } from '../irrep.js';
import { o2Group } from '../o2.js';
import { so3Group } from '../so3.js';
import { TWO_PI } from './planar.js';
import { type Quaternion, quaternionMultiply } from './so3-quaternion.js';
import {
  type O3Shape,
  processO3Id,
  rotationZ,
  type So3Shape,
  so3ShapeId,
  withAdjoint,
} from './so3-subgroup-ids.js';
import {
  cachedRestriction,
  conjugated,
  copies,
  numericRestriction,
  o2Restriction,
  type Restriction,
  so2Restriction,
  whole,
} from './so3-subgroup-restrictions.js';
import {
  angleAboutZ,
  conjugatedSubgroupMap,
  type Embedding,
  flipQuaternion,
  type ProcessedSubgroupMap,
  planarCombinedParts,
  planarValue,
  so3Embedding,
  so3ShapeRestriction,
  tryElement,
} from './so3-subgroups.js';
import { subgroupKey } from './subgroup.js';

type Value = readonly [number, Quaternion];

const IDENTITY: Quaternion = [0, 0, 0, 1];
/** `Ry(π)`: with the inversion, the mirror `−Ry(π)` across the xz plane (escnn's cone `reflection`). */
const Y_HALF_TURN: Quaternion = [0, 1, 0, 0];
const ZERO = 1e-8;

const COMPANIONS = new WeakMap<Group, Group>();

/** The SO(3) whose subgroups are O(3)'s rotation subgroups (same band limit). */
function companion(G: Group, L: number): Group {
  let S = COMPANIONS.get(G);
  if (S === undefined) {
    S = so3Group(L);
    COMPANIONS.set(G, S);
  }
  return S;
}

function isIdentityRotation(q: Quaternion): boolean {
  return Math.abs(q[0]) <= ZERO && Math.abs(q[1]) <= ZERO && Math.abs(q[2]) <= ZERO;
}

/** The group and embedding of an O(3) shape. */
function o3Embedding(G: Group, shape: O3Shape, L: number): Embedding<Value> {
  if (shape.kind === 'rotations') {
    const e = so3Embedding(shape.shape, companion(G, L), L);
    return {
      subgroup: e.subgroup,
      embed: (h) => [0, e.embed(h)],
      pull: ([i, q]) => (i === 0 ? e.pull(q) : null),
    };
  }
  if (shape.kind === 'cone') return coneEmbedding(shape.n, L);
  const s = shape.shape;
  if (s.kind === 'so3')
    return { subgroup: G, embed: (h) => h.value as Value, pull: (v) => G.element(v, 'Q') };
  if (s.kind === 'ico' || s.kind === 'octa') {
    const H = s.kind === 'ico' ? fullIcoGroup() : fullOctaGroup();
    return {
      subgroup: H,
      embed: (h) => h.to('[int | Q]') as Value,
      pull: (v) => tryElement(H, v, '[int | Q]'),
    };
  }
  if (!s.flip && s.n === 1) {
    const H = cyclicGroup(2);
    return {
      subgroup: H,
      embed: (h) => [h.value as number, IDENTITY],
      pull: ([i, q]) => (isIdentityRotation(q) ? H.element(i) : null),
    };
  }
  if (!s.flip) {
    const H = s.n === -1 ? cylinderGroup(L) : cylinderDiscreteGroup(s.n);
    return {
      subgroup: H,
      embed: (h) => {
        const [i, theta] = h.to('[int | radians]') as [number, number];
        return [i, rotationZ(theta)];
      },
      pull: ([i, q]) => {
        const theta = angleAboutZ(q);
        return theta === null ? null : tryElement(H, [i, theta], '[int | radians]');
      },
    };
  }
  const H = s.n === -1 ? fullCylinderGroup(L) : fullCylinderDiscreteGroup(s.n);
  return {
    subgroup: H,
    embed: (h) => {
      const [i, [f, theta]] = h.to('[int | radians]') as [number, [number, number]];
      return [i, f === 1 ? flipQuaternion(theta) : rotationZ(theta)];
    },
    pull: ([i, q]) => {
      const value = planarValue(q);
      return value === null ? null : tryElement(H, [i, value], '[int | radians]');
    },
  };
}

/**
 * escnn's cone: O(2) / D_N with `(0, θ) ↦ Rz(θ)` and `(1, θ) ↦ Rz(θ)·(−Ry(π))⁻¹`; for N = 1 the mirror
 * C_2, `1 ↦ −Ry(π)`.
 */
function coneEmbedding(n: number, L: number): Embedding<Value> {
  if (n === 1) {
    const H = cyclicGroup(2);
    return {
      subgroup: H,
      embed: (h) => (h.value === 0 ? [0, IDENTITY] : [1, Y_HALF_TURN]),
      pull: ([i, q]) => {
        const rotation = i === 0 ? q : quaternionMultiply(q, Y_HALF_TURN);
        return isIdentityRotation(rotation) ? H.element(i) : null;
      },
    };
  }
  const H = n === -1 ? o2Group(L) : dihedralGroup(n);
  return {
    subgroup: H,
    embed: (h) => {
      const [f, theta] = h.to('radians') as [number, number];
      return f === 0 ? [0, rotationZ(theta)] : [1, quaternionMultiply(rotationZ(theta), [0, -1, 0, 0])];
    },
    pull: ([i, q]) => {
      const theta = angleAboutZ(i === 0 ? q : quaternionMultiply(q, Y_HALF_TURN));
      return theta === null ? null : tryElement(H, [i, theta], 'radians');
    },
  };
}

/**
 * The subgroup of O(3) with escnn's id `id`.
 * @throws UnknownSubgroupError for an id that is not one of O(3)'s.
 */
export function o3Subgroup(G: Group, L: number, id: unknown, fn: string): ProcessedSubgroupMap<O3Shape> {
  const toElement = (v: Value) => G.element(v, 'Q');
  const processed = processO3Id(G, id, fn, (q) => toElement([0, q]));
  return conjugatedSubgroupMap(G, id, processed, o3Embedding(G, processed.shape, L), toElement);
}

/** escnn's `O3._restrict_irrep(irrep, id)` for the map of {@link o3Subgroup}. */
export function o3RestrictIrrep(
  irrep: IrreducibleRepresentation,
  map: SubgroupMap,
  L: number,
  fn: string,
): RestrictedIrrep {
  const { processed, embed } = map as ProcessedSubgroupMap<O3Shape>;
  const { shape } = processed;
  const H = map.subgroup;
  const [j, l] = irrep.id as [number, number];
  const d = 2 * l + 1;
  let base: Restriction;
  if (shape.kind === 'rotations') {
    base = so3ShapeRestriction(irrep, l, shape.shape, H, embed, L, fn);
  } else {
    base = cachedRestriction(irrep.group, `${irrep.name}|${JSON.stringify(o3ShapeParts(shape))}`, () =>
      inversionOrConeRestriction(irrep, j, l, d, shape, H, embed, fn),
    );
  }
  return conjugated(irrep, base, processed.adjoint);
}

function inversionOrConeRestriction(
  irrep: IrreducibleRepresentation,
  j: number,
  l: number,
  d: number,
  shape: O3Shape,
  H: Group,
  embed: (h: GroupElement) => GroupElement,
  fn: string,
): Restriction {
  if (shape.kind === 'cone') {
    return shape.n === -1 ? o2Restriction(l, 'cone', j) : numericRestriction(irrep, H, embed, fn);
  }
  const s = shape.shape as So3Shape;
  if (s.kind === 'so3') return whole([j, l], d);
  if (s.kind === 'planar' && !s.flip && s.n === 1) return copies([j], d);
  if (s.kind === 'planar' && s.n === -1) {
    // C_2 × SO(2) / O(2): the inversion acts by (−1)^j, the rotations as SO(3)'s restriction.
    const P = H as DirectProductGroup;
    const rotations = s.flip ? o2Restriction(l, 'dihedral') : so2Restriction(l);
    const candidates = rotations.irreps.map((k) => P.productIrrep([j], k, 0));
    return numericRestriction(irrep, H, embed, fn, candidates);
  }
  return numericRestriction(irrep, H, embed, fn);
}

/** The id (without adjoint) of an O(3) shape: `'so3'`, `'o3'`, `[b, ...so3Id]` or `['cone', N]`. */
function o3ShapeParts(shape: O3Shape): string | unknown[] {
  if (shape.kind === 'cone') return ['cone', shape.n];
  const inner = so3ShapeId(shape.shape);
  if (inner === 'so3') return shape.kind === 'rotations' ? 'so3' : 'o3';
  return [shape.kind === 'inversions', ...(typeof inner === 'string' ? [inner] : inner)];
}

/**
 * The id in O(3) of the subgroup `id2` of the subgroup `map` (escnn's `O3._combine_subgroups`, adjoint dropped
 * when it is the identity). Where escnn's literal result names another subgroup or raises, this gives the
 * subgroup `H1.subgroup(id2)` itself: C_2's ids 1 / 2 inside the products are read as without / with the
 * inversion, `null` flip axes as `false`, inside I_h and O_h the products of their factors' trivial or whole
 * subgroups, and inside a cone with flip axis θ (O(2) angle) the cone conjugated by `Rz(−θ/2)`, whose mirrors
 * are `Rz(θ)·(−Ry(π))`.
 */
export function o3CombineSubgroups(G: Group, L: number, map: SubgroupMap, id2: unknown): unknown {
  const H1 = map.subgroup;
  if (H1.subgroup(id2).subgroup.order() === 1) return G.subgroupTrivialId;
  if (subgroupKey(id2) === subgroupKey(H1.subgroupSelfId)) return map.id;
  const { shape, adjoint: A1 } = (map as ProcessedSubgroupMap<O3Shape>).processed;
  const rotation = (q: Quaternion) => G.element([0, q], 'Q');
  if (shape.kind === 'cone') {
    const [axis, M] = id2 as [number | null, number];
    if (axis === null) return withAdjoint([false, false, M], A1);
    const theta = shape.n === -1 ? axis : (axis * TWO_PI) / shape.n;
    return withAdjoint(['cone', M], rotation(rotationZ(-theta / 2)).combine(A1));
  }
  if (shape.kind === 'rotations') {
    const S = companion(G, L);
    const inner = S.combineSubgroups(so3ShapeId(shape.shape), id2);
    const parts = typeof inner === 'string' ? [inner] : [...(inner as unknown[])];
    const last = parts[parts.length - 1];
    const A2 = typeof last === 'object' && last !== null && !Array.isArray(last) ? parts.pop() : undefined;
    const adjoint = A2 === undefined ? A1 : rotation((A2 as GroupElement).value as Quaternion).combine(A1);
    return withAdjoint(parts.length === 1 && parts[0] === 'so3' ? 'so3' : [false, ...parts], adjoint);
  }
  const s = shape.shape;
  if (s.kind === 'so3') {
    const inner = processO3Id(G, id2, `${G.name}.combineSubgroups`, rotation);
    return withAdjoint(o3ShapeParts(inner.shape), inner.adjoint.combine(A1));
  }
  const [c, x] = id2 as [unknown, unknown];
  const inversions = c === 2;
  if (s.kind === 'ico' || s.kind === 'octa') {
    // x is the trivial or the whole rotation group; the trivial one with the inversions is [true, false, 1].
    const trivial = (H1 as DirectProductGroup).G2.subgroup(x).subgroup.order() === 1;
    return trivial ? [true, false, 1] : withAdjoint([inversions, s.kind], A1);
  }
  if (!s.flip) return withAdjoint([inversions, false, x], A1);
  return withAdjoint([inversions, ...planarCombinedParts(s, x)], A1);
}
