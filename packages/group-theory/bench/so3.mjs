// Times SO(3) with maximum frequency 6 and all its Clebsch–Gordan coefficients for l1, l2 ≤ 4, in FRESH Node
// processes (cold JIT, empty memos, no cache on disk), timed after the import as escnn's after `import
// escnn`. escnn builds the same with lie_learn's Wigner D and its Clebsch–Gordan tensors either from py3nj's
// Wigner 3j symbols or, without py3nj, by a numerical solve per triple (random samples and an SVD) that it
// caches on disk because it is slow; the target is under a tenth of escnn's cold-cache time. Not a test. Run
// after a build of group-theory:
//   node packages/group-theory/bench/so3.mjs [--quick] [--reps N] [--escnn-seconds S] [--escnn-cg WHICH]
// With STEERABLE_ESCNN_PYTHON set to a Python with escnn 1.0.13 importable, each round also runs
// bench/escnn_so3_cold.py's measurement in fresh Python processes, interleaved with ours (the order reversed
// every other round): escnn's numerical path cold (its disk cache pointed at an empty folder) and then warm
// (the folder that the cold run filled), and escnn with py3nj when py3nj imports. --escnn-cg numerical|py3nj|both
// (default both) picks which. Without the variable, --escnn-seconds S (escnn's cold time measured on the same
// machine) gives the ratio. Writes out/bench/group-theory-so3.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (args.includes('--child')) {
  const { so3Group } = await import('@steerable/group-theory');
  const cpu = process.cpuUsage();
  const start = performance.now();
  const G = so3Group(6);
  const g = G.sample(1, { seed: 1 })[0];
  for (const psi of G.irreps()) psi.at(g);
  let triples = 0;
  for (let a = 0; a <= 4; a++) {
    for (let b = 0; b <= 4; b++) {
      for (const { id } of G.tensorProductIrreps([a], [b])) {
        G.clebschGordan([a], [b], id);
        triples++;
      }
    }
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, triples }));
} else {
  const quick = args.includes('--quick');
  const python = process.env.STEERABLE_ESCNN_PYTHON;
  const reps = Number(arg('--reps') ?? (quick || python ? 3 : 5));
  const escnnCg = arg('--escnn-cg') ?? 'both';
  if (!['numerical', 'py3nj', 'both'].includes(escnnCg)) {
    throw new Error(`--escnn-cg must be numerical, py3nj or both, got ${escnnCg}`);
  }
  const escnnScript = fileURLToPath(new URL('./escnn_so3_cold.py', import.meta.url));

  /** One measurement of escnn_so3_cold.py in a fresh Python process; null when it exits non-zero. */
  const escnnChild = (cacheDir, cg) => {
    const child = spawnSync(python, [escnnScript, '--measure', '--cache-dir', cacheDir, '--cg', cg], {
      encoding: 'utf8',
    });
    if (child.status !== 0) return { error: child.stderr.trim().split('\n').at(-1) };
    return JSON.parse(child.stdout.trim().split('\n').at(-1));
  };

  const ours = { ms: [], cpuMs: [] };
  const escnn = { cold: [], coldCpu: [], warm: [], py3nj: [] };
  let triples = 0;
  let py3njMissing;
  const runOurs = () => {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
    const out = JSON.parse(child.stdout);
    ours.ms.push(out.ms);
    ours.cpuMs.push(out.cpuMs);
    triples = out.triples;
  };
  const runEscnn = () => {
    if (escnnCg !== 'py3nj') {
      const cacheDir = mkdtempSync(join(tmpdir(), 'escnn-cache-'));
      try {
        const cold = escnnChild(cacheDir, 'numerical');
        if (cold.error) throw new Error(`escnn numerical: ${cold.error}`);
        const warm = escnnChild(cacheDir, 'numerical');
        if (warm.error) throw new Error(`escnn numerical (warm): ${warm.error}`);
        if (cold.cg_path !== 'numerical' || cold.cache_files_before !== 0 || warm.cache_files_before === 0) {
          throw new Error(`escnn: not a numerical cold/warm pair: ${JSON.stringify({ cold, warm })}`);
        }
        escnn.cold.push(cold.seconds * 1000);
        escnn.coldCpu.push(cold.cpu_seconds * 1000);
        escnn.warm.push(warm.seconds * 1000);
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
    if (escnnCg !== 'numerical' && py3njMissing === undefined) {
      const cacheDir = mkdtempSync(join(tmpdir(), 'escnn-cache-'));
      const out = escnnChild(cacheDir, 'py3nj');
      rmSync(cacheDir, { recursive: true, force: true });
      if (out.error) py3njMissing = out.error;
      else escnn.py3nj.push(out.seconds * 1000);
    }
  };

  const loads = [];
  for (let r = 0; r < reps; r++) {
    const order = python === undefined ? [runOurs] : r % 2 ? [runEscnn, runOurs] : [runOurs, runEscnn];
    for (const run of order) run();
    loads.push(loadavg()[0]);
  }

  const stats = (xs) => {
    const s = [...xs].sort((x, y) => x - y);
    return { median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1), n: s.length };
  };
  const fmt = (st) =>
    `median ${st.median.toFixed(1)} ms (min ${st.min.toFixed(1)}, max ${st.max.toFixed(1)}, ${st.n} processes)`;
  const oursStats = stats(ours.ms);
  const summary = [];
  console.log(
    `SO(3), maximum frequency 6, irreps at one element and ${triples} Clebsch–Gordan triples (l1, l2 ≤ 4), fresh process:`,
  );
  console.log(`  steerable: ${fmt(oursStats)}; CPU median ${stats(ours.cpuMs).median.toFixed(1)} ms`);
  summary.push(`steerable ${oursStats.median.toFixed(0)} ms`);
  const mark = (ratio) => (ratio >= 10 ? '✓' : '✗');
  const result = { reps, triples, ours: { ...oursStats, cpuMedian: stats(ours.cpuMs).median }, loads };
  if (escnn.cold.length) {
    const cold = stats(escnn.cold);
    const ratio = cold.median / oursStats.median;
    console.log(`  escnn, numerical Clebsch–Gordan, cold disk cache: ${fmt(cold)}`);
    console.log(`    CPU median ${stats(escnn.coldCpu).median.toFixed(1)} ms`);
    console.log(`  escnn, numerical Clebsch–Gordan, warm disk cache: ${fmt(stats(escnn.warm))}`);
    console.log(`  escnn cold / steerable: ${ratio.toFixed(0)}× ${mark(ratio)} (target ≥ 10×)`);
    summary.push(
      `escnn cold (numerical CG) ${(cold.median / 1000).toFixed(1)} s: ${ratio.toFixed(0)}× ${mark(ratio)}`,
    );
    result.escnnNumericalCold = { ...cold, cpuMedian: stats(escnn.coldCpu).median };
    result.escnnNumericalWarm = stats(escnn.warm);
  }
  if (escnn.py3nj.length) {
    const p = stats(escnn.py3nj);
    const ratio = p.median / oursStats.median;
    console.log(`  escnn with py3nj (nothing cached on disk, cold = warm): ${fmt(p)}`);
    console.log(`  escnn py3nj / steerable: ${ratio.toFixed(2)}×`);
    summary.push(`escnn with py3nj ${p.median.toFixed(0)} ms: ${ratio.toFixed(2)}×`);
    result.escnnPy3nj = p;
  } else if (py3njMissing !== undefined) {
    console.log(`  escnn with py3nj: not run (${py3njMissing})`);
  }
  if (python === undefined && arg('--escnn-seconds') !== undefined) {
    const escnnSeconds = Number(arg('--escnn-seconds'));
    const ratio = (escnnSeconds * 1000) / oursStats.median;
    console.log(`  escnn cold ${escnnSeconds} s: ratio ${ratio.toFixed(0)}× ${mark(ratio)} (target ≥ 10×)`);
    summary.push(`escnn cold ${escnnSeconds} s (given): ${ratio.toFixed(0)}× ${mark(ratio)}`);
    result.escnnSecondsGiven = escnnSeconds;
  }
  console.log(`  load average after each round: ${loads.map((l) => l.toFixed(2)).join(', ')}`);
  const outDir = fileURLToPath(new URL('../../../out/bench/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}group-theory-so3.json`, JSON.stringify({ ...result, summary }, null, 2));
  console.log('written out/bench/group-theory-so3.json');
}
