/**
 * Fields on R³: `[batch, depth, height, width, channels]` tensors transformed by the voxel action (escnn's
 * `linear_transform_array_3d`) and the fiber representation, checked against escnn (transforms_3d.json) and as a
 * group action on the 48 symmetries of the voxel grid.
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { flipRot3dOnR3, octaOnR3, rot3dOnR3, transformVoxels } from '@steerable/gspaces';
import { escnnFieldReprs, gspaceOfEscnnCall } from '@steerable/gspaces/testing';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { FieldType } from './field-type.js';
import { gridPermutation } from './grid-permutation.js';
import { expectNoTensorLeaks, loadTransforms3dFixture, ncdhwToTensor } from './test-utils.js';

const fixture = await loadTransforms3dFixture();

expectNoTensorLeaks();

describe('transforms_3d.json: GeometricTensor.transform agrees with escnn 1.0.13 on voxel grids', () => {
  it('holds three gspaces with exact elements', () => {
    expect(fixture.transforms.map((t) => t.gspace)).toEqual(['octaOnR3()', 'rot3dOnR3()', 'flipRot3dOnR3()']);
  });
  for (const t of fixture.transforms) {
    describe(t.gspace, () => {
      const gs = gspaceOfEscnnCall(t.gspace);
      const type = new FieldType(gs, escnnFieldReprs(gs, t.field_type));
      for (const e of t.elements) {
        it(`element ${JSON.stringify(e.escnn_value)}: fiber matrix and moved field (exact and interpolated)`, () => {
          const g = gs.fibergroup.element(e.escnn_value, e.escnn_param);
          expect(
            maxAbsDifference(type.fiberRepresentation(g).to1DArray(), e.fiber_matrix.flat()),
          ).toBeLessThan(1e-9);
          expect(gridPermutation(gs, g) !== null).toBe(e.exact_on_grid);
          const x = type.wrap(ncdhwToTensor(t.input));
          const expected = ncdhwToTensor(e.transformed!);
          const y = x.transform(g);
          const yi = x.transform(g, { exact: false });
          expect(y.shape).toEqual(x.shape);
          // a voxel permutation and a fiber matrix of 0s and ±1s: escnn's values to float32 rounding
          expect(maxAbsDifference(y.tensor.dataSync(), expected.dataSync())).toBeLessThan(1e-6);
          expect(maxAbsDifference(yi.tensor.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
          tf.dispose([x.tensor, y.tensor, yi.tensor, expected]);
        });
      }
      it('transformAsync gives the same tensors', async () => {
        const x = type.wrap(ncdhwToTensor(t.input));
        for (const e of t.elements.slice(0, 4)) {
          const g = gs.fibergroup.element(e.escnn_value, e.escnn_param);
          const a = x.transform(g);
          const b = await x.transformAsync(g);
          expect(Array.from(b.tensor.dataSync())).toEqual(Array.from(a.tensor.dataSync()));
          tf.dispose([a.tensor, b.tensor]);
        }
        x.tensor.dispose();
      });
    });
  }
});

/** A float32 field of `type` on a `d×h×w` grid with distinct values. */
function field(type: FieldType, d: number, h: number, w: number, seed = 0.3): tf.Tensor {
  const n = 2 * d * h * w * type.size;
  return tf.tensor(
    Float32Array.from({ length: n }, (_, i) => Math.sin(1.37 * i + seed)),
    [2, d, h, w, type.size],
    'float32',
  );
}

const GSPACES = [
  ['octaOnR3', octaOnR3()],
  ['rot3dOnR3', rot3dOnR3()],
  ['flipRot3dOnR3', flipRot3dOnR3()],
] as const;

describe('the voxel action on R³ field types', () => {
  for (const [name, gs] of GSPACES) {
    // fields of frequency 1 (a vector field of SO(3)/O(3), the octahedral group's 3-dimensional irrep) and 0
    const irreps = gs.fibergroup.irreps();
    const vector = irreps.find((r) => r.size === 3)!;
    const type = new FieldType(gs, [irreps[0]!, vector, vector]);
    const exact = gs.testingElements.filter((g) => gridPermutation(gs, g) !== null);

    it(`${name}: the exact elements permute voxels and apply ρ(g) to the channels, as gspaces does`, () => {
      expect(exact.length).toBeGreaterThanOrEqual(12);
      const x = field(type, 3, 3, 3);
      const data = Float64Array.from(x.dataSync());
      for (const g of exact) {
        const y = type.transform(x, g);
        // the fiber part: ρ(g) on the channels, then the voxel permutation of the basespace action
        const fibers = type.transformFibers(x, g);
        const grid = transformVoxels(Float64Array.from(fibers.dataSync()), x.shape, gs.basespaceAction(g));
        expect(maxAbsDifference(y.dataSync(), grid)).toBeLessThan(1e-6);
        expect(
          maxAbsDifference(y.dataSync(), gs.featurefieldAction(data, x.shape, type.representation, g)),
        ).toBeLessThan(1e-5);
        tf.dispose([y, fibers]);
      }
      x.dispose();
    });

    it(`${name}: transform is a group action on the grid symmetries (exact, float32 bit for bit)`, () => {
      const x = field(type, 3, 4, 5, 0.7);
      const cube = field(type, 3, 3, 3, 0.1);
      const pairs = exact.slice(0, 8);
      for (const g of pairs) {
        for (const h of pairs) {
          const gh = g.combine(h);
          const input = gridPermutation(gs, g)!.transpose || gridPermutation(gs, h)!.transpose ? cube : x;
          const step = type.transform(input, h);
          const twice = type.transform(step, g);
          const once = type.transform(input, gh);
          // the voxels move exactly; the fiber matrices multiply in float32
          expect(maxAbsDifference(twice.dataSync(), once.dataSync())).toBeLessThan(1e-5);
          tf.dispose([step, twice, once]);
        }
      }
      const identity = type.transform(x, gs.fibergroup.identity);
      expect(Array.from(identity.dataSync())).toEqual(Array.from(x.dataSync()));
      tf.dispose([x, cube, identity]);
    });
  }

  it('rejects tensors of the wrong rank, channel count or grid, with typed errors', async () => {
    const gs = octaOnR3();
    const type = new FieldType(gs, [gs.fibergroup.irreps().find((r) => r.size === 3)!]);
    const flat = tf.zeros([1, 4, 4, 3]);
    const wrongChannels = tf.zeros([1, 3, 3, 3, 2]);
    const box = tf.zeros([1, 2, 3, 4, 3]);
    const g = gs.testingElements.find((e) => gridPermutation(gs, e)?.transpose)!;
    expect(() => type.wrap(flat)).toThrow(InvalidArgumentError);
    expect(() => type.wrap(flat)).toThrow(/\[batch, d, h, w, 3\]/);
    expect(() => type.transform(wrongChannels, g)).toThrow(InvalidArgumentError);
    expect(() => type.transform(box, g)).toThrow(/equal extents/);
    await expect(type.transformAsync(box, g)).rejects.toThrow(InvalidArgumentError);
    expect(() => type.transformAsync(flat, g)).toThrow(InvalidArgumentError);
    tf.dispose([flat, wrongChannels, box]);
  });

  it('gridPermutation on R³ agrees with transformVoxels', () => {
    const gs = flipRot3dOnR3();
    const [d, h, w] = [3, 3, 3];
    const x = Float32Array.from({ length: d * h * w }, (_, i) => i);
    for (const g of gs.testingElements) {
      const p = gridPermutation(gs, g);
      if (p === null) continue;
      const t = tf.tidy(() => {
        let v: tf.Tensor = tf.tensor(x, [1, d, h, w, 1]);
        v = tf.transpose(v, [0, ...p.axes!.map((a) => a + 1), 4]);
        return p.reverse.length > 0
          ? tf.reverse(
              v,
              p.reverse.map((a) => a + 1),
            )
          : v;
      });
      expect(Array.from(t.dataSync())).toEqual(
        Array.from(transformVoxels(x, [1, d, h, w, 1], gs.basespaceAction(g))),
      );
      t.dispose();
    }
  });
});
