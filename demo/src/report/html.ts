/**
 * The HTML report: one self-contained page (inline CSS and SVG, no scripts) with a summary table and
 * the plots a user wants: accuracy against the test digit's rotation, training curves, and the
 * invariance error of each model's prediction under rotations of the input.
 */

import type { DemoResults, ModelResult } from './results.js';
import { escapeXml, type ImageRow, imageRow, lineChart, type Series } from './svg.js';

const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e'];

function pct(v: number | undefined, digits = 2): string {
  return v === undefined || !Number.isFinite(v) ? '–' : `${(100 * v).toFixed(digits)}%`;
}

/** Moving average over `window` values, for a readable per-batch loss curve. */
export function movingAverage(values: readonly number[], window: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i] as number;
    if (i >= window) sum -= values[i - window] as number;
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}

function series(
  models: readonly ModelResult[],
  points: (m: ModelResult) => [number, number][],
  dots?: boolean,
): Series[] {
  return models.map((m, i) => ({
    name: m.name,
    color: COLORS[i % COLORS.length] as string,
    points: points(m),
    ...(dots === undefined ? {} : { dots }),
  }));
}

function invarianceAt(m: ModelResult, angle: number): number | undefined {
  return m.invariance.find((r) => Math.abs(r.angle - angle) < 1e-9)?.meanTotalVariation;
}

function summaryTable(results: DemoResults): string {
  const rows = results.models.map((m) => {
    const last = m.training.epochs.at(-1);
    return `<tr><td>${escapeXml(m.name)}</td><td>${m.parameterCount.toLocaleString('en-US')}</td><td><b>${pct(m.testAccuracy)}</b></td><td>${pct(last?.accuracy)}</td><td>${m.training.seconds.toFixed(0)} s (${m.training.cpuSeconds.toFixed(0)} CPU s)</td><td>${last ? last.samplesPerSecond.toFixed(0) : '–'}</td><td>${(invarianceAt(m, 90) ?? Number.NaN).toExponential(2)}</td><td>${(invarianceAt(m, 45) ?? Number.NaN).toExponential(2)}</td></tr>`;
  });
  return `<table><thead><tr><th>model</th><th>parameters</th><th>test accuracy</th><th>train accuracy (last epoch)</th><th>training time</th><th>samples/s</th><th>invariance error at 90°</th><th>at 45°</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Renders the report page, with a row of sample digits when given. */
export function renderReport(results: DemoResults, samples?: ImageRow): string {
  const { models } = results;
  const angleTicks = [0, 45, 90, 135, 180, 225, 270, 315, 360];
  const charts = [
    lineChart({
      title: 'Test accuracy vs rotation angle of the digit',
      xLabel: 'rotation of the test digit (degrees)',
      yLabel: 'accuracy',
      xRange: [0, 360],
      xTicks: angleTicks,
      yFormat: (v) => `${(100 * v).toFixed(0)}%`,
      series: series(models, (m) => m.accuracyByAngle.map((b) => [b.angle, b.accuracy])),
    }),
    lineChart({
      title: 'Training loss (moving average over 20 batches)',
      xLabel: 'epoch',
      yLabel: 'cross-entropy',
      series: series(
        models,
        (m) =>
          movingAverage(m.training.batchLoss, 20).map((v, i) => [(i + 1) / m.training.batchesPerEpoch, v]),
        false,
      ),
    }),
    lineChart({
      title: 'Accuracy per epoch (training batches; first 2,000 test digits)',
      xLabel: 'epoch',
      xRange: [0.75, Math.max(1, ...models.map((m) => m.training.epochs.length)) + 0.25],
      xTicks: Array.from(
        { length: Math.max(1, ...models.map((m) => m.training.epochs.length)) },
        (_, i) => i + 1,
      ),
      yLabel: 'accuracy',
      yFormat: (v) => `${(100 * v).toFixed(0)}%`,
      series: [
        ...series(models, (m) => m.training.epochs.map((e) => [e.epoch, e.accuracy])).map((s) => ({
          ...s,
          name: `${s.name} (train)`,
        })),
        ...series(models, (m) =>
          m.training.epochs
            .filter((e) => e.testAccuracy !== undefined)
            .map((e) => [e.epoch, e.testAccuracy as number]),
        ).map((s) => ({ ...s, name: `${s.name} (test)`, color: `${s.color}99` })),
      ],
    }),
    lineChart({
      title: 'Invariance error: ½‖p(rotated x) − p(x)‖₁, mean over test digits',
      xLabel: 'rotation of the input (degrees)',
      yLabel: 'total variation (log scale; 0 drawn at 1e-8)',
      yLog: true,
      xRange: [0, 360],
      xTicks: angleTicks,
      series: series(models, (m) => m.invariance.map((r) => [r.angle, r.meanTotalVariation])),
    }),
  ];
  const skipped = results.skipped
    .map((s) => `<li><b>${escapeXml(s.name)}</b>: ${escapeXml(s.reason)}</li>`)
    .join('');
  const d = results.data;
  const e = results.environment;
  const modelList = models
    .map(
      (m) =>
        `<li><b>${escapeXml(m.name)}</b> (${m.parameterCount.toLocaleString('en-US')} parameters): ${escapeXml(m.description)}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>steerable demo: rotated MNIST</title>
<style>
body{font-family:sans-serif;max-width:1180px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}
th:first-child,td:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:16px}
.note{color:#555;font-size:0.92em}
</style></head><body>
<h1>steerable demo: rotated MNIST</h1>
<p>Models trained side by side on the same ${d.trainCount.toLocaleString('en-US')} rotated training digits, evaluated on ${d.testCount.toLocaleString('en-US')} rotated test digits (${d.imageSize}×${d.imageSize}, ${escapeXml(d.interpolation)} interpolation, seed ${d.seed}; ${escapeXml(d.source)}).</p>
${samples ? `<p>Sample rotated test digits (label, angle):</p>${imageRow(samples)}` : ''}
${summaryTable(results)}
<p class="note">Invariance error: mean total variation between the softmax outputs for a test digit and for the same digit rotated (0 = the prediction does not move; multiples of 90° are exact pixel permutations, other angles are interpolated).</p>
<ul>${modelList}</ul>
${skipped ? `<p>Not trained:</p><ul>${skipped}</ul>` : ''}
<div class="charts">${charts.join('\n')}</div>
<p class="note">Backend ${escapeXml(e.backend)}, Node ${escapeXml(e.node)} on ${escapeXml(e.platform)} with ${e.cpus} CPUs; data ${d.seconds.toFixed(1)} s, whole run ${results.totalSeconds.toFixed(0)} s (${results.totalCpuSeconds.toFixed(0)} CPU s; the WASM backend uses one thread); created ${escapeXml(results.createdAt)}. All figures are in demo.json.</p>
</body></html>
`;
}
