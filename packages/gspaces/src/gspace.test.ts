import {
  cyclicGroup,
  dihedralGroup,
  GroupMismatchError,
  InvalidArgumentError,
  UnknownSubgroupError,
} from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { directSum } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import { flip2dOnR2, flipRot2dOnR2, GSpace2D, rot2dOnR2, trivialOnR2 } from './r2.js';
import { loadTransformsFixture, nchwToNhwc, nhwcToNchw } from './test-utils.js';
import { escnnFieldReprs, gspaceOfEscnnCall } from './testing/index.js';

const fixture = await loadTransformsFixture();

describe('transforms.json: the 5 gspaces', () => {
  for (const t of fixture.transforms) {
    describe(t.gspace, () => {
      const gs = gspaceOfEscnnCall(t.gspace);
      const repr = directSum(escnnFieldReprs(gs, t.field_type));
      const [n, c, h, w] = [1, repr.size, t.input[0]![0]!.length, t.input[0]![0]![0]!.length];
      const nhwc = nchwToNhwc(Float64Array.from(t.input.flat(3)), n, c, h, w);

      it('testing elements are escnn’s, in escnn’s order', () => {
        const elements = t.elements.map((e) => gs.fibergroup.element(e.escnn_value, e.escnn_param));
        expect(gs.testingElements).toHaveLength(elements.length);
        gs.testingElements.forEach((g, i) => {
          expect(g.equals(elements[i]!)).toBe(true);
        });
      });

      for (const e of t.elements) {
        it(`element ${JSON.stringify(e.escnn_value)} (${e.repr}): base-space action, fiber matrix${e.transformed ? ', transformed field' : ''}`, () => {
          const g = gs.fibergroup.element(e.escnn_value, e.escnn_param);
          const a = gs.basespaceAction(g).to2DArray();
          expect(maxAbsDifference(a.flat(), e.basespace_action.flat())).toBeLessThan(1e-12);
          const rho = repr.at(g).to2DArray();
          expect(maxAbsDifference(rho.flat(), e.fiber_matrix.flat())).toBeLessThan(1e-9);
          if (e.transformed) {
            const expected = e.transformed.flat(3);
            const out = gs.featurefieldAction(nhwc, [n, h, w, c], repr, g);
            expect(maxAbsDifference(nhwcToNchw(out, n, c, h, w), expected)).toBeLessThan(1e-6);
            const first = gs.featurefieldAction(
              Float32Array.from(nhwcToNchw(nhwc, n, c, h, w)),
              [n, c, h, w],
              repr,
              g,
              {
                layout: 'channels-first',
              },
            );
            expect(first).toBeInstanceOf(Float32Array);
            expect(maxAbsDifference(first, expected)).toBeLessThan(1e-5);
          }
        });
      }
    });
  }
});

describe('GSpace2D', () => {
  it('builds every planar gspace as an O(2) subgroup, with escnn’s names', () => {
    const cases: [GSpace2D, string, readonly [number | null, number], string][] = [
      [rot2dOnR2(4), 'C4', [null, 4], 'C4_on_R2[(None, 4)]'],
      [rot2dOnR2(), 'SO(2)', [null, -1], 'SO(2)_on_R2[(None, -1)]'],
      [flipRot2dOnR2(4), 'D4', [Math.PI, 4], 'D4_on_R2[(3.141592653589793, 4)]'],
      [flipRot2dOnR2(), 'O(2)', [Math.PI, -1], 'O(2)_on_R2[(3.141592653589793, -1)]'],
      [flipRot2dOnR2(2, { axis: 0 }), 'D2', [0, 2], 'D2_on_R2[(0.0, 2)]'],
      [flip2dOnR2(), 'C2', [Math.PI, 1], 'C2_on_R2[(3.141592653589793, 1)]'],
      [trivialOnR2(), 'C1', [null, 1], 'C1_on_R2[(None, 1)]'],
    ];
    for (const [gs, group, sgId, name] of cases) {
      expect(gs.fibergroup.name).toBe(group);
      expect(gs.sgId).toEqual(sgId);
      expect(gs.name).toBe(name);
      expect(String(gs)).toBe(name);
      expect(gs.dimensionality).toBe(2);
      expect(gs.basespace).toBe('R^2');
    }
  });

  it('exposes the fiber group’s representations', () => {
    const gs = flipRot2dOnR2(4);
    expect(gs.trivialRepr.isTrivial()).toBe(true);
    expect(gs.irreps.map((r) => r.id)).toEqual(
      dihedralGroup(4)
        .irreps()
        .map((r) => r.id),
    );
    expect(gs.irrep(1, 1).dimension).toBe(2);
    expect(gs.regularRepr.size).toBe(8);
    expect(gs.regularRepr).toBe(gs.regularRepr);
    expect(gs.quotientRepr([null, 4]).size).toBe(2);
    const rot = gs.restrict([null, 4]).gspace;
    expect(gs.inducedRepr([null, 4], rot.irrep(1)).size).toBe(4);
    expect(rot2dOnR2(-1, { maximumFrequency: 3 }).irreps).toHaveLength(4);
  });

  it('compares by subgroup and fiber group', () => {
    expect(rot2dOnR2(4).equals(rot2dOnR2(4))).toBe(true);
    expect(rot2dOnR2(4).equals(rot2dOnR2(8))).toBe(false);
    expect(flipRot2dOnR2(4).equals(flipRot2dOnR2(4, { axis: 0 }))).toBe(false);
    // SO(2) is one group whatever its band limit, as in escnn
    expect(rot2dOnR2(-1).equals(rot2dOnR2(-1, { maximumFrequency: 2 }))).toBe(true);
    expect(rot2dOnR2(-1).equals(flipRot2dOnR2(-1))).toBe(false);
    expect(new GSpace2D([null, 4]).equals(rot2dOnR2(4))).toBe(true);
  });

  it('restricts with escnn’s composed subgroup ids and maps', () => {
    const d4 = flipRot2dOnR2(4);
    const cases: [GSpace2D, unknown, readonly [number | null, number]][] = [
      [rot2dOnR2(8), 4, [null, 4]],
      [rot2dOnR2(-1), 8, [null, 8]],
      [d4, [null, 4], [null, 4]],
      [d4, [0, 2], [Math.PI, 2]],
      [d4, [1, 1], [Math.PI + Math.PI / 2, 1]],
      [d4, [3, 1], [Math.PI / 2, 1]],
      [flipRot2dOnR2(-1), [null, 4], [null, 4]],
      [flipRot2dOnR2(-1), [0, 4], [Math.PI, 4]],
      [flipRot2dOnR2(-1), [0.5, -1], [Math.PI + 0.5, -1]],
      [flipRot2dOnR2(-1), [null, -1], [null, -1]],
      [flip2dOnR2(), 1, [null, 1]],
      [flip2dOnR2(), 2, [Math.PI, 1]],
    ];
    for (const [gs, id, sgId] of cases) {
      const r = gs.restrict(id);
      if (sgId[0] === null) expect(r.gspace.sgId[0]).toBeNull();
      else expect(r.gspace.sgId[0]).toBeCloseTo(sgId[0], 12);
      expect(r.gspace.sgId[1]).toBe(sgId[1]);
      // the restricted gspace moves points as the parent does on the included elements
      const all = r.gspace.testingElements;
      for (const h of all.length <= 16 ? all : all.filter((_, i) => i % 7 === 0)) {
        const g = r.inclusion(h);
        const a = r.gspace.basespaceAction(h).to2DArray().flat();
        const b = gs.basespaceAction(g).to2DArray().flat();
        expect(maxAbsDifference(a, b)).toBeLessThan(1e-9);
        expect(r.restriction(g)?.equals(h)).toBe(true);
      }
    }
    const r = d4.restrict([null, 2]);
    expect(r.restriction(d4.fibergroup.element([1, 0]))).toBeNull();
    expect(r.gspace.fibergroup.equals(cyclicGroup(2))).toBe(true);
  });

  it('moves points with the base-space action', () => {
    const gs = rot2dOnR2(4);
    const g = gs.fibergroup.element(1);
    const p = gs.transformPoints(
      [
        [1, 0],
        [0, 2],
      ],
      g,
    );
    expect(maxAbsDifference(p.flat(), [0, 1, -2, 0])).toBeLessThan(1e-12);
  });

  it('rejects bad arguments with typed errors', () => {
    expect(() => rot2dOnR2(0)).toThrow(InvalidArgumentError);
    expect(() => rot2dOnR2(0)).toThrow(/rot2dOnR2: argument "N"/);
    expect(() => rot2dOnR2(2.5)).toThrow(/must be a positive integer/);
    expect(() => flipRot2dOnR2(-2)).toThrow(InvalidArgumentError);
    expect(() => flipRot2dOnR2(4, { axis: 4 })).toThrow(/axis/);
    expect(() => rot2dOnR2(4, { maximumFrequency: -1 })).toThrow(/maximumFrequency/);
    expect(() => flip2dOnR2({ axis: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => rot2dOnR2(4).restrict(3)).toThrow(UnknownSubgroupError);
    expect(() => flipRot2dOnR2(4).restrict([5, 1])).toThrow(UnknownSubgroupError);
    expect(() => flip2dOnR2().restrict([0, 1])).toThrow(UnknownSubgroupError);
    const gs = rot2dOnR2(4);
    expect(() => gs.basespaceAction(cyclicGroup(8).element(1))).toThrow(GroupMismatchError);
    const x = new Float64Array(16);
    const g = gs.fibergroup.element(1);
    expect(() => gs.featurefieldAction(x, [2, 2, 4], gs.regularRepr, g)).not.toThrow();
    expect(() => gs.featurefieldAction(x, [2, 2, 4], gs.irrep(1), g)).toThrow(/channels/);
    expect(() => gs.featurefieldAction(x, [4, 4], gs.trivialRepr, g)).toThrow(/shape/);
    expect(() => gs.featurefieldAction(x, [2, 2, 4], rot2dOnR2(8).regularRepr, g)).toThrow(
      /belongs to C8, expected C4/,
    );
    expect(() => gs.transformPoints([[1, 2, 3]], g)).toThrow(/2 coordinates/);
  });
});
