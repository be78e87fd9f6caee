import { FieldType } from '@steerable/field-types';
import type { RepresentationLike } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomField, useBackend } from '../test-utils/test-fields.js';
import { BranchingModule } from './branching.js';
import { IdentityModule } from './identity.js';
import { MultipleModule } from './multiple.js';
import { ReshuffleModule } from './reshuffle.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

const params = { numRuns: numRuns(30) };

const gs = rot2dOnR2(4);
const REPS: readonly RepresentationLike[] = [gs.trivialRepr, gs.irrep(1), gs.irrep(2), gs.regularRepr];
const LABELS = ['a', 'b', 'c'] as const;

/** Fields (indices into REPS), a label per field, a reshuffle level and an order of the labels' modules. */
const arbitraryCase = fc
  .array(fc.tuple(fc.integer({ min: 0, max: REPS.length - 1 }), fc.constantFrom(...LABELS)), {
    minLength: 1,
    maxLength: 6,
  })
  .chain((fields) => {
    const used = [...new Set(fields.map(([, l]) => l))];
    return fc.record({
      fields: fc.constant(fields),
      level: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>,
      order: fc.shuffledSubarray(used, { minLength: used.length, maxLength: used.length }),
    });
  });

describe('MultipleModule of identities (property)', () => {
  it('is the field permutation that groups the labels in module order, sorted as the level says', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ fields, level, order }) => {
        const type = new FieldType(
          gs,
          fields.map(([r]) => REPS[r]!),
        );
        const labels = fields.map(([, l]) => l);
        const branching = new BranchingModule(type, labels, { reshuffle: level });
        const m = new MultipleModule(
          type,
          labels,
          order.map((l) => [new IdentityModule(branching.outType.get(l)!), l] as const),
          { reshuffle: level },
        );
        // the expected order, computed independently: a stable sort by label (then size), grouped in module order
        const key = (f: number) => [labels[f]!, level >= 2 ? type.representations[f]!.size : 0] as const;
        const sorted = [...labels.keys()].sort((p, q) => {
          if (level === 0) return p - q;
          const [lp, sp] = key(p);
          const [lq, sq] = key(q);
          return lp < lq ? -1 : lp > lq ? 1 : sp - sq || p - q;
        });
        const permutation = order.flatMap((l) => sorted.filter((f) => labels[f] === l));
        expect(m.outType.equals(type.indexSelect(permutation))).toBe(true);
        const reshuffle = new ReshuffleModule(type, permutation);
        const x = randomField(type, 1, 2, 3);
        const a = m.forward(x);
        const b = reshuffle.forward(x);
        expect(Array.from(a.tensor.dataSync())).toEqual(Array.from(b.tensor.dataSync()));
        tf.dispose([x.tensor, a.tensor, b.tensor]);
      }),
      params,
    );
  });
});
