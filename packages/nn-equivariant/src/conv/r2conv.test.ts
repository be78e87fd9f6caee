import '@tensorflow/tfjs-backend-wasm';
import { FieldType, GeometricTensor } from '@steerable/field-types';
import { cyclicGroup, GroupMismatchError, InvalidArgumentError } from '@steerable/group-theory';
import {
  flip2dOnR2,
  flipRot2dOnR2,
  type GSpace2D,
  noBaseSpace,
  rot2dOnR2,
  trivialOnR2,
} from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exactElements } from '../test-utils/test-fields.js';
import { fixtureTypes, loadFixture } from '../test-utils/test-fixtures.js';
import { R2Conv, type R2ConvOptions } from './r2conv.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('R2Conv', () => {
  it('maps [2,32,32,1] trivial fields to [2,30,30,12] (3 regular C4 fields, 3×3, no padding)', () => {
    const gs = rot2dOnR2(4);
    const conv = new R2Conv(
      new FieldType(gs, [gs.trivialRepr]),
      new FieldType(gs, Array(3).fill(gs.regularRepr)),
      3,
    );
    const x = new GeometricTensor(tf.randomNormal([2, 32, 32, 1], 0, 1, 'float32', 1), conv.inType);
    const y = conv.forward(x);
    expect(y.shape).toEqual([2, 30, 30, 12]);
    expect(conv.evaluateOutputShape([2, 32, 32, 1])).toEqual([2, 30, 30, 12]);
    expect(conv.weights.shape).toEqual([conv.basis.dimension]);
    expect(conv.bias?.shape).toEqual([3]);
    x.dispose();
    y.dispose();
    conv.dispose();
  });

  it('computes the output size of escnn for padding, stride and dilation', () => {
    const gs = rot2dOnR2(4);
    const t = new FieldType(gs, [gs.regularRepr]);
    for (const [k, o, shape] of [
      [3, { padding: 1, stride: 2 }, [1, 6, 6, 4]],
      [5, { padding: [2, 1], dilation: 2 }, [1, 7, 5, 4]],
      [4, { padding: 0, stride: 3 }, [1, 3, 3, 4]],
    ] as const) {
      const conv = new R2Conv(t, t, k, { ...(o as R2ConvOptions), initialize: false });
      expect(conv.evaluateOutputShape([1, 11, 11, 4])).toEqual(shape);
      const x = new GeometricTensor(tf.zeros([1, 11, 11, 4]), t);
      const y = conv.forward(x);
      expect(y.shape).toEqual(shape);
      tf.dispose([x.tensor, y.tensor]);
      conv.dispose();
    }
  });

  it('rejects bad arguments with typed errors', () => {
    const gs = rot2dOnR2(4);
    const t = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    expect(() => new R2Conv(t, t, 0)).toThrow(InvalidArgumentError);
    expect(() => new R2Conv(t, t, 2.5)).toThrow(/R2Conv.*kernelSize.*2\.5/);
    const r0 = noBaseSpace(cyclicGroup(4));
    const p = new FieldType(r0, [r0.regularRepr]);
    expect(() => new R2Conv(p, p, 3)).toThrow(/R2Conv.*inType.*2D gspace/);
    const c8 = rot2dOnR2(8);
    expect(() => new R2Conv(t, new FieldType(c8, [c8.regularRepr]), 3)).toThrow(GroupMismatchError);
    expect(() => new R2Conv(t, t, 3, { groups: 3 })).toThrow(/groups/);
    const mixed = new FieldType(gs, [gs.regularRepr, gs.trivialRepr]);
    expect(() => new R2Conv(mixed, t, 3, { groups: 2 })).toThrow(/identical groups/);
    expect(() => new R2Conv(t, t, 3, { paddingMode: 'mirror' as never })).toThrow(/paddingMode/);
    expect(() => new R2Conv(t, t, 3, { padding: -1 })).toThrow(/padding/);
    expect(() => new R2Conv(t, t, 3, { stride: 0 })).toThrow(/stride/);
    // an irrep of frequency 1 has no invariant kernel supported on a single point
    const irrep = new FieldType(gs, [gs.irrep(1)]);
    expect(() => new R2Conv(new FieldType(gs, [gs.trivialRepr]), irrep, 1)).toThrow(/empty steerable basis/);
  });
});

interface KernelFixture {
  gspace: string;
  in: string[];
  out: string[];
  kernel_size: number;
  options: { sigma?: number; frequencies_cutoff?: number };
  weights_numel: number;
  bias_numel: number;
  basis: number[][][][][];
}

describe('R2Conv loads escnn weights (fixtures/kernel_bases.json)', () => {
  const layers = loadFixture<{ kernel_bases: KernelFixture[] }>('kernel_bases.json').kernel_bases;
  it.each(
    layers.map(
      (e) => [`${e.gspace} ${e.in} -> ${e.out} k=${e.kernel_size} ${JSON.stringify(e.options)}`, e] as const,
    ),
  )('one-hot weights give escnn’s filter, transposed to [kh, kw, in, out]: %s', (_, e) => {
    const { gs, inType, outType } = fixtureTypes(e);
    const conv = new R2Conv(inType, outType, e.kernel_size, {
      initialize: false,
      ...(e.options.sigma !== undefined ? { sigma: e.options.sigma } : {}),
      ...(e.options.frequencies_cutoff !== undefined
        ? { frequenciesCutoff: e.options.frequencies_cutoff }
        : {}),
    });
    expect(conv.weights.size).toBe(e.weights_numel);
    expect(conv.bias?.size ?? 0).toBe(e.bias_numel);
    const k = e.kernel_size;
    const [I, O] = [conv.inType.size, conv.outType.size];
    // D_N and O(2): escnn's Clebsch–Gordan signs are random (see @steerable/kernels' README); the same
    // sign for every element through the same CG
    const numericCG = gs.sgId[0] !== null && gs.sgId[1] !== 1;
    const signs = new Map<string, number>();
    for (let w = 0; w < e.weights_numel; w++) {
      const onehot = new Float32Array(e.weights_numel);
      onehot[w] = 1;
      conv.loadStateDict({ weights: onehot, ...(conv.bias ? { bias: new Float32Array(e.bias_numel) } : {}) });
      const { filter, bias } = conv.expandParameters();
      expect(filter.shape).toEqual([k, k, I, O]);
      const got = filter.arraySync() as number[][][][];
      tf.dispose([filter, bias ?? []]);
      let errPlus = 0;
      let errMinus = 0;
      for (let o = 0; o < O; o++)
        for (let i = 0; i < I; i++)
          for (let y = 0; y < k; y++)
            for (let x = 0; x < k; x++) {
              const ref = e.basis[w]![o]![i]![y]![x]!;
              const v = got[y]![x]![i]![o]!;
              errPlus = Math.max(errPlus, Math.abs(v - ref));
              errMinus = Math.max(errMinus, Math.abs(v + ref));
            }
      const a = conv.basis.attributes[w]!;
      const key = `${a.outIrrep}|${a.inIrrep}|${a.subgroupIrrep}`;
      const sign = errPlus <= 1e-5 ? 1 : -1;
      expect(Math.min(errPlus, numericCG ? errMinus : Number.POSITIVE_INFINITY), `weight ${w}`).toBeLessThan(
        1e-5,
      );
      if (numericCG) {
        expect(signs.get(key) ?? sign, `sign of CG ${key}`).toBe(sign);
        signs.set(key, sign);
      }
    }
    conv.dispose();
  });
});

describe('R2Conv is equivariant on every 2D gspace (exact elements, float32 tolerance)', () => {
  const gspaces: [string, GSpace2D][] = [
    ['trivialOnR2', trivialOnR2()],
    ['flip2dOnR2', flip2dOnR2()],
    ['flip2dOnR2(axis 0)', flip2dOnR2({ axis: 0 })],
    ['flipRot2dOnR2(2, axis 0)', flipRot2dOnR2(2, { axis: 0 })],
    ['rot2dOnR2(4)', rot2dOnR2(4)],
    ['rot2dOnR2(8)', rot2dOnR2(8)],
    ['flipRot2dOnR2(4)', flipRot2dOnR2(4)],
    ['flipRot2dOnR2(8)', flipRot2dOnR2(8)],
    ['rot2dOnR2(-1)', rot2dOnR2(-1, { maximumFrequency: 3 })],
    ['flipRot2dOnR2(-1)', flipRot2dOnR2(-1, { maximumFrequency: 3 })],
  ];
  const variants: [string, number, R2ConvOptions, number][] = [
    ['3×3', 3, {}, 9],
    ['5×5 padding 2', 5, { padding: 2 }, 9],
    ['3×3 padding 1 stride 2', 3, { padding: 1, stride: 2 }, 11],
    ['3×3 dilation 2', 3, { dilation: 2 }, 11],
    ['3×3 padding 1 reflect', 3, { padding: 1, paddingMode: 'reflect' }, 9],
    ['3×3 padding 2 replicate', 3, { padding: 2, paddingMode: 'replicate' }, 9],
    ['3×3 padding 1 circular', 3, { padding: 1, paddingMode: 'circular' }, 9],
  ];
  for (const [name, gs] of gspaces) {
    const irreps = gs.irreps.slice(0, 3);
    const fields = gs.rotationsOrder === -1 ? irreps : [gs.regularRepr, gs.trivialRepr, ...irreps.slice(1)];
    const inType = new FieldType(gs, fields);
    const outType = new FieldType(gs, [...fields].reverse());
    it.each(variants)(`${name}: %s`, (_, k, options, side) => {
      const conv = new R2Conv(inType, outType, k, { ...options, seed: 1 });
      // a non-zero bias too
      conv.bias?.assign(tf.randomNormal([conv.bias.size], 0, 1, 'float32', 2));
      const elements = exactElements(gs);
      expect(elements.length).toBeGreaterThanOrEqual(
        Math.min(gs.fibergroup.order() === -1 ? 4 : gs.fibergroup.order(), 4),
      );
      // float32: sums of ~k²·C products of O(1) values, relative rounding ~1e-6
      const results = conv.checkEquivariance({
        elements,
        spatialSize: side,
        atol: 1e-4,
        rtol: 1e-4,
        seed: 3,
      });
      expect(results.every((r) => r.passed)).toBe(true);
      conv.dispose();
    });
  }

  it('with groups (two identical groups of fields)', () => {
    const gs = flipRot2dOnR2(4);
    const inType = new FieldType(gs, [gs.regularRepr, gs.irrep(1, 1), gs.regularRepr, gs.irrep(1, 1)]);
    const outType = new FieldType(gs, [gs.trivialRepr, gs.regularRepr, gs.trivialRepr, gs.regularRepr]);
    const conv = new R2Conv(inType, outType, 3, { groups: 2, padding: 1, seed: 4 });
    expect(conv.filterShape).toEqual([3, 3, 10, 18]);
    const results = conv.checkEquivariance({ elements: exactElements(gs), atol: 1e-4, rtol: 1e-4 });
    expect(results.every((r) => r.passed)).toBe(true);
    // the second group of outputs depends only on the second group of inputs
    const x = tf.randomNormal([1, 6, 6, 20], 0, 1, 'float32', 5);
    const mask = tf.concat([tf.ones([1, 6, 6, 10]), tf.zeros([1, 6, 6, 10])], 3);
    const y1 = conv.forward(new GeometricTensor(x, inType));
    const y2 = conv.forward(new GeometricTensor(tf.mul(x, mask), inType));
    const diff = tf.sub(y1.tensor, y2.tensor).abs().max().dataSync()[0]!;
    expect(diff).toBeGreaterThan(0);
    // output group 1 = channels 0–8 (trivial + regular), fed by input group 1 = channels 0–9
    const firstHalf = tf.sub(
      y1.tensor.slice([0, 0, 0, 0], [-1, -1, -1, 9]),
      y2.tensor.slice([0, 0, 0, 0], [-1, -1, -1, 9]),
    );
    expect(firstHalf.abs().max().dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([x, mask, y1.tensor, y2.tensor, firstHalf]);
    conv.dispose();
  });
});
