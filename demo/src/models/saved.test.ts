import { initBackend } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRotatedMnist } from '../data/rotated-mnist.js';
import { trainModel } from '../training/train.js';
import { buildBaselineModel } from './baseline.js';
import { buildEquivariantModel, parseGroup } from './equivariant.js';
import { type ClassifierModel, parameterCount } from './model.js';
import {
  buildModel,
  loadModel,
  loadModelWeights,
  packModel,
  SavedModelError,
  type SavedModelManifest,
  WeightsMismatchError,
} from './saved.js';

let x: tf.Tensor4D;
let tensorsBefore = 0;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', wasmGradients: true });
  tensorsBefore = tf.memory().numTensors;
  x = tf.randomUniform([3, 29, 29, 1], 0, 1, 'float32', 11) as tf.Tensor4D;
});

afterAll(() => {
  x.dispose();
  // every model, packed value and loaded tensor below was freed
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

/** Two training steps: the weights and the batch norms' running statistics move away from their initial values. */
function trainTwoSteps(model: ClassifierModel): void {
  const { train } = buildRotatedMnist({ trainSize: 32, testSize: 1, seed: 8 });
  trainModel(model, train, { epochs: 1, batchSize: 16, stream: { write: () => true }, tty: false });
}

function maxGap(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/** Evaluation-mode logits and first-block features of `model` on `x`, read out. */
function outputs(model: ClassifierModel): { logits: tf.Tensor; features: tf.Tensor } {
  return model.applyWithFeatures(x, false);
}

const cases: [string, () => ClassifierModel, (seed: number) => ClassifierModel][] = [
  [
    'C8 steerable CNN',
    () => buildEquivariantModel({ group: parseGroup('C8'), fields: [1, 2, 2, 2, 2, 2], seed: 3 }),
    (seed) => buildEquivariantModel({ group: parseGroup('C8'), fields: [1, 2, 2, 2, 2, 2], seed }),
  ],
  [
    'conventional CNN',
    () => buildBaselineModel({ channels: [2, 3, 3, 4, 4, 3], seed: 3 }),
    (seed) => buildBaselineModel({ channels: [2, 3, 3, 4, 4, 3], seed }),
  ],
];

describe('packModel / loadModelWeights', () => {
  for (const [label, build, rebuild] of cases) {
    it(`${label}: a fresh model with other initial weights computes the same logits after loading`, () => {
      const source = build();
      trainTwoSteps(source);
      const { manifest, bytes } = packModel(source);
      const named = source.namedVariables();
      // every variable, trainable ones and buffers (running statistics), under unique names
      expect(manifest.variables.map((v) => v.name)).toEqual(named.map((v) => v.name));
      expect(new Set(manifest.variables.map((v) => v.name)).size).toBe(named.length);
      expect(manifest.variables.some((v) => v.kind === 'buffer' && /running_mean$/.test(v.name))).toBe(true);
      expect(manifest.variables.some((v) => v.kind === 'buffer' && /running_var$/.test(v.name))).toBe(true);
      expect(bytes.byteLength).toBe(4 * named.reduce((s, v) => s + v.variable.size, 0));
      expect(manifest.parameterCount).toBe(parameterCount(source));
      expect(manifest.architecture).toEqual(source.architecture);

      const want = outputs(source);
      const target = rebuild(7);
      const before = outputs(target);
      // differs before (and target's eval-mode filter cache is filled, so the load must drop it)
      expect(maxGap(want.logits, before.logits)).toBeGreaterThan(1e-3);
      loadModelWeights(target, manifest, bytes);
      const after = outputs(target);
      expect(maxGap(want.logits, after.logits)).toBeLessThanOrEqual(1e-6);
      expect(maxGap(want.features, after.features)).toBeLessThanOrEqual(1e-6);
      // the running statistics came along (not only the trainable weights)
      for (const { name, variable } of target.namedVariables()) {
        const original = named.find((v) => v.name === name)!.variable;
        expect(maxGap(variable, original), name).toBe(0);
      }
      // loadModel builds the same architecture from the manifest alone
      const loaded = loadModel(manifest, bytes.slice().buffer);
      expect(loaded.name).toBe(source.name);
      const again = outputs(loaded);
      expect(maxGap(want.logits, again.logits)).toBeLessThanOrEqual(1e-6);
      tf.dispose([want, before, after, again]);
      for (const m of [source, target, loaded]) m.dispose();
    });
  }

  it('names the variable when the saved model does not match the architecture', () => {
    const source = cases[0]![1]();
    const { manifest, bytes } = packModel(source);
    source.dispose();
    // wider first block: the first convolution's weights have another shape
    const wider = buildEquivariantModel({ group: parseGroup('C8'), fields: [2, 2, 2, 2, 2, 2] });
    const error = (() => {
      try {
        loadModelWeights(wider, manifest, bytes);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(WeightsMismatchError);
    expect((error as WeightsMismatchError).variable).toBe('body.1.weights');
    expect((error as Error).message).toMatch(/body\.1\.weights.*float32 \[\d+\] in the saved model/);
    wider.dispose();

    const target = cases[0]![2](5);
    const renamed: SavedModelManifest = {
      ...manifest,
      variables: manifest.variables.map((v) =>
        v.name === 'head.norm.running_var' ? { ...v, name: 'head.norm.var' } : v,
      ),
    };
    expect(() => loadModelWeights(target, renamed, bytes)).toThrow(/"head\.norm\.var" is float32 \[64\]/);
    const missing: SavedModelManifest = {
      ...manifest,
      variables: manifest.variables.filter((v) => v.name !== 'body.2.batch_norm_8.running_mean'),
    };
    expect(() => loadModelWeights(target, missing, bytes)).toThrow(
      /"body\.2\.batch_norm_8\.running_mean" is absent in the saved model/,
    );
    expect(() => loadModelWeights(target, manifest, bytes.subarray(4))).toThrow(SavedModelError);
    expect(() =>
      loadModelWeights(target, { ...manifest, format: 'other' } as unknown as SavedModelManifest, bytes),
    ).toThrow(/not a saved demo model/);
    // an equivariant model's weights into the conventional CNN
    const baseline = cases[1]![1]();
    const y0 = baseline.apply(x, false);
    expect(() => loadModelWeights(baseline, manifest, bytes)).toThrow(WeightsMismatchError);
    // a rejected file changes nothing: everything is checked before the first assignment
    const y1 = baseline.apply(x, false);
    expect(maxGap(y0, y1)).toBe(0);
    tf.dispose([y0, y1]);
    baseline.dispose();
    target.dispose();
    expect(() => buildModel({ kind: 'other' } as never)).toThrow(SavedModelError);
  });
});
