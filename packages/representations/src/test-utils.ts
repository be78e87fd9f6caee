/**
 * Shared helpers of this package's tests (not part of the published package).
 */
import { readFileSync } from 'node:fs';
import type { Group, GroupElement } from '@steerable/group-theory';
import type { Matrix } from 'ml-matrix';

/** fast-check parameters: seeded and bounded, overridable from the environment. */
export const FC_PARAMS = {
  seed: Number(process.env.FC_SEED ?? 20261127),
  numRuns: Number(process.env.FC_NUM_RUNS ?? 25),
};

/** Largest seed drawn by the tests' element arbitraries. */
export const MAX_SEED = 2 ** 30;

/** The element of `G` drawn by the group's own reproducible sampler from `seed` (maps a seed arbitrary). */
export function sampleElement(G: Group): (seed: number) => GroupElement {
  return (seed) => G.sample(1, { seed })[0]!;
}

/** Largest absolute entry of `a - b` (Infinity on a shape mismatch). */
export function maxDiff(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.columns !== b.columns) return Number.POSITIVE_INFINITY;
  let d = 0;
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.columns; j++) d = Math.max(d, Math.abs(a.get(i, j) - b.get(i, j)));
  return d;
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
