import '@tensorflow/tfjs-backend-wasm';
import { FieldType, GeometricTensor } from '@steerable/field-types';
import { GroupMismatchError, InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, type GSpace2D, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exactElements } from '../test-utils/test-fields.js';
import { fixtureTypes, loadFixture } from '../test-utils/test-fixtures.js';
import { R2ConvTransposed, type R2ConvTransposedOptions } from './r2conv-transposed.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.sub(a, b).abs().max().dataSync()[0]!);

describe('R2ConvTransposed', () => {
  it('up-samples with PyTorch’s output size', () => {
    const gs = rot2dOnR2(4);
    const inType = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    const outType = new FieldType(gs, [gs.trivialRepr, gs.regularRepr]);
    for (const [k, o, size] of [
      [3, { stride: 2, padding: 1, outputPadding: 1 }, 16],
      [4, { stride: 2, padding: 1 }, 16],
      [3, {}, 10],
      [3, { dilation: 2, padding: [1, 0] }, 10],
    ] as const) {
      const conv = new R2ConvTransposed(inType, outType, k, o as R2ConvTransposedOptions);
      const x = new GeometricTensor(tf.randomNormal([2, 8, 8, 8]), inType);
      const y = conv.forward(x);
      expect(conv.evaluateOutputShape([2, 8, 8, 8])).toEqual(y.shape);
      expect(y.shape[1]).toBe(size);
      tf.dispose([x.tensor, y.tensor]);
      conv.dispose();
    }
  });

  it('rejects bad arguments with typed errors', () => {
    const gs = rot2dOnR2(4);
    const t = new FieldType(gs, [gs.regularRepr]);
    expect(() => new R2ConvTransposed(t, t, 3, { stride: 2, outputPadding: 2 })).toThrow(
      /R2ConvTransposed.*outputPadding.*smaller than the stride/,
    );
    expect(() => new R2ConvTransposed(t, t, -3)).toThrow(InvalidArgumentError);
    const c8 = rot2dOnR2(8);
    expect(() => new R2ConvTransposed(t, new FieldType(c8, [c8.regularRepr]), 3)).toThrow(GroupMismatchError);
  });

  interface KernelFixture {
    gspace: string;
    in: string[];
    out: string[];
    kernel_size: number;
    options: Record<string, number>;
    weights_numel: number;
    basis: number[][][][][];
  }
  // the same basis as R2Conv: escnn's filter [out][in][ky][kx] becomes [ky][kx][out][in]
  const fixtures = loadFixture<{ kernel_bases: KernelFixture[] }>('kernel_bases.json').kernel_bases.filter(
    (e) => Object.keys(e.options).length === 0 && /^rot2dOnR2\(N=(4|8)\)$|trivialOnR2/.test(e.gspace),
  );
  it.each(fixtures.map((e) => [`${e.gspace} ${e.in} -> ${e.out} k=${e.kernel_size}`, e] as const))(
    'loads escnn weights: one-hot weights give escnn’s filter as [kh, kw, out, in] (%s)',
    (_, e) => {
      const { inType, outType } = fixtureTypes(e);
      const conv = new R2ConvTransposed(inType, outType, e.kernel_size, { initialize: false, bias: false });
      expect(conv.weights.size).toBe(e.weights_numel);
      const k = e.kernel_size;
      const [I, O] = [conv.inType.size, conv.outType.size];
      for (let w = 0; w < e.weights_numel; w++) {
        const onehot = new Float32Array(e.weights_numel);
        onehot[w] = 1;
        conv.loadStateDict({ weights: onehot });
        const { filter } = conv.expandParameters();
        expect(filter.shape).toEqual([k, k, O, I]);
        const got = filter.arraySync() as number[][][][];
        filter.dispose();
        let err = 0;
        for (let o = 0; o < O; o++)
          for (let i = 0; i < I; i++)
            for (let y = 0; y < k; y++)
              for (let x = 0; x < k; x++)
                err = Math.max(err, Math.abs(got[y]![x]![o]![i]! - e.basis[w]![o]![i]![y]![x]!));
        expect(err, `weight ${w}`).toBeLessThan(1e-5);
      }
      conv.dispose();
    },
  );

  const gspaces: [string, GSpace2D][] = [
    ['flip2dOnR2', flip2dOnR2()],
    ['rot2dOnR2(8)', rot2dOnR2(8)],
    ['flipRot2dOnR2(4)', flipRot2dOnR2(4)],
    ['rot2dOnR2(-1)', rot2dOnR2(-1, { maximumFrequency: 2 })],
  ];
  const variants: [string, number, R2ConvTransposedOptions][] = [
    ['3×3', 3, {}],
    ['3×3 stride 2 padding 1', 3, { stride: 2, padding: 1 }],
    ['4×4 stride 2 padding 1', 4, { stride: 2, padding: 1 }],
    ['3×3 dilation 2 padding 2', 3, { dilation: 2, padding: 2 }],
  ];
  for (const [name, gs] of gspaces) {
    const fields = gs.rotationsOrder === -1 ? gs.irreps.slice(0, 3) : [gs.regularRepr, gs.trivialRepr];
    const inType = new FieldType(gs, fields);
    const outType = new FieldType(gs, [...fields].reverse());
    it.each(variants)(`is equivariant on ${name} (exact elements): %s`, (_, k, options) => {
      const conv = new R2ConvTransposed(inType, outType, k, { ...options, seed: 2 });
      conv.bias?.assign(tf.randomNormal([conv.bias.size], 0, 1, 'float32', 3));
      const results = conv.checkEquivariance({
        elements: exactElements(gs),
        spatialSize: 7,
        atol: 1e-4,
        rtol: 1e-4,
      });
      expect(results.every((r) => r.passed)).toBe(true);
      conv.dispose();
    });
  }

  it('is equivariant with groups', () => {
    const gs = rot2dOnR2(4);
    const inType = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    const outType = new FieldType(gs, [gs.trivialRepr, gs.irrep(1), gs.trivialRepr, gs.irrep(1)]);
    const conv = new R2ConvTransposed(inType, outType, 3, { groups: 2, stride: 2, padding: 1, seed: 3 });
    expect(conv.filterShape).toEqual([3, 3, 3, 8]);
    expect(conv.bias?.size).toBe(2);
    conv.bias!.assign(tf.tensor1d([1, -1]));
    const results = conv.checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 6,
      atol: 1e-4,
      rtol: 1e-4,
    });
    expect(results.every((r) => r.passed)).toBe(true);
    conv.dispose();
  });

  it.each([
    ['stride 2, padding 1', { stride: 2, padding: 1 }],
    ['stride 2, padding 1, output padding 1', { stride: 2, padding: 1, outputPadding: 1 }],
    ['no padding', {}],
  ])('export() equals forward (%s)', (_, options) => {
    const gs = rot2dOnR2(4);
    const inType = new FieldType(gs, [gs.regularRepr, gs.trivialRepr]);
    const outType = new FieldType(gs, [gs.trivialRepr, gs.regularRepr]);
    const conv = new R2ConvTransposed(inType, outType, 3, { ...options, seed: 5 });
    conv.bias!.assign(tf.tensor1d([0.5, -0.25]));
    const model = conv.export();
    const x = tf.randomNormal([2, 6, 5, 5], 0, 1, 'float32', 6);
    const y = conv.forward(new GeometricTensor(x, inType));
    const z = model.predict(x) as tf.Tensor;
    expect(z.shape).toEqual(y.shape);
    expect(maxAbsDiff(y.tensor, z)).toBeLessThan(1e-5);
    tf.dispose([x, y.tensor, z]);
    model.dispose();
    conv.dispose();
    const dilated = new R2ConvTransposed(inType, outType, 3, { dilation: 2 });
    expect(() => dilated.export()).toThrow(SteerableError);
    dilated.dispose();
  });

  it('trains (gradients on WASM) without leaking tensors, and caches its filter in eval mode', () => {
    const gs = rot2dOnR2(4);
    const inType = new FieldType(gs, [gs.regularRepr]);
    const outType = new FieldType(gs, [gs.trivialRepr]);
    const conv = new R2ConvTransposed(inType, outType, 4, { stride: 2, padding: 1, seed: 8 });
    const x = new GeometricTensor(tf.randomNormal([2, 5, 5, 4], 0, 1, 'float32', 9), inType);
    const target = tf.randomNormal([2, 10, 10, 1], 0, 1, 'float32', 10);
    const optimizer = tf.train.adam(0.05);
    const losses: number[] = [];
    let tensors = 0;
    for (let i = 0; i < 20; i++) {
      const loss = optimizer.minimize(
        () => tf.losses.meanSquaredError(target, conv.forward(x).tensor) as tf.Scalar,
        true,
        conv.trainableVariables,
      )!;
      losses.push(loss.dataSync()[0]!);
      loss.dispose();
      if (i === 2) tensors = tf.memory().numTensors;
      if (i > 2) expect(tf.memory().numTensors).toBe(tensors);
    }
    expect(losses[19]!).toBeLessThan(losses[0]!);
    const yTrain = conv.forward(x);
    conv.eval();
    const before = tf.memory().numTensors;
    const yEval = conv.forward(x);
    expect(maxAbsDiff(yTrain.tensor, yEval.tensor)).toBeLessThan(1e-6);
    yEval.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x.tensor, target, yTrain.tensor]);
    optimizer.dispose();
    conv.dispose();
  });
});
