/**
 * Registry entries of the nonlinearities: pointwise, norm, gated, Fourier, induced, concatenated, tensor-product and vector-field.
 */
import { FieldType } from '@steerable/field-types';
import { directSum } from '@steerable/representations';
import {
  type CertificationEntry,
  DISCONTINUOUS,
  fourier,
  induced,
  pointwise,
  quotientFourier,
  representativeTypes,
  supporting,
  withTag,
} from './support.js';

/** The nonlinearities entries, in the order of the certification report. */
export const NONLINEARITIES_ENTRIES: readonly CertificationEntry[] = Object.freeze([
  { module: 'ReLU', cases: pointwise({}) },
  { module: 'ELU', cases: pointwise({}) },
  { module: 'LeakyReLU', cases: pointwise({}) },
  { module: 'PointwiseNonLinearity', cases: pointwise({ function: 'p_sigmoid' }) },
  {
    module: 'NormNonLinearity',
    cases: (gs, C) =>
      representativeTypes(gs, 'norm').map(({ label, type }) => ({ label, build: () => C(type, {}) })),
  },
  {
    module: 'GatedNonLinearity1',
    cases: (gs, C) => {
      const gated = supporting(gs, 'gated');
      if (gated.length === 0) return [];
      const type = new FieldType(gs, [...gated.map(() => gs.trivialRepr), ...gated]);
      return [{ label: `gates+${gated.length} gated`, build: () => C(type, { seed: 3 }) }];
    },
  },
  { module: 'FourierPointwise', cases: fourier({ function: 'p_relu' }) },
  { module: 'FourierELU', cases: fourier({}) },
  { module: 'QuotientFourierPointwise', cases: quotientFourier({ function: 'p_relu' }) },
  { module: 'QuotientFourierELU', cases: quotientFourier({}) },
  {
    module: 'GatedNonLinearity2',
    cases: (gs, C) => {
      const gated = supporting(gs, 'gated');
      if (gated.length === 0) return [];
      const gates = new FieldType(
        gs,
        gated.map(() => gs.trivialRepr),
      );
      return [
        {
          label: `${gated.length} gates, ${gated.length} gated`,
          build: () => C([gates, new FieldType(gs, gated)], { seed: 10 }),
        },
      ];
    },
  },
  {
    module: 'GatedNonLinearityUniform',
    cases: (gs, C) => {
      const gated = gs.irreps.filter((r) => !r.isTrivial()).slice(0, 2);
      if (gated.length === 0) return [];
      const field = directSum([...gated.map(() => gs.trivialRepr), ...gated]);
      return [{ label: `2 fields of ${field.name}`, build: () => C(new FieldType(gs, [field, field]), {}) }];
    },
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
]);
