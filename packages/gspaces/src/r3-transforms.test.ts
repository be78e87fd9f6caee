/**
 * escnn's `GeometricTensor.transform` on voxel grids (fixtures/transforms_3d.json, escnn 1.0.13): octaOnR3,
 * rot3dOnR3 and flipRot3dOnR3 on 1×C×4×4×4 inputs, every element exact on the grid: the base-space matrices,
 * the fiber matrices and the moved fields.
 */
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { directSum } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import { gridAxisPermutation } from './grid-action.js';
import { loadTransforms3dFixture, nchwToNhwc, nhwcToNchw } from './test-utils.js';
import { escnnFieldReprs, gspaceOfEscnnCall } from './testing/index.js';
import { transformVoxels } from './voxel-action.js';

const fixture = await loadTransforms3dFixture();

describe('transforms_3d.json: octaOnR3, rot3dOnR3, flipRot3dOnR3', () => {
  it('holds the three gspaces, 12 elements each, all exact on the grid', () => {
    expect(fixture.transforms.map((t) => t.gspace)).toEqual(['octaOnR3()', 'rot3dOnR3()', 'flipRot3dOnR3()']);
    for (const t of fixture.transforms) {
      expect(t.elements).toHaveLength(12);
      expect(t.elements.every((e) => e.exact_on_grid && e.transformed)).toBe(true);
    }
  });

  for (const t of fixture.transforms) {
    describe(t.gspace, () => {
      const gs = gspaceOfEscnnCall(t.gspace);
      const repr = directSum(escnnFieldReprs(gs, t.field_type));
      const [n, c] = [t.input.length, t.input[0]!.length];
      const [d, h, w] = [t.input[0]![0]!.length, t.input[0]![0]![0]!.length, t.input[0]![0]![0]![0]!.length];
      const ncdhw = Float64Array.from(t.input.flat(4));
      // a d×h×w voxel grid is a (d·h)×w pixel grid for the layout conversions
      const ndhwc = nchwToNhwc(ncdhw, n, c, d * h, w);

      if (t.gspace === 'octaOnR3()') {
        it('the elements are the first 12 testing elements, in escnn’s order', () => {
          const elements = t.elements.map((e) => gs.fibergroup.element(e.escnn_value, e.escnn_param));
          elements.forEach((g, i) => {
            expect(g.equals(gs.testingElements[i]!)).toBe(true);
          });
        });
      }

      for (const e of t.elements) {
        it(`element ${JSON.stringify(e.escnn_value)}: base-space action, fiber matrix, moved field`, () => {
          const g = gs.fibergroup.element(e.escnn_value, e.escnn_param);
          const a = gs.basespaceAction(g).to2DArray();
          expect(maxAbsDifference(a.flat(), e.basespace_action.flat())).toBeLessThan(1e-12);
          expect(gridAxisPermutation(a) !== null).toBe(e.exact_on_grid);
          const rho = repr.at(g).to2DArray();
          expect(maxAbsDifference(rho.flat(), e.fiber_matrix.flat())).toBeLessThan(1e-9);
          const expected = e.transformed!.flat(4);
          const out = gs.featurefieldAction(ndhwc, [n, d, h, w, c], repr, g);
          // a voxel permutation and a fiber matrix of 0s and ±1s: escnn's float32 values, to float64 rounding
          expect(maxAbsDifference(nhwcToNchw(out, n, c, d * h, w), expected)).toBeLessThan(1e-12);
          const first = gs.featurefieldAction(Float32Array.from(ncdhw), [n, c, d, h, w], repr, g, {
            layout: 'channels-first',
          });
          expect(first).toBeInstanceOf(Float32Array);
          expect(maxAbsDifference(first, expected)).toBeLessThan(1e-7);
          // the interpolation path reproduces the permutation on these elements
          const fibers = gs.transformFibers(ndhwc, [n, d, h, w, c], repr, g);
          const interpolated = transformVoxels(fibers, [n, d, h, w, c], a, { exact: false });
          expect(maxAbsDifference(nhwcToNchw(interpolated, n, c, d * h, w), expected)).toBeLessThan(1e-6);
        });
      }
    });
  }
});
