/**
 * On TF.js's WebGPU backend in Node (Dawn; Mesa's lavapipe without a GPU) there is no synchronous read back:
 * `transform` of an element off the grid and `checkEquivariance` cannot run there, and their asynchronous
 * versions `transformAsync` and `checkEquivarianceAsync` must. Skipped where no WebGPU adapter exists, unless
 * `STEERABLE_REQUIRE_WEBGPU` is set (then the missing adapter fails the test).
 */
import { FieldType } from '@steerable/field-types';
import { SteerableError } from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { rot2dOnR2 } from '@steerable/gspaces';
import {
  BranchingModule,
  GNormBatchNorm,
  IIDBatchNorm2d,
  InnerBatchNorm,
  NormBatchNorm,
  R2Conv,
  SequentialModule,
} from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { initTestingBackend, setupWebGpu } from './backend.js';

const adapter = await setupWebGpu();
const required = (process.env.STEERABLE_REQUIRE_WEBGPU ?? '') !== '';

describe.runIf(adapter !== undefined || required)('asynchronous reads on WebGPU', () => {
  afterAll(async () => {
    await initTestingBackend();
  });

  it('transformAsync moves a field by 45° (resampled on the CPU) where transform cannot', async () => {
    expect(adapter).toBeDefined();
    const info = await initTestingBackend({ backend: 'webgpu', env: {} });
    expect(info.name).toBe('webgpu');
    const gs = rot2dOnR2(8);
    const type = new FieldType(gs, [gs.regularRepr, gs.irrep(1)]);
    const n = 5;
    const values = Float32Array.from({ length: n * n * type.size }, (_, i) => Math.sin(0.37 * i + 0.1));
    const g = gs.fibergroup.element(1);
    // computed on the device, so only the GPU holds the data
    const t = tf.mul(tf.tensor4d(values, [1, n, n, type.size]), 1);
    expect(() => type.transform(t, g)).toThrow(SteerableError);
    expect(() => type.transform(t, g)).toThrow(/transformAsync/);
    const y = await type.transformAsync(t, g);
    const want = gs.featurefieldAction(
      Float64Array.from(values),
      [1, n, n, type.size],
      type.representation,
      g,
    );
    expect(maxAbsDifference(await y.data(), want)).toBeLessThan(1e-5);
    // an exact element never reads back: transform works too
    const quarter = type.transform(t, gs.fibergroup.element(2));
    expect(quarter.shape).toEqual(t.shape);
    tf.dispose([t, y, quarter]);
  });

  it('checkEquivarianceAsync checks a convolution and a branching module, every testing element', async () => {
    const info = await initTestingBackend({ backend: 'webgpu', env: {} });
    expect(info.name).toBe('webgpu');
    const gs = rot2dOnR2(8);
    const type = new FieldType(gs, [gs.regularRepr]);
    const conv = new R2Conv(type, type, 3, { padding: 1, seed: 5 });
    expect(() => conv.checkEquivariance({ spatialSize: 9, batchSize: 1 })).toThrow(/checkEquivarianceAsync/);
    const results = await conv.checkEquivarianceAsync({
      spatialSize: 9,
      batchSize: 1,
      throwOnFailure: false,
    });
    expect(results).toHaveLength(gs.testingElements.length);
    // the four rotations by multiples of 90° are exact on the grid: float32 rounding only
    // (a conv's output is compared everywhere, borders included: the 45° ones carry interpolation errors)
    results.forEach((r, i) => {
      if (i % 2 === 0) expect(r.passed).toBe(true);
      expect(Number.isFinite(r.maxError)).toBe(true);
    });
    expect(results[1]!.maxError).toBeGreaterThan(results[2]!.maxError);
    conv.dispose();
    const br = new BranchingModule(new FieldType(gs, [gs.regularRepr, gs.irrep(1)]), ['a', 'b']);
    const branched = await br.checkEquivarianceAsync({ spatialSize: 7, batchSize: 1 });
    expect(branched.map((r) => r.passed)).toEqual(gs.testingElements.map(() => true));
  });

  it('export() and cumulative batch norms (momentum null) run without reading back, as on the CPU', async () => {
    const gs = rot2dOnR2(4);
    const scalar = new FieldType(gs, [gs.trivialRepr]);
    const regular = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
    const mixed = new FieldType(gs, [gs.irrep(1), gs.trivialRepr, gs.irrep(1)]);
    const nonTrivial = new FieldType(gs, [gs.irrep(1), gs.irrep(2), gs.irrep(1)]);
    const norms = [
      () => new InnerBatchNorm(regular, { momentum: null }),
      () => new IIDBatchNorm2d(regular, { momentum: null }),
      () => new GNormBatchNorm(mixed, { momentum: null }),
      () => new NormBatchNorm(nonTrivial, { momentum: null }),
    ];
    // two training batches (running statistics: their plain average, factor 1/batches), then eval mode:
    // the forward output, the exported model's output and the running statistics, all read asynchronously
    const run = async (
      backend: 'webgpu' | 'cpu',
      makeNorm: () => InnerBatchNorm | IIDBatchNorm2d | GNormBatchNorm | NormBatchNorm,
    ) => {
      const info = await initTestingBackend({ backend, env: {} });
      expect(info.name).toBe(backend);
      const before = tf.memory().numTensors;
      const bn = makeNorm();
      const model = new SequentialModule(new R2Conv(scalar, bn.inType, 3, { padding: 1, seed: 7 }), bn);
      const xs = [11, 12].map((seed) => tf.randomNormal([2, 5, 5, 1], 0, 1, 'float32', seed));
      for (const x of xs) tf.dispose(model.forward(scalar.wrap(x)).tensor);
      model.eval();
      const probe = tf.randomNormal([1, 5, 5, 1], 0, 1, 'float32', 13);
      const y = model.forward(scalar.wrap(probe)).tensor;
      const exported = model.export();
      const e = exported.predict(probe) as tf.Tensor;
      const state = bn.stateDict();
      const stats = new Map<string, Float32Array>();
      for (const [k, v] of state) if (/running/.test(k)) stats.set(k, (await v.data()) as Float32Array);
      const out = { forward: await y.data(), exported: await e.data(), stats };
      tf.dispose([...xs, probe, y, e, ...state.values()]);
      exported.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      return out;
    };
    for (const makeNorm of norms) {
      const gpu = await run('webgpu', makeNorm);
      const cpu = await run('cpu', makeNorm);
      expect(maxAbsDifference(gpu.exported, gpu.forward)).toBeLessThan(1e-5);
      expect(maxAbsDifference(gpu.forward, cpu.forward)).toBeLessThan(1e-4);
      expect([...gpu.stats.keys()]).toEqual([...cpu.stats.keys()]);
      expect(gpu.stats.size).toBeGreaterThan(0);
      for (const [k, v] of gpu.stats) expect(maxAbsDifference(v, cpu.stats.get(k)!)).toBeLessThan(1e-5);
    }
  });
});
