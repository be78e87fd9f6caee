/**
 * @packageDocumentation
 * Groups as escnn defines them: elements and their parametrizations, irreducible representations with
 * escnn's ids, subgroups, intertwiners and Clebsch–Gordan coefficients. Pure float64 TypeScript on
 * ml-matrix; no TensorFlow.js.
 */

export { DEFAULT_ELEMENT_TOLERANCE, GroupElement } from './element.js';
export * from './errors.js';
export { Group, type IrrepId, type SampleOptions, type SubgroupMap } from './group.js';
export {
  checkIrrepId,
  IrreducibleRepresentation,
  type IrrepDefinition,
  type IrrepType,
  type NonlinearityTag,
  type RepresentationLike,
} from './irrep.js';
