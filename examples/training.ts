/**
 * Training and deploying: a small C4-invariant classifier trained on synthetic shapes, certified with
 * `@steerable/testing`, exported to a plain TF.js model with no @steerable dependency, saved, and loaded
 * back the way a browser page loads it. Printed output is shown in `docs/guides/03-training.md`.
 * Run with `npm run example -- training` (it writes `out/examples/shapes-model/`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { FieldType, type GeometricTensor } from '@steerable/field-types';
import { mulberry32 } from '@steerable/group-theory';
import { rot2dOnR2 } from '@steerable/gspaces';
import {
  GroupPooling,
  InnerBatchNorm,
  initBackend,
  PointwiseAdaptiveAvgPool2D,
  R2Conv,
  ReLU,
  SequentialModule,
} from '@steerable/nn-equivariant';
import { certifyEquivariance } from '@steerable/testing';
import * as tf from '@tensorflow/tfjs';
import { fmt, type Print } from './format.js';

const SIZE = 15;
const CLASSES = ['L', 'T', 'bar'];
/** The three shapes, as pixel offsets from an anchor, before rotation. */
const SHAPES: readonly (readonly [number, number])[][] = [
  [
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 0],
    [3, 1],
    [3, 2],
  ], // L
  [
    [0, 0],
    [0, 1],
    [0, 2],
    [1, 1],
    [2, 1],
    [3, 1],
  ], // T
  [
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 0],
    [4, 0],
    [5, 0],
  ], // bar
];

/** `n` images `[n, 15, 15, 1]` of randomly placed shapes turned by random multiples of 90°, with labels. */
export function shapes(n: number, seed: number): { images: tf.Tensor4D; labels: number[] } {
  const rand = mulberry32(seed);
  const data = new Float32Array(n * SIZE * SIZE);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = Math.floor(rand() * CLASSES.length);
    const turns = Math.floor(rand() * 4);
    const [oy, ox] = [4 + Math.floor(rand() * 7), 4 + Math.floor(rand() * 7)];
    for (let p = 0; p < SIZE * SIZE; p++) data[i * SIZE * SIZE + p] = 0.1 * (rand() - 0.5);
    for (let [y, x] of SHAPES[label]!) {
      for (let t = 0; t < turns; t++) [y, x] = [-x, y];
      const [py, px] = [oy + y, ox + x];
      if (py >= 0 && py < SIZE && px >= 0 && px < SIZE) data[i * SIZE * SIZE + py * SIZE + px] = 1;
    }
    labels.push(label);
  }
  return { images: tf.tensor4d(data, [n, SIZE, SIZE, 1]), labels };
}

/** What the training example measured, returned for tests. */
export interface TrainingResult {
  readonly losses: number[];
  readonly accuracyBefore: number;
  readonly accuracyAfter: number;
  readonly certified: boolean;
  /** Max |exported(x) − network(x)| on the test images. */
  readonly exportError: number;
  /** Max |loaded(x) − network(x)| for the model saved and loaded back. */
  readonly reloadError: number;
}

function accuracy(logits: tf.Tensor, labels: number[]): number {
  const predicted = tf.tidy(() => tf.argMax(tf.reshape(logits, [labels.length, CLASSES.length]), 1));
  const p = predicted.dataSync();
  predicted.dispose();
  return labels.filter((l, i) => p[i] === l).length / labels.length;
}

/** Runs the example, printing with `print`. */
export async function main(print: Print = (line) => console.log(line)): Promise<TrainingResult> {
  await initBackend();
  tf.engine().startScope();

  print('== 1. Data and model');
  const gs = rot2dOnR2(4);
  const inType = new FieldType(gs, [gs.trivialRepr]);
  const hid = new FieldType(gs, Array(6).fill(gs.regularRepr));
  const inv = new FieldType(gs, Array(6).fill(gs.trivialRepr));
  const outType = new FieldType(gs, Array(CLASSES.length).fill(gs.trivialRepr));
  const network = new SequentialModule(
    new R2Conv(inType, hid, 5, { padding: 2, seed: 1 }),
    new InnerBatchNorm(hid),
    new ReLU(hid),
    new R2Conv(hid, hid, 5, { padding: 2, seed: 2 }),
    new InnerBatchNorm(hid),
    new ReLU(hid),
    new GroupPooling(hid), // invariant to rotations: 6 trivial fields
    new PointwiseAdaptiveAvgPool2D(inv, 1), // and to translations
    new R2Conv(inv, outType, 1, { seed: 3 }), // a 1×1 convolution of trivial fields: a dense layer
  );
  const parameters = network.trainableVariables.reduce((s, v) => s + v.size, 0);
  print(`${CLASSES.length} classes (${CLASSES.join(', ')}), images ${SIZE}×${SIZE}, each turned by k·90°`);
  print(`trainable parameters: ${parameters}`);
  const test = shapes(120, 2);
  const logitsOf = (images: tf.Tensor4D): tf.Tensor => {
    const y: GeometricTensor = network.forward(inType.wrap(images));
    const logits = tf.reshape(y.tensor, [images.shape[0], CLASSES.length]);
    y.tensor.dispose();
    return logits;
  };
  network.eval();
  const before = tf.tidy(() => logitsOf(test.images));
  const accuracyBefore = accuracy(before, test.labels);
  print(`test accuracy before training: ${fmt(accuracyBefore, 2)}`);

  print('== 2. Training with a tf.train optimizer');
  network.train();
  const optimizer = tf.train.adam(0.01);
  const losses: number[] = [];
  let tensorsAfterFirstStep = 0; // the first step creates Adam's moment variables
  for (let step = 0; step < 50; step++) {
    const batch = shapes(32, 1000 + step);
    const onehot = tf.oneHot(batch.labels, CLASSES.length);
    const cost = optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(onehot, logitsOf(batch.images)) as tf.Scalar,
      true,
      network.trainableVariables,
    );
    const loss = cost?.dataSync()[0] ?? Number.NaN;
    losses.push(loss);
    tf.dispose([cost as tf.Scalar, onehot, batch.images]);
    if (step === 0) tensorsAfterFirstStep = tf.memory().numTensors;
    if (step % 10 === 0 || step === 49) print(`step ${String(step).padStart(2)}  loss ${fmt(loss, 3)}`);
  }
  print(`tensors leaked by steps 2–50: ${tf.memory().numTensors - tensorsAfterFirstStep}`);
  network.eval();
  const after = tf.tidy(() => logitsOf(test.images));
  const accuracyAfter = accuracy(after, test.labels);
  print(`test accuracy after training: ${fmt(accuracyAfter, 2)}`);

  print('== 3. Certified invariant');
  const report = await certifyEquivariance(network, { property: 'invariance', seed: 7, numRuns: 2 });
  print(
    `${report.gspace}: ${report.elements.map((e) => `${e.name} ${e.passed ? 'ok' : 'FAILED'}`).join(', ')}`,
  );
  print(`certified invariant: ${report.passed}`);

  print('== 4. Exported to plain TF.js');
  const exported = network.export();
  print(`layers: ${exported.layers.map((l) => l.getClassName()).join(', ')}`);
  const exportedLogits = exported.predict(test.images) as tf.Tensor;
  const exportError = tf.tidy(
    () => tf.max(tf.abs(tf.sub(tf.reshape(exportedLogits, before.shape), after))).dataSync()[0]!,
  );
  print(`max |exported − module| < 1e-5: ${exportError < 1e-5}`);

  print('== 5. Saved, and loaded back without @steerable');
  const dir = 'out/examples/shapes-model';
  mkdirSync(dir, { recursive: true });
  let artifacts: tf.io.ModelArtifacts | undefined;
  await exported.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      const weightsManifest = [{ paths: ['weights.bin'], weights: a.weightSpecs ?? [] }];
      writeFileSync(`${dir}/model.json`, JSON.stringify({ modelTopology: a.modelTopology, weightsManifest }));
      writeFileSync(`${dir}/weights.bin`, new Uint8Array(a.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  print(`wrote ${dir}/model.json and weights.bin`);
  let reloadError = Number.NaN;
  try {
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const loadedLogits = loaded.predict(test.images) as tf.Tensor;
    reloadError = tf.tidy(
      () => tf.max(tf.abs(tf.sub(tf.reshape(loadedLogits, before.shape), after))).dataSync()[0]!,
    );
    tf.dispose(loadedLogits);
    loaded.dispose();
    print(`max |loaded − module| < 1e-5: ${reloadError < 1e-5}`);
  } catch (e) {
    print(`loading it back failed: ${(e as Error).message}`);
  }
  tf.dispose([before, after, exportedLogits, test.images]);
  exported.dispose();
  optimizer.dispose();
  network.dispose();
  tf.engine().endScope();
  return {
    losses,
    accuracyBefore,
    accuracyAfter,
    certified: report.passed,
    exportError,
    reloadError,
  };
}
