/**
 * Registry entries of the steerable convolutions and linear maps (R2Conv, R2ConvTransposed, Linear, R3Conv).
 */
import { flipRot3dOnR3, octaOnR3, rot3dOnR3 } from '@steerable/gspaces';
import {
  type CertificationEntry,
  type GSpaceCase,
  type ModuleCase,
  POINT_GSPACES,
  representativeTypes,
} from './support.js';

/**
 * The R³ gspaces R3Conv is certified on: the octahedral group (every testing element permutes the voxel grid),
 * SO(3) and O(3) (their elements that permute the grid).
 */
const SPATIAL_GSPACES: readonly GSpaceCase[] = Object.freeze([
  { key: 'O@R3', make: () => octaOnR3() },
  { key: 'SO3', make: () => rot3dOnR3() },
  { key: 'O3', make: () => flipRot3dOnR3() },
]);

/** The conv entries, in the order of the certification report. */
export const CONV_ENTRIES: readonly CertificationEntry[] = Object.freeze([
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
    module: 'R3Conv',
    gspaces: SPATIAL_GSPACES,
    cases: (gs, C) => {
      const [first] = representativeTypes(gs);
      if (first === undefined) return [];
      return [
        {
          label: `${first.label}→${first.label} k3`,
          build: () => C(first.type, first.type, 3, { seed: 10 }),
        },
      ];
    },
    // conv3d is slow on the CPU backends: small voxel grids, and the elements that permute them (a discretized
    // rotation off the grid is equivariant only up to the sampling of the filter and the field)
    options: { interpolated: false, randomElements: false, sizes: [5, 7] },
  },
]);
