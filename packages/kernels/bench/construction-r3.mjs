// Times the construction of the R³ layer bases of fixtures/param_counts.json (its 3D entries) and
// fixtures/param_counts_r3.json (every R³ gspace), each in a FRESH Node process as a user's first build is,
// and compares with escnn's `construction_seconds` (one R3Conv built in a fresh Python process after
// `import escnn`, escnn's disk cache warm). Not a test. Run after a build (`npm run bench` at the root does
// both):
//   node packages/kernels/bench/construction-r3.mjs [--quick] [--reps N] [--only REGEX] [--limit S] [--settle MS]
//
// A build is timed after the imports: the subgroup of O(3) (`o3SubgroupAction(sgId).group`, as a
// GSpace3D's fiber group), the field representations and `r3ConvBasis` (escnn's gspace, field types and
// R3Conv). Nothing is cached between builds. Processes of all layers are interleaved (shuffled each
// round) and repeated; we report the median and minimum wall time. The targets: every 3D layer ≥ 10×
// faster than escnn (median wall), and none above 1 s. Layers escnn refused are skipped; a layer escnn gave
// up on (its timeout) is built for the 1 s target alone. A build past `--limit` seconds (default 20) is
// killed and reported over the limit (✗), so that one slow layer cannot hang the benchmark; a build
// that runs out of memory is reported as such. --quick: the trivial → trivial layer of each gspace of
// param_counts_r3.json, once. Writes out/bench/kernels-construction-r3.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { o3SubgroupAction, r3ConvBasis } from '@steerable/kernels';
import { blRegularRepresentation, regularRepresentation } from '@steerable/representations';

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const load = (name) =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8')).param_counts;

// escnn's R³ gspaces with their default arguments as subgroup ids of O(3) (as gspaces' factories build
// their GSpace3D): dihedralOnR3(n, axis = π/2) is [false, 2·axis, n], conicalOnR3 ['cone', 2·axis, n],
// mirOnR3 ['cone', π, 1], fullCylindricalOnR3(n, axis = π/2) [true, axis, n]
const GSPACE_IDS = {
  'rot3dOnR3()': 'so3',
  'flipRot3dOnR3()': 'o3',
  'icoOnR3()': [false, 'ico'],
  'fullIcoOnR3()': [true, 'ico'],
  'octaOnR3()': [false, 'octa'],
  'fullOctaOnR3()': [true, 'octa'],
  'dihedralOnR3(n=-1)': [false, Math.PI, -1],
  'dihedralOnR3(n=4)': [false, Math.PI, 4],
  'rot2dOnR3(n=-1)': [false, false, -1],
  'rot2dOnR3(n=6)': [false, false, 6],
  'conicalOnR3(n=-1)': ['cone', Math.PI, -1],
  'conicalOnR3(n=4)': ['cone', Math.PI, 4],
  'fullCylindricalOnR3(n=-1)': [true, Math.PI / 2, -1],
  'fullCylindricalOnR3(n=3)': [true, Math.PI / 2, 3],
  'cylindricalOnR3(n=-1)': [true, false, -1],
  'cylindricalOnR3(n=4)': [true, false, 4],
  'mirOnR3()': ['cone', Math.PI, 1],
  'invOnR3()': [true, false, 1],
  'trivialOnR3()': [false, false, 1],
};

/** A field name of the fixtures on the group H: param_counts.json's short names or escnn's expressions. */
function field(H, name) {
  const expression = name
    .split(' = ')[0]
    .trim()
    .replace(/^gs\.(fibergroup\.)?/, '');
  if (expression === 'trivial' || expression === 'trivial_repr') return H.trivialRepresentation;
  if (expression === 'regular' || expression === 'regular_repr') return regularRepresentation(H);
  // param_counts.json's `bl_regular` is L = 2
  if (expression === 'bl_regular') return blRegularRepresentation(H, 2);
  const bl = /^bl_regular_representation\(L=(\d+)\)$/.exec(expression);
  if (bl) return blRegularRepresentation(H, Number(bl[1]));
  const listed = /^irreps\(\)\[(\d+)\]$/.exec(expression);
  if (listed) return H.irreps()[Number(listed[1])];
  const irrep = /^irrep(\d+)$/.exec(expression);
  if (irrep) return H.irrep(Number(irrep[1]));
  throw new Error(`unknown fixture field ${name}`);
}

const short = (name) =>
  name
    .split(' = ')[0]
    .trim()
    .replace(/^gs\.(fibergroup\.)?/, '');
const entries = [
  ...load('param_counts.json')
    .filter((e) => e.gspace.includes('OnR3'))
    .map((e) => ({ ...e, source: 'param_counts' })),
  ...load('param_counts_r3.json').map((e) => ({ ...e, source: 'param_counts_r3' })),
].filter((e) => e.status !== 'error');
const label = (e) => `${e.gspace} ${short(e.in)}->${short(e.out)} k=${e.kernel_size}`;

/** One build from scratch: the group, the field representations, the layer basis. */
function build(e) {
  const t0 = performance.now();
  const sgId = GSPACE_IDS[e.gspace];
  const H = o3SubgroupAction(sgId).group;
  const layer = r3ConvBasis(sgId, [field(H, e.in)], [field(H, e.out)], e.kernel_size);
  return { total: (performance.now() - t0) / 1000, dim: layer.dimension };
}

const settleMs = Number(arg('--settle') ?? 100);
if (arg('--child') !== undefined) {
  // an idle pause lets Node's background compilation of its module loader finish, so that the build
  // is timed after a finished import, as escnn's after `import escnn`
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  process.stdout.write(JSON.stringify(build(entries[Number(arg('--child'))])));
  process.exit(0);
}

const only = arg('--only') ? new RegExp(arg('--only')) : null;
// --quick: one layer per gspace of param_counts_r3.json, trivial to trivial
const inQuick = (e) =>
  e.source === 'param_counts_r3' && short(e.in) === 'trivial_repr' && short(e.out) === 'trivial_repr';
const selected = entries
  .map((e, i) => ({ e, i }))
  .filter(({ e }) => (!only || only.test(label(e))) && (!quick || inQuick(e)));
const reps = Number(arg('--reps') ?? (quick ? 1 : 3));
const limit = Number(arg('--limit') ?? 20);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

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

/** One fresh process building layer i: its time, or why it gave none (over the limit, out of memory). */
function runChild(i) {
  const t0 = performance.now();
  // the limit is on the build: the process gets the time of its imports and pause on top
  const res = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--child', String(i), '--settle', String(settleMs)],
    { encoding: 'utf8', timeout: limit * 1000 + 5000, killSignal: 'SIGKILL', maxBuffer: 1 << 20 },
  );
  if (res.status === 0) return JSON.parse(res.stdout);
  const wall = (performance.now() - t0) / 1000;
  if (res.error?.code === 'ETIMEDOUT') return { failed: `> ${limit} s`, wall };
  if (/heap out of memory/i.test(res.stderr)) return { failed: 'out of memory', wall };
  throw new Error(`child ${i} (${label(entries[i])}) failed: ${res.stderr}`);
}

const loadBefore = loadavg();
const started = new Date();
const runs = selected.map(() => ({ total: [], dim: -1, failed: null }));
const shuffled = shuffler(4242);
for (let r = 0; r < reps; r++) {
  for (const n of shuffled(selected.length)) {
    // a layer over the limit is not run again
    if (runs[n].failed) continue;
    const out = runChild(selected[n].i);
    if (out.failed) runs[n].failed = out.failed;
    else {
      runs[n].total.push(out.total);
      runs[n].dim = out.dim;
    }
  }
}
const loadAfter = loadavg();

const rows = selected.map(({ e }, n) => {
  const run = runs[n];
  const wall = run.failed ? null : median(run.total);
  const escnn = e.status === 'ok' || e.status == null ? e.construction_seconds : null;
  const ratio = wall && escnn ? escnn / wall : null;
  return {
    layer: label(e),
    source: e.source,
    weights: run.dim,
    ok: run.failed || e.weights_numel == null ? null : run.dim === e.weights_numel,
    escnn,
    escnnStatus: e.status ?? 'ok',
    wall,
    wallMin: run.failed ? null : Math.min(...run.total),
    failed: run.failed,
    ratio,
    // the targets: ≥ 10× faster than escnn (where escnn built the layer), at most 1 s
    fast: escnn == null ? null : ratio != null && ratio >= 10,
    underOneSecond: wall != null && wall <= 1,
  };
});

const mark = (b) => (b == null ? ' ' : b ? '✓' : '✗');
const ms = (s) => (s == null ? '—' : (s * 1000).toFixed(1));
console.log(
  `R³ layer basis construction vs escnn 1.0.13 (Node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadBefore[0].toFixed(1)} before, ${loadAfter[0].toFixed(1)} after, ${started.toISOString()})`,
);
console.log(
  `times in ms; a fresh process per build, ${reps} each: median and minimum wall time; x: escnn's time / our median; ≥10x and ≤1 s: the targets; limit ${limit} s per build; source: pc = param_counts.json, r3 = param_counts_r3.json`,
);
const head = ['layer'.padEnd(78), 'src', 'weights', 'escnn', 'ours', 'min', 'x', '≥10x', '≤1 s'];
console.log(head.map((h, i) => (i === 0 ? h : h.padStart(i === 1 ? 3 : 8))).join(' '));
for (const r of rows) {
  const cells = [
    r.layer.padEnd(78),
    r.source === 'param_counts' ? 'pc' : 'r3',
    r.failed ? '—' : `${r.weights}${r.ok ? '' : '!'}`,
    r.escnn == null ? r.escnnStatus : ms(r.escnn),
    r.failed ?? ms(r.wall),
    ms(r.wallMin),
    r.ratio == null ? '—' : r.ratio.toFixed(1),
    mark(r.fast),
    mark(r.underOneSecond),
  ];
  console.log(cells.map((c, i) => (i === 0 ? c : String(c).padStart(i === 1 ? 3 : 8))).join(' '));
}

const geo = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const compared = rows.filter((r) => r.fast != null);
const ratios = compared.filter((r) => r.ratio != null).map((r) => r.ratio);
const summary = [
  `R³ layers, a fresh process per build (median of ${reps}): ${compared.filter((r) => r.fast).length}/${compared.length} at least 10x faster than escnn` +
    (ratios.length
      ? ` (min ${Math.min(...ratios).toFixed(1)}x, geometric mean ${geo(ratios).toFixed(1)}x)`
      : ''),
  `R³ layers at most 1 s: ${rows.filter((r) => r.underOneSecond).length}/${rows.length}` +
    (rows.some((r) => !r.underOneSecond)
      ? `; over: ${rows
          .filter((r) => !r.underOneSecond)
          .map((r) => `${r.layer} (${r.failed ? `${r.failed}, killed` : `${r.wall.toFixed(2)} s`})`)
          .join(', ')}`
      : ''),
  `R³ weight counts ${rows.every((r) => r.ok !== false) ? 'all match escnn' : 'MISMATCH (marked !)'}`,
];
for (const s of summary) console.log(s);

const outDir = fileURLToPath(new URL('../../../out/bench/', import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(
  `${outDir}kernels-construction-r3.json`,
  `${JSON.stringify(
    {
      createdAt: started.toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: [loadBefore, loadAfter],
      reps,
      limitSeconds: limit,
      summary,
      rows,
    },
    null,
    2,
  )}\n`,
);
console.log('written out/bench/kernels-construction-r3.json');
