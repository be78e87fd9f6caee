/**
 * Properties of the batch normalizations on random field types of C4, D4 and C3 (random mixtures of
 * trivial, irreducible, regular and quotient fields, in random order): training output, running statistics,
 * eval output and export agree with the float64 references; equivariance on the exact grid elements.
 */
import { FieldType } from '@steerable/field-types';
import type { RepresentationLike } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import { flipRot2dOnR2, type GSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import {
  exactElements,
  expectEvalAndExport,
  gnormReference,
  iidReference,
  innerReference,
  input,
  maxAbsDiff,
  normReference,
  rowsOf,
} from '../test-utils/test-batchnorm.js';
import { GNormBatchNorm } from './gnorm.js';
import { IIDBatchNorm2d } from './iid.js';
import { InnerBatchNorm } from './inner.js';
import { NormBatchNorm } from './norm.js';

const runs = numRuns(25);

beforeAll(async () => {
  await initBackend({ env: {} });
});

const c4 = rot2dOnR2(4);
const d4 = flipRot2dOnR2(4);
const c3 = rot2dOnR2(3);

/** The representations to draw fields from, per gspace. */
const menus: readonly [GSpace, RepresentationLike[]][] = [
  [c4, [c4.trivialRepr, c4.irrep(1), c4.irrep(2), c4.regularRepr, c4.quotientRepr(2)]],
  [
    d4,
    [d4.trivialRepr, d4.irrep(1, 1), d4.irrep(1, 0), d4.irrep(0, 2), d4.regularRepr, d4.quotientRepr([0, 2])],
  ],
  [c3, [c3.trivialRepr, c3.irrep(1), c3.regularRepr]],
];

const fieldTypes = fc
  .record({
    menu: fc.integer({ min: 0, max: menus.length - 1 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
    batch: fc.integer({ min: 1, max: 3 }),
    side: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ menu, picks, batch, side, seed: s }) => {
    const [gs, reprs] = menus[menu]!;
    return {
      gs,
      type: new FieldType(
        gs,
        picks.map((p) => reprs[p % reprs.length]!),
      ),
      shape: [batch + 1, side, side],
      seed: s,
    };
  });

function ones(type: FieldType, per: (r: RepresentationLike) => number): number[][] {
  return type.representations.map((r) => Array<number>(per(r)).fill(1));
}

describe('batch normalizations on random field types', () => {
  it('IIDBatchNorm2d and GNormBatchNorm match their float64 references in training and eval mode, and export', () => {
    fc.assert(
      fc.property(fieldTypes, ({ type, shape, seed: s }) => {
        const x = input(type, shape, s);
        const rows = rowsOf(x.tensor);
        const trivials = (r: RepresentationLike) =>
          r.irreps.filter((id) => type.fibergroup.irrep(...id).isTrivial()).length;
        const iidRef = iidReference(rows, type, {
          eps: 1e-5,
          momentum: 0.1,
          weight: type.representations.map(() => 1),
          bias: ones(type, trivials).map((b) => b.map(() => 0)),
        });
        const gnormRef = gnormReference(rows, type, {
          eps: 1e-5,
          momentum: 0.1,
          weight: ones(type, (r) => r.irreps.length),
          bias: ones(type, trivials).map((b) => b.map(() => 0)),
        });
        for (const [bn, ref] of [
          [new IIDBatchNorm2d(type), iidRef],
          [new GNormBatchNorm(type), gnormRef],
        ] as const) {
          const y = bn.forward(x);
          expect(maxAbsDiff(rowsOf(y.tensor), ref.train)).toBeLessThan(2e-4);
          expectEvalAndExport(bn, x, ref.eval, 2e-4);
          y.tensor.dispose();
          bn.dispose();
        }
        x.dispose();
      }),
      { numRuns: runs },
    );
  });

  it('InnerBatchNorm and NormBatchNorm match their references where they apply', () => {
    fc.assert(
      fc.property(fieldTypes, ({ type, shape, seed: s }) => {
        const x = input(type, shape, s);
        const rows = rowsOf(x.tensor);
        const reprs = type.representations;
        if (reprs.every((r) => r.supportedNonlinearities.has('pointwise'))) {
          const bn = new InnerBatchNorm(type);
          const w = reprs.map(() => 1);
          const ref = innerReference(rows, type, {
            eps: 1e-5,
            momentum: 0.1,
            weight: w,
            bias: w.map(() => 0),
          });
          const y = bn.forward(x);
          expect(maxAbsDiff(rowsOf(y.tensor), ref.train)).toBeLessThan(2e-4);
          bn.eval();
          const z = bn.forward(x);
          expect(maxAbsDiff(rowsOf(z.tensor), ref.eval)).toBeLessThan(2e-4);
          tf.dispose([y.tensor, z.tensor]);
          bn.dispose();
        } else {
          expect(() => new InnerBatchNorm(type)).toThrow(/InnerBatchNorm.*pointwise/);
        }
        const normOk = reprs.every(
          (r) =>
            r.supportedNonlinearities.has('norm') &&
            !r.irreps.some((id) => type.fibergroup.irrep(...id).isTrivial()),
        );
        if (normOk) {
          const bn = new NormBatchNorm(type);
          const ref = normReference(rows, type, { eps: 1e-5, momentum: 0.1, weight: reprs.map(() => 1) });
          const y = bn.forward(x);
          expect(maxAbsDiff(rowsOf(y.tensor), ref.train)).toBeLessThan(2e-4);
          y.dispose();
          bn.dispose();
        } else {
          expect(() => new NormBatchNorm(type)).toThrow(/NormBatchNorm.*inType/);
        }
        x.dispose();
      }),
      { numRuns: runs },
    );
  });

  it('GNormBatchNorm and IIDBatchNorm2d are equivariant on the exact grid elements in training mode', () => {
    fc.assert(
      fc.property(fieldTypes, ({ gs, type }) => {
        const elements = exactElements(gs);
        for (const bn of [new GNormBatchNorm(type), new IIDBatchNorm2d(type)]) {
          expect(bn.checkEquivariance({ elements, spatialSize: 4, batchSize: 2 }).length).toBe(
            elements.length,
          );
          bn.dispose();
        }
      }),
      { numRuns: Math.max(1, Math.round(runs / 3)) },
    );
  });
});
