/**
 * @packageDocumentation
 * fast-check arbitraries and property checks that certify the equivariance and invariance of any module.
 */
export { arbitraryElement, arbitraryPlanarGroup, type PlanarGroupOptions } from './arbitraries/groups.js';
export {
  DEFAULT_NUM_RUNS,
  DEFAULT_SEED,
  type PropertyParameters,
  propertyParameters,
} from './arbitraries/parameters.js';
export { assertGroupLaws, type GroupLawOptions, GroupLawViolation } from './group-laws.js';
