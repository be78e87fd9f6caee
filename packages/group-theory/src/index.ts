/**
 * @packageDocumentation
 * Groups as escnn defines them: elements and their parametrizations, irreducible representations with
 * escnn's ids, subgroups, intertwiners and Clebsch–Gordan coefficients. Pure float64 TypeScript on
 * ml-matrix; no TensorFlow.js.
 */

export { blockDiagonal } from './block-diagonal.js';
export { CyclicGroup, cyclicGroup, trivialGroup } from './cyclic.js';
export {
  cylinderDiscreteGroup,
  cylinderGroup,
  fullCylinderDiscreteGroup,
  fullCylinderGroup,
  klein4Group,
} from './cylinders.js';
export { DihedralGroup, dihedralGroup, type FlipRotation } from './dihedral.js';
export {
  DirectProductGroup,
  directProduct,
  type FactorGrid,
  type ProductGridOptions,
  type ProductIrrepId,
  type ProductValue,
  pythonTuple,
} from './direct-product.js';
export { DoubleGroup, doubleGroup } from './double-group.js';
export { DEFAULT_ELEMENT_TOLERANCE, GroupElement } from './element.js';
export * from './errors.js';
export { fullIcoGroup, fullOctaGroup } from './full-polyhedral.js';
export {
  Group,
  type IrrepId,
  type RestrictedIrrep,
  type SampleOptions,
  type SubgroupMap,
  type TensorProductTerm,
} from './group.js';
export { Icosahedral, icoGroup } from './icosahedral.js';
export { type InducedNonlinearity, inducedSubfieldSize, inducedTag } from './induced-tags.js';
export { chi, psi, psichi } from './internal/planar.js';
export { StandardRepresentation } from './internal/so3-standard.js';
export {
  type IntertwinerBasisOptions,
  type IntertwinerOptions,
  intertwinerBasis,
  sylvesterNullSpace,
} from './intertwiner.js';
export {
  checkIrrepId,
  IrreducibleRepresentation,
  type IrrepDefinition,
  type IrrepType,
  type NonlinearityTag,
  type RepresentationLike,
} from './irrep.js';
export { type FlipAngle, O2, o2Group } from './o2.js';
export { checkO2SubgroupId, type O2SubgroupId } from './o2-subgroup-id.js';
export { type InversionRotation, O3, o3Group } from './o3.js';
export { Octahedral, octaGroup } from './octahedral.js';
export { mulberry32, normalStream, randomInt, uniformStream } from './random.js';
export { checkMaximumFrequency, SO2, so2Group } from './so2.js';
export {
  poleToPoint,
  type Quaternion,
  SO3,
  type SphereGridOptions,
  so3Group,
  so3IrrepMatrix,
} from './so3.js';
