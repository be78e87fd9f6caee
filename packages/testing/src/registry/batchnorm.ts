/**
 * Registry entries of the batch normalizations; they are certified in training and in evaluation mode.
 */
import { FieldType } from '@steerable/field-types';
import {
  batchNorm,
  type CertificationEntry,
  induced,
  inMode,
  POINT_GSPACES,
  supporting,
  withTag,
} from './support.js';

/** The batchnorm entries, in the order of the certification report. */
export const BATCHNORM_ENTRIES: readonly CertificationEntry[] = Object.freeze([
  { module: 'IIDBatchNorm2d', cases: batchNorm(undefined) },
  {
    module: 'IIDBatchNorm1d',
    gspaces: POINT_GSPACES,
    options: { minBatch: 2, maxBatch: 4 },
    cases: batchNorm(undefined),
  },
  { module: 'GNormBatchNorm', cases: batchNorm(undefined) },
  { module: 'InnerBatchNorm', cases: batchNorm('pointwise') },
  {
    module: 'NormBatchNorm',
    cases: (gs, C) => {
      const G = gs.fibergroup;
      const reprs = supporting(gs, 'norm').filter((r) => !r.irreps.some((id) => G.irrep(...id).isTrivial()));
      if (reprs.length === 0) return [];
      const type = new FieldType(gs, reprs);
      return (['train', 'eval'] as const).map((mode) => ({
        label: `non-trivial, ${mode}`,
        build: () => inMode(C(type), mode),
      }));
    },
  },
  {
    module: 'InducedNormBatchNorm',
    cases: (gs, C) => {
      const reprs = withTag(induced(gs)?.gated ?? [], 'norm');
      if (reprs.length === 0) return [];
      const type = new FieldType(gs, [...reprs, ...reprs]);
      return (['train', 'eval'] as const).map((mode) => ({
        label: `induced irreps, ${mode}`,
        build: () => inMode(C(type), mode),
      }));
    },
  },
]);
