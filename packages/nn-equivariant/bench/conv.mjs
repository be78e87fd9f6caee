// Benchmark of steerable's conv2dWithGrad on TF.js's WASM backend against plain tf.conv2d (wasm, and
// cpu for the small case). Not a test: run `npm run bench` at the repository root (builds first), or
// `node packages/nn-equivariant/bench/conv.mjs [--quick] [--runs N]` after a build.
// Prints a table and writes out/bench/conv.json. Times are medians of N runs after one warm-up run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { conv2dWithGrad, registerWasmGradients, unregisterWasmGradients } from '../dist/ops/index.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsArg = args.indexOf('--runs');
const runsOverride = runsArg >= 0 ? Number(args[runsArg + 1]) : undefined;

const cases = [
  { name: 'small', x: [32, 29, 29, 16], filter: [3, 3, 16, 16], runs: 10, cpu: true },
  { name: 'medium', x: [8, 64, 64, 32], filter: [3, 3, 32, 32], runs: 10, cpu: false },
  { name: 'large', x: [32, 29, 29, 128], filter: [5, 5, 128, 128], runs: 3, cpu: false, optional: true },
];

/** Median of a list of times (ms). */
function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One timed run of `f` (which reads its results back so that the work is done); a message if it throws. */
function timeOnce(f) {
  try {
    const t0 = performance.now();
    tf.tidy(() => {
      f(); // returns nothing: tidy would walk a returned typed array element by element
    });
    return performance.now() - t0;
  } catch (e) {
    return `throws: ${String(e.message ?? e).slice(0, 80)}`;
  }
}

/**
 * Medians of several variants timed round-robin (one run of each per round, after a warm-up round), so
 * that load from other processes on the machine hits all variants alike.
 * The pure-JS cpu backend runs once without warm-up (its backward pass alone takes many seconds).
 */
function compare(variants, runs, warmUp = true) {
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = warmUp ? 0 : 1; round <= runs; round++) {
    const order = Object.entries(variants);
    if (round % 2 === 1) order.reverse(); // alternate the order: no variant always runs after another
    for (const [name, f] of order) {
      if (typeof times[name] === 'string') continue; // threw before
      const t = timeOnce(f);
      if (typeof t === 'string') times[name] = t;
      else if (round > 0) times[name].push(t); // round 0 warms up: operator creation, weight packing
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([k, v]) => [k, typeof v === 'string' ? v : median(v)]),
  );
}

const plain = (x, f) => tf.conv2d(x, f, 1, 'same');
const ours = (x, f) => conv2dWithGrad(x, f, { padding: 'same' });
const forward = (conv, x, f) => () => conv(x, f).dataSync();
const forwardBackward = (conv, x, f) => {
  const grads = tf.grads((a, b) => tf.sum(conv(a, b)));
  return () => {
    const [dx, df] = grads([x, f]);
    dx.dataSync();
    df.dataSync();
  };
};

const results = [];
for (const c of cases) {
  if (quick && c.optional) continue;
  const runs = runsOverride ?? c.runs;
  await tf.setBackend('wasm');
  await tf.ready();
  const x = tf.randomNormal(c.x);
  const f = tf.randomNormal(c.filter);
  const wasm = compare(
    {
      oursWasmForwardMs: forward(ours, x, f),
      oursWasmForwardBackwardMs: forwardBackward(ours, x, f),
      tfWasmForwardMs: forward(plain, x, f),
      tfWasmForwardBackwardMs: forwardBackward(plain, x, f),
    },
    runs,
  );
  // Plain tf.conv2d once its missing wasm gradient kernels are registered (registerWasmGradients).
  registerWasmGradients();
  const registered = compare({ tfWasmRegisteredForwardBackwardMs: forwardBackward(plain, x, f) }, runs);
  unregisterWasmGradients();
  const row = { case: c.name, x: c.x, filter: c.filter, runs, ...wasm, ...registered };
  if (c.cpu) {
    await tf.setBackend('cpu');
    // --quick skips the cpu backward (many seconds; layers.mjs times it too)
    const cpuVariants = { tfCpuForwardMs: forward(plain, x, f) };
    if (!quick) cpuVariants.tfCpuForwardBackwardMs = forwardBackward(plain, x, f);
    Object.assign(row, compare(cpuVariants, 1, false));
  }
  tf.dispose([x, f]);
  results.push(row);
}

const fmt = (v) => (typeof v === 'number' ? v.toFixed(1) : v === undefined ? '—' : 'throws');
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' ? (a / b).toFixed(2) : '—');
const header = [
  'case',
  'ours fwd',
  'ours fwd+bwd',
  'tf wasm fwd',
  'tf wasm fwd+bwd',
  'tf wasm+registered fwd+bwd',
  'tf cpu fwd',
  'tf cpu fwd+bwd',
  'fwd ours/tf',
  'ours fwd+bwd ÷ fwd',
  'cpu fwd+bwd ÷ ours',
];
const rows = results.map((r) => [
  `${r.case} ${r.x.join('×')}*${r.filter.join('×')}`,
  fmt(r.oursWasmForwardMs),
  fmt(r.oursWasmForwardBackwardMs),
  fmt(r.tfWasmForwardMs),
  fmt(r.tfWasmForwardBackwardMs),
  fmt(r.tfWasmRegisteredForwardBackwardMs),
  fmt(r.tfCpuForwardMs),
  fmt(r.tfCpuForwardBackwardMs),
  ratio(r.oursWasmForwardMs, r.tfWasmForwardMs),
  ratio(r.oursWasmForwardBackwardMs, r.oursWasmForwardMs),
  ratio(r.tfCpuForwardBackwardMs, r.oursWasmForwardBackwardMs),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');

const out = fileURLToPath(new URL('../../../out/bench/conv.json', import.meta.url));
mkdirSync(dirname(out), { recursive: true });
const report = {
  benchmark: 'conv2d',
  unit: 'ms (median)',
  tfjs: tf.version.tfjs,
  node: process.version,
  results,
  // headlines for scripts/bench.mjs's summary table
  summary: results.map(
    (r) =>
      `conv2dWithGrad ${r.case} ${r.x.join('×')}*${r.filter.join('×')}: fwd ${fmt(r.oursWasmForwardMs)} ms, fwd+bwd ${fmt(r.oursWasmForwardBackwardMs)} ms (tf.conv2d + registered gradients ${fmt(r.tfWasmRegisteredForwardBackwardMs)} ms)`,
  ),
};
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`conv2d on TF.js ${tf.version.tfjs} (times in ms, median)\n${table}\nwritten ${out}\n`);
