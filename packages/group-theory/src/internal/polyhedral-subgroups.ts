/**
 * The subgroups of the octahedral and icosahedral groups by escnn's ids (`Octahedral` / `Icosahedral`'s
 * `_process_subgroup_id`, `_subgroup`, `_restrict_irrep`), Python's tuples written as arrays:
 *
 * | id                    | subgroup                                                                        |
 * | --------------------- | ------------------------------------------------------------------------------- |
 * | `'octa'` / `'ico'`    | the group itself                                                                |
 * | `[false, 1]`          | the trivial group C_1                                                           |
 * | `[false, N]`          | C_N about the group's N-fold axis (the table `axes`)                            |
 * | `[true, 1]`           | `[false, 2]` conjugated by the rotation by 2π/3 about (1, 1, −1)                |
 *
 * An optional last entry, an element `A` of the group, conjugates the subgroup: inclusion `h ↦ A⁻¹ φ(h) A`,
 * restriction `g ↦ φ⁻¹(A g A⁻¹)` (null off the subgroup), irreps' change of basis `ρ(A)ᵀ Q`. escnn raises
 * `NotImplementedError` for its dihedral ids `[true, N]` (N > 1) and for `'tetra'`: they are unknown ids here.
 */
import { cyclicGroup } from '../cyclic.js';
import { GroupElement } from '../element.js';
import { UnknownSubgroupError } from '../errors.js';
import type { Group, RestrictedIrrep, SubgroupMap } from '../group.js';
import type { IrreducibleRepresentation } from '../irrep.js';
import type { Quaternion } from './so3-quaternion.js';
import { withAdjoint } from './so3-subgroup-ids.js';
import { cachedRestriction, conjugated, numericRestriction, whole } from './so3-subgroup-restrictions.js';
import { makeSubgroupMap, subgroupKey } from './subgroup.js';

/** A unit vector of R³. */
export type Axis = readonly [number, number, number];

/** What distinguishes the subgroups of one polyhedral group: its own id and the axes of its C_N. */
export interface PolyhedralSubgroupSpec {
  /** escnn's id of the group itself (`'octa'`, `'ico'`). */
  readonly selfId: string;
  /** The rotation axis of escnn's C_N, by N (N = 1 included, any axis). */
  readonly axes: ReadonlyMap<number, Axis>;
}

type Shape = { readonly kind: 'self' } | { readonly kind: 'cyclic'; readonly n: number };

interface ProcessedId {
  readonly shape: Shape;
  readonly adjoint: GroupElement;
}

/** A subgroup map that keeps its processed id and its embedding before the adjoint. */
interface PolyhedralSubgroupMap extends SubgroupMap {
  readonly processed: ProcessedId;
  readonly embed: (h: GroupElement) => GroupElement;
}

/**
 * escnn's `change_axis` of `[true, 1]`: the rotation by 2π/3 about (1, 1, −1)/√3, which carries the 2-fold
 * z axis of escnn's `[false, 2]` to another 2-fold axis of both solids.
 */
function flipAdjoint(): Quaternion {
  const s = Math.sin(Math.PI / 3) / Math.sqrt(3);
  return [s, s, -s, Math.cos(Math.PI / 3)];
}

/** The rotation by `angle` about the unit `axis`, as a quaternion `[x, y, z, w]`. */
function axisRotation(axis: Axis, angle: number): Quaternion {
  const s = Math.sin(angle / 2);
  return [axis[0] * s, axis[1] * s, axis[2] * s, Math.cos(angle / 2)];
}

/** The id forms, for error messages. */
function idForms(spec: PolyhedralSubgroupSpec): string {
  const ns = [...spec.axes.keys()].join(', ');
  return `'${spec.selfId}', [false, N] (N = ${ns}), [true, 1], each with an optional adjoint element last`;
}

/**
 * escnn's `_process_subgroup_id`: the shape and the adjoint (the identity if none).
 * @throws UnknownSubgroupError for an id that is not one of the group's.
 */
function processId(G: Group, spec: PolyhedralSubgroupSpec, id: unknown, fn: string): ProcessedId {
  const fail = () => new UnknownSubgroupError(fn, `${G.name} (ids: ${idForms(spec)})`, id);
  const parts = Array.isArray(id) ? [...id] : [id];
  let adjoint = G.identity;
  const last = parts[parts.length - 1];
  if (parts.length > 1 && last instanceof GroupElement) {
    if (!last.group.equals(G)) throw fail();
    adjoint = last;
    parts.pop();
  }
  if (parts.length === 1 && parts[0] === spec.selfId) return { shape: { kind: 'self' }, adjoint };
  if (parts.length !== 2) throw fail();
  let [flip, n] = parts;
  if (flip === true && n === 1) {
    adjoint = G.element(flipAdjoint(), 'Q').combine(adjoint);
    flip = false;
    n = 2;
  }
  if (flip !== false || typeof n !== 'number' || !spec.axes.has(n)) throw fail();
  return { shape: { kind: 'cyclic', n }, adjoint };
}

/** The id of a shape before the adjoint: the group's own id or `[false, N]`. */
function shapeId(spec: PolyhedralSubgroupSpec, shape: Shape): string | [boolean, number] {
  return shape.kind === 'self' ? spec.selfId : [false, shape.n];
}

/**
 * The subgroup with escnn's id `id` (see the module comment); its map's `id` is escnn's processed id (the
 * adjoint last unless it is the identity).
 * @throws UnknownSubgroupError for an id that is not one of the group's.
 */
export function polyhedralSubgroup(
  G: Group,
  spec: PolyhedralSubgroupSpec,
  id: unknown,
  fn: string,
): SubgroupMap {
  const processed = processId(G, spec, id, fn);
  const { shape, adjoint: A } = processed;
  const Ainv = A.inverse();
  const mapId = withAdjoint(shapeId(spec, shape), A);
  let H: Group;
  let embed: (h: GroupElement) => GroupElement;
  let pull: (g: GroupElement) => GroupElement | null;
  if (shape.kind === 'self') {
    H = G;
    embed = (h) => h;
    pull = (g) => g;
  } else {
    const Cn = cyclicGroup(shape.n);
    const axis = spec.axes.get(shape.n)!;
    // φ(k) = the rotation by 2πk/N about the axis; φ⁻¹ by search over the N images.
    const images = Cn.elements.map((k) =>
      G.element(axisRotation(axis, (2 * Math.PI * (k.value as number)) / shape.n), 'Q'),
    );
    H = Cn;
    embed = (h) => images[h.value as number]!;
    pull = (g) => {
      const k = images.findIndex((x) => x.equals(g));
      return k < 0 ? null : Cn.elements[k]!;
    };
  }
  const plain = A.isIdentity();
  const map = makeSubgroupMap(
    G,
    H,
    mapId,
    (h) => (plain ? embed(h) : Ainv.combine(embed(h)).combine(A)),
    (g) => pull(plain ? g : A.combine(g).combine(Ainv)),
  );
  return Object.freeze({ ...map, processed, embed });
}

/**
 * escnn's `_restrict_irrep` for a map of {@link polyhedralSubgroup}: the irrep itself on the whole group,
 * escnn's numerical decomposition (blocks by irrep id) on C_N; then the change of basis `ρ(A)ᵀ Q`.
 */
export function polyhedralRestrictIrrep(
  irrep: IrreducibleRepresentation,
  map: SubgroupMap,
  fn: string,
): RestrictedIrrep {
  const { processed, embed } = map as PolyhedralSubgroupMap;
  const { shape } = processed;
  const base =
    shape.kind === 'self'
      ? whole(irrep.id, irrep.dimension)
      : cachedRestriction(irrep.group, `${irrep.name}|C${shape.n}`, () =>
          numericRestriction(irrep, map.subgroup, embed, fn),
        );
  return conjugated(irrep, base, processed.adjoint);
}

/**
 * The id in G of the subgroup `id2` of the subgroup `map` (escnn's `_combine_subgroups` semantics): the
 * trivial id for a trivial result, `map.id` for the whole subgroup; inside G the subgroup `id2` conjugated
 * by the outer adjoint (`A₂ A₁`); inside C_N its C_M, which for these groups lies on the same axis (the only
 * proper nontrivial case is the octahedral C_2 ⊂ C_4 about z).
 */
export function polyhedralCombineSubgroups(
  G: Group,
  spec: PolyhedralSubgroupSpec,
  map: SubgroupMap,
  id2: unknown,
): unknown {
  const H1 = map.subgroup;
  const H2 = H1.subgroup(id2).subgroup;
  if (H2.order() === 1) return G.subgroupTrivialId;
  if (subgroupKey(id2) === subgroupKey(H1.subgroupSelfId)) return map.id;
  const { shape, adjoint: A1 } = (map as PolyhedralSubgroupMap).processed;
  if (shape.kind === 'self') {
    const inner = processId(G, spec, id2, `${G.name}.combineSubgroups`);
    return withAdjoint(shapeId(spec, inner.shape), inner.adjoint.combine(A1));
  }
  return withAdjoint([false, H2.order()], A1);
}
