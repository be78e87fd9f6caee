// Runs every benchmark of the repository: each `packages/*/bench/*.mjs` (but `_*.mjs`, left for helper
// modules and scratch files), one after the other, in its own
// Node process, passing on this script's arguments (e.g. `--quick` for a short run). Each prints its
// tables (shown as they come) and may write its own JSON under out/bench/ (printing `written <file>.json`
// names it; otherwise the JSON files written during its run are taken for its own). At the end this script prints
// a summary table (status, seconds, JSON written, and the headline figures a benchmark lists in its JSON's
// `summary` array) and writes out/bench/summary.json with the same plus each benchmark's printed output.
// `npm run bench` builds the packages first; benchmarks import `dist/`.
// A full run (no `--quick`, `--only` or `--runs`) also rewrites the generated section of docs/benchmarks.md
// (between its bench-summary markers) from summary.json; `node scripts/bench.mjs --docs-only` rewrites it
// from the summary.json already there, running nothing.
// The figures are timings on whatever machine runs this: on a loaded machine compare the ratios that the
// benchmarks print (each times its variants interleaved), not absolute times.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = join(root, 'packages');
const outDir = join(root, 'out', 'bench');
const args = process.argv.slice(2);
const docsFile = join(root, 'docs', 'benchmarks.md');
const START = '<!-- bench-summary:start -->';
const END = '<!-- bench-summary:end -->';

/** A table cell: pipes escaped, no line breaks. */
const cell = (text) => String(text).replaceAll('|', '\\|').replace(/\s+/g, ' ').trim();

/** The Markdown of docs/benchmarks.md's generated section for one summary.json. */
function docsSection(summary) {
  const load = summary.loadAverageAtEnd?.[0];
  const lines = [
    `Run of ${summary.createdAt.slice(0, 10)}: Node ${summary.node}, ${summary.platform}, ${summary.cpus} CPUs` +
      `${load === undefined ? '' : `, load average ${load.toFixed(1)} at the end`}` +
      `${summary.arguments.length ? `, arguments \`${summary.arguments.join(' ')}\`` : ''}.`,
    '',
    '| benchmark | status | s | headline figures |',
    '| --- | --- | ---: | --- |',
    ...summary.benchmarks.map(
      (r) =>
        `| \`${cell(r.benchmark)}\` | ${r.ok ? 'ok' : `failed (${cell(r.exit)})`} | ${r.seconds.toFixed(0)} | ` +
        `${r.summary.map(cell).join('<br>') || '—'} |`,
    ),
  ];
  return lines.join('\n');
}

/** Replaces the text between the markers of docs/benchmarks.md; false when the markers are missing. */
function writeDocs(summary) {
  if (!existsSync(docsFile)) return false;
  const text = readFileSync(docsFile, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  writeFileSync(
    docsFile,
    `${text.slice(0, start + START.length)}\n${docsSection(summary)}\n${text.slice(end)}`,
  );
  return true;
}

if (args.includes('--docs-only')) {
  const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
  if (!writeDocs(summary)) {
    process.stderr.write(`no ${START} … ${END} section in ${relative(root, docsFile)}\n`);
    process.exit(1);
  }
  process.stdout.write(`written ${relative(root, docsFile)}\n`);
  process.exit(0);
}
const benchmarks = readdirSync(packages)
  .sort()
  .flatMap((name) => {
    const dir = join(packages, name, 'bench');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith('.mjs') && !file.startsWith('_')) // `_name.mjs`: helpers, scratch
      .sort()
      .map((file) => join(dir, file));
  });

/** Runs one benchmark, echoing its output, and resolves with its exit code and output. */
function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output += chunk;
    });
    child.on('error', (error) => resolve({ code: null, signal: String(error), output }));
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

/** The JSON files under out/bench/ written since `since` (ms since the epoch). */
function writtenSince(since) {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir)
    .filter((f) => f.endsWith('.json') && f !== 'summary.json')
    .filter((f) => statSync(join(outDir, f)).mtimeMs >= since)
    .sort();
}

/** The `summary` lines of a benchmark's JSON, if it has any. */
function headlines(file) {
  try {
    const json = JSON.parse(readFileSync(join(outDir, file), 'utf8'));
    return Array.isArray(json.summary) ? json.summary.map(String) : [];
  } catch {
    return [];
  }
}

/** The last `n` non-blank lines of a benchmark's output. */
const lastLines = (text, n) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('written '))
    .slice(-n);

/** Output without TF.js's advertisement for its native backend and without blank runs of lines. */
const clean = (text) =>
  text
    .replace(/\n*={10,}\nHi, looks like you are running TensorFlow\.js in Node\.js[^\n]*\n={10,}\n*/g, '\n')
    .trim();

const startedAt = new Date();
const results = [];
for (const file of benchmarks) {
  const name = relative(root, file);
  process.stdout.write(`\n## ${name}\n`);
  const start = Date.now();
  const { code, signal, output } = await run(file);
  const seconds = (Date.now() - start) / 1000;
  // the JSON files the benchmark says it wrote (`written <file>.json`), else those written during its run
  // (a guess: another process may write there too)
  const said = [...output.matchAll(/^written (\S+\.json)$/gm)]
    .map((m) => relative(outDir, resolve(root, m[1])))
    .filter((f) => !f.startsWith('..') && existsSync(join(outDir, f)));
  const json = said.length ? said : writtenSince(start);
  results.push({
    benchmark: name,
    ok: code === 0,
    exit: code ?? signal,
    seconds,
    json: json.map((f) => `out/bench/${f}`),
    // a benchmark without a JSON summary: its last printed lines
    summary: json.flatMap(headlines).length ? json.flatMap(headlines) : lastLines(output, 2),
    output: clean(output),
  });
}

const failed = results.filter((r) => !r.ok);
const rows = results.flatMap((r) => {
  const first = [
    r.benchmark,
    r.ok ? 'ok' : `failed (${r.exit})`,
    r.seconds.toFixed(0),
    r.json.join(', ') || '— (see summary.json)',
  ];
  const lines = r.summary.length ? r.summary : [''];
  return lines.map((line, i) => (i === 0 ? [...first, line] : ['', '', '', '', line]));
});
const header = ['benchmark', 'status', 's', 'JSON', 'headline'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');

mkdirSync(outDir, { recursive: true });
const summaryFile = join(outDir, 'summary.json');
const summary = {
  createdAt: startedAt.toISOString(),
  arguments: args,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus().length,
  loadAverageAtEnd: loadavg(),
  benchmarks: results,
};
writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
// only a full run stands for the repository's figures
const full = !args.some((a) => ['--quick', '--only', '--runs'].includes(a.split('=')[0]));
const docsWritten = full && writeDocs(summary);
process.stdout.write(
  `\n## Summary (${results.length} benchmark(s)${args.length ? `, ${args.join(' ')}` : ''}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)\n${table}\n` +
    `written ${relative(root, summaryFile)}${docsWritten ? ` and ${relative(root, docsFile)}` : ''}${failed.length ? `\nfailed: ${failed.map((r) => r.benchmark).join(', ')}` : ''}\n`,
  () => process.exit(failed.length ? 1 : 0),
);
