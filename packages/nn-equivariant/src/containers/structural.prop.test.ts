import { FieldType } from '@steerable/field-types';
import type { RepresentationLike } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import { flipRot2dOnR2, type GSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import type { EquivariantModule } from '../equivariant-module.js';
import { DisentangleModule } from './disentangle.js';
import { IdentityModule } from './identity.js';
import { RestrictionModule } from './restriction.js';
import { SequentialModule } from './sequential.js';

beforeAll(async () => {
  await initBackend({ env: {} });
});

const params = { numRuns: numRuns(25) };

/** Gspaces with subgroup ids whose elements all act exactly on the grid (multiples of 90°, axis flips). */
const spaces: { gs: GSpace; ids: unknown[] }[] = [
  { gs: rot2dOnR2(8), ids: [4, 2, 1] },
  { gs: rot2dOnR2(4), ids: [2, 1] },
  {
    gs: flipRot2dOnR2(4),
    ids: [
      [null, 4],
      [null, 2],
      [0, 2],
      [0, 1],
    ],
  },
];

const arbitraryChain = fc.integer({ min: 0, max: spaces.length - 1 }).chain((k) => {
  const { gs, ids } = spaces[k]!;
  const reps: RepresentationLike[] = [gs.trivialRepr, gs.regularRepr, ...gs.irreps];
  return fc.record({
    k: fc.constant(k),
    fields: fc.array(fc.constantFrom(...reps), { minLength: 1, maxLength: 3 }),
    // each stage: 0 identity, 1 disentangle, 2 restriction to one of the ids
    stages: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
    id: fc.constantFrom(...ids),
  });
});

/** Builds the chain; a restriction happens at most once (the ids are of the original group). */
function build(gs: GSpace, fields: RepresentationLike[], stages: number[], id: unknown): SequentialModule {
  let type = new FieldType(gs, fields);
  let restricted = false;
  const modules: EquivariantModule[] = [];
  for (const s of stages) {
    let m: EquivariantModule;
    if (s === 2 && !restricted) {
      m = new RestrictionModule(type, id);
      restricted = true;
    } else if (s === 1) {
      m = new DisentangleModule(type);
    } else {
      m = new IdentityModule(type);
    }
    modules.push(m);
    type = m.outType;
  }
  return new SequentialModule(...modules);
}

describe('structural modules on random field types', () => {
  it('every chain of Identity / Disentangle / Restriction is equivariant, keeps the channel count, and exports exactly', () => {
    fc.assert(
      fc.property(arbitraryChain, ({ k, fields, stages, id }) => {
        const seq = build(spaces[k]!.gs, fields, stages, id);
        const before = tf.memory().numTensors;
        const results = seq.checkEquivariance({ spatialSize: 4, batchSize: 2 });
        expect(results.every((r) => r.passed)).toBe(true);
        expect(seq.outType.size).toBe(seq.inType.size);
        expect(seq.evaluateOutputShape([2, 4, 4, seq.inType.size])).toEqual([2, 4, 4, seq.outType.size]);
        // the permutations are exact: forward and the exported model agree bit for bit
        const x = seq.inType.wrap(tf.randomNormal([1, 3, 3, seq.inType.size], 0, 1, 'float32', 1));
        const y = seq.forward(x);
        const model = seq.export();
        const z = model.predict(x.tensor) as tf.Tensor;
        expect(Array.from(z.dataSync())).toEqual(Array.from(y.tensor.dataSync()));
        tf.dispose([x.tensor, y.tensor, z]);
        model.dispose();
        expect(tf.memory().numTensors).toBe(before);
        seq.dispose();
      }),
      params,
    );
  });
});
