// Benchmark of R2Conv on TF.js's WASM backend against a plain convolution of the same shape, in one run:
// escnn's reference layer (rot2dOnR2(8), 16 regular → 16 regular fields, 5×5, padding 2) on a
// 32×29×29×128 input (escnn's 32×128×29×29). Not a test: run `npm run bench` at the repository root
// (builds first), or `node packages/nn-equivariant/bench/r2conv.mjs [--quick] [--runs N]` after a build.
// Prints the times and their ratios to the plain convolution, writes out/bench/r2conv.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FieldType, GeometricTensor } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { R2Conv } from '../dist/index.js';
import { conv2dWithGrad } from '../dist/internal/conv2d.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 3 : 5;
const batch = quick ? 4 : 32;

await tf.setBackend('wasm');
await tf.ready();

function median(times) {
  const s = [...times].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Medians of variants timed round-robin after a warm-up round (load from other processes hits all alike). */
function compare(variants) {
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round <= runs; round++) {
    const order = Object.entries(variants);
    if (round % 2 === 1) order.reverse();
    for (const [name, f] of order) {
      const t0 = performance.now();
      tf.tidy(() => {
        f();
      });
      if (round > 0) times[name].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

// build time of the layer (basis, sampling, expansion tensors, He initialization): median of 3 fresh builds
const gs = rot2dOnR2(8);
const type = new FieldType(gs, Array(16).fill(gs.regularRepr));
const buildTimes = [];
let conv;
for (let i = 0; i < 3; i++) {
  conv?.dispose();
  const t0 = performance.now();
  conv = new R2Conv(type, type, 5, { padding: 2, seed: i });
  buildTimes.push(performance.now() - t0);
}
const buildMs = median(buildTimes);

const x = tf.randomNormal([batch, 29, 29, 128], 0, 1, 'float32', 1);
const gx = new GeometricTensor(x, type);
const filter = tf.randomNormal([5, 5, 128, 128], 0, 0.05, 'float32', 2);
const plain = (a, f) => conv2dWithGrad(a, f, { padding: 2 });

// gradients of both the input and the layer's parameters in one backward pass (as the plain
// convolution's dx and dfilter below)
const xv = tf.variable(x);
const gxv = new GeometricTensor(xv, type);
const fwdBwd = () => {
  const { value, grads } = tf.variableGrads(
    () => tf.sum(conv.forward(gxv).tensor),
    [xv, ...conv.trainableVariables],
  );
  value.dataSync();
  for (const g of Object.values(grads)) g.dataSync();
};
const plainFwdBwd = () => {
  const [dx, df] = tf.grads((a, f) => tf.sum(plain(a, f)))([x, filter]);
  dx.dataSync();
  df.dataSync();
};

conv.train();
const train = compare({
  r2convTrainForwardMs: () => conv.forward(gx).tensor.dataSync(),
  r2convForwardBackwardMs: fwdBwd,
  plainForwardMs: () => plain(x, filter).dataSync(),
  plainTfConv2dForwardMs: () =>
    tf
      .conv2d(x, filter, 1, [
        [0, 0],
        [2, 2],
        [2, 2],
        [0, 0],
      ])
      .dataSync(),
  plainForwardBackwardMs: plainFwdBwd,
});
conv.eval();
const evalTimes = compare({
  r2convEvalForwardMs: () => conv.forward(gx).tensor.dataSync(),
  plainForwardMs2: () => plain(x, filter).dataSync(),
});
// the filter expansion alone (training mode pays it on every forward)
conv.train();
const expansion = compare({
  expandMs: () => {
    const { filter: f, bias } = conv.expandParameters();
    f.dataSync();
    bias?.dataSync();
  },
});

const result = {
  layer: 'R2Conv(rot2dOnR2(8), 16 regular -> 16 regular, 5x5, padding 2)',
  input: [batch, 29, 29, 128],
  weights: conv.weights.size,
  runs,
  buildMs,
  ...train,
  ...evalTimes,
  ...expansion,
};
const r = (a, b) => (a / b).toFixed(2);
const plainFwd = (train.plainForwardMs + evalTimes.plainForwardMs2) / 2;
const lines = [
  `R2Conv on TF.js ${tf.version.tfjs} WASM, ${result.layer}, input ${result.input.join('×')} (median of ${runs} runs, ms)`,
  `build (basis + init):     ${buildMs.toFixed(0)} ms, ${result.weights} weights`,
  `filter expansion:         ${expansion.expandMs.toFixed(1)} ms`,
  `forward, train mode:      ${train.r2convTrainForwardMs.toFixed(1)} ms   ratio to plain conv ${r(train.r2convTrainForwardMs, train.plainForwardMs)}`,
  `forward, eval mode:       ${evalTimes.r2convEvalForwardMs.toFixed(1)} ms   ratio to plain conv ${r(evalTimes.r2convEvalForwardMs, evalTimes.plainForwardMs2)}`,
  `forward + backward:       ${train.r2convForwardBackwardMs.toFixed(1)} ms   ratio to plain conv ${r(train.r2convForwardBackwardMs, train.plainForwardBackwardMs)}`,
  `plain conv (conv2dWithGrad) forward ${plainFwd.toFixed(1)} ms, forward + backward ${train.plainForwardBackwardMs.toFixed(1)} ms; tf.conv2d forward ${train.plainTfConv2dForwardMs.toFixed(1)} ms`,
];
const out = fileURLToPath(new URL('../../../out/bench/r2conv.json', import.meta.url));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ benchmark: 'r2conv', unit: 'ms (median)', node: process.version, ...result }, null, 2)}\n`,
);
tf.dispose([x, xv, filter]);
conv.dispose();
process.stdout.write(`${lines.join('\n')}\nwritten ${out}\n`);
