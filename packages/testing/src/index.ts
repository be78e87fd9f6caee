/**
 * @packageDocumentation
 * fast-check arbitraries and property checks that certify the equivariance and invariance of any module.
 */
export {
  arbitraryFieldType,
  type FieldKind,
  type FieldTypeOptions,
  representationsOfKind,
} from './arbitraries/field-types.js';
export {
  arbitraryGridElement,
  type GridElementOptions,
  gridElements,
  isExactOnGrid,
} from './arbitraries/grid-elements.js';
export {
  arbitraryElement,
  arbitraryPlanarGroup,
  arbitrarySpatialGroup,
  type PlanarGroupOptions,
  type SpatialGroupOptions,
} from './arbitraries/groups.js';
export {
  arbitraryModuleCase,
  type ModuleArbitraryOptions,
  type NamedModuleCase,
} from './arbitraries/modules.js';
export {
  DEFAULT_NUM_RUNS,
  DEFAULT_SEED,
  type PropertyParameters,
  propertyParameters,
} from './arbitraries/parameters.js';
export {
  arbitraryGeometricTensor,
  arbitraryInputSpec,
  type GeometricTensorOptions,
  geometricTensorOf,
  type InputSpec,
  type InputSpecOptions,
} from './arbitraries/tensors.js';
export {
  type BackendInfo,
  backendInfo,
  initTestingBackend,
  setupWebGpu,
  type TestingBackendOptions,
  type TestingBackendRequest,
} from './backend.js';
export {
  type CertifiableModule,
  CertificationError,
  type CertificationReport,
  type CertifyOptions,
  certifyEquivariance,
  type ElementCertificate,
  formatSpec,
} from './certify.js';
export { assertGroupLaws, type GroupLawOptions, GroupLawViolation } from './group-laws.js';
export {
  type MatrixOptions,
  type MatrixResult,
  type MatrixRow,
  runMatrix,
} from './matrix.js';
export {
  CERTIFICATION_REGISTRY,
  type CertificationEntry,
  exportedModuleClasses,
  type GSpaceCase,
  type ModuleCase,
  type ModuleConstructor,
  moduleConstructor,
  PLANAR_GSPACES,
  POINT_GSPACES,
  representativeTypes,
} from './registry.js';
export {
  defaultTolerance,
  EXACT_TOLERANCE_FLOAT32,
  EXACT_TOLERANCE_GPU,
  FLOAT32_EPSILON,
  INTERPOLATED_TOLERANCE,
  type ToleranceContext,
} from './tolerance.js';
