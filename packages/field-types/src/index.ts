/**
 * @packageDocumentation
 * FieldType and GeometricTensor: a TensorFlow.js tensor together with its transformation law.
 */
export { FieldTypeMismatchError } from './errors.js';
export { FieldType, type TransformOptions } from './field-type.js';
export { gatherChannels } from './gather-channels.js';
export { GeometricTensor, tensorDirectsum } from './geometric-tensor.js';
export { type GridPermutation, gridPermutation } from './grid-permutation.js';
