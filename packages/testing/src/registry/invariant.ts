/**
 * Registry entries of the invariant maps (group pooling, norm pooling, induced norm pooling).
 */
import { FieldType } from '@steerable/field-types';
import { type CertificationEntry, induced, representativeTypes, withTag } from './support.js';

/** The invariant entries, in the order of the certification report. */
export const INVARIANT_ENTRIES: readonly CertificationEntry[] = Object.freeze([
  {
    module: 'GroupPooling',
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({ label, build: () => C(type) })),
  },
  {
    module: 'NormPool',
    cases: (gs, C) =>
      representativeTypes(gs, 'norm').map(({ label, type }) => ({ label, build: () => C(type) })),
  },
  {
    module: 'InducedNormPool',
    cases: (gs, C) => {
      const reprs = withTag(induced(gs)?.gated ?? [], 'norm');
      return reprs.length === 0
        ? []
        : [{ label: 'induced irreps', build: () => C(new FieldType(gs, reprs)) }];
    },
  },
]);
