/**
 * vitest setup of every project (root vitest.config.ts): fast-check's global seed from `FC_SEED` (else
 * `DEFAULT_PROPERTY_SEED`) and, when `FC_NUM_RUNS` is set, its number of runs. A property that fails prints
 * its seed; `FC_SEED=<seed> npm test` replays it. Properties with a number of runs of their own pass
 * `{ numRuns: numRuns(default) }`, which `FC_NUM_RUNS` overrides too.
 */
import fc from 'fast-check';
import { globalPropertyParameters } from './properties.js';

fc.configureGlobal({ ...fc.readConfigureGlobal(), ...globalPropertyParameters() });
