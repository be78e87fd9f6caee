/**
 * Registry entries of invariant maps, dropout, induced and other nonlinearities, normalization and the
 * structural modules (masks, reshuffles, multiple branches, upsampling).
 */
import { FieldType } from '@steerable/field-types';
import {
  type InducedNonlinearity,
  inducedSubfieldSize,
  type RepresentationLike,
} from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import {
  type CertificationEntry,
  DISCONTINUOUS,
  inMode,
  moduleConstructor,
  representativeTypes,
  SQUARE_WINDOWS,
  supporting,
} from './registry-support.js';

/** Representations induced from a subgroup (C_{N/2} ⊂ C_N, C_N ⊂ D_N, SO(2) ⊂ O(2)): its trivial and first irreps. */
function induced(gs: GSpace): { gate: RepresentationLike; gated: RepresentationLike[] } | undefined {
  const G = gs.fibergroup;
  let id: unknown;
  if (G.name.startsWith('D') && G.order() >= 4) id = [null, G.order() / 2];
  else if (G.name.startsWith('O')) id = [null, -1];
  else if (G.name.startsWith('C') && G.order() >= 4 && G.order() % 2 === 0) id = G.order() / 2;
  else return undefined;
  const sub = gs.restrict(id).gspace;
  const irreps = sub.irreps.filter((r) => !r.isTrivial() && r.size <= 2).slice(0, 1);
  if (irreps.length === 0) return undefined;
  return { gate: gs.inducedRepr(id, sub.trivialRepr), gated: irreps.map((r) => gs.inducedRepr(id, r)) };
}

/** The representations supporting `tag`: escnn's `induced_gate`, or an induced tag `induced_<kind>_<d>`. */
function withTag(
  reprs: readonly RepresentationLike[],
  tag: 'induced_gate' | InducedNonlinearity,
): RepresentationLike[] {
  return reprs.filter((r) =>
    tag === 'induced_gate' ? r.supportedNonlinearities.has(tag) : inducedSubfieldSize(r, tag) !== undefined,
  );
}

/** Dropout is equivariant in distribution only (a fresh random mask per call): certified in evaluation mode. */
const dropout: CertificationEntry['cases'] = (gs, C) =>
  representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
    label: `${label}, eval`,
    build: () => inMode(C(type, { p: 0.5 }), 'eval'),
  }));

/** The entries. */
export const STRUCTURE_ENTRIES: readonly CertificationEntry[] = Object.freeze([
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
    module: 'ConcatenatedNonLinearity',
    cases: (gs, C) => {
      if (gs.fibergroup.continuous) return [];
      const reprs = supporting(gs, 'concatenated');
      return reprs.length === 0
        ? []
        : [{ label: 'concatenated fields', build: () => C(new FieldType(gs, reprs)) }];
    },
  },
  {
    module: 'InducedGatedNonLinearity1',
    cases: (gs, C) => {
      const ind = induced(gs);
      if (ind === undefined) return [];
      const gates = withTag([ind.gate], 'induced_gate');
      const gated = withTag(ind.gated, 'gated');
      if (gates.length === 0 || gated.length === 0) return [];
      const type = new FieldType(gs, [...gated.map(() => gates[0]!), ...gated]);
      return [{ label: 'induced gates + gated', build: () => C(type, { seed: 11 }) }];
    },
  },
  {
    module: 'InducedNormNonLinearity',
    cases: (gs, C) => {
      const reprs = withTag(induced(gs)?.gated ?? [], 'norm');
      return reprs.length === 0
        ? []
        : [{ label: 'induced irreps', build: () => C(new FieldType(gs, [...reprs, ...reprs])) }];
    },
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
  {
    module: 'TensorProductModule',
    cases: (gs, C) => {
      const psi = gs.irreps.find((r) => !r.isTrivial()) ?? gs.trivialRepr;
      const inType = new FieldType(gs, [psi, psi]);
      const outType = new FieldType(gs, [gs.trivialRepr, gs.trivialRepr]);
      return [{ label: `${psi.name}⊗${psi.name} → trivial`, build: () => C(inType, outType, { seed: 12 }) }];
    },
  },
  {
    module: 'VectorFieldNonLinearity',
    options: DISCONTINUOUS,
    cases: (gs, C) => {
      const G = gs.fibergroup;
      if (G.continuous || !G.name.startsWith('C') || G.order() < 3) return [];
      return [{ label: 'regular×2', build: () => C(new FieldType(gs, [gs.regularRepr, gs.regularRepr])) }];
    },
  },
  {
    module: 'FieldNorm',
    options: DISCONTINUOUS,
    cases: (gs, C) => representativeTypes(gs).map(({ label, type }) => ({ label, build: () => C(type) })),
  },
  {
    // global max: invariant under every rotation
    module: 'PointwiseAdaptiveMaxPool2D',
    options: { sizes: [9, 12, 15] },
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
        label: `${label} to 1×1`,
        build: () => C(type, 1),
      })),
  },
  {
    module: 'PointwiseAdaptiveMaxPool2D',
    options: { ...SQUARE_WINDOWS, sizes: [9, 12, 15] },
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
        label: `${label} to 3×3`,
        build: () => C(type, 3),
      })),
  },
  {
    module: 'PointwiseMaxPoolAntialiased2D',
    options: { ...SQUARE_WINDOWS, sizes: [9, 11, 13] },
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
        label: `${label} k3 s2 p1`,
        build: () => C(type, 3, { stride: 2, padding: 1 }),
      })),
  },
  { module: 'PointwiseDropout', cases: dropout },
  { module: 'FieldDropout', cases: dropout },
  {
    // the mask needs the inputs' side: 31, the side of the smooth inputs too
    module: 'MaskModule',
    options: { sizes: [31] },
    cases: (gs, C) =>
      representativeTypes(gs).map(({ label, type }) => ({
        label: `${label}, 31×31`,
        build: () => C(type, 31),
      })),
  },
  {
    module: 'ReshuffleModule',
    cases: (gs, C) =>
      representativeTypes(gs).map(({ label, type }) => ({
        label: `${label} reversed`,
        build: () =>
          C(
            type,
            type.representations.map((_, i) => type.length - 1 - i),
          ),
      })),
  },
  {
    module: 'MultipleModule',
    cases: (gs, C) => {
      const relu = moduleConstructor('ReLU');
      const norm = moduleConstructor('NormNonLinearity');
      const a = supporting(gs, 'pointwise')[0];
      const b = supporting(gs, 'norm').find((r) => !r.supportedNonlinearities.has('pointwise'));
      if (relu === undefined || norm === undefined || a === undefined || b === undefined) return [];
      const type = new FieldType(gs, [a, b, a]);
      return [
        {
          label: 'ReLU | NormNonLinearity',
          build: () =>
            C(
              type,
              ['p', 'n', 'p'],
              [
                [relu(new FieldType(gs, [a, a])), 'p'],
                [norm(new FieldType(gs, [b])), 'n'],
              ],
            ),
        },
      ];
    },
  },
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
