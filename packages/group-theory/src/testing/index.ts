/**
 * @packageDocumentation
 * Test helpers of the steerable packages, `@steerable/group-theory/testing`: closeness of matrices and arrays,
 * the float64 tolerances, the seed and number of runs of property tests from `FC_SEED` / `FC_NUM_RUNS`, and
 * the group laws. Test-framework-neutral (assertions throw) and without fast-check, so that every package can
 * use them from its tests and the testing package can build its public checks on them.
 */

export { blockDiagonal } from '../block-diagonal.js';
export { assertClose, maxAbsDifference, NotCloseError, type Numbers } from './close.js';
export {
  type ClebschGordanDecomposition,
  checkClebschGordan,
  checkElementLaws,
  checkIrrepAtIdentity,
  checkIrrepLaws,
  clebschGordanDecomposition,
  GroupLawViolation,
  type IrrepLawTolerances,
} from './group-laws.js';
export {
  DEFAULT_PROPERTY_SEED,
  globalPropertyParameters,
  integerFromEnv,
  numRuns,
  propertySeed,
} from './properties.js';
export {
  EXACT_ELEMENT_TOLERANCE,
  FLOAT64_TIGHT_TOLERANCE,
  FLOAT64_TOLERANCE,
  isSignedPermutation,
} from './tolerances.js';
