// Times the construction of the R² layer bases of fixtures/param_counts.json and compares with escnn's
// `construction_seconds` (one build in a fresh Python process after `import escnn`, escnn's disk cache
// warm). Not a test. Run after a build (`npm run bench` at the root does both):
//   node packages/kernels/bench/construction.mjs [--quick] [--reps N] [--only REGEX] [--no-fresh]
//     [--no-sequence] [--no-floor] [--baseline DIR] [--eager] [--settle MS]
//
// Four measures, none with any cache surviving between builds (none on disk, nothing in memory):
// - "cold": each build in a FRESH Node process, timed after the imports (as escnn's after `import
//   escnn`): the group, the field representations and the layer basis (escnn's `escnn_call`: gspace,
//   field types, R2Conv). Cold JIT, empty memos. Processes of all layers are interleaved (round-robin,
//   shuffled each round) and repeated; we report the median over repetitions.
// - "sequence": one fresh process builds every layer once, in a shuffled order, each from scratch (a
//   new group, representations and basis), as a script building a network does; the median per layer
//   over repetitions, the total, and the first build of each process (the cold one).
// - "warm": in one process, after a pass over all layers, the median of repeated builds of the same
//   (group, representations, basis) of each layer.
// - "floor": the smallest program for escnn's cheapest layer (_floor-probe.mjs), first run in a fresh
//   process: a bound on the cold ratio that no implementation can beat on that layer.
// The machine may be loaded by other jobs: the ratios printed are medians, and the minimum ratio is
// the figure to watch (target: ≥ 10× on every layer). Writes out/bench/kernels-construction.json.
// The R³ layers: construction-r3.mjs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cyclicGroup, dihedralGroup, o2Group, so2Group } from '@steerable/group-theory';
import { r2ConvBasis } from '@steerable/kernels';
import { blRegularRepresentation, regularRepresentation } from '@steerable/representations';

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const childIndex = arg('--child');

const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/param_counts.json', import.meta.url), 'utf8'),
);
// escnn's R² layers of param_counts.json, then two layers of a network's size, with escnn 1.0.13's build
// time on PyTorch 1.13, measured on the same kind of machine (one build, disk cache warm; the figures are
// listed in docs/benchmarks.md)
const NETWORK_LAYERS = [
  {
    gspace: 'rot2dOnR2(N=8)',
    in: 'regular',
    out: 'regular',
    multiplicity: 16,
    kernel_size: 5,
    construction_seconds: 0.2,
  },
  {
    gspace: 'rot2dOnR2(N=-1, maximum_frequency=3)',
    in: 'irreps0-3',
    out: 'irreps0-3',
    multiplicity: 16,
    kernel_size: 5,
    construction_seconds: 0.11,
  },
];
const entries = [
  ...fixture.param_counts.filter((e) => !e.gspace.includes('OnR3')),
  ...NETWORK_LAYERS.map((e) => ({ ...e, network: true, weights_numel: null })),
];

/** Builds the group of an escnn gspace expression (a fresh group object every call). */
function gspace(name) {
  const n = /N=(-?\d+)/.exec(name);
  const N = n ? Number(n[1]) : -1;
  const f = /maximum_frequency=(\d+)/.exec(name);
  const L = f ? Number(f[1]) : 6;
  if (name.startsWith('rot2dOnR2'))
    return N === -1 ? { G: so2Group(L), sgId: [null, -1] } : { G: cyclicGroup(N), sgId: [null, N] };
  if (name.startsWith('flipRot2dOnR2'))
    return N === -1 ? { G: o2Group(L), sgId: [Math.PI, -1] } : { G: dihedralGroup(N), sgId: [Math.PI, N] };
  throw new Error(`unknown gspace ${name}`);
}

function field(G, sgId, name) {
  if (name === 'trivial') return G.trivialRepresentation;
  if (name === 'regular') return regularRepresentation(G);
  if (name === 'bl_regular') return blRegularRepresentation(G, 3);
  if (name === 'irreps0-3') return [0, 1, 2, 3].map((k) => G.irrep(k));
  const k = Number(/^irrep(\d+)$/.exec(name)[1]);
  return sgId[0] === null ? G.irrep(k) : G.irrep(1, k);
}

/** One build from scratch: group, field representations, layer basis (escnn's `escnn_call`). */
function build(e) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const { G, sgId } = gspace(e.gspace);
  // `multiplicity` copies of the field (a list of representations is one field per representation)
  // (one representation object, as escnn's `[gs.regular_repr] * 16`)
  const fields = (name) => {
    const one = field(G, sgId, name);
    return Array.from({ length: e.multiplicity ?? 1 }, () => one).flat();
  };
  const inR = fields(e.in);
  const outR = fields(e.out);
  const t1 = performance.now();
  const layer = r2ConvBasis(sgId, inR, outR, e.kernel_size);
  const t2 = performance.now();
  const c = process.cpuUsage(c0);
  return {
    total: (t2 - t0) / 1000,
    basis: (t2 - t1) / 1000,
    cpu: (c.user + c.system) / 1e6,
    dim: layer.dimension,
  };
}

const settleMs = Number(arg('--settle') ?? 100);
if (childIndex !== undefined) {
  // a fresh process: one build after the imports, reported on stdout. Node's module loading leaves
  // background work behind (TurboFan compiling its own module lexer: tens of ms of CPU on a 2-core
  // machine): an idle pause lets it finish, so that the build is timed after a finished import, as
  // escnn's after `import escnn` (Python's import leaves nothing running).
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  process.stdout.write(JSON.stringify(build(entries[Number(childIndex)])));
  process.exit(0);
}
if (args.includes('--child-floor')) {
  // a fresh process with the same imports: the floor probe instead of the library (see _floor-probe.mjs)
  const { runFloorProbe } = await import('./_floor-probe.mjs');
  process.stdout.write(JSON.stringify(await runFloorProbe(settleMs)));
  process.exit(0);
}
if (arg('--child-sequence') !== undefined) {
  // a fresh process building several layers one after the other, each from scratch (fresh group,
  // representations and basis; nothing is shared between builds but V8's compiled code), as when a
  // script builds a network
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  const order = arg('--child-sequence').split(',').map(Number);
  process.stdout.write(JSON.stringify(order.map((i) => build(entries[i]))));
  process.exit(0);
}

const only = arg('--only') ? new RegExp(arg('--only')) : null;
const label = (e) =>
  `${e.gspace} ${e.multiplicity ? `${e.multiplicity}×` : ''}${e.in}->${e.multiplicity ? `${e.multiplicity}×` : ''}${e.out} k=${e.kernel_size}`;
const selected = entries.map((e, i) => ({ e, i })).filter(({ e }) => !only || only.test(label(e)));
const reps = Number(arg('--reps') ?? (quick ? 3 : 7));
const warmReps = quick ? 5 : 15;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const loadBefore = loadavg();

/** A deterministic shuffler: each call returns a new permutation of 0…n−1 (Fisher–Yates over an LCG). */
function shuffler(seed) {
  let state = seed;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return (n) => {
    const order = Array.from({ length: n }, (_, k) => k);
    for (let k = n - 1; k > 0; k--) {
      const m = Math.floor(rand() * (k + 1));
      [order[k], order[m]] = [order[m], order[k]];
    }
    return order;
  };
}

// cold: fresh processes, interleaved over layers, shuffled each round (deterministic shuffle); with
// --baseline DIR, the same child of another checkout (e.g. a git worktree of an older commit, built)
// runs right after ours, for a before/after comparison under the same load; with --eager, the same
// child of ours under `node --no-lazy`: V8 then compiles every function when its module loads, as
// CPython compiles a whole module at import, so that the build runs no compiler (a ceiling for what
// compiling ahead could give, not a way to ship: nothing in Node 20 asks V8 for that per module)
const baselineDir = arg('--baseline');
const variants = [{ name: 'ours', script: fileURLToPath(import.meta.url), node: [] }];
if (baselineDir)
  variants.push({
    name: 'baseline',
    script: `${baselineDir}/packages/kernels/bench/construction.mjs`,
    node: [],
  });
if (args.includes('--eager'))
  variants.push({ name: 'eager', script: fileURLToPath(import.meta.url), node: ['--no-lazy'] });
const variantIndex = (name) => variants.findIndex((v) => v.name === name);
const eagerRun = variantIndex('eager') >= 0;
const cold = variants.map(() => selected.map(() => ({ total: [], cpu: [], dim: -1 })));

/** Runs one cold child; a child that hangs (seen once in hundreds under --no-lazy) is run again. */
function runChild(v, i) {
  for (let attempt = 0; ; attempt++) {
    const res = spawnSync(
      process.execPath,
      [...v.node, v.script, '--child', String(i), '--settle', String(settleMs)],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (res.status === 0) return JSON.parse(res.stdout);
    if (res.error?.code !== 'ETIMEDOUT' || attempt > 0)
      throw new Error(`${v.name} child ${i} failed: ${res.stderr}`);
  }
}

if (!args.includes('--no-fresh')) {
  const shuffled = shuffler(12345);
  for (let r = 0; r < reps; r++) {
    const order = shuffled(selected.length);
    for (const n of order) {
      variants.forEach((v, k) => {
        const out = runChild(v, selected[n].i);
        cold[k][n].total.push(out.total);
        cold[k][n].cpu.push(out.cpu);
        cold[k][n].dim = out.dim;
      });
    }
  }
}

// floor: the smallest program for the cheapest layer (see _floor-probe.mjs), in fresh processes with
// the same imports, checked against our basis of that layer
const floorLayer = entries.findIndex(
  (e) => e.gspace === 'rot2dOnR2(N=8)' && e.in === 'trivial' && e.out === 'trivial' && e.kernel_size === 3,
);
let floor = null;
if (!args.includes('--no-floor') && floorLayer >= 0) {
  const runs = [];
  for (let r = 0; r < reps; r++) {
    const res = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child-floor', '--settle', String(settleMs)],
      {
        encoding: 'utf8',
      },
    );
    if (res.status !== 0) throw new Error(`floor child failed: ${res.stderr}`);
    runs.push(JSON.parse(res.stdout));
  }
  const e = entries[floorLayer];
  const { G, sgId } = gspace(e.gspace);
  const ours = r2ConvBasis(sgId, [field(G, sgId, e.in)], [field(G, sgId, e.out)], e.kernel_size).blocks[0]
    .sampled;
  const probe = runs[0].basis;
  const same = probe.length === ours.length && probe.every((v, i) => Math.abs(v - ours[i]) < 1e-12);
  if (!same) throw new Error('floor probe: its basis differs from r2ConvBasis for that layer');
  floor = {
    layer: label(e),
    escnn: e.construction_seconds,
    wall: median(runs.map((r) => r.total)),
    wallMin: Math.min(...runs.map((r) => r.total)),
    cpu: median(runs.map((r) => r.cpu)),
  };
}

// sequence: one fresh process builds every selected layer once, in a shuffled order (a new shuffle
// per repetition), each from scratch; per layer, the median over repetitions
let sequence = null;
if (!args.includes('--no-sequence')) {
  const shuffled = shuffler(777);
  const times = selected.map(() => []);
  const firsts = [];
  for (let r = 0; r < reps; r++) {
    const order = shuffled(selected.length);
    const res = spawnSync(
      process.execPath,
      [
        fileURLToPath(import.meta.url),
        '--child-sequence',
        order.map((n) => selected[n].i).join(','),
        '--settle',
        String(settleMs),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (res.status !== 0) throw new Error(`sequence child failed: ${res.stderr}`);
    const out = JSON.parse(res.stdout);
    for (const [k, b] of out.entries()) times[order[k]].push(b.total);
    firsts.push({ n: order[0], total: out[0].total });
  }
  sequence = { times: times.map(median), firsts };
}

// warm: one process, a first pass over all layers, then repeated builds of each
for (const { e } of selected) build(e);
const warm = selected.map(({ e }) => {
  const times = [];
  let dim = -1;
  for (let r = 0; r < warmReps; r++) {
    const b = build(e);
    times.push(b.total);
    dim = b.dim;
  }
  return { total: median(times), dim };
});

const rows = selected.map(({ e }, n) => {
  const c = cold[0][n];
  const dim = c.dim >= 0 ? c.dim : warm[n].dim;
  const b = baselineDir ? cold[variantIndex('baseline')][n] : null;
  const eager = eagerRun ? cold[variantIndex('eager')][n] : null;
  return {
    layer: label(e),
    weights: dim,
    network: e.network === true,
    // a network layer has no escnn weight count here: cold and warm must agree
    ok: e.network
      ? dim === warm[n].dim
      : dim === e.weights_numel && warm[n].dim === e.weights_numel && (!b || b.dim === e.weights_numel),
    escnn: e.construction_seconds,
    coldCpu: c.cpu.length ? median(c.cpu) : null,
    coldWall: c.total.length ? median(c.total) : null,
    coldWallMin: c.total.length ? Math.min(...c.total) : null,
    warm: warm[n].total,
    baselineCpu: b ? median(b.cpu) : undefined,
    baselineWall: b ? median(b.total) : undefined,
    baselineWallMin: b ? Math.min(...b.total) : undefined,
    eagerWallMin: eager ? Math.min(...eager.total) : undefined,
    sequence: sequence ? sequence.times[n] : undefined,
  };
});

const fmt = (s) => (s == null ? '—' : (s * 1000).toFixed(2));
const fx = (a, b) => (b == null ? '—' : (a / b).toFixed(1));
console.log(
  `R² layer basis construction vs escnn 1.0.13 (Node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore[0].toFixed(1)})`,
);
console.log(
  `times in ms; cold: a fresh process per build, ${reps} each: median CPU time (user + system, all threads), median and minimum wall time (the least disturbed run, the closest to escnn's idle machine); warm: median of ${warmReps} builds in one process; x: escnn's time / ours`,
);
const head = [
  'layer'.padEnd(62),
  'weights',
  'escnn',
  'cold cpu',
  'cold wall',
  'wall min',
  'sequence',
  'warm',
];
if (baselineDir) head.push('base cpu', 'base wall', 'base min');
if (eagerRun) head.push('eager min');
head.push('x cold cpu', 'x cold wall', 'x wall min', 'x sequence', 'x warm');
if (baselineDir) head.push('x base cpu', 'x base min');
if (eagerRun) head.push('x eager min');
console.log(head.map((h, i) => (i === 0 ? h : h.padStart(Math.max(9, h.length)))).join(' '));
for (const r of rows) {
  const cells = [
    r.layer.padEnd(62),
    `${r.weights}${r.ok ? '' : '!'}`,
    fmt(r.escnn),
    fmt(r.coldCpu),
    fmt(r.coldWall),
    fmt(r.coldWallMin),
    fmt(r.sequence),
    fmt(r.warm),
  ];
  if (baselineDir) cells.push(fmt(r.baselineCpu), fmt(r.baselineWall), fmt(r.baselineWallMin));
  if (eagerRun) cells.push(fmt(r.eagerWallMin));
  cells.push(
    fx(r.escnn, r.coldCpu),
    fx(r.escnn, r.coldWall),
    fx(r.escnn, r.coldWallMin),
    fx(r.escnn, r.sequence),
    fx(r.escnn, r.warm),
  );
  if (baselineDir) cells.push(fx(r.escnn, r.baselineCpu), fx(r.escnn, r.baselineWallMin));
  if (eagerRun) cells.push(fx(r.escnn, r.eagerWallMin));
  console.log(cells.map((c, i) => (i === 0 ? c : c.padStart(Math.max(9, head[i].length)))).join(' '));
}
const geo = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const line = (what, ratios) =>
  `${what}: min ${Math.min(...ratios).toFixed(1)}x, geometric mean ${geo(ratios).toFixed(1)}x faster than escnn`;
const summary = [];
// the summary lines are over param_counts.json's layers (the ≥ 10× target); network layers get their own
const fixtureRows = rows.filter((r) => !r.network);
const networkRows = rows.filter((r) => r.network);
const rowsBySelected = rows;
if (rows[0].coldCpu !== null) {
  summary.push(
    line(
      `cold process, CPU time (median of ${reps})`,
      fixtureRows.map((r) => r.escnn / r.coldCpu),
    ),
  );
  summary.push(
    line(
      `cold process, wall time (median of ${reps})`,
      fixtureRows.map((r) => r.escnn / r.coldWall),
    ),
  );
  if (baselineDir)
    summary.push(
      line(
        'baseline cold process, CPU time',
        fixtureRows.map((r) => r.escnn / r.baselineCpu),
      ),
    );
  if (eagerRun)
    summary.push(
      line(
        'cold process under node --no-lazy (no compiling during the build), minimum wall time',
        fixtureRows.map((r) => r.escnn / r.eagerWallMin),
      ),
    );
}
summary.push(
  line(
    `warm (median of ${warmReps})`,
    fixtureRows.map((r) => r.escnn / r.warm),
  ),
);
if (sequence) {
  const ourSum = fixtureRows.reduce((a, r) => a + r.sequence, 0);
  const escnnSum = fixtureRows.reduce((a, r) => a + r.escnn, 0);
  summary.push(
    `sequence (each fresh process builds all ${fixtureRows.length} layers once, shuffled, each from scratch; median of ${reps}): ${(ourSum * 1000).toFixed(1)} ms in all against escnn's ${(escnnSum * 1000).toFixed(1)} ms: ${(escnnSum / ourSum).toFixed(1)}x`,
  );
  summary.push(
    line(
      'sequence, per layer',
      fixtureRows.map((r) => r.escnn / r.sequence),
    ),
  );
  const first = sequence.firsts.map((f) => rowsBySelected[f.n].escnn / f.total);
  summary.push(
    `sequence, the first build of each process (cold): ${first.map((x) => `${x.toFixed(1)}x`).join(', ')}`,
  );
}
if (floor) {
  summary.push(
    `floor: a 15-line loop computing the basis of ${floor.layer} (escnn ${fmt(floor.escnn)} ms) with no library, first run in a fresh process: ${fmt(floor.wall)} ms (min ${fmt(floor.wallMin)}, CPU ${fmt(floor.cpu)}): no implementation can build that layer in a fresh process more than ${(floor.escnn / floor.wallMin).toFixed(1)}x faster than escnn`,
  );
}
if (networkRows.length > 0) {
  summary.push(
    `network-size layers (escnn's time from notes/measured.md): ${networkRows
      .map(
        (r) =>
          `${r.layer}: ${r.coldWall ? `cold ${fx(r.escnn, r.coldWall)}x, ` : ''}${r.sequence ? `sequence ${fx(r.escnn, r.sequence)}x, ` : ''}warm ${fx(r.escnn, r.warm)}x`,
      )
      .join('; ')}`,
  );
}
summary.push(`weight counts ${rows.every((r) => r.ok) ? 'all match escnn' : 'MISMATCH (marked !)'}`);
for (const s of summary) console.log(s);

const outDir = fileURLToPath(new URL('../../../out/bench/', import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(
  `${outDir}kernels-construction.json`,
  `${JSON.stringify(
    {
      createdAt: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: [loadBefore, loadavg()],
      reps,
      warmReps,
      floor,
      summary,
      rows,
    },
    null,
    2,
  )}\n`,
);
console.log('written out/bench/kernels-construction.json');
