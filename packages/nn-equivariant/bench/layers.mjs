// Benchmark of R2Conv against a plain tf.conv2d of the same channel shape (docs/benchmarks.md), on
// TF.js's WASM backend, in one process: for the R² layers of fixtures/param_counts.json, network-sized
// layers (C8 regular×2 and regular×16, SO(2) irreps ψ₀…ψ₃ ×16) and the demo model's convolutions:
//   - build time of the layer (basis construction, sampling, He initialization, basis upload),
//   - forward in training mode (expands the filter every call) and in evaluation mode (cached filter),
//   - a training step (forward + backward: gradients of the input, the weights and the bias),
// each as a ratio to the plain convolution (tf.conv2d + bias add, with registerWasmGradients() so that
// its backward runs on WASM), timed interleaved (A, B, A, B, …, order alternating every round, after a
// warm-up round), so that load from other processes hits both alike: times are medians, ratios medians
// of the per-round ratios, in wall-clock and in CPU time (see timeRounds). The
// network-sized layers also get a profile (filter expansion, its gradient, the permutation into TF.js's
// layout, the bias, the convolution itself), the small and large C8 layers a comparison with PyTorch (one thread),
// and the small one the plain conv on the pure-JS tfjs-cpu backend for reference. The demo's training
// samples/s are read from out/demo.json when a demo run left one (the demo is not rerun here).
// Not a test: `npm run bench [-- --quick]` at the repository root (builds first), or after a build
//   node packages/nn-equivariant/bench/layers.mjs [--quick] [--runs N] [--only REGEX] [--no-cpu]
//     [--demo-json FILE]   (another demo run's figures; default out/demo.json)
// Prints tables (./_layers-report.mjs), writes out/bench/layers.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FieldType, GeometricTensor } from '@steerable/field-types';
import { flipRot2dOnR2, rot2dOnR2 } from '@steerable/gspaces';
import { blRegularRepresentation } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { BlocksExpansion, disposeExpansionTensors } from '../dist/conv/basis-expansion.js';
import { PointwiseAvgPoolAntialiased2D, R2Conv, registerWasmGradients } from '../dist/index.js';
import { conv2dWithGrad } from '../dist/ops/index.js';
import { formatReport, summaryLines } from './_layers-report.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const noCpu = args.includes('--no-cpu');
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runsOverride = option('--runs') === undefined ? undefined : Number(option('--runs'));
const only = option('--only') === undefined ? null : new RegExp(option('--only'));
const root = new URL('../../../', import.meta.url);

/** Most rounds of one comparison (see timeRounds). */
const MAX_RUNS = 200;
/** Issue 8's targets. */
const TARGETS = { evalForward: 1.05, trainStep: 1.3, pytorchForwardBackward: 3 };
/** PyTorch 1.13, one thread, on this kind of machine (docs/benchmarks.md), ms: same convolution, NCHW. */
const PYTORCH = {
  '32×16×29×29, 3×3, 16→16': { forwardMs: 2.4, forwardBackwardMs: 5.6 },
  '32×128×29×29, 5×5, 128→128': { forwardMs: 350, forwardBackwardMs: 1400 },
};

await tf.setBackend('wasm');
await tf.ready();
// the plain baseline's backward: WASM 4.22 has no Conv2DBackpropFilter kernel (R2Conv does not need it)
registerWasmGradients();

// ---- timing ----------------------------------------------------------------------------------------

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Seeded pseudo-random numbers in [0, 1) (Park–Miller), so that runs are repeatable. */
let jitterState = 12345;
const nextRandom = () => {
  jitterState = (jitterState * 16807) % 2147483647;
  return jitterState / 2147483647;
};

/**
 * A tensor of random size (up to 64 kB) allocated before a timed run and freed after it. Without it we
 * saw one variant of a layer run up to twice as slow as its twin in every round, in CPU time too, in
 * some processes and not in others: presumably an effect of where the buffers sit in WASM memory
 * (alignment, cache aliasing), which the allocator repeats every round. A block of varying size in front
 * of the run's buffers varies the layout from round to round, so that the medians see the typical case
 * (in 4 runs of the demo's layers afterwards, no such outlier).
 */
function jitterMemory() {
  return tf.zeros([1 + Math.floor(nextRandom() * 16384)]);
}

/**
 * Times of variants timed round-robin: one run of each per round, the order reversed every other round,
 * round 0 a warm-up (operator creation, weight packing, JIT). Each variant reads its results back. Per
 * variant, one wall-clock time (ms) per round in `wall`, and the process's CPU time (user + system, ms)
 * in `cpu`: TF.js's WASM backend computes on this one thread, so on a machine loaded by other processes
 * the CPU time is close to what the run would take alone, where wall-clock time also counts the waiting.
 */
function timeRounds(variants, { runs, budgetMs = 0 }) {
  const wall = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const start = performance.now();
  // at least `runs` rounds; small layers go on until the budget is spent (per-call overheads are noisy)
  const more = (round) =>
    round <= runs ||
    (round <= MAX_RUNS && performance.now() - start < budgetMs && runsOverride === undefined);
  for (let round = 0; more(round); round++) {
    const order = Object.entries(variants);
    if (round % 2 === 1) order.reverse();
    for (const [name, f] of order) {
      // a block of random size held during the run moves the run's buffers in WASM memory from round to
      // round (see jitterMemory)
      const jitter = jitterMemory();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      tf.tidy(() => {
        f(); // returns nothing: tidy would walk a returned typed array
      });
      const t = performance.now() - t0;
      const c = process.cpuUsage(c0);
      jitter.dispose();
      if (round > 0) {
        wall[name].push(t);
        cpu[name].push((c.user + c.system) / 1000);
      }
    }
  }
  return { wall, cpu };
}

const medians = (times) => Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));

/** Medians (wall-clock ms) of {@link timeRounds}. */
function compare(variants, plan) {
  return medians(timeRounds(variants, plan).wall);
}

/**
 * The median over rounds of `a[i] / b[i]`: the two ran back to back in each round, so a burst of load
 * from other processes mostly hits both, where a ratio of medians would mix different rounds.
 */
const pairedRatio = (a, b) => median(a.map((v, i) => v / b[i]));

const readBack = (...ts) => {
  for (const t of ts) t.dataSync();
};
const padding4 = (p) => [
  [0, 0],
  [p, p],
  [p, p],
  [0, 0],
];

// ---- the cases -------------------------------------------------------------------------------------

function fixtureGspace(name) {
  const n = /N=(-?\d+)/.exec(name);
  const N = n ? Number(n[1]) : -1;
  const f = /maximum_frequency=(\d+)/.exec(name);
  const opts = f ? { maximumFrequency: Number(f[1]) } : {};
  if (name.startsWith('rot2dOnR2')) return rot2dOnR2(N, opts);
  if (name.startsWith('flipRot2dOnR2')) return flipRot2dOnR2(N, opts);
  throw new Error(`unknown gspace ${name}`);
}

function fixtureField(gs, name) {
  if (name === 'trivial') return new FieldType(gs, [gs.trivialRepr]);
  if (name === 'regular') return new FieldType(gs, [gs.regularRepr]);
  if (name === 'bl_regular') return new FieldType(gs, [blRegularRepresentation(gs.fibergroup, 3)]);
  const k = Number(/^irrep(\d+)$/.exec(name)[1]);
  return new FieldType(gs, [gs.flipsOrder > 0 ? gs.irrep(1, k) : gs.irrep(k)]);
}

const fixture = JSON.parse(readFileSync(new URL('fixtures/param_counts.json', root), 'utf8'));
const fixtureCases = fixture.param_counts
  .filter((e) => !e.gspace.includes('OnR3'))
  .map((e) => {
    const gs = fixtureGspace(e.gspace);
    return {
      group: 'param_counts',
      name: `${e.gspace} ${e.in}→${e.out} ${e.kernel_size}×${e.kernel_size}`,
      inType: fixtureField(gs, e.in),
      outType: fixtureField(gs, e.out),
      kernel: e.kernel_size,
      padding: (e.kernel_size - 1) / 2,
      batch: quick ? 8 : 32,
      size: 29,
      runs: quick ? 3 : 7,
      budgetMs: quick ? 400 : 1500,
      builds: quick ? 2 : 3,
      escnnWeights: e.weights_numel,
      escnnConstructionMs: e.construction_seconds * 1000,
    };
  });

const c8 = rot2dOnR2(8);
const so2 = rot2dOnR2(-1);
const regular = (n) => new FieldType(c8, Array(n).fill(c8.regularRepr));
const so2Irreps = new FieldType(
  so2,
  Array.from({ length: 16 }, () => [0, 1, 2, 3].map((k) => so2.irrep(k))).flat(),
);
const big = (c) => ({ group: 'network', size: 29, runs: quick ? 2 : 5, builds: 2, profile: true, ...c });
const networkCases = [
  big({
    name: 'C8 regular×2 → regular×2, 3×3 (16→16)',
    inType: regular(2),
    outType: regular(2),
    kernel: 3,
    padding: 1,
    batch: 32,
    runs: quick ? 5 : 15,
    budgetMs: quick ? 1000 : 4000,
    pytorch: '32×16×29×29, 3×3, 16→16',
    cpu: !noCpu,
  }),
  big({
    name: 'C8 regular×16 → regular×16, 5×5 (128→128)',
    inType: regular(16),
    outType: regular(16),
    kernel: 5,
    padding: 2,
    batch: quick ? 4 : 32,
    pytorch: quick ? undefined : '32×128×29×29, 5×5, 128→128',
  }),
  big({
    name: 'SO(2) ψ₀…ψ₃×16 → same, 5×5 (112→112)',
    inType: so2Irreps,
    outType: so2Irreps,
    kernel: 5,
    padding: 2,
    batch: quick ? 4 : 32,
  }),
];

/** The demo's default model's convolutions (its architecture module, when demo/ is built). */
async function demoCases() {
  try {
    const arch = await import(new URL('demo/dist/models/architecture.js', root).href);
    const cli = await import(new URL('demo/dist/cli.js', root).href);
    const width = cli.QUICK?.width ?? 1 / 12;
    const fields = arch.scaledFields(width);
    const cases = [];
    let type = new FieldType(c8, [c8.trivialRepr]);
    let size = 29;
    fields.forEach((n, i) => {
      const out = regular(n);
      const k = arch.KERNELS[i];
      const p = arch.PADDINGS[i];
      cases.push({
        group: 'demo',
        name: `demo C8 conv ${i + 1}: ${type.size}→${out.size}, ${k}×${k}, ${size}×${size}`,
        inType: type,
        outType: out,
        kernel: k,
        padding: p,
        bias: false, // as the demo's model
        batch: 64, // the demo's batch size
        size,
        runs: quick ? 3 : 7,
        budgetMs: quick ? 1000 : 4000,
        builds: 2,
      });
      size = size + 2 * p - k + 1;
      if (arch.POOL_AFTER.has(i)) {
        const pool = new PointwiseAvgPoolAntialiased2D(out, 0.66, 2);
        size = pool.evaluateOutputShape([1, size, size, out.size])[1];
      }
      type = out;
    });
    return { width, fields, cases };
  } catch (e) {
    return { error: `demo/dist not built or changed (${String(e.message ?? e).slice(0, 100)})` };
  }
}
const demo = await demoCases();
const cases = [...fixtureCases, ...networkCases, ...(demo.cases ?? [])].filter(
  (c) => only === null || only.test(c.name),
);

// ---- one layer -------------------------------------------------------------------------------------

/** Where a training forward's extra time goes: the parts of R2Conv's forward, timed interleaved. */
function profileLayer(layer, x, plainFilter, plan) {
  const exp = new BlocksExpansion(layer.basis, 'conv');
  const t = exp.createTensors();
  const w = layer.weights;
  const weightsOf = (b) => w.slice(b.weightOffset, b.copies * b.dim).reshape([b.copies, b.dim]);
  const flat = tf.keep(tf.randomNormal([exp.filterSize + (exp.hasZeros ? 1 : 0)]));
  const y = tf.keep(tf.randomNormal([x.shape[0], x.shape[1], x.shape[2], layer.outType.size]));
  const bias = tf.keep(tf.randomNormal([layer.outType.size]));
  const r = tf.keep(tf.randomNormal(layer.filterShape));
  const xv = tf.variable(x);
  const fv = tf.variable(plainFilter);
  const pad = padding4(layer.padding[0]);
  const times = compare(
    {
      expandMs: () => {
        const e = layer.expandParameters();
        readBack(e.filter, ...(e.bias ? [e.bias] : []));
      },
      expandBackwardMs: () => {
        const g = tf.variableGrads(() => tf.sum(tf.mul(layer.expandParameters().filter, r)), [w]);
        readBack(...Object.values(g.grads));
      },
      blockMatmulsMs: () => readBack(...exp.blocks.map((b, k) => tf.matMul(weightsOf(b), t.blocks[k]))),
      permutationMs: () => {
        if (exp.transposePlan) readBack(tf.transpose(flat.reshape(exp.transposePlan.shape), [2, 1, 0, 3]));
        else readBack(t.gather ? tf.gather(flat, t.gather) : flat);
      },
      biasAddMs: () => readBack(tf.add(y, bias)),
      conv2dWithGradForwardMs: () => readBack(conv2dWithGrad(x, plainFilter, { padding: pad.slice(1, 3) })),
      tfConv2dForwardMs: () => readBack(tf.conv2d(x, plainFilter, 1, pad)),
      conv2dWithGradStepMs: () => {
        const g = tf.variableGrads(
          () => tf.sum(conv2dWithGrad(xv, fv, { padding: pad.slice(1, 3) })),
          [xv, fv],
        );
        readBack(...Object.values(g.grads));
      },
      tfConv2dStepMs: () => {
        const g = tf.variableGrads(() => tf.sum(tf.conv2d(xv, fv, 1, pad)), [xv, fv]);
        readBack(...Object.values(g.grads));
      },
    },
    plan,
  );
  tf.dispose([flat, y, bias, r, xv, fv]);
  disposeExpansionTensors(t);
  return {
    blocks: exp.blocks.length,
    permutation: exp.transposePlan ? 'transpose' : exp.identity ? 'none' : 'gather',
    filterSize: exp.filterSize,
    ...times,
  };
}

/** The plain conv on the pure-JS cpu backend (one unwarmed run each: its backward takes many seconds). */
async function cpuReference(c) {
  await tf.setBackend('cpu');
  const out = {};
  try {
    const x = tf.randomNormal([c.batch, c.size, c.size, c.inType.size]);
    const f = tf.randomNormal([c.kernel, c.kernel, c.inType.size, c.outType.size]);
    const pad = padding4(c.padding);
    let t0 = performance.now();
    tf.tidy(() => readBack(tf.conv2d(x, f, 1, pad)));
    out.cpuForwardMs = performance.now() - t0;
    if (!quick) {
      t0 = performance.now();
      tf.tidy(() => readBack(...tf.grads((a, b) => tf.sum(tf.conv2d(a, b, 1, pad)))([x, f])));
      out.cpuForwardBackwardMs = performance.now() - t0;
    }
    tf.dispose([x, f]);
  } finally {
    await tf.setBackend('wasm');
  }
  return out;
}

async function measure(c) {
  const opts = { padding: c.padding, ...(c.bias === false ? { bias: false } : {}) };
  // builds: each a fresh layer; the last two are kept, one for each mode
  const buildTimes = [];
  const layers = [];
  for (let i = 0; i < Math.max(2, c.builds); i++) {
    const t0 = performance.now();
    layers.push(new R2Conv(c.inType, c.outType, c.kernel, { ...opts, seed: i }));
    buildTimes.push(performance.now() - t0);
    if (layers.length > 2) layers.shift().dispose();
  }
  const [trainLayer, evalLayer] = layers;
  trainLayer.train();
  evalLayer.eval(); // expands and caches the filter once (not timed)
  const [I, O, k] = [c.inType.size, c.outType.size, c.kernel];
  const x = tf.randomNormal([c.batch, c.size, c.size, I], 0, 1, 'float32', 1);
  const xv = tf.variable(x);
  const fv = tf.variable(tf.randomNormal([k, k, I, O], 0, 0.05, 'float32', 2));
  const withBias = trainLayer.bias !== null;
  const bv = withBias ? tf.variable(tf.zeros([O])) : null;
  const pad = padding4(c.padding);
  const plain = (input) => {
    const y = tf.conv2d(input, fv, 1, pad);
    return bv ? tf.add(y, bv) : y;
  };
  const gx = new GeometricTensor(x, c.inType);
  const gxv = new GeometricTensor(xv, c.inType);
  const step = (f, vars) => {
    const { value, grads } = tf.variableGrads(() => tf.sum(f()), vars);
    readBack(value, ...Object.values(grads));
  };
  const plan = { runs: runsOverride ?? c.runs, budgetMs: c.budgetMs ?? 0 };
  const { wall: raw, cpu } = timeRounds(
    {
      plainForwardMs: () => readBack(plain(x)),
      trainForwardMs: () => readBack(trainLayer.forward(gx).tensor),
      evalForwardMs: () => readBack(evalLayer.forward(gx).tensor),
      plainStepMs: () => step(() => plain(xv), [xv, fv, ...(bv ? [bv] : [])]),
      trainStepMs: () => step(() => trainLayer.forward(gxv).tensor, [xv, ...trainLayer.trainableVariables]),
    },
    plan,
  );
  const t = medians(raw);
  const row = {
    group: c.group,
    layer: c.name,
    input: [c.batch, c.size, c.size, I],
    filter: [k, k, I, O],
    bias: withBias,
    weights: trainLayer.weights.size,
    ...(c.escnnWeights === undefined ? {} : { escnnWeights: c.escnnWeights }),
    runs: raw.plainForwardMs.length,
    buildMs: median(buildTimes),
    ...(c.escnnConstructionMs === undefined ? {} : { escnnConstructionMs: c.escnnConstructionMs }),
    ...t,
    // medians of the per-round ratios (see pairedRatio)
    trainForwardRatio: pairedRatio(raw.trainForwardMs, raw.plainForwardMs),
    evalForwardRatio: pairedRatio(raw.evalForwardMs, raw.plainForwardMs),
    trainStepRatio: pairedRatio(raw.trainStepMs, raw.plainStepMs),
    cpuMs: medians(cpu),
    cpuRatios: {
      trainForward: pairedRatio(cpu.trainForwardMs, cpu.plainForwardMs),
      evalForward: pairedRatio(cpu.evalForwardMs, cpu.plainForwardMs),
      trainStep: pairedRatio(cpu.trainStepMs, cpu.plainStepMs),
    },
    // ratios of the fastest runs (the least disturbed by other processes)
    minRatios: {
      trainForward: Math.min(...raw.trainForwardMs) / Math.min(...raw.plainForwardMs),
      evalForward: Math.min(...raw.evalForwardMs) / Math.min(...raw.plainForwardMs),
      trainStep: Math.min(...raw.trainStepMs) / Math.min(...raw.plainStepMs),
    },
  };
  if (c.profile) row.profile = profileLayer(trainLayer, x, fv, plan);
  if (c.pytorch) row.pytorch = { shape: c.pytorch, ...PYTORCH[c.pytorch] };
  if (c.cpu) Object.assign(row, await cpuReference(c));
  tf.dispose([x, xv, fv, ...(bv ? [bv] : [])]);
  trainLayer.dispose();
  evalLayer.dispose();
  return row;
}

// ---- run, report -----------------------------------------------------------------------------------

const started = new Date();
const loadBefore = loadavg();
const t0 = performance.now();
const results = [];
for (const c of cases) {
  results.push(await measure(c));
  if (results.length % 12 === 0) process.stderr.write(`  ${results.length}/${cases.length} layers\n`);
}
const seconds = (performance.now() - t0) / 1000;
const loadAfter = loadavg();

function demoTraining() {
  const file = option('--demo-json') ?? 'out/demo.json'; // relative to the repository root (our cwd under npm)
  const path = fileURLToPath(new URL(file, root));
  if (!existsSync(path)) return { note: `${file} not found: run \`npm run demo\` first` };
  try {
    const d = JSON.parse(readFileSync(path, 'utf8'));
    return {
      file,
      createdAt: d.createdAt,
      backend: d.environment?.backend,
      cpus: d.environment?.cpus,
      config: d.config,
      models: (d.models ?? []).map((m) => {
        const epochs = m.training?.epochs ?? [];
        return {
          name: m.name,
          parameterCount: m.parameterCount,
          samplesPerSecond: epochs.map((e) => e.samplesPerSecond),
          meanSamplesPerSecond: epochs.length
            ? epochs.reduce((a, e) => a + e.samplesPerSecond, 0) / epochs.length
            : null,
        };
      }),
    };
  } catch (e) {
    return { note: `${file} unreadable: ${String(e.message ?? e).slice(0, 100)}` };
  }
}
const demoRun = demoTraining();

const file = fileURLToPath(new URL('out/bench/layers.json', root));
mkdirSync(dirname(file), { recursive: true });
const report = {
  benchmark: 'layers',
  unit: 'ms (medians over interleaved rounds; cpuMs: CPU time); ratios: medians over rounds of R2Conv ÷ the plain conv of the same round',
  createdAt: started.toISOString(),
  quick,
  tfjs: tf.version.tfjs,
  backend: 'wasm',
  node: process.version,
  cpus: cpus().length,
  loadAverage: { before: loadBefore, after: loadAfter },
  seconds,
  targets: TARGETS,
  pytorchReference: PYTORCH,
  summary: [],
  results,
  demoModel: demo.error ? { error: demo.error } : { width: demo.width, fields: demo.fields },
  demoTraining: demoRun,
};
report.summary = summaryLines(report);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${formatReport(report)}\nwritten ${file}\n`);
