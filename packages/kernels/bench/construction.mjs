// Times the construction of the R² layer bases of fixtures/param_counts.json and compares with escnn's
// `construction_seconds` (one build in a fresh process, escnn's disk cache warm). Run after `npm run build`:
//   node packages/kernels/bench/construction.mjs
// Every build here starts from scratch (no cache survives between builds, none on disk). We report the
// first build of each layer in this process (a first pass over all layers, so it includes the JIT
// warm-up of the first layers) and, after that pass, the median of BENCH_REPEATS further builds.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cyclicGroup, dihedralGroup, o2Group, so2Group } from '@steerable/group-theory';
import { r2ConvBasis } from '@steerable/kernels';
import { blRegularRepresentation, regularRepresentation } from '@steerable/representations';

const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/param_counts.json', import.meta.url), 'utf8'),
);
const repeats = Number(process.env.BENCH_REPEATS ?? 15);

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
  const k = Number(/^irrep(\d+)$/.exec(name)[1]);
  return sgId[0] === null ? G.irrep(k) : G.irrep(1, k);
}

const layers = [];
for (const e of fixture.param_counts) {
  if (e.gspace.includes('OnR3')) continue;
  const { G, sgId } = gspace(e.gspace);
  layers.push({ e, sgId, inR: field(G, sgId, e.in), outR: field(G, sgId, e.out) });
}
const time = ({ sgId, inR, outR, e }) => {
  const t0 = performance.now();
  const layer = r2ConvBasis(sgId, [inR], [outR], e.kernel_size);
  return [(performance.now() - t0) / 1000, layer.dimension];
};
// pass 1: first build of every layer
const first = layers.map((l) => time(l));
// pass 2: repeated builds
const rows = layers.map((l, n) => {
  const times = [];
  for (let r = 0; r < repeats; r++) times.push(time(l)[0]);
  times.sort((a, b) => a - b);
  const [cold, dim] = first[n];
  const { e } = l;
  return {
    layer: `${e.gspace} ${e.in}->${e.out} k=${e.kernel_size}`,
    dim,
    ok: dim === e.weights_numel,
    escnn: e.construction_seconds,
    cold,
    warm: times[Math.floor(repeats / 2)],
  };
});

const fmt = (s) => `${(s * 1000).toFixed(3)} ms`;
console.log(
  'layer'.padEnd(62),
  'weights',
  'escnn'.padStart(11),
  'ours(1st)'.padStart(11),
  'ours(med)'.padStart(11),
  'x(1st)'.padStart(8),
  'x(med)'.padStart(8),
);
for (const r of rows) {
  console.log(
    r.layer.padEnd(62),
    `${r.dim}${r.ok ? '' : '!'}`.padStart(7),
    fmt(r.escnn).padStart(11),
    fmt(r.cold).padStart(11),
    fmt(r.warm).padStart(11),
    (r.escnn / r.cold).toFixed(1).padStart(8),
    (r.escnn / r.warm).toFixed(1).padStart(8),
  );
}
const geo = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
console.log(
  `geometric mean speed-up: first build ${geo(rows.map((r) => r.escnn / r.cold)).toFixed(1)}x, median build ${geo(rows.map((r) => r.escnn / r.warm)).toFixed(1)}x`,
);
console.log(
  `min speed-up (median build): ${Math.min(...rows.map((r) => r.escnn / r.warm)).toFixed(1)}x; weight counts ${rows.every((r) => r.ok) ? 'all match escnn' : 'MISMATCH (marked !)'}`,
);
