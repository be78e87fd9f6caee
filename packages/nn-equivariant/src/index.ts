/**
 * @packageDocumentation
 * Equivariant neural network modules on TensorFlow.js: convolutions, nonlinearities, normalization, pooling, invariant maps, containers, initialization and export.
 */
export {};
