/**
 * Helpers shared by the groups' `subgroup` implementations: a stable key for subgroup ids (escnn's tuples
 * with `None`, written as arrays with `null` here) and the construction of a validated {@link SubgroupMap}.
 */
import type { GroupElement } from '../element.js';
import type { Group, SubgroupMap } from '../group.js';

/**
 * A stable string for a subgroup id, for memoization: `[null, 4]` → `[null,4]`; distinct ids give distinct
 * keys (unlike JSON, where NaN and null collide).
 */
export function subgroupKey(id: unknown): string {
  if (Array.isArray(id)) return `[${id.map(subgroupKey).join(',')}]`;
  if (id === null) return 'null';
  if (typeof id === 'number') return Object.is(id, -0) ? '0' : String(id);
  if (typeof id === 'string') return JSON.stringify(id);
  return `${typeof id}:${String(id)}`;
}

/**
 * A frozen {@link SubgroupMap} whose maps check that their argument belongs to the right group before
 * applying the raw maps.
 */
export function makeSubgroupMap<S extends Group, P extends Group>(
  parent: P,
  subgroup: S,
  id: unknown,
  include: (h: GroupElement) => GroupElement,
  restrict: (g: GroupElement) => GroupElement | null,
): SubgroupMap<S, P> {
  const frozenId = Array.isArray(id) ? Object.freeze([...id]) : id;
  return Object.freeze({
    subgroup,
    parent,
    id: frozenId,
    inclusion(h: GroupElement): GroupElement {
      return include(subgroup.checkElement(h, `${parent.name}.subgroup(${subgroupKey(id)}).inclusion`, 'h'));
    },
    restriction(g: GroupElement): GroupElement | null {
      return restrict(parent.checkElement(g, `${parent.name}.subgroup(${subgroupKey(id)}).restriction`, 'g'));
    },
  });
}
