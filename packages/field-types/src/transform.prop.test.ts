import type { GroupElement, RepresentationLike } from '@steerable/group-theory';
import { isSignedPermutation, maxAbsDifference, numRuns } from '@steerable/group-theory/testing';
import { flip2dOnR2, flipRot2dOnR2, type GSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldType } from './field-type.js';

const params = { numRuns: numRuns(30) };

/** Gspaces whose elements we can pick exact on the grid (multiples of 90°, axis flips), and those elements. */
const spaces: { gs: GSpace; exact: readonly GroupElement[] }[] = [
  rot2dOnR2(4),
  rot2dOnR2(8),
  flipRot2dOnR2(4),
  flipRot2dOnR2(2),
  flip2dOnR2(),
  rot2dOnR2(-1, { maximumFrequency: 3 }),
].map((gs) => {
  // exact elements: those whose base-space action is a signed permutation of the axes
  const exact = (gs.fibergroup.order() > 0 ? gs.fibergroup.elements : gs.testingElements).filter((g) =>
    isSignedPermutation(gs.basespaceAction(g)),
  );
  return { gs, exact };
});

/** A field type on one of the gspaces (1–4 fields among trivial, regular when finite, and the irreps) and two exact elements. */
const arbitraryCase = fc.integer({ min: 0, max: spaces.length - 1 }).chain((k) => {
  const { gs, exact } = spaces[k]!;
  const reps: RepresentationLike[] = [gs.trivialRepr, ...gs.irreps];
  if (gs.fibergroup.order() > 0) reps.push(gs.regularRepr);
  return fc.record({
    k: fc.constant(k),
    fields: fc.array(fc.constantFrom(...reps), { minLength: 1, maxLength: 4 }),
    g: fc.constantFrom(...exact),
    h: fc.constantFrom(...exact),
    side: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 1000 }),
  });
});

describe('GeometricTensor.transform is a group action (random types, exact elements)', () => {
  it('g·(h·x) = (gh)·x, linear, and norm-preserving for orthogonal representations', () => {
    const before = tf.memory().numTensors;
    fc.assert(
      fc.property(arbitraryCase, ({ k, fields, g, h, side, seed }) => {
        const { gs } = spaces[k]!;
        const type = new FieldType(gs, fields);
        const x = type.wrap(tf.randomNormal([2, side, side, type.size], 0, 1, 'float32', seed));
        const hx = x.transform(h);
        const ghx = hx.transform(g);
        const direct = x.transform(g.combine(h));
        expect(maxAbsDifference(ghx.tensor.dataSync(), direct.tensor.dataSync())).toBeLessThan(1e-5);
        // the representations used here are orthogonal and the grid action a permutation: norms are kept
        const norm = (t: tf.Tensor) => tf.tidy(() => tf.norm(t).dataSync()[0]!);
        expect(norm(ghx.tensor)).toBeCloseTo(norm(x.tensor), 3);
        // linearity: g·(2x + hx) = 2 g·x + g·hx
        const x2 = x.mul(2);
        const combo = x2.add(hx);
        const left = combo.transform(g);
        const gx = x.transform(g);
        const gx2 = gx.mul(2);
        const right = gx2.add(ghx);
        expect(maxAbsDifference(left.tensor.dataSync(), right.tensor.dataSync())).toBeLessThan(1e-4);
        for (const t of [x, hx, ghx, direct, x2, combo, left, gx, gx2, right]) t.dispose();
      }),
      params,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fiberRepresentation is a homomorphism on every testing element, exact or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: spaces.length - 1 }).chain((k) => {
          const { gs } = spaces[k]!;
          const reps: RepresentationLike[] = [gs.trivialRepr, ...gs.irreps];
          if (gs.fibergroup.order() > 0) reps.push(gs.regularRepr);
          return fc.record({
            k: fc.constant(k),
            fields: fc.array(fc.constantFrom(...reps), { minLength: 1, maxLength: 3 }),
            g: fc.constantFrom(...gs.testingElements),
            h: fc.constantFrom(...gs.testingElements),
          });
        }),
        ({ k, fields, g, h }) => {
          const type = new FieldType(spaces[k]!.gs, fields);
          const lhs = type.fiberRepresentation(g.combine(h)).to1DArray();
          const rhs = type.fiberRepresentation(g).mmul(type.fiberRepresentation(h)).to1DArray();
          expect(maxAbsDifference(lhs, rhs)).toBeLessThan(1e-9);
        },
      ),
      params,
    );
  });
});
