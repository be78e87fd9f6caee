// The printed report and the summary lines of layers.mjs (a helper module: scripts/bench.mjs runs no
// `_*.mjs`). Both read only the JSON report that layers.mjs writes, so a saved out/bench/layers.json can
// be printed again: `node -e "…formatReport(JSON.parse(…))"`.

const f1 = (v) => (typeof v === 'number' ? (v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2)) : '—');
const rx = (v, target) =>
  typeof v === 'number' ? `${v.toFixed(2)}×${target !== undefined && v > target ? ' ✗' : ''}` : '—';
/** A ratio as `wall / cpu`, each marked when above the target. */
const rwc = (wall, cpuRatio, target) => `${rx(wall, target)} / ${rx(cpuRatio, target)}`;

/** A Markdown table. */
export function table(header, rows) {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((s, i) => String(s).padEnd(w[i])).join(' | ')} |`;
  return [line(header), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

const geo = (xs) => Math.exp(xs.reduce((a, v) => a + Math.log(v), 0) / xs.length);
const GROUPS = ['param_counts', 'network', 'demo'];

/** Geometric means of the ratios (wall / CPU) and how many layers meet each target. */
function groupSummary(rows, targets) {
  const means = (key, cpuKey) =>
    `${geo(rows.map((r) => r[key])).toFixed(2)}× / ${geo(rows.map((r) => r.cpuRatios[cpuKey])).toFixed(2)}×`;
  const within = (key, cpuKey, target) =>
    `${rows.filter((r) => r[key] <= target).length} / ${rows.filter((r) => r.cpuRatios[cpuKey] <= target).length} of ${rows.length}`;
  return (
    `geometric means (wall / CPU): train fwd ${means('trainForwardRatio', 'trainForward')}, ` +
    `eval fwd ${means('evalForwardRatio', 'evalForward')} (≤ ${targets.evalForward}: ${within('evalForwardRatio', 'evalForward', targets.evalForward)}), ` +
    `step ${means('trainStepRatio', 'trainStep')} (≤ ${targets.trainStep}: ${within('trainStepRatio', 'trainStep', targets.trainStep)})`
  );
}

/** The headline lines (the JSON's `summary`, shown in scripts/bench.mjs's table). */
export function summaryLines({ results, targets, demoTraining }) {
  return [
    ...GROUPS.flatMap((g) => {
      const rows = results.filter((r) => r.group === g);
      return rows.length ? [`${g} (${rows.length} layers): ${groupSummary(rows, targets)}`] : [];
    }),
    ...results
      .filter((r) => r.pytorch)
      .map(
        (r) =>
          `${r.pytorch.shape}: fwd+bwd CPU time plain ${(r.cpuMs.plainStepMs / r.pytorch.forwardBackwardMs).toFixed(1)}×, ` +
          `R2Conv ${(r.cpuMs.trainStepMs / r.pytorch.forwardBackwardMs).toFixed(1)}× PyTorch's (≤ ${targets.pytorchForwardBackward})`,
      ),
    ...(demoTraining.models ?? []).map(
      (m) =>
        `demo ${m.name}: ${m.meanSamplesPerSecond?.toFixed(0)} training samples/s (${demoTraining.file})`,
    ),
  ];
}

/** The printed report: one table per group of layers, the profile, PyTorch and tfjs-cpu, the demo. */
export function formatReport(report) {
  const { results, targets: T, demoModel, demoTraining: demoRun } = report;
  const out = [];
  const say = (s = '') => out.push(s);
  say(
    `R2Conv vs plain tf.conv2d (+ bias) on TF.js ${report.tfjs} WASM, Node ${report.node}, ${report.cpus} CPUs, load average ${report.loadAverage.before[0].toFixed(1)} → ${report.loadAverage.after[0].toFixed(1)}${report.quick ? ' (--quick)' : ''}`,
  );
  say(
    'Times: medians of interleaved runs (wall-clock ms). Ratios: median over rounds of R2Conv ÷ the plain conv of the same ' +
      'round, as "wall-clock / CPU time" (WASM computes on one thread: CPU time is what a run costs without the waiting ' +
      `on a loaded machine). ✗ marks a missed target: eval forward ≤ ${T.evalForward}×, training step (forward + backward) ≤ ${T.trainStep}×.`,
  );
  const header = [
    'layer',
    'input',
    'weights',
    'runs',
    'build ms',
    'plain fwd ms',
    'train fwd',
    `eval fwd (≤${T.evalForward})`,
    'plain step ms',
    `step (≤${T.trainStep})`,
  ];
  for (const group of GROUPS) {
    const rows = results.filter((r) => r.group === group);
    if (rows.length === 0) continue;
    say();
    say(
      {
        param_counts:
          'Layers of fixtures/param_counts.json (one field in, one out; padding (k−1)/2; build vs escnn in the weights column)',
        network: 'Network-sized layers',
        demo: `The demo model's convolutions (C8, width ${demoModel.width?.toFixed(3)}: fields [${demoModel.fields}], no bias, batch 64)`,
      }[group],
    );
    say(
      table(
        header,
        rows.map((r) => [
          r.layer,
          r.input.join('×'),
          `${r.weights}${r.escnnWeights !== undefined && r.escnnWeights !== r.weights ? ` (escnn ${r.escnnWeights}!)` : ''}`,
          r.runs,
          `${f1(r.buildMs)}${r.escnnConstructionMs !== undefined ? ` (escnn ${f1(r.escnnConstructionMs)})` : ''}`,
          f1(r.plainForwardMs),
          rwc(r.trainForwardRatio, r.cpuRatios.trainForward),
          rwc(r.evalForwardRatio, r.cpuRatios.evalForward, T.evalForward),
          f1(r.plainStepMs),
          rwc(r.trainStepRatio, r.cpuRatios.trainStep, T.trainStep),
        ]),
      ),
    );
    say(`  ${groupSummary(rows, T)}`);
  }

  const profiled = results.filter((r) => r.profile);
  if (profiled.length) {
    say();
    say(
      'Where a training step goes (wall-clock ms, medians, interleaved): the filter expansion, its backward (with the expansion), ' +
        'its parts (block matmuls, the permutation into the conv layout), the bias add, the conv alone',
    );
    say(
      table(
        [
          'layer',
          'blocks',
          'expand',
          'expand bwd',
          'block matmuls',
          'permutation',
          'bias add',
          'conv2dWithGrad fwd',
          'tf.conv2d fwd',
          'conv2dWithGrad step',
          'tf.conv2d step',
        ],
        profiled.map(({ layer, profile: p }) => [
          layer,
          `${p.blocks} (${p.permutation})`,
          f1(p.expandMs),
          f1(p.expandBackwardMs),
          f1(p.blockMatmulsMs),
          f1(p.permutationMs),
          f1(p.biasAddMs),
          f1(p.conv2dWithGradForwardMs),
          f1(p.tfConv2dForwardMs),
          f1(p.conv2dWithGradStepMs),
          f1(p.tfConv2dStepMs),
        ]),
      ),
    );
  }

  const torch = results.filter((r) => r.pytorch);
  if (torch.length) {
    say();
    say(
      `Against PyTorch 1.13 on one thread (measured on this kind of machine, ms; ratio to PyTorch in brackets); target: forward + backward on WASM ≤ ${T.pytorchForwardBackward}× PyTorch's`,
    );
    say(
      table(
        [
          'convolution',
          'PyTorch fwd',
          'PyTorch fwd+bwd',
          'plain fwd',
          'plain fwd+bwd',
          'R2Conv eval fwd',
          'R2Conv fwd+bwd',
        ],
        torch.map((r) => {
          const p = r.pytorch;
          const vs = (ms, ref, target) => `${f1(ms)} (${rx(ms / ref, target)})`;
          const c = r.cpuMs;
          return [
            p.shape,
            f1(p.forwardMs),
            f1(p.forwardBackwardMs),
            vs(c.plainForwardMs, p.forwardMs),
            vs(c.plainStepMs, p.forwardBackwardMs, T.pytorchForwardBackward),
            vs(c.evalForwardMs, p.forwardMs),
            vs(c.trainStepMs, p.forwardBackwardMs, T.pytorchForwardBackward),
          ];
        }),
      ),
    );
    say('  (ours: CPU time of the WASM thread, medians; wall-clock times in the JSON)');
  }
  for (const r of results.filter((r) => r.cpuForwardMs !== undefined)) {
    say(
      `tfjs-cpu reference, plain conv ${r.input.join('×')} * ${r.filter.join('×')}: forward ${f1(r.cpuForwardMs)} ms (${(r.cpuForwardMs / r.plainForwardMs).toFixed(0)}× WASM)` +
        (r.cpuForwardBackwardMs === undefined
          ? ' (forward + backward skipped with --quick)'
          : `, forward + backward ${f1(r.cpuForwardBackwardMs)} ms (${(r.cpuForwardBackwardMs / r.plainStepMs).toFixed(0)}× WASM); one unwarmed run each`),
    );
  }

  say();
  if (demoRun.models) {
    say(
      `Demo training throughput (${demoRun.file} of ${demoRun.createdAt}, backend ${demoRun.backend}; not rerun here):`,
    );
    for (const m of demoRun.models)
      say(
        `  ${m.name} (${m.parameterCount} parameters): ${m.samplesPerSecond.map((s) => s.toFixed(0)).join(', ')} samples/s per epoch`,
      );
  } else say(`Demo training throughput: ${demoRun.note}`);
  if (demoModel.error) say(`Demo layers: ${demoModel.error}`);
  say(
    `(${report.seconds.toFixed(0)} s; the machine may be loaded by other jobs: compare ratios, not absolute times)`,
  );
  return out.join('\n');
}
