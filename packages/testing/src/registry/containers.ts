/**
 * Registry entries of the containers and structural modules: identity, disentangling, restriction, sequential, mask, reshuffle, multiple branches.
 */
import { FieldType } from '@steerable/field-types';
import { type CertificationEntry, moduleConstructor, representativeTypes, supporting } from './support.js';

/** The containers entries, in the order of the certification report. */
export const CONTAINERS_ENTRIES: readonly CertificationEntry[] = Object.freeze([
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
]);
