/**
 * Registry entries of convolutions, linear maps, nonlinearities, pooling and batch norms.
 */
import { FieldType } from '@steerable/field-types';
import { directSum } from '@steerable/representations';
import {
  batchNorm,
  type CertificationEntry,
  fourier,
  inMode,
  type ModuleCase,
  moduleConstructor,
  POINT_GSPACES,
  pointwise,
  quotientFourier,
  representativeTypes,
  SQUARE_WINDOWS,
  supporting,
} from './registry-support.js';

// ---- the registry --------------------------------------------------------------------------------

/**
 * Every module of `@steerable/nn-equivariant` the CLI certifies. Inputs are 9–15 pixels square; modules
 * that shrink the grid set their own sizes.
 */
export const LAYER_ENTRIES: readonly CertificationEntry[] = Object.freeze([
  {
    module: 'R2Conv',
    cases: (gs, C) => {
      const types = representativeTypes(gs);
      const cases: ModuleCase[] = [];
      const first = types[0];
      const second = types[1] ?? first;
      if (first === undefined || second === undefined) return cases;
      cases.push({
        label: `${first.label}→${second.label} k3`,
        build: () => C(first.type, second.type, 3, { seed: 1 }),
      });
      cases.push({
        label: `${second.label}→${first.label} k5`,
        build: () => C(second.type, first.type, 5, { seed: 2 }),
      });
      return cases;
    },
  },
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
  {
    module: 'IdentityModule',
    cases: (gs, C) => representativeTypes(gs).map(({ label, type }) => ({ label, build: () => C(type) })),
  },
  {
    module: 'DisentangleModule',
    cases: (gs, C) => representativeTypes(gs).map(({ label, type }) => ({ label, build: () => C(type) })),
  },
  {
    module: 'RestrictionModule',
    cases: (gs, C) => {
      const G = gs.fibergroup;
      const ids: unknown[] = G.continuous
        ? G.name.startsWith('O')
          ? [
              [null, -1],
              [null, 4],
            ]
          : [4]
        : G.name.startsWith('D')
          ? [
              [null, G.order() / 2],
              [0, 1],
            ]
          : G.order() % 2 === 0
            ? [G.order() / 2]
            : [];
      const types = representativeTypes(gs);
      return ids.flatMap((id) =>
        types.slice(0, 1).map(({ label, type }) => ({
          label: `${label} to ${JSON.stringify(id)}`,
          build: () => C(type, id),
        })),
      );
    },
  },
  {
    module: 'SequentialModule',
    cases: (gs, C) => {
      const conv = moduleConstructor('R2Conv');
      const relu = moduleConstructor('ReLU');
      const [mixed] = representativeTypes(gs, 'pointwise');
      if (conv === undefined || relu === undefined || mixed === undefined) return [];
      const type = mixed.type;
      return [
        {
          label: 'R2Conv→ReLU→R2Conv',
          build: () => C(conv(type, type, 3, { seed: 4 }), relu(type), conv(type, type, 3, { seed: 5 })),
        },
      ];
    },
  },
  {
    module: 'R2ConvTransposed',
    cases: (gs, C) => {
      const [first, second = first] = representativeTypes(gs);
      if (first === undefined || second === undefined) return [];
      return [
        {
          label: `${first.label}→${second.label} k3`,
          build: () => C(first.type, second.type, 3, { padding: 1, seed: 6 }),
        },
        {
          label: `${second.label}→${first.label} k4`,
          build: () => C(second.type, first.type, 4, { seed: 7 }),
        },
      ];
    },
  },
  {
    module: 'Linear',
    gspaces: POINT_GSPACES,
    cases: (gs, C) => {
      const [first, second = first] = representativeTypes(gs);
      if (first === undefined || second === undefined) return [];
      return [
        { label: `${first.label}→${second.label}`, build: () => C(first.type, second.type, { seed: 8 }) },
        { label: `${second.label}→${first.label}`, build: () => C(second.type, first.type, { seed: 9 }) },
      ];
    },
  },
  {
    module: 'PointwiseMaxPool2D',
    options: SQUARE_WINDOWS,
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
        label: `${label} k3 s1 p1`,
        build: () => C(type, 3, { stride: 1, padding: 1 }),
      })),
  },
  {
    // kernel 2, stride 2 on even sides: the windows tile the grid, which every exact element maps to itself
    module: 'PointwiseMaxPool2D',
    options: { ...SQUARE_WINDOWS, sizes: [8, 10, 12] },
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
        label: `${label} k2 s2`,
        build: () => C(type, 2),
      })),
  },
  {
    module: 'PointwiseAvgPool2D',
    options: { ...SQUARE_WINDOWS, sizes: [8, 10, 12] },
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
        label: `${label} k2 s2`,
        build: () => C(type, 2),
      })),
  },
  {
    // global average pooling: invariant under every rotation, interpolated elements included
    module: 'PointwiseAdaptiveAvgPool2D',
    options: { sizes: [9, 12, 15] },
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
        label: `${label} to 1×1`,
        build: () => C(type, 1),
      })),
  },
  {
    module: 'PointwiseAdaptiveAvgPool2D',
    options: { ...SQUARE_WINDOWS, sizes: [9, 12, 15] },
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
        label: `${label} to 3×3`,
        build: () => C(type, 3),
      })),
  },
  {
    // a Gaussian (isotropic) blur, then stride 2 from pixel 0 on odd sides: a grid symmetric about the centre
    module: 'PointwiseAvgPoolAntialiased2D',
    options: { sizes: [9, 11, 13] },
    cases: (gs, C) =>
      representativeTypes(gs, 'pointwise').map(({ label, type }) => ({
        label: `${label} σ0.66 s2`,
        build: () => C(type, 0.66, 2),
      })),
  },
  {
    module: 'NormMaxPool',
    options: { ...SQUARE_WINDOWS, sizes: [8, 10, 12] },
    cases: (gs, C) =>
      representativeTypes(gs, 'norm').map(({ label, type }) => ({
        label: `${label} k2 s2`,
        build: () => C(type, 2),
      })),
  },
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
]);
