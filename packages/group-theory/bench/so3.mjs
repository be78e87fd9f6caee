// Times SO(3) with maximum frequency 6 and all its Clebsch–Gordan coefficients for l1, l2 ≤ 4, in FRESH Node
// processes (cold JIT, empty memos, no cache on disk), timed after the import as escnn's after `import
// escnn`. escnn builds the same with lie_learn's Wigner D and, without py3nj, a numerical Clebsch–Gordan
// solve per triple (random samples and an SVD) that it caches on disk because it is slow; the issue's
// target is under a tenth of escnn's cold time. Not a test. Run after a build of group-theory:
//   node packages/group-theory/bench/so3.mjs [--reps N] [--escnn-seconds S]
// With --escnn-seconds (escnn's cold time measured on the same machine) it prints the ratio.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (args.includes('--child')) {
  const { so3Group } = await import('@steerable/group-theory');
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
  process.stdout.write(JSON.stringify({ ms, triples }));
} else {
  const reps = Number(arg('--reps') ?? 5);
  const escnnSeconds = arg('--escnn-seconds') === undefined ? undefined : Number(arg('--escnn-seconds'));
  const times = [];
  let triples = 0;
  for (let r = 0; r < reps; r++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
    const out = JSON.parse(child.stdout);
    times.push(out.ms);
    triples = out.triples;
  }
  times.sort((x, y) => x - y);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `SO(3), maximum frequency 6, irreps at one element and ${triples} Clebsch–Gordan triples (l1, l2 ≤ 4), fresh process:`,
  );
  console.log(
    `  median ${median.toFixed(1)} ms over ${reps} processes (min ${times[0].toFixed(1)}, max ${times.at(-1).toFixed(1)})`,
  );
  if (escnnSeconds !== undefined) {
    console.log(
      `  escnn cold ${escnnSeconds} s: ratio ${((escnnSeconds * 1000) / median).toFixed(0)}× (target ≥ 10×)`,
    );
  }
}
