/**
 * @packageDocumentation
 * G-spaces as escnn defines them: a symmetry group acting on R² (`rot2dOnR2`, `flipRot2dOnR2`, `flip2dOnR2`,
 * `trivialOnR2`), on R³ (`rot3dOnR3`, `flipRot3dOnR3`, `octaOnR3`, `icoOnR3`, `rot2dOnR3`, ... the fourteen
 * subgroups of O(3) of escnn) or on a single point (`noBaseSpace`), its representations, and how an element
 * transforms a feature field sampled on a pixel or voxel grid (float64, no TensorFlow.js).
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
export { GSpace3D, type GSpace3DOptions, type SpatialSubgroupId } from './r3.js';
export {
  type AxialOnR3Options,
  conicalOnR3,
  cylindricalOnR3,
  dihedralOnR3,
  type FlipAxialOnR3Options,
  flipRot3dOnR3,
  fullCylindricalOnR3,
  fullIcoOnR3,
  fullOctaOnR3,
  icoOnR3,
  invOnR3,
  type MirOnR3Options,
  mirOnR3,
  octaOnR3,
  type Rot3dOnR3Options,
  rot2dOnR3,
  rot3dOnR3,
  trivialOnR3,
} from './r3-factories.js';
export { transformVoxels } from './voxel-action.js';
