/**
 * Registry entries of the resampling modules (upsampling).
 */
import { type CertificationEntry, DISCONTINUOUS, representativeTypes } from './support.js';

/** The resampling entries, in the order of the certification report. */
export const RESAMPLING_ENTRIES: readonly CertificationEntry[] = Object.freeze([
  {
    module: 'R2Upsampling',
    cases: (gs, C) =>
      representativeTypes(gs).map(({ label, type }) => ({
        label: `${label} ×2 bilinear`,
        build: () => C(type, { scaleFactor: 2 }),
      })),
  },
  {
    module: 'R2Upsampling',
    options: DISCONTINUOUS,
    cases: (gs, C) =>
      representativeTypes(gs).map(({ label, type }) => ({
        label: `${label} ×2 nearest`,
        build: () => C(type, { scaleFactor: 2, mode: 'nearest' }),
      })),
  },
]);
