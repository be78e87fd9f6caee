/**
 * @packageDocumentation
 * Equivariant neural network modules on TensorFlow.js: convolutions, nonlinearities, normalization, pooling, invariant maps, containers, initialization and export.
 */
export {
  BACKEND_ENV_VAR,
  type BackendName,
  type BackendOptions,
  type BackendRequest,
  initBackend,
  registerWasmGradients,
  selectBackend,
  unregisterWasmGradients,
  wasmGradientsRegistered,
} from './backend.js';
export { BatchNormBase, type BatchNormOptions, type NormBatchNormOptions } from './batchnorm/base.js';
export { GNormBatchNorm } from './batchnorm/gnorm.js';
export { IIDBatchNorm, IIDBatchNorm1d, IIDBatchNorm2d } from './batchnorm/iid.js';
export {
  InducedNormBatchNorm,
  type InducedNormBatchNormOptions,
} from './batchnorm/induced-norm-batch-norm.js';
export { InnerBatchNorm } from './batchnorm/inner.js';
export { NormBatchNorm } from './batchnorm/norm.js';
export { BranchingModule, type BranchingModuleOptions } from './containers/branching.js';
export { DisentangleModule } from './containers/disentangle.js';
export { IdentityModule } from './containers/identity.js';
export { MaskModule, type MaskModuleOptions } from './containers/mask.js';
export { type LabelledModule, MergeModule } from './containers/merge.js';
export { MultipleModule, type MultipleModuleOptions } from './containers/multiple.js';
export { ReshuffleModule } from './containers/reshuffle.js';
export { RestrictionModule } from './containers/restriction.js';
export { ModuleList, SequentialModule } from './containers/sequential.js';
export { BasisExpandedModule, type BasisParameterOptions, type BasisSetup } from './conv/basis-module.js';
export { Linear, type LinearOptions } from './conv/linear.js';
export { type PaddingMode, type R2BasisLayerOptions, R2Conv, type R2ConvOptions } from './conv/r2conv.js';
export { R2ConvTransposed, type R2ConvTransposedOptions } from './conv/r2conv-transposed.js';
export { type R3BasisLayerOptions, R3Conv, type R3ConvOptions } from './conv/r3conv.js';
export { FieldDropout, type FieldDropoutOptions } from './dropout/field.js';
export { type DropoutOptions, PointwiseDropout } from './dropout/pointwise.js';
export {
  type CheckEquivarianceOptions,
  EquivarianceError,
  type EquivarianceResult,
  EquivariantModule,
  type LoadStateDictOptions,
  Module,
  type ParameterOptions,
  type StateValue,
} from './equivariant-module.js';
export {
  type BasisSource,
  deltaOrthonormalInit,
  deltaOrthonormalInitValues,
  generalizedHeInit,
  generalizedHeInitValues,
  generalizedHeStd,
  type InitOptions,
} from './init.js';
export { GroupPooling } from './invariant/group-pooling.js';
export { InducedNormPool, type InducedNormPoolOptions } from './invariant/induced-norm-pool.js';
export { MaxPoolChannels } from './invariant/max-pool-channels.js';
export { NormPool } from './invariant/norm-pool.js';
export {
  type ConcatenatedFunction,
  ConcatenatedNonLinearity,
  type ConcatenatedNonLinearityOptions,
  concatenatedRepresentation,
} from './nonlinearities/concatenated.js';
export { ELU, type ELUOptions } from './nonlinearities/elu.js';
export {
  FourierELU,
  type FourierELUOptions,
  FourierPointwise,
  type FourierPointwiseOptions,
} from './nonlinearities/fourier.js';
export {
  type FourierCommonOptions,
  type FourierGridOptions,
  type FourierModuleArgs,
  FourierSampledModule,
} from './nonlinearities/fourier-core.js';
export {
  QuotientFourierELU,
  type QuotientFourierELUOptions,
  QuotientFourierPointwise,
  type QuotientFourierPointwiseOptions,
} from './nonlinearities/fourier-quotient.js';
export {
  GatedNonLinearityUniform,
  type GatedNonLinearityUniformOptions,
} from './nonlinearities/gated-uniform.js';
export {
  GATED_ID,
  GATES_ID,
  GatedNonLinearity1,
  type GatedNonLinearity1Options,
  type GateLabel,
} from './nonlinearities/gated1.js';
export { GatedNonLinearity2, type GatedNonLinearity2Options } from './nonlinearities/gated2.js';
export {
  InducedGatedNonLinearity1,
  type InducedGatedNonLinearity1Options,
} from './nonlinearities/induced-gated1.js';
export {
  type InducedNormFunction,
  InducedNormNonLinearity,
  type InducedNormNonLinearityOptions,
} from './nonlinearities/induced-norm.js';
export { LeakyReLU, type LeakyReLUOptions } from './nonlinearities/leaky-relu.js';
export { type NormFunction, NormNonLinearity, type NormNonLinearityOptions } from './nonlinearities/norm.js';
export {
  type PointwiseFunction,
  PointwiseNonLinearity,
  type PointwiseNonLinearityOptions,
} from './nonlinearities/pointwise.js';
export { PointwiseActivation } from './nonlinearities/pointwise-base.js';
export { ReLU, type ReLUOptions } from './nonlinearities/relu.js';
export {
  TensorProductModule,
  type TensorProductModuleOptions,
} from './nonlinearities/tensor-product.js';
export { VectorFieldNonLinearity } from './nonlinearities/vectorfield.js';
export { FieldNorm, type FieldNormOptions } from './normalization/field-norm.js';
export { PointwiseAdaptiveAvgPool2D } from './pooling/adaptive-avg.js';
export { AdaptiveMaxPool2DLayer } from './pooling/adaptive-max-layer.js';
export { PointwiseAdaptiveMaxPool2D } from './pooling/adaptive-max-pool.js';
export { PointwiseAvgPool2D, type PointwiseAvgPool2DOptions } from './pooling/avg.js';
export {
  PointwiseAvgPoolAntialiased2D,
  type PointwiseAvgPoolAntialiased2DOptions,
} from './pooling/avg-antialiased.js';
export type { PoolAxis, PoolGeometry, PoolParams, Size2 } from './pooling/geometry.js';
export { PointwiseMaxPool2D, type PointwiseMaxPool2DOptions } from './pooling/max.js';
export {
  PointwiseMaxPoolAntialiased2D,
  type PointwiseMaxPoolAntialiased2DOptions,
} from './pooling/max-pool-antialiased.js';
export { NormMaxPool, type NormMaxPoolOptions } from './pooling/norm-max.js';
export { WindowPool2D, type WindowPoolOptions } from './pooling/window-pool.js';
export { type Resize2DConfig, Resize2DLayer } from './resampling/resize-layer.js';
export { R2Upsampling, type R2UpsamplingOptions } from './resampling/upsampling.js';
