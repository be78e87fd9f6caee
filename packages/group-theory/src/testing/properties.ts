/**
 * The seed and the number of runs of the project's property tests, read from the environment: `FC_SEED`
 * replays a failing run (fast-check prints the seed), `FC_NUM_RUNS` runs every property more or fewer times.
 * The vitest setup file hands {@link globalPropertyParameters} to `fc.configureGlobal`; a property that runs a
 * number of times of its own passes `{ numRuns: numRuns(itsDefault) }`. No fast-check import: these are plain
 * numbers for whichever runner reads them.
 */
import { InvalidArgumentError } from '../errors.js';

/** Seed of every property when `FC_SEED` is not set. */
export const DEFAULT_PROPERTY_SEED = 20261127;

/**
 * The integer in environment variable `name`; `undefined` when it is unset, empty, or there is no `process`
 * (a browser).
 * @throws `InvalidArgumentError` when it is set to something else than an integer.
 */
export function integerFromEnv(name: string): number | undefined {
  const raw = typeof process !== 'undefined' ? process.env?.[name] : undefined;
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value))
    throw new InvalidArgumentError('integerFromEnv', name, raw, 'must be an integer');
  return value;
}

/**
 * The seed of the property tests: `FC_SEED`, else {@link DEFAULT_PROPERTY_SEED}. Also for the seeded samples
 * a property draws outside fast-check, so that one variable replays both.
 * @throws `InvalidArgumentError` when `FC_SEED` is not an integer.
 */
export function propertySeed(): number {
  return integerFromEnv('FC_SEED') ?? DEFAULT_PROPERTY_SEED;
}

/**
 * The number of runs of a property whose own default is `defaultRuns`: `FC_NUM_RUNS` when set, else
 * `defaultRuns`.
 * @throws `InvalidArgumentError` when `FC_NUM_RUNS` is not a positive integer.
 */
export function numRuns(defaultRuns: number): number {
  const runs = integerFromEnv('FC_NUM_RUNS');
  if (runs === undefined) return defaultRuns;
  if (runs < 1) throw new InvalidArgumentError('numRuns', 'FC_NUM_RUNS', runs, 'must be a positive integer');
  return runs;
}

/**
 * The global fast-check parameters of the test setup: `seed` from {@link propertySeed}, and `numRuns` only
 * when `FC_NUM_RUNS` is set (otherwise fast-check's own default stays).
 * @throws `InvalidArgumentError` when `FC_SEED` or `FC_NUM_RUNS` is malformed.
 */
export function globalPropertyParameters(): { readonly seed: number; readonly numRuns?: number } {
  const runs = integerFromEnv('FC_NUM_RUNS');
  return runs === undefined ? { seed: propertySeed() } : { seed: propertySeed(), numRuns: numRuns(runs) };
}
