/**
 * The certification matrix of the library, as data: which modules of `@steerable/nn-equivariant` are
 * certified on which gspaces with which field types. A new module joins `steerable-certify` by adding an
 * entry to one of the entry lists (or to {@link CERTIFICATION_REGISTRY} directly).
 */
import { STRUCTURE_ENTRIES } from './registry-extra.js';
import { LAYER_ENTRIES } from './registry-layers.js';
import type { CertificationEntry } from './registry-support.js';

export * from './registry-support.js';

/** Every module of `@steerable/nn-equivariant` that `steerable-certify` certifies. */
export const CERTIFICATION_REGISTRY: readonly CertificationEntry[] = Object.freeze([
  ...LAYER_ENTRIES,
  ...STRUCTURE_ENTRIES,
]);
