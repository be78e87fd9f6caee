/**
 * Shared helpers of this package's tests (not part of the published package).
 */
import { readFileSync } from 'node:fs';
import { type Group, type GroupElement, UnknownSubgroupError } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';

/** fast-check parameters of this package's properties: 25 runs unless `FC_NUM_RUNS` says otherwise (the seed is the global `FC_SEED`). */
export const FC_PARAMS = { numRuns: numRuns(25) };

/** Largest seed drawn by the tests' element arbitraries. */
export const MAX_SEED = 2 ** 30;

/** The element of `G` drawn by the group's own reproducible sampler from `seed` (maps a seed arbitrary). */
export function sampleElement(G: Group): (seed: number) => GroupElement {
  return (seed) => G.sample(1, { seed })[0]!;
}

/** escnn's reference values (fixtures/groups.json). */
export interface GroupsFixture {
  groups: Record<
    string,
    {
      name: string;
      order: number;
      irreps: { id: number[]; name: string; dimension: number; type_code: string }[];
      elements: {
        escnn_value: unknown;
        regular_matrix?: number[][];
        regular_perm?: number[];
        irrep_matrices: Record<string, number[][]>;
      }[];
      element_order?: unknown[];
      regular_representation?: { size: number; irreps: number[][] };
    }
  >;
}

/** Reads fixtures/groups.json. */
export function loadGroupsFixture(): GroupsFixture {
  return JSON.parse(
    readFileSync(new URL('../../../fixtures/groups.json', import.meta.url), 'utf8'),
  ) as GroupsFixture;
}

/**
 * The ids among `candidates` that `G` knows as subgroup ids (escnn's ids of subgroups that may not be
 * implemented yet): tests over them grow as subgroups are added.
 */
export function knownSubgroups(G: Group, candidates: readonly unknown[]): unknown[] {
  return candidates.filter((id) => {
    try {
      G.subgroup(id);
      return true;
    } catch (error) {
      if (error instanceof UnknownSubgroupError) return false;
      throw error;
    }
  });
}
