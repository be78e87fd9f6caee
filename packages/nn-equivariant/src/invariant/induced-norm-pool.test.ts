import { FieldType } from '@steerable/field-types';
import { cyclicGroup, InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import {
  flip2dOnR2,
  flipRot2dOnR2,
  type GSpace2D,
  noBaseSpace,
  rot2dOnR2,
  trivialOnR2,
} from '@steerable/gspaces';
import { changeBasis, directSum, inducedRepresentation } from '@steerable/representations';
import { Matrix } from 'ml-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactElements, fiberEquivarianceError, randomField, useBackend } from '../test-utils/test-fields.js';
import { inducedCases, maxDiff } from '../test-utils/test-pooling.js';
import { InducedNormPool } from './induced-norm-pool.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

const INDUCED_GSPACES: readonly { name: string; gs: GSpace2D }[] = [
  { name: 'C4', gs: rot2dOnR2(4) },
  { name: 'C8', gs: rot2dOnR2(8) },
  { name: 'D4', gs: flipRot2dOnR2(4) },
  { name: 'O(2)', gs: flipRot2dOnR2(-1, { maximumFrequency: 3 }) },
  { name: 'flip', gs: flip2dOnR2() },
];

describe('InducedNormPool', () => {
  it('takes the largest sub-field norm of each field', () => {
    const gs = rot2dOnR2(8);
    const [a, b, c] = inducedCases(gs).map((e) => e.repr) as [
      RepresentationLike,
      RepresentationLike,
      RepresentationLike,
    ];
    const type = new FieldType(gs, [c, a, c, b]);
    // escnn's dim ψ, read from the tags: C4's irrep 1 (2), C2's irrep 1 (1), the quotient's trivial ψ (1)
    const m = new InducedNormPool(type);
    expect(m.subfieldSizes).toEqual([2, 1, 2, 1]);
    const m2 = new InducedNormPool(type, { subfieldSize: 2 });
    const x = randomField(type, 2, 3, 9);
    for (const [mod, sizes] of [
      [m, [2, 1, 2, 1]],
      [m2, [2, 2, 2, 2]],
    ] as const) {
      const y = mod.forward(x);
      expect(y.type.representations.every((r) => r.isTrivial())).toBe(true);
      const xd = x.tensor.dataSync();
      const want: number[] = [];
      for (let p = 0; p < xd.length / type.size; p++)
        type.representations.forEach((r, f) => {
          const d = sizes[f]!;
          let best = 0;
          for (let s = 0; s < r.size / d; s++) {
            let n = 0;
            for (let i = 0; i < d; i++) n += xd[p * type.size + type.fieldsStart[f]! + s * d + i]! ** 2;
            best = Math.max(best, Math.sqrt(n));
          }
          want.push(best);
        });
      expect(maxDiff(y.tensor.dataSync(), want)).toBeLessThan(1e-5);
      y.tensor.dispose();
    }
    x.tensor.dispose();
  });

  it("reads dim ψ from escnn's tag induced_norm_<dim ψ>, whatever the name", () => {
    for (const { gs } of INDUCED_GSPACES) {
      for (const { repr, d } of inducedCases(gs)) {
        expect([...repr.supportedNonlinearities].filter((t) => t.startsWith('induced_norm'))).toEqual([
          `induced_norm_${d}`,
        ]);
        expect(new InducedNormPool(new FieldType(gs, [repr])).subfieldSizes).toEqual([d]);
      }
    }
    const G = flipRot2dOnR2(-1, { maximumFrequency: 3 }).fibergroup;
    const gs = noBaseSpace(G);
    const renamed = inducedRepresentation(G, [null, -1], G.subgroup([null, -1]).subgroup.irrep(2), {
      name: 'mine',
    });
    expect(new InducedNormPool(new FieldType(gs, [renamed])).subfieldSizes).toEqual([2]);
    // escnn's change of basis keeps no tags unless given, and then they are read
    const eye = Matrix.eye(renamed.size);
    expect(() => new InducedNormPool(new FieldType(gs, [changeBasis(renamed, eye, 'P')]))).toThrow(
      /'induced_norm'/,
    );
    const tagged = changeBasis(renamed, eye, 'P', { supportedNonlinearities: ['norm', 'induced_norm_1'] });
    expect(new InducedNormPool(new FieldType(gs, [tagged])).subfieldSizes).toEqual([1]);
    // a direct sum keeps the tags its summands share (escnn's intersection)
    expect(new InducedNormPool(new FieldType(gs, [directSum([renamed, renamed])])).subfieldSizes).toEqual([
      2,
    ]);
    const twoSizes = changeBasis(renamed, eye, 'P', {
      supportedNonlinearities: ['induced_norm_1', 'induced_norm_2'],
    });
    expect(() => new InducedNormPool(new FieldType(gs, [twoSizes]))).toThrow(/one sub-field size/);
  });

  it.each(INDUCED_GSPACES)(
    'is invariant on $name: every element on the fibers, grid elements in space',
    ({ gs }) => {
      const cases = inducedCases(gs);
      const type = new FieldType(gs, [...cases.map((c) => c.repr), cases[0]!.repr]);
      for (const subfieldSize of [undefined, Math.min(...cases.map((c) => c.d)) === 1 ? undefined : 2]) {
        const m = new InducedNormPool(type, subfieldSize === undefined ? {} : { subfieldSize });
        m.checkEquivariance({ elements: exactElements(gs), atol: 1e-5, rtol: 1e-5 });
        const x = randomField(type, 2, 3, 2);
        const { error, scale } = fiberEquivarianceError(m, x, gs.testingElements);
        expect(error).toBeLessThan(1e-5 * Math.max(1, scale));
        x.tensor.dispose();
      }
    },
  );

  it('is invariant on noBaseSpace (tensors [batch, C])', () => {
    const gs = noBaseSpace(cyclicGroup(8));
    const type = new FieldType(gs, [
      gs.inducedRepr(2, cyclicGroup(8).subgroup(2).subgroup.irrep(1)),
      gs.quotientRepr(4),
    ]);
    const m = new InducedNormPool(type);
    const results = m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
    expect(results).toHaveLength(8);
    expect(m.evaluateOutputShape([3, type.size])).toEqual([3, 2]);
  });

  it('rejects fields that are not induced, and sub-field sizes that do not divide', () => {
    const gs = rot2dOnR2(8);
    expect(() => new InducedNormPool(new FieldType(gs, [gs.regularRepr]))).toThrow(/'induced_norm'/);
    expect(() => new InducedNormPool(new FieldType(gs, [gs.quotientRepr(4)]), { subfieldSize: 3 })).toThrow(
      /options.subfieldSize/,
    );
    expect(() => new InducedNormPool(new FieldType(trivialOnR2(), [trivialOnR2().trivialRepr]))).toThrow(
      InvalidArgumentError,
    );
  });
});
