/**
 * @packageDocumentation
 * TensorFlow.js convolution operations with gradients on every backend, usable without the equivariant layers
 * (`@steerable/nn-equivariant/ops`): `conv2dWithGrad` and `conv2dTransposeWithGrad` (strides and dilations
 * together, explicit padding), PyTorch's non-zero padding modes (`padSpatial`), and the WASM backend's missing
 * convolution gradient kernels (`registerWasmGradients`). This folder imports no layer machinery.
 */
export type {
  Conv2dOptions,
  Conv2dPadding,
  Conv2dTransposeOptions,
  ExplicitPadding2d,
} from './conv-geometry.js';
export {
  registerWasmGradients,
  unregisterWasmGradients,
  wasmGradientsRegistered,
} from './conv-wasm-kernels.js';
export { conv2dWithGrad } from './conv2d.js';
export { conv2dTransposeWithGrad } from './conv2d-transpose.js';
export { PADDING_MODES, type PaddingMode, padSpatial } from './spatial-padding.js';
