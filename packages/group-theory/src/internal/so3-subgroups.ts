/**
 * The subgroups of SO(3) and O(3) by escnn's ids, as a table: each entry recognizes its ids and builds the
 * subgroup map. Listed: the trivial subgroup (SO(3): `[false, 1]`; O(3): `[false, false, 1]`) and the group
 * itself (`'so3'`, `'o3'`).
 */

import { trivialGroup } from '../cyclic.js';
import type { GroupElement } from '../element.js';
import { UnknownSubgroupError } from '../errors.js';
import type { Group, SubgroupMap } from '../group.js';
import { makeSubgroupMap } from './subgroup.js';

/** One kind of subgroup: which ids it answers and how to build its map. */
interface SubgroupEntry<G extends Group> {
  /** The ids of this kind, as written in error messages. */
  readonly ids: string;
  /** True when `id` names a subgroup of this kind. */
  matches(id: unknown): boolean;
  /** The subgroup map of a matching `id`. */
  build(G: G, id: unknown): SubgroupMap;
}

/** True when `id` is the array `expected` (entrywise `===`). */
function isTuple(id: unknown, expected: readonly unknown[]): boolean {
  return Array.isArray(id) && id.length === expected.length && id.every((x, i) => x === expected[i]);
}

/** The whole group `G` as its own subgroup: both maps are the identity. */
function selfEntry<G extends Group>(selfId: string): SubgroupEntry<G> {
  return {
    ids: `'${selfId}'`,
    matches: (id) => id === selfId || isTuple(id, [selfId]),
    build: (G) =>
      makeSubgroupMap(
        G,
        G,
        selfId,
        (h) => h,
        (g) => g,
      ),
  };
}

/** The trivial subgroup `{e}` with escnn's id `trivialId`. */
function trivialEntry<G extends Group>(trivialId: readonly unknown[]): SubgroupEntry<G> {
  return {
    ids: `[${trivialId.map(String).join(', ')}]`,
    matches: (id) => isTuple(id, trivialId),
    build: (G) => {
      const sg = trivialGroup();
      return makeSubgroupMap(
        G,
        sg,
        trivialId,
        () => G.identity,
        (g: GroupElement) => (g.isIdentity() ? sg.identity : null),
      );
    },
  };
}

/** The subgroup table of SO(3). */
const SO3_SUBGROUPS: readonly SubgroupEntry<Group>[] = [selfEntry('so3'), trivialEntry([false, 1])];

/** The subgroup table of O(3). */
const O3_SUBGROUPS: readonly SubgroupEntry<Group>[] = [selfEntry('o3'), trivialEntry([false, false, 1])];

/** Builds the subgroup `id` from `table`, or throws an {@link UnknownSubgroupError} listing the known ids. */
function buildFrom(table: readonly SubgroupEntry<Group>[], G: Group, id: unknown, fn: string): SubgroupMap {
  const entry = table.find((e) => e.matches(id));
  if (entry === undefined) {
    const known = table.map((e) => e.ids).join(', ');
    throw new UnknownSubgroupError(fn, `${G.name} (implemented subgroup ids: ${known})`, id);
  }
  return entry.build(G, id);
}

/**
 * The subgroup of SO(3) with escnn's id `id`.
 * @throws UnknownSubgroupError for an id that is not in the table.
 */
export function so3Subgroup(G: Group, id: unknown, fn: string): SubgroupMap {
  return buildFrom(SO3_SUBGROUPS, G, id, fn);
}

/**
 * The subgroup of O(3) with escnn's id `id`.
 * @throws UnknownSubgroupError for an id that is not in the table.
 */
export function o3Subgroup(G: Group, id: unknown, fn: string): SubgroupMap {
  return buildFrom(O3_SUBGROUPS, G, id, fn);
}
