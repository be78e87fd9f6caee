/**
 * @packageDocumentation
 * Steerable filter bases on R², R³ and R⁰, the Wigner–Eckart kernel solver and kernel bases for any pair of
 * representations of a subgroup of O(2), of a subgroup of O(3), or of any group acting on R² through O(2) or on
 * R³ through O(3) (float64, no TensorFlow.js), numerically compatible with escnn.
 */

export type { O2SubgroupId } from '@steerable/group-theory';
export {
  computeBasisParams,
  type FrequencyCutoff,
  type R2BasisOptions,
  type R2BasisParams,
} from './basis-params.js';
export {
  type KernelsActR2Options,
  kernelsCNActR2,
  kernelsDNActR2,
  kernelsFlipActR2,
  kernelsO2ActR2,
  kernelsSO2ActR2,
  kernelsTrivialActR2,
} from './escnn-kernels.js';
export {
  type KernelsActR3Options,
  kernelsAliasedIcoActR3Dodecahedron,
  kernelsAliasedIcoActR3Icosahedron,
  kernelsAliasedIcoActR3Icosidodecahedron,
  kernelsFullIcoActR3,
  kernelsFullOctaActR3,
  kernelsFullTetraActR3,
  kernelsIcoActR3,
  kernelsO3ActR3,
  kernelsO3SubgroupActR3,
  kernelsOctaActR3,
  kernelsPyritoActR3,
  kernelsSO3ActR3,
  kernelsSO3SubgroupActR3,
  kernelsTetraActR3,
} from './escnn-kernels-r3.js';
export {
  kernelsCNActR3,
  kernelsCylinderActR3,
  kernelsCylinderDiscreteActR3,
  kernelsDNConicalActR3,
  kernelsDNDihedralActR3,
  kernelsFullCylinderActR3,
  kernelsFullCylinderDiscreteActR3,
  kernelsInvActR3,
  kernelsO2ConicalActR3,
  kernelsO2DihedralActR3,
  kernelsSO2ActR3,
  kernelsTrivialActR3,
} from './escnn-kernels-r3-planar.js';
export { gridPoints } from './grid.js';
export {
  type BasisElementAttributes,
  type KernelBasisParams,
  type KernelRepresentation,
  type Points,
  R2KernelBasis,
  r2KernelBasis,
  r2KernelBasisFor,
} from './kernel-basis.js';
export type { LayerBasis, LayerBlock, LayerElementAttributes } from './layer-basis.js';
export { circularHarmonics, o2SubgroupAction, type PlanarAction } from './o2-action.js';
export {
  type O3ActionId,
  type O3SubgroupId,
  o3HarmonicId,
  o3SubgroupAction,
  type R3Action,
  so3SubgroupAction,
  sphericalHarmonicSize,
} from './o3-action.js';
export {
  type GroupRepresentation,
  type PointElementAttributes,
  type PointKernelBasis,
  r0KernelBasis,
  r0LinearBasis,
} from './point-basis.js';
export { type R2LayerBasis, r2ConvBasis } from './r2-conv-basis.js';
export {
  computeR3BasisParams,
  gridPoints3d,
  type R3BasisOptions,
  type R3BasisParams,
  type R3CutoffPolicy,
} from './r3-basis-params.js';
export { type R3LayerBasis, r3ConvBasis } from './r3-conv-basis.js';
export { R3KernelBasis, r3KernelBasis, r3KernelBasisFor } from './r3-kernel-basis.js';
export { HarmonicPolynomialR3Generator, sphericalHarmonics } from './spherical-harmonics.js';
export {
  CircularShellsBasis,
  GaussianRadialProfile,
  KernelBasis,
  type RadialAttributes,
  SphericalShellsBasis,
  SteerableFiltersBasis,
} from './steerable-filters-basis.js';
export { type AngularSolution, type IrrepPairBasis, irrepPairBasis } from './wigner-eckart.js';
