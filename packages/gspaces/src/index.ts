/**
 * @packageDocumentation
 * G-spaces as escnn defines them: a symmetry group acting on R² (`rot2dOnR2`, `flipRot2dOnR2`, `flip2dOnR2`,
 * `trivialOnR2`) or on a single point (`noBaseSpace`), its representations, and how an element transforms a
 * feature field sampled on a pixel grid (float64, no TensorFlow.js).
 */
export {
  type FloatArray,
  type GridLayout,
  type GridTransformOptions,
  gridAxisPermutation,
  type MatrixInput,
  transformGrid,
} from './grid-action.js';
export { GSpace, type GSpaceRestriction, type KernelBasisOptions } from './gspace.js';
export { GSpace0D, noBaseSpace } from './r0.js';
export {
  type Flip2dOnR2Options,
  type FlipRot2dOnR2Options,
  flip2dOnR2,
  flipRot2dOnR2,
  GSpace2D,
  type GSpace2DOptions,
  type PlanarSubgroupId,
  type Rot2dOnR2Options,
  rot2dOnR2,
  trivialOnR2,
} from './r2.js';
