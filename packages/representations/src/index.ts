/**
 * @packageDocumentation
 * Group representations: direct sums, tensor products, regular/quotient/induced representations, restriction, change of basis, decomposition, intertwiners and homogeneous spaces (float64, no TensorFlow.js).
 */
export {};
