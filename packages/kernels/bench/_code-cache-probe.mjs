// Would compiled code that survives the process (V8's code cache: the analogue of Python's `.pyc`, what
// Node 22's `module.enableCompileCache()` automates) make cold builds fast enough? Not a benchmark of its
// own (construction.mjs is); run by hand after a build:
//   node packages/kernels/bench/_code-cache-probe.mjs [--reps N]
// It bundles group-theory, representations and kernels (dist) into one script with esbuild, runs every R²
// layer once in a process that then writes V8's code cache of the script (every function compiled by then
// included), and times one cold build per fresh process, with and without that cache, for a few layers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../../out/bench/code-cache/', import.meta.url));
const bundlePath = `${outDir}bundle.cjs`;
const cachePath = `${outDir}bundle.cache`;
const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/param_counts.json', import.meta.url), 'utf8'),
);
const entries = fixture.param_counts.filter((e) => !e.gspace.includes('OnR3'));
const args = process.argv.slice(2);

/** Loads the bundle (with the cache when `cached`), returning the script and its `build(entry)`. */
function load(cached) {
  const options = { filename: bundlePath };
  if (cached) options.cachedData = readFileSync(cachePath);
  const script = new vm.Script(readFileSync(bundlePath, 'utf8'), options);
  const context = { module: { exports: {} } };
  script.runInThisContext()(context.module);
  return { script, build: context.module.exports.build };
}

if (args[0] === '--child') {
  const cached = args[1] === 'cached';
  const { script, build } = load(cached);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const t0 = performance.now();
  const dim = build(entries[Number(args[2])]);
  const t1 = performance.now();
  process.stdout.write(
    JSON.stringify({ ms: t1 - t0, dim, rejected: cached ? script.cachedDataRejected : null }),
  );
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
// the bench's build (gspace → group, field representations, layer basis), as a function of the bundle
const entry = `${outDir}entry.mjs`;
writeFileSync(
  entry,
  `import { cyclicGroup, dihedralGroup, o2Group, so2Group } from '@steerable/group-theory';
import { r2ConvBasis } from '@steerable/kernels';
import { blRegularRepresentation, regularRepresentation } from '@steerable/representations';
export function build(e) {
  const N = Number((/N=(-?\\d+)/.exec(e.gspace) ?? [0, -1])[1]);
  const L = Number((/maximum_frequency=(\\d+)/.exec(e.gspace) ?? [0, 6])[1]);
  const flips = e.gspace.startsWith('flipRot2dOnR2');
  const G = flips ? (N === -1 ? o2Group(L) : dihedralGroup(N)) : N === -1 ? so2Group(L) : cyclicGroup(N);
  const sgId = [flips ? Math.PI : null, N];
  const field = (name) => name === 'trivial' ? G.trivialRepresentation : name === 'regular' ? regularRepresentation(G)
    : name === 'bl_regular' ? blRegularRepresentation(G, 3)
    : flips ? G.irrep(1, Number(name.slice(5))) : G.irrep(Number(name.slice(5)));
  return r2ConvBasis(sgId, [field(e.in)], [field(e.out)], e.kernel_size).dimension;
}
`,
);
const { build: esbuild } = await import('esbuild');
await esbuild({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: `${outDir}raw.cjs`,
  nodePaths: [fileURLToPath(new URL('../../../node_modules', import.meta.url))],
  logLevel: 'error',
});
// a function expression of `module`, so that vm runs it in this context
writeFileSync(bundlePath, `(function (module) {\n${readFileSync(`${outDir}raw.cjs`, 'utf8')}\n})`);
{
  const { script, build } = load(false);
  for (const e of entries) build(e);
  writeFileSync(cachePath, script.createCachedData());
}

const reps = Number(args[args.indexOf('--reps') + 1] || 5);
const layers = [16, 8, 2, 36].filter((i) => i < entries.length);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log('cold build in a fresh process, bundled library, median of', reps, '(ms)');
for (const i of layers) {
  const times = { plain: [], cached: [] };
  for (let r = 0; r < reps; r++) {
    for (const mode of ['plain', 'cached']) {
      const res = spawnSync(process.execPath, [`${here}_code-cache-probe.mjs`, '--child', mode, String(i)], {
        encoding: 'utf8',
      });
      if (res.status !== 0) throw new Error(res.stderr);
      const out = JSON.parse(res.stdout);
      if (out.rejected) throw new Error('V8 rejected the code cache');
      times[mode].push(out.ms);
    }
  }
  const e = entries[i];
  console.log(
    `${`${e.gspace} ${e.in}->${e.out} k=${e.kernel_size}`.padEnd(50)} escnn ${(e.construction_seconds * 1000).toFixed(2)}  no cache ${median(times.plain).toFixed(2)}  code cache ${median(times.cached).toFixed(2)}`,
  );
}
