#!/usr/bin/env node
/**
 * `steerable-certify`: runs the certification matrix of `@steerable/nn-equivariant` (every module of
 * {@link CERTIFICATION_REGISTRY} × every gspace it supports × representative field types) and prints a
 * table. Exit status 1 when a case fails.
 */
import { parseArgs } from 'node:util';
import { initTestingBackend } from './backend.js';
import { runMatrix } from './matrix.js';

const USAGE = `Usage: steerable-certify [options]

Certifies every module of @steerable/nn-equivariant on every gspace it supports.

Options:
  --backend <name>         wasm | cpu | webgpu | tensorflow | auto | fastest (env STEERABLE_BACKEND wins)
  --module <names>         only these modules (comma-separated class names)
  --gspace <keys>          only these gspaces (comma-separated: C4,C8,D4,D1,SO2,O2,trivial; R³: O@R3,SO3,O3)
  --case <label>           only the case with this label
  --seed <n>               fast-check seed (default FC_SEED or 20241127)
  --runs <n>               random inputs per case (default 2)
  --max-interpolated <n>   interpolated testing elements per case (default 4)
  --strict                 also fail when an exported module has no registry entry
  --json                   print the reports as JSON instead of a table
  -h, --help               this text
`;

function write(text: string): Promise<void> {
  // process.exit() can cut off piped stdout: wait for the write to be flushed.
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

function int(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function list(raw: string | undefined): string[] | undefined {
  return raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      module: { type: 'string' },
      gspace: { type: 'string' },
      case: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'max-interpolated': { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    await write(USAGE);
    return 0;
  }
  const backend = await initTestingBackend(
    values.backend === undefined ? {} : { backend: values.backend as 'auto' },
  );
  const fromEnv = process.env.FC_SEED;
  const result = await runMatrix({
    modules: list(values.module),
    gspaces: list(values.gspace),
    caseLabel: values.case,
    seed: int('seed', values.seed ?? (fromEnv === '' ? undefined : fromEnv), 20241127),
    numRuns: int('runs', values.runs, 2),
    maxInterpolated: int('max-interpolated', values['max-interpolated'], 4),
    backend,
  });
  if (values.json === true) {
    await write(`${JSON.stringify(result.json, null, 2)}\n`);
  } else {
    await write(result.text);
  }
  const uncoveredFails = values.strict === true && result.uncovered.length > 0;
  return result.failed > 0 || uncoveredFails ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    await new Promise<void>((resolve) =>
      process.stderr.write(
        `steerable-certify: ${error instanceof Error ? error.message : String(error)}\n`,
        () => resolve(),
      ),
    );
    process.exit(2);
  },
);
