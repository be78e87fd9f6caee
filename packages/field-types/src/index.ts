/**
 * @packageDocumentation
 * FieldType and GeometricTensor: a TensorFlow.js tensor together with its transformation law.
 */
export {};
