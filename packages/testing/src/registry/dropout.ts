/**
 * Registry entries of the dropouts.
 */
import { type CertificationEntry, inMode, representativeTypes } from './support.js';

/** Dropout is equivariant in distribution only (a fresh random mask per call): certified in evaluation mode. */
const dropout: CertificationEntry['cases'] = (gs, C) =>
  representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
    label: `${label}, eval`,
    build: () => inMode(C(type, { p: 0.5 }), 'eval'),
  }));

/** The dropout entries, in the order of the certification report. */
export const DROPOUT_ENTRIES: readonly CertificationEntry[] = Object.freeze([
  { module: 'PointwiseDropout', cases: dropout },
  { module: 'FieldDropout', cases: dropout },
]);
