/**
 * R3Conv: shapes and options, equivariance under the exact voxel symmetries, export, the eval-mode filter
 * cache, leaks and typed errors. Tiny grids (5³–7³): conv3d is slow on the CPU and WASM backends.
 */
import '@tensorflow/tfjs-backend-wasm';
import { FieldType, GeometricTensor, gridPermutation } from '@steerable/field-types';
import { GroupMismatchError, InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import { flipRot3dOnR3, type GSpace3D, octaOnR3, rot2dOnR2, rot3dOnR3 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { R3Conv, type R3ConvOptions } from './r3conv.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** A seeded float32 field of `type` on an `n³` grid, batch 2. */
function field(type: FieldType, n: number, seed = 1): GeometricTensor {
  return new GeometricTensor(tf.randomNormal([2, n, n, n, type.size], 0, 1, 'float32', seed), type);
}

/** The fields of a test on each gspace: a vector (frequency-1) field and a scalar in, and out. */
function types(gs: GSpace3D): { inType: FieldType; outType: FieldType } {
  const irreps = gs.fibergroup.irreps();
  const vector = irreps.find((r) => r.size === 3)!;
  return {
    inType: new FieldType(gs, [gs.trivialRepr, vector]),
    outType: new FieldType(gs, [vector, gs.trivialRepr, vector]),
  };
}

const GSPACES: readonly [string, () => GSpace3D][] = [
  ['octaOnR3', () => octaOnR3()],
  ['rot3dOnR3', () => rot3dOnR3()],
  ['flipRot3dOnR3', () => flipRot3dOnR3()],
];

describe('R3Conv', () => {
  it('maps [2,7,7,7,4] to [2,5,5,5,7] (3×3×3, no padding) with escnn’s output size for padding, stride, dilation', () => {
    const gs = rot3dOnR3();
    const { inType, outType } = types(gs);
    const conv = new R3Conv(inType, outType, 3, { seed: 1 });
    const x = field(inType, 7);
    const y = conv.forward(x);
    expect(y.shape).toEqual([2, 5, 5, 5, 7]);
    expect(conv.bias?.shape).toEqual([1]);
    expect(conv.filterShape).toEqual([3, 3, 3, 4, 7]);
    tf.dispose([x.tensor, y.tensor]);
    conv.dispose();
    for (const [k, o, shape] of [
      [3, { padding: 1, stride: 2 }, [1, 4, 4, 4, 7]],
      [3, { padding: [2, 1, 0], dilation: 2 }, [1, 7, 5, 3, 7]],
      [3, { padding: 1, stride: 2, dilation: 2 }, [1, 3, 3, 3, 7]],
      [5, { padding: 2, paddingMode: 'circular' }, [1, 7, 7, 7, 7]],
    ] as const) {
      const c = new R3Conv(inType, outType, k, { ...(o as R3ConvOptions), initialize: false });
      expect(c.evaluateOutputShape([1, 7, 7, 7, 4])).toEqual(shape);
      const xi = new GeometricTensor(tf.zeros([1, 7, 7, 7, 4]), inType);
      const yi = c.forward(xi);
      expect(yi.shape).toEqual(shape);
      tf.dispose([xi.tensor, yi.tensor]);
      c.dispose();
    }
  });

  for (const [name, make] of GSPACES) {
    it(`${name}: commutes with the exact voxel symmetries (zero padding, stride 1), to float32 tolerance`, () => {
      const gs = make();
      const { inType, outType } = types(gs);
      const conv = new R3Conv(inType, outType, 3, { padding: 1, seed: 3 });
      conv.bias!.assign(tf.tensor1d([0.4]));
      conv.eval();
      const exact = gs.testingElements.filter((g) => gridPermutation(gs, g) !== null);
      expect(exact.length).toBeGreaterThanOrEqual(12);
      const x = field(inType, 5, 7);
      const y = conv.forward(x);
      const scale = tf.max(tf.abs(y.tensor)).dataSync()[0]!;
      expect(scale).toBeGreaterThan(0.1);
      for (const g of exact) {
        const gx = x.transform(g);
        const lhs = conv.forward(gx);
        const rhs = y.transform(g);
        const err = tf.max(tf.abs(tf.sub(lhs.tensor, rhs.tensor))).dataSync()[0]!;
        expect(err / scale, `element ${g}`).toBeLessThan(1e-5);
        tf.dispose([gx.tensor, lhs.tensor, rhs.tensor]);
      }
      tf.dispose([x.tensor, y.tensor]);
      conv.dispose();
    });
  }

  it('is equivariant with groups, strides, dilations and the non-zero padding modes (octaOnR3, regular fields)', () => {
    const gs = octaOnR3();
    const t = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    const exact = gs.testingElements.filter((g) => gridPermutation(gs, g) !== null).slice(0, 4);
    for (const options of [
      { groups: 2, padding: 1 },
      { stride: 2, dilation: 2, padding: 2 },
      { padding: 1, paddingMode: 'reflect' },
      { padding: 1, paddingMode: 'replicate' },
      { padding: 1, paddingMode: 'circular' },
    ] as const) {
      const conv = new R3Conv(t, t, 3, { ...(options as R3ConvOptions), seed: 5 });
      const x = field(t, 5, 11);
      const y = conv.forward(x);
      const scale = tf.max(tf.abs(y.tensor)).dataSync()[0]!;
      for (const g of exact) {
        const gx = x.transform(g);
        const lhs = conv.forward(gx);
        const rhs = y.transform(g);
        const err = tf.max(tf.abs(tf.sub(lhs.tensor, rhs.tensor))).dataSync()[0]!;
        expect(err / scale, `${JSON.stringify(options)}, element ${g}`).toBeLessThan(1e-5);
        tf.dispose([gx.tensor, lhs.tensor, rhs.tensor]);
      }
      tf.dispose([x.tensor, y.tensor]);
      conv.dispose();
    }
  });

  it('groups = 2 convolves each half of the fields with its own weights (a block-diagonal filter)', () => {
    const gs = octaOnR3();
    const one = new FieldType(gs, [gs.trivialRepr]);
    const two = new FieldType(gs, [gs.trivialRepr, gs.trivialRepr]);
    const grouped = new R3Conv(two, two, 3, { groups: 2, bias: false, seed: 2 });
    const half = new R3Conv(one, one, 3, { bias: false, initialize: false });
    expect(grouped.weights.size).toBe(2 * half.weights.size);
    const x = field(two, 5, 4);
    const y = grouped.forward(x);
    const w = grouped.weights.dataSync();
    for (const g of [0, 1]) {
      half.loadStateDict({ weights: w.slice(g * half.weights.size, (g + 1) * half.weights.size) });
      const xg = new GeometricTensor(tf.slice(x.tensor, [0, 0, 0, 0, g], [-1, -1, -1, -1, 1]), one);
      const yg = half.forward(xg);
      const ref = tf.slice(y.tensor, [0, 0, 0, 0, g], [-1, -1, -1, -1, 1]);
      expect(tf.max(tf.abs(tf.sub(yg.tensor, ref))).dataSync()[0]).toBeLessThan(1e-6);
      tf.dispose([xg.tensor, yg.tensor, ref]);
    }
    tf.dispose([x.tensor, y.tensor]);
    grouped.dispose();
    half.dispose();
  });

  it('exports to a plain tf.LayersModel with a stock conv3d layer equal to the eval forward (1e-5)', () => {
    const gs = flipRot3dOnR3();
    const { inType, outType } = types(gs);
    for (const options of [{}, { padding: 1 }, { padding: 2, dilation: 2 }, { stride: 2 }] as const) {
      const conv = new R3Conv(inType, outType, 3, { ...options, seed: 9 });
      conv.bias!.assign(tf.tensor1d([-0.7]));
      const model = conv.export();
      expect(model.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Conv3D']);
      conv.eval();
      const x = field(inType, 6, 2);
      const y = conv.forward(x);
      const z = model.predict(x.tensor) as tf.Tensor;
      expect(z.shape).toEqual(y.shape);
      expect(tf.max(tf.abs(tf.sub(y.tensor, z))).dataSync()[0]).toBeLessThan(1e-5);
      tf.dispose([x.tensor, y.tensor, z]);
      model.dispose();
      conv.dispose();
    }
    const t = types(gs);
    for (const options of [
      { groups: 1, padding: 1, paddingMode: 'reflect' },
      { padding: 1, stride: 2 },
      { padding: [1, 0, 1] },
      { stride: 2, dilation: 2 },
    ] as const) {
      const conv = new R3Conv(t.inType, t.outType, 3, { ...(options as R3ConvOptions), initialize: false });
      expect(() => conv.export()).toThrow(SteerableError);
      conv.dispose();
    }
  });

  it('caches the filter in eval mode, trains without leaking tensors across steps', () => {
    const gs = octaOnR3();
    const { inType, outType } = types(gs);
    const conv = new R3Conv(inType, outType, 3, { padding: 1, seed: 4 });
    const x = field(inType, 5, 8);
    const optimizer = tf.train.sgd(0.01);
    const step = () =>
      optimizer.minimize(() => tf.mean(tf.square(conv.forward(x).tensor)) as tf.Scalar, false, [
        conv.weights,
        conv.bias!,
      ]);
    step();
    const before = tf.memory().numTensors;
    const w0 = conv.weights.dataSync().slice();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    expect(conv.weights.dataSync()).not.toEqual(w0);
    // eval: one cached filter, reused; forward passes leave only their outputs
    conv.eval();
    const cached = tf.memory().numTensors;
    const y1 = conv.forward(x);
    const y2 = conv.forward(x);
    expect(tf.memory().numTensors).toBe(cached + 2);
    expect(Array.from(y1.tensor.dataSync())).toEqual(Array.from(y2.tensor.dataSync()));
    tf.dispose([y1.tensor, y2.tensor]);
    // new weights while in eval mode: the cache follows
    conv.loadStateDict({ weights: new Float32Array(conv.weights.size) }, { strict: false });
    const y3 = conv.forward(x);
    const { filter, bias } = conv.expandParameters();
    // zero weights: the output is the expanded bias (on the scalar field's channel), everywhere
    expect(tf.max(tf.abs(filter)).dataSync()[0]).toBe(0);
    expect(tf.max(tf.abs(tf.sub(y3.tensor, bias!))).dataSync()[0]).toBeLessThan(1e-6);
    expect(tf.max(tf.abs(bias!)).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([y3.tensor, filter, bias!]);
    conv.train();
    x.dispose();
    optimizer.dispose();
    const live = tf.memory().numTensors;
    conv.dispose();
    expect(tf.memory().numTensors).toBeLessThan(live);
  });

  it('rejects bad arguments and inputs with typed errors', () => {
    const gs = octaOnR3();
    const t = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    expect(() => new R3Conv(t, t, 0)).toThrow(InvalidArgumentError);
    expect(() => new R3Conv(t, t, 2.5)).toThrow(/R3Conv.*kernelSize.*2\.5/);
    const c4 = rot2dOnR2(4);
    const planar = new FieldType(c4, [c4.regularRepr]);
    expect(() => new R3Conv(planar, planar, 3)).toThrow(/R3Conv.*inType.*R³ gspace/);
    const so3 = rot3dOnR3();
    expect(() => new R3Conv(t, new FieldType(so3, [so3.trivialRepr]), 3)).toThrow(GroupMismatchError);
    expect(() => new R3Conv(t, t, 3, { groups: 3 })).toThrow(/groups/);
    const mixed = new FieldType(gs, [gs.regularRepr, gs.trivialRepr]);
    expect(() => new R3Conv(mixed, t, 3, { groups: 2 })).toThrow(/identical groups/);
    expect(() => new R3Conv(t, t, 3, { paddingMode: 'mirror' as never })).toThrow(/paddingMode/);
    expect(() => new R3Conv(t, t, 3, { padding: [1, 1] as never })).toThrow(/padding/);
    expect(() => new R3Conv(t, t, 3, { stride: 0 })).toThrow(/stride/);
    // a vector field has no invariant kernel supported on a single voxel
    const vector = new FieldType(gs, [gs.fibergroup.irreps().find((r) => r.size === 3)!]);
    expect(() => new R3Conv(new FieldType(gs, [gs.trivialRepr]), vector, 1)).toThrow(/empty steerable basis/);
    const conv = new R3Conv(t, t, 3, { initialize: false, padding: 2, paddingMode: 'reflect' });
    const flat = tf.zeros([1, 5, 5, 48]);
    expect(() => conv.forward(flat as never)).toThrow(InvalidArgumentError);
    expect(() => conv.evaluateOutputShape([1, 5, 5, 48])).toThrow(/rank 5/);
    const small = new GeometricTensor(tf.zeros([1, 2, 5, 5, 48]), t);
    expect(() => conv.forward(small)).toThrow(/padding mode 'reflect'/);
    tf.dispose([flat, small.tensor]);
    conv.dispose();
  });
});
