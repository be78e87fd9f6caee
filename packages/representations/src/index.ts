/**
 * @packageDocumentation
 * Group representations: direct sums, tensor products, regular/quotient/induced representations, restriction,
 * change of basis, decomposition, intertwiners and homogeneous spaces (float64, no TensorFlow.js).
 */

export { type DecomposeOptions, decomposeRepresentation } from './decompose.js';
export { type ChangeBasisOptions, changeBasis, type DirectSumOptions, directSum } from './direct-sum.js';
export { type Disentangled, disentangle } from './disentangle.js';
export { endomorphismBasis, homomorphismBasis } from './homomorphisms.js';
export { type Array3, HomSpace } from './homspace.js';
export { type InducedOptions, inducedRepresentation, quotientRepresentation } from './induced.js';
export {
  cubeEdgesRepresentation,
  cubeFacesRepresentation,
  cubeVerticesRepresentation,
  icoEdgesRepresentation,
  icoFacesRepresentation,
  icoVerticesRepresentation,
} from './polyhedra.js';
export { blRegularRepresentation, regularPermutation, regularRepresentation } from './regular.js';
export {
  asRepresentation,
  irrepIdKey,
  Representation,
  type RepresentationOptions,
} from './representation.js';
export { restrict } from './restrict.js';
export {
  blInducedRepresentation,
  blQuotientRepresentation,
  blSphereRepresentation,
  type SpectralOptions,
  spectralQuotientRepresentation,
  spectralRegularRepresentation,
} from './spectral.js';
export { tensorProduct } from './tensor.js';
