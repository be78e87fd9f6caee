/**
 * Registry entries of the spatial poolings (max, average, adaptive, antialiased, norm max).
 */
import { type CertificationEntry, representativeTypes, SQUARE_WINDOWS } from './support.js';

/** The pooling entries, in the order of the certification report. */
export const POOLING_ENTRIES: readonly CertificationEntry[] = Object.freeze([
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
]);
