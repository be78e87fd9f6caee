/**
 * The certification matrix of the library, as data: which modules of `@steerable/nn-equivariant` are
 * certified on which gspaces with which field types. A new module joins `steerable-certify` by adding an
 * entry to the list of its concept (`registry/<concept>.ts`) and its name to {@link CERTIFICATION_ORDER}.
 */
import { BATCHNORM_ENTRIES } from './registry/batchnorm.js';
import { CONTAINERS_ENTRIES } from './registry/containers.js';
import { CONV_ENTRIES } from './registry/conv.js';
import { DROPOUT_ENTRIES } from './registry/dropout.js';
import { INVARIANT_ENTRIES } from './registry/invariant.js';
import { NONLINEARITIES_ENTRIES } from './registry/nonlinearities.js';
import { NORMALIZATION_ENTRIES } from './registry/normalization.js';
import { POOLING_ENTRIES } from './registry/pooling.js';
import { RESAMPLING_ENTRIES } from './registry/resampling.js';
import type { CertificationEntry } from './registry/support.js';

export * from './registry/support.js';

/**
 * The order of the modules in the certification report (and of the CLI's runs): each module's entries
 * follow its concept list's order. Kept fixed so that reports stay comparable.
 */
const CERTIFICATION_ORDER: readonly string[] = [
  'R2Conv',
  'ReLU',
  'ELU',
  'LeakyReLU',
  'PointwiseNonLinearity',
  'NormNonLinearity',
  'GatedNonLinearity1',
  'IdentityModule',
  'DisentangleModule',
  'RestrictionModule',
  'SequentialModule',
  'R2ConvTransposed',
  'Linear',
  'PointwiseMaxPool2D',
  'PointwiseAvgPool2D',
  'PointwiseAdaptiveAvgPool2D',
  'PointwiseAvgPoolAntialiased2D',
  'NormMaxPool',
  'IIDBatchNorm2d',
  'IIDBatchNorm1d',
  'GNormBatchNorm',
  'InnerBatchNorm',
  'NormBatchNorm',
  'FourierPointwise',
  'FourierELU',
  'QuotientFourierPointwise',
  'QuotientFourierELU',
  'GatedNonLinearity2',
  'GatedNonLinearityUniform',
  'GroupPooling',
  'NormPool',
  'ConcatenatedNonLinearity',
  'InducedGatedNonLinearity1',
  'InducedNormNonLinearity',
  'InducedNormPool',
  'InducedNormBatchNorm',
  'TensorProductModule',
  'VectorFieldNonLinearity',
  'FieldNorm',
  'PointwiseAdaptiveMaxPool2D',
  'PointwiseMaxPoolAntialiased2D',
  'PointwiseDropout',
  'FieldDropout',
  'MaskModule',
  'ReshuffleModule',
  'MultipleModule',
  'R2Upsampling',
  'R3Conv',
];

/** The entries of `lists` sorted by {@link CERTIFICATION_ORDER}; throws when a module is missing from it. */
function inReportOrder(...lists: (readonly CertificationEntry[])[]): CertificationEntry[] {
  const rank = (e: CertificationEntry): number => {
    const i = CERTIFICATION_ORDER.indexOf(e.module);
    if (i < 0) throw new Error(`registry: module '${e.module}' is missing from CERTIFICATION_ORDER`);
    return i;
  };
  // Array.prototype.sort is stable: a module's entries keep their order within its concept list
  return lists.flat().sort((a, b) => rank(a) - rank(b));
}

/** Every module of `@steerable/nn-equivariant` that `steerable-certify` certifies. */
export const CERTIFICATION_REGISTRY: readonly CertificationEntry[] = Object.freeze(
  inReportOrder(
    CONV_ENTRIES,
    NONLINEARITIES_ENTRIES,
    POOLING_ENTRIES,
    INVARIANT_ENTRIES,
    BATCHNORM_ENTRIES,
    NORMALIZATION_ENTRIES,
    DROPOUT_ENTRIES,
    RESAMPLING_ENTRIES,
    CONTAINERS_ENTRIES,
  ),
);
