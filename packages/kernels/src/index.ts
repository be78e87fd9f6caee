/**
 * @packageDocumentation
 * Steerable filter bases on R^n, the Wigner–Eckart kernel solver and kernel bases for any pair of representations (float64, no TensorFlow.js).
 */
export {};
