/**
 * Registry entries of the per-sample normalizations.
 */
import { type CertificationEntry, DISCONTINUOUS, representativeTypes } from './support.js';

/** The normalization entries, in the order of the certification report. */
export const NORMALIZATION_ENTRIES: readonly CertificationEntry[] = Object.freeze([
  {
    module: 'FieldNorm',
    options: DISCONTINUOUS,
    cases: (gs, C) => representativeTypes(gs).map(({ label, type }) => ({ label, build: () => C(type) })),
  },
]);
