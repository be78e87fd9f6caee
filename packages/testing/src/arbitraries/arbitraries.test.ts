import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparisonRadius, MIN_SMOOTH_SIZE } from '../internal/inputs.js';
import { arbitraryFieldType, representationsOfKind } from './field-types.js';
import { arbitraryGridElement, gridElements, isExactOnGrid } from './grid-elements.js';
import { propertyParameters } from './parameters.js';
import { arbitraryInputSpec, geometricTensorOf } from './tensors.js';

describe('grid elements', () => {
  it('splits testing elements into pixel permutations and interpolations', () => {
    expect(gridElements(rot2dOnR2(8)).exact.map(String)).toEqual(['C8[0]', 'C8[2]', 'C8[4]', 'C8[6]']);
    expect(gridElements(flipRot2dOnR2(4)).interpolated).toHaveLength(0);
    expect(gridElements(flip2dOnR2()).exact).toHaveLength(2);
    const so2 = gridElements(rot2dOnR2(-1));
    expect(so2.exact).toHaveLength(4);
    expect(so2.interpolated).toHaveLength(48);
    const r0 = noBaseSpace(rot2dOnR2(8).fibergroup);
    expect(r0.testingElements.every((g) => isExactOnGrid(r0, g))).toBe(true);
  });
  it('draws elements of the requested kind', () => {
    const gs = rot2dOnR2(-1);
    for (const kind of ['exact', 'interpolated'] as const) {
      fc.assert(
        fc.property(arbitraryGridElement(gs, { kind }), (g) => isExactOnGrid(gs, g) === (kind === 'exact')),
        propertyParameters({ numRuns: 30 }),
      );
    }
    expect(() => arbitraryGridElement(rot2dOnR2(4), { kind: 'interpolated' })).toThrow(InvalidArgumentError);
    expect(() => arbitraryGridElement(rot2dOnR2(4), { kind: 'nope' as never })).toThrow(/kind/);
  });
});

describe('field types', () => {
  it('lists representations by kind', () => {
    const c8 = rot2dOnR2(8);
    expect(representationsOfKind(c8, 'quotient').map((r) => r.size)).toEqual([4, 2]);
    expect(representationsOfKind(c8, 'irrep')).toHaveLength(4);
    expect(representationsOfKind(rot2dOnR2(-1, { maximumFrequency: 3 }), 'regular')).toEqual([]);
    expect(representationsOfKind(flipRot2dOnR2(4), 'quotient').length).toBeGreaterThan(0);
  });
  it('draws types over the gspace within the bounds, of the allowed kinds', () => {
    const gs = flipRot2dOnR2(4);
    const irreps = new Set(representationsOfKind(gs, 'irrep'));
    fc.assert(
      fc.property(arbitraryFieldType(gs, { maxFields: 3, maxSize: 12 }), (t) => {
        expect(t).toBeInstanceOf(FieldType);
        expect(t.gspace).toBe(gs);
        expect(t.length).toBeLessThanOrEqual(3);
        expect(t.size).toBeLessThanOrEqual(12);
      }),
      propertyParameters({ numRuns: 40 }),
    );
    fc.assert(
      fc.property(arbitraryFieldType(gs, { kinds: ['irrep'] }), (t) =>
        t.representations.every((r) => irreps.has(r as never)),
      ),
      propertyParameters({ numRuns: 20 }),
    );
    expect(() => arbitraryFieldType(rot2dOnR2(-1), { kinds: ['regular'] })).toThrow(InvalidArgumentError);
    expect(() => arbitraryFieldType(gs, { maxFields: 0 })).toThrow(/maxFields/);
  });
});

describe('inputs', () => {
  const gs = rot2dOnR2(4);
  const type = new FieldType(gs, [gs.regularRepr, gs.trivialRepr]);
  it('draws specs within bounds', () => {
    fc.assert(
      fc.property(arbitraryInputSpec({ minBatch: 2, maxBatch: 3, sizes: [7, 8] }), (s) => {
        expect(s.batch).toBeGreaterThanOrEqual(2);
        expect(s.batch).toBeLessThanOrEqual(3);
        expect([7, 8]).toContain(s.size);
      }),
      propertyParameters({ numRuns: 30 }),
    );
    expect(() => arbitraryInputSpec({ sizes: [] })).toThrow(InvalidArgumentError);
    expect(() => arbitraryInputSpec({ minBatch: 3, maxBatch: 2 })).toThrow(/maxBatch/);
  });
  it('rebuilds the same tensor from the same spec', async () => {
    const spec = { seed: 42, batch: 2, size: 9 };
    const a = geometricTensorOf(type, spec);
    const b = geometricTensorOf(type, spec);
    const c = geometricTensorOf(type, { ...spec, seed: 43 });
    expect(a.tensor.shape).toEqual([2, 9, 9, 5]);
    expect(await a.tensor.data()).toEqual(await b.tensor.data());
    expect(await a.tensor.data()).not.toEqual(await c.tensor.data());
    for (const t of [a, b, c]) t.dispose();
  });
  it('makes smooth inputs centred in a disc, on an enlarged grid of the same parity', async () => {
    const t = geometricTensorOf(type, { seed: 1, batch: 1, size: 9 }, { values: 'smooth' });
    const n = t.tensor.shape[1]!;
    expect(n % 2).toBe(1);
    expect(n).toBeGreaterThanOrEqual(MIN_SMOOTH_SIZE);
    const data = await t.tensor.data();
    const c = (n - 1) / 2;
    let outside = 0;
    let inside = 0;
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++)
        for (let ch = 0; ch < 5; ch++) {
          const v = Math.abs(data[(y * n + x) * 5 + ch]!);
          if (Math.hypot(y - c, x - c) >= comparisonRadius(n) - 1) outside = Math.max(outside, v);
          else inside = Math.max(inside, v);
        }
    expect(outside).toBe(0);
    expect(inside).toBeGreaterThan(0.5);
    // band-limited: neighbouring pixels differ much less than white noise does
    let diff = 0;
    let norm = 0;
    for (let i = 5; i < data.length; i++) {
      diff += (data[i]! - data[i - 5]!) ** 2;
      norm += data[i]! ** 2;
    }
    expect(diff / norm).toBeLessThan(0.3);
    t.dispose();
  });
});
