/**
 * Registry entries of the steerable convolutions and linear maps (R2Conv, R2ConvTransposed, Linear).
 */
import { type CertificationEntry, type ModuleCase, POINT_GSPACES, representativeTypes } from './support.js';

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
]);
