/**
 * The subgroups of SO(3) by escnn's ids (see `so3-subgroup-ids.ts`): each shape is a group of ours with an
 * embedding `φ` into SO(3) (escnn's `so2_to_so3`, `o2_to_so3`, `rotgroup_to_so3`); the id's adjoint `A`
 * conjugates it, inclusion `h ↦ A⁻¹ φ(h) A` and restriction `g ↦ φ⁻¹(A g A⁻¹)` (null off the subgroup).
 * Restrictions of irreps follow escnn's `SO3._restrict_irrep`; combined ids its `_combine_subgroups`.
 */
import { cyclicGroup } from '../cyclic.js';
import { dihedralGroup } from '../dihedral.js';
import type { GroupElement } from '../element.js';
import { InvalidArgumentError } from '../errors.js';
import type { Group, RestrictedIrrep, SubgroupMap } from '../group.js';
import { icoGroup } from '../icosahedral.js';
import type { IrreducibleRepresentation } from '../irrep.js';
import { o2Group } from '../o2.js';
import { octaGroup } from '../octahedral.js';
import { so2Group } from '../so2.js';
import { TWO_PI } from './planar.js';
import type { Quaternion } from './so3-quaternion.js';
import {
  type ProcessedSubgroupId,
  processSo3Id,
  rotationZ,
  type So3Shape,
  so3ShapeId,
  withAdjoint,
} from './so3-subgroup-ids.js';
import {
  cachedRestriction,
  conjugated,
  numericRestriction,
  o2Restriction,
  type Restriction,
  so2Restriction,
  thenRestrict,
  whole,
} from './so3-subgroup-restrictions.js';
import { makeSubgroupMap, subgroupKey } from './subgroup.js';

/** escnn's `np.allclose(x, 0)` on quaternion entries. */
const ZERO = 1e-8;

/** A subgroup before conjugation: the group H, its embedding φ (as values of the parent) and φ⁻¹. */
export interface Embedding<V> {
  readonly subgroup: Group;
  embed(h: GroupElement): V;
  /** φ⁻¹ of a value of the parent, or null when it is not in φ(H). */
  pull(v: V): GroupElement | null;
}

/** A subgroup map of SO(3) or O(3) that keeps its processed id. */
export interface ProcessedSubgroupMap<S> extends SubgroupMap {
  readonly processed: ProcessedSubgroupId<S>;
  /** The same subgroup without the adjoint: `φ` as a map into the parent group. */
  readonly embed: (h: GroupElement) => GroupElement;
}

/** `H.element(value, param)`, or null when H rejects the value. */
export function tryElement(H: Group, value: unknown, param?: string): GroupElement | null {
  try {
    return H.element(value, param);
  } catch (error) {
    if (error instanceof InvalidArgumentError) return null;
    throw error;
  }
}

/** The angle θ of a rotation `Rz(θ)`, or null for a rotation about another axis. */
export function angleAboutZ(q: Quaternion): number | null {
  return Math.abs(q[0]) <= ZERO && Math.abs(q[1]) <= ZERO ? 2 * Math.atan2(q[2], q[3]) : null;
}

/** The π rotation about the axis at angle θ/2 in the xy plane, escnn's O(2) flip `(1, θ)` in SO(3). */
export function flipQuaternion(theta: number): Quaternion {
  return [Math.cos(theta / 2), Math.sin(theta / 2), 0, 0];
}

/** The O(2) value `[f, θ]` of a rotation about z (f = 0) or a π rotation about an axis of the xy plane (f = 1). */
export function planarValue(q: Quaternion): [0 | 1, number] | null {
  const theta = angleAboutZ(q);
  if (theta !== null) return [0, theta];
  if (Math.abs(q[2]) <= ZERO && Math.abs(q[3]) <= ZERO) return [1, 2 * Math.atan2(q[1], q[0])];
  return null;
}

/** The quaternion of the O(2) / D_N element `h` (escnn's `o2_to_so3` without adjoint). */
function planarQuaternion(h: GroupElement): Quaternion {
  const [f, theta] = h.to('radians') as [number, number];
  return f === 1 ? flipQuaternion(theta) : rotationZ(theta);
}

/** The group and embedding of an SO(3) shape; `so3` is the SO(3) the shape `'so3'` stands for. */
export function so3Embedding(shape: So3Shape, so3: Group, L: number): Embedding<Quaternion> {
  switch (shape.kind) {
    case 'so3':
      return { subgroup: so3, embed: (h) => h.value as Quaternion, pull: (q) => so3.element(q, 'Q') };
    case 'ico':
    case 'octa': {
      const H = shape.kind === 'ico' ? icoGroup() : octaGroup();
      return { subgroup: H, embed: (h) => h.value as Quaternion, pull: (q) => tryElement(H, q, 'Q') };
    }
    default: {
      const { flip, n } = shape;
      if (!flip) {
        const H = n === -1 ? so2Group(L) : cyclicGroup(n);
        return {
          subgroup: H,
          embed: (h) => rotationZ(h.to('radians') as number),
          pull: (q) => {
            const theta = angleAboutZ(q);
            return theta === null ? null : tryElement(H, theta, 'radians');
          },
        };
      }
      const H = n === -1 ? o2Group(L) : dihedralGroup(n);
      return {
        subgroup: H,
        embed: planarQuaternion,
        pull: (q) => {
          const value = planarValue(q);
          return value === null ? null : tryElement(H, value, 'radians');
        },
      };
    }
  }
}

/**
 * The map of the subgroup `embedding` conjugated by `adjoint`; `toElement` makes an element of G from a value.
 * With the identity adjoint and H = G, both maps are the identity.
 */
export function conjugatedSubgroupMap<S, V>(
  G: Group,
  id: unknown,
  processed: ProcessedSubgroupId<S>,
  embedding: Embedding<V>,
  toElement: (v: V) => GroupElement,
): ProcessedSubgroupMap<S> {
  const H = embedding.subgroup;
  const A = processed.adjoint;
  const plain = A.isIdentity();
  const Ainv = A.inverse();
  const embed = (h: GroupElement) => toElement(embedding.embed(h));
  const map =
    plain && H === G
      ? makeSubgroupMap(
          G,
          H,
          id,
          (h) => h,
          (g) => g,
        )
      : makeSubgroupMap(
          G,
          H,
          id,
          (h) => (plain ? embed(h) : Ainv.combine(embed(h)).combine(A)),
          (g) => embedding.pull((plain ? g : A.combine(g).combine(Ainv)).value as V),
        );
  return Object.freeze({ ...map, processed, embed });
}

/**
 * The subgroup of SO(3) with escnn's id `id`.
 * @throws UnknownSubgroupError for an id that is not one of SO(3)'s.
 */
export function so3Subgroup(G: Group, L: number, id: unknown, fn: string): ProcessedSubgroupMap<So3Shape> {
  const rotation = (q: Quaternion) => G.element(q, 'Q');
  const processed = processSo3Id(G, id, fn, rotation);
  return conjugatedSubgroupMap(G, id, processed, so3Embedding(processed.shape, G, L), rotation);
}

/**
 * escnn's restriction of the SO(3) irrep `[l]` (given on `irrep`, an irrep of SO(3) or O(3) with frequency l)
 * to the shape, before the adjoint: identity on SO(3), on I for l ≤ 2 and on O for l ≤ 1; SO(2) and O(2) in
 * closed form; C_N and D_N through SO(2) and O(2); numerically otherwise. `embed` is the shape's embedding
 * into the irrep's group.
 */
export function so3ShapeRestriction(
  irrep: IrreducibleRepresentation,
  l: number,
  shape: So3Shape,
  H: Group,
  embed: (h: GroupElement) => GroupElement,
  L: number,
  fn: string,
): Restriction {
  const key = `${irrep.name}|${JSON.stringify(so3ShapeId(shape))}`;
  return cachedRestriction(irrep.group, key, () => {
    const d = 2 * l + 1;
    switch (shape.kind) {
      case 'so3':
        return whole([l], d);
      case 'ico':
      case 'octa':
        return l <= (shape.kind === 'ico' ? 2 : 1) ? whole([l], d) : numericRestriction(irrep, H, embed, fn);
      default:
        if (shape.n === -1) return shape.flip ? o2Restriction(l, 'dihedral') : so2Restriction(l);
        return shape.flip
          ? thenRestrict(o2Restriction(l, 'dihedral'), o2Group(L), [0, shape.n])
          : thenRestrict(so2Restriction(l), so2Group(L), shape.n);
    }
  });
}

/** escnn's `SO3._restrict_irrep(irrep, id)` for the map of {@link so3Subgroup}. */
export function so3RestrictIrrep(
  irrep: IrreducibleRepresentation,
  map: SubgroupMap,
  L: number,
  fn: string,
): RestrictedIrrep {
  const { processed, embed } = map as ProcessedSubgroupMap<So3Shape>;
  const base = so3ShapeRestriction(irrep, irrep.id[0]!, processed.shape, map.subgroup, embed, L, fn);
  return conjugated(irrep, base, processed.adjoint);
}

/**
 * The id in SO(3) of the subgroup `id2` of the subgroup `map` (escnn's `SO3._combine_subgroups`, with the
 * adjoint dropped when it is the identity): the trivial id for a trivial result, `map.id` for `id2` the whole
 * subgroup; inside SO(3) the subgroup `id2` conjugated by `A1`; inside I or O their trivial or whole subgroup;
 * inside SO(2) / C_N `[false, M]`; inside O(2) / D_N `[false, M]` for rotations, else `[θ, M]` with θ the O(2)
 * angle of the included flip (for D_N, `2πk/N`).
 */
export function so3CombineSubgroups(G: Group, map: SubgroupMap, id2: unknown): unknown {
  const H1 = map.subgroup;
  if (H1.subgroup(id2).subgroup.order() === 1) return G.subgroupTrivialId;
  if (subgroupKey(id2) === subgroupKey(H1.subgroupSelfId)) return map.id;
  const { shape, adjoint: A1 } = (map as ProcessedSubgroupMap<So3Shape>).processed;
  if (shape.kind === 'so3') {
    const inner = processSo3Id(G, id2, `${G.name}.combineSubgroups`, (q) => G.element(q, 'Q'));
    return withAdjoint(so3ShapeId(inner.shape), inner.adjoint.combine(A1));
  }
  return withAdjoint(planarCombinedParts(shape as So3Shape & { kind: 'planar' }, id2), A1);
}

/** The id parts of the subgroup `id2` of a planar shape (SO(2), C_N, O(2), D_N), as in {@link so3CombineSubgroups}. */
export function planarCombinedParts(
  shape: { readonly flip: boolean; readonly n: number },
  id2: unknown,
): unknown[] {
  if (!shape.flip) return [false, id2];
  const [axis, M] = id2 as [number | null, number];
  if (axis === null) return [false, M];
  return [shape.n === -1 ? axis : (axis * TWO_PI) / shape.n, M];
}
