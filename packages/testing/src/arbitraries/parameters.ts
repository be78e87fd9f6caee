/**
 * Seeded, bounded fast-check runs: every property of this package runs with a seed from `FC_SEED` and a
 * number of runs from `FC_NUM_RUNS`, so a CI failure is reproduced with `FC_SEED=<seed> npm test`.
 */
import { integerFromEnv } from '@steerable/group-theory/testing';

/** The fast-check parameters used by the property assertions of this package. */
export interface PropertyParameters {
  /** Seed of fast-check's generator. */
  readonly seed: number;
  /** Number of random cases. */
  readonly numRuns: number;
}

/** Seed used when `FC_SEED` is not set. */
export const DEFAULT_SEED = 20241127;
/** Number of runs used when `FC_NUM_RUNS` is not set. */
export const DEFAULT_NUM_RUNS = 50;

/**
 * `{ seed, numRuns }` for `fc.assert`: explicit values first, then the environment (`FC_SEED`, `FC_NUM_RUNS`),
 * then {@link DEFAULT_SEED} and {@link DEFAULT_NUM_RUNS}.
 * @throws InvalidArgumentError when `FC_SEED` or `FC_NUM_RUNS` is set to something else than an integer.
 */
export function propertyParameters(overrides: Partial<PropertyParameters> = {}): PropertyParameters {
  return {
    seed: overrides.seed ?? integerFromEnv('FC_SEED') ?? DEFAULT_SEED,
    numRuns: overrides.numRuns ?? integerFromEnv('FC_NUM_RUNS') ?? DEFAULT_NUM_RUNS,
  };
}
