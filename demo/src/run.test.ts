import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from './cli.js';
import { buildRotatedMnist } from './data/rotated-mnist.js';
import { loadModel } from './models/saved.js';
import type { DemoResults } from './report/results.js';
import { INVARIANCE_ANGLES, runDemo } from './run.js';
import { readSavedModel } from './save-models.js';
import { accuracy, predictProbabilities } from './training/evaluate.js';

describe('runDemo', () => {
  const out = mkdtempSync(join(tmpdir(), 'steerable-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('trains both models on a small rotated MNIST and writes every figure and the report', async () => {
    const options = parseCli([
      '--train-size=64',
      '--test-size=40',
      '--epochs=1',
      '--width=0.05',
      '--batch-size=32',
      '--invariance-digits=8',
      '--backend=wasm',
      '--plain',
      `--out=${out}`,
    ])!;
    const lines: string[] = [];
    const tensorsBefore = tf.memory().numTensors;
    const results = await runDemo(options, (line) => lines.push(line));
    // Everything the run created (models, batches, optimizer state) is freed.
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const json = JSON.parse(readFileSync(join(out, 'demo.json'), 'utf8')) as DemoResults;
    expect(json.models.map((m) => m.name)).toEqual(['C8 steerable CNN', 'conventional CNN']);
    expect(json.data).toMatchObject({ trainCount: 64, testCount: 40, imageSize: 29 });
    const [steerable, baseline] = json.models;
    // Parameter counts matched within a few percent.
    expect(Math.abs(baseline!.parameterCount / steerable!.parameterCount - 1)).toBeLessThan(0.1);
    for (const m of json.models) {
      expect(m.training.batchLoss).toHaveLength(2);
      expect(m.accuracyByAngle.reduce((s, b) => s + b.count, 0)).toBe(40);
      expect(m.invariance.map((r) => r.angle)).toEqual([...INVARIANCE_ANGLES]);
      expect(m.testAccuracy).toBeGreaterThanOrEqual(0);
    }
    // The C8 model's prediction does not move under exact quarter turns; the baseline's does.
    const at90 = (i: number) => json.models[i]!.invariance.find((r) => r.angle === 90)!.meanTotalVariation;
    expect(at90(0)).toBeLessThan(1e-5);
    expect(at90(1)).toBeGreaterThan(1e-4);
    expect(results.totalSeconds).toBeGreaterThan(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('C8 steerable CNN');
    expect(html.match(/<svg /g)?.length).toBe(5); // four plots and the sample digits
    expect(lines.some((l) => l.includes('test accuracy'))).toBe(true);

    // Both trained models were saved with their provenance; loaded back, each scores what the run measured.
    expect(json.savedModels?.map((m) => m.dir)).toEqual([
      join(out, 'models', 'equivariant'),
      join(out, 'models', 'baseline'),
    ]);
    const { test } = buildRotatedMnist({ trainSize: 64, testSize: 40, seed: options.seed });
    for (const [i, id] of (['equivariant', 'baseline'] as const).entries()) {
      const { manifest, bytes } = readSavedModel(join(out, 'models', id));
      expect(manifest.name).toBe(json.models[i]!.name);
      expect(manifest.parameterCount).toBe(json.models[i]!.parameterCount);
      expect(manifest.provenance).toMatchObject({
        command: expect.stringMatching(/^npm run demo -- --train-size=64 /),
        options: { group: 'C8', width: 0.05, epochs: 1, seed: 42, trainSize: 64, testSize: 40 },
        testAccuracy: json.models[i]!.testAccuracy,
        testDigits: 40,
      });
      expect(Date.parse(manifest.provenance!.date)).toBeGreaterThan(0);
      const model = loadModel(manifest, bytes);
      expect(accuracy(predictProbabilities(model, test), test.labels)).toBe(json.models[i]!.testAccuracy);
      model.dispose();
    }
  });
});
