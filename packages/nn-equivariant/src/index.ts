/**
 * @packageDocumentation
 * Equivariant neural network modules on TensorFlow.js: convolutions, nonlinearities, normalization, pooling, invariant maps, containers, initialization and export.
 */
export {
  BACKEND_ENV_VAR,
  type BackendName,
  type BackendOptions,
  type BackendRequest,
  initBackend,
  registerWasmGradients,
  selectBackend,
  unregisterWasmGradients,
  wasmGradientsRegistered,
} from './backend.js';
export { DisentangleModule } from './disentangle.js';
export {
  type CheckEquivarianceOptions,
  EquivarianceError,
  type EquivarianceResult,
  EquivariantModule,
  type LoadStateDictOptions,
  Module,
  type ParameterOptions,
  type StateValue,
} from './equivariant-module.js';
export { IdentityModule } from './identity.js';
export { RestrictionModule } from './restriction.js';
export { ModuleList, SequentialModule } from './sequential.js';
export {
  type BasisSource,
  deltaOrthonormalInit,
  deltaOrthonormalInitValues,
  generalizedHeInit,
  generalizedHeInitValues,
  generalizedHeStd,
  type InitOptions,
} from './init.js';
export { Linear, type LinearOptions } from './linear.js';
export { type PaddingMode, R2Conv, type R2BasisLayerOptions, type R2ConvOptions } from './r2conv.js';
export { R2ConvTransposed, type R2ConvTransposedOptions } from './r2conv-transposed.js';
