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
