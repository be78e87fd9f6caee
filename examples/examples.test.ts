import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CertificationReport } from '@steerable/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ConceptsResult } from './concepts.js';
import { outputBlocks, rewriteBlocks, sections } from './support/guides.js';
import type { TrainingResult } from './training.js';
import type { TutorialResult } from './tutorial.js';

// Every example runs here; its printed output must be what the guides show (docs/guides/*.md, blocks
// marked `<!-- output: <example> <section> -->`). UPDATE_GUIDES=1 rewrites the guides' blocks instead.

const here = fileURLToPath(new URL('.', import.meta.url));
const guidesDir = fileURLToPath(new URL('../docs/guides/', import.meta.url));
const NOT_EXAMPLES = new Set(['main', 'format']);
const examples = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.includes('.test.') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -'.ts'.length))
  .filter((name) => !NOT_EXAMPLES.has(name))
  .sort();
const guides = readdirSync(guidesDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ file: `${guidesDir}${f}`, name: f, text: readFileSync(`${guidesDir}${f}`, 'utf8') }));
const shownInGuides = new Set(guides.flatMap((g) => outputBlocks(g.text).map((b) => b.example)));
// An example with its own test file (e.g. equivariant-mlp.test.ts) is run by that test; this file runs it
// too only when a guide shows its output.
const runHere = examples.filter((name) => !existsSync(`${here}${name}.test.ts`) || shownInGuides.has(name));
const UPDATE_VARIABLE = 'UPDATE_GUIDES';
const update = process.env[UPDATE_VARIABLE] === '1';

/** Runs an example, returning its printed lines and what its `main` returned. */
async function run(name: string): Promise<{ lines: string[]; result: unknown }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  try {
    const mod = (await import(/* @vite-ignore */ `./${name}.ts`)) as {
      main?: (print: (line: string) => void) => unknown;
    };
    const result = typeof mod.main === 'function' ? await mod.main((line) => lines.push(line)) : undefined;
    return { lines: lines.flatMap((l) => l.split('\n')), result };
  } finally {
    log.mockRestore();
  }
}

const outputs = new Map<string, string[]>();

describe.each(runHere)('example %s', (name) => {
  it('runs, and the guides show what it prints', async () => {
    const { lines, result } = await run(name);
    expect(lines.length).toBeGreaterThan(0);
    const printed = sections(lines);
    outputs.set(name, printed);
    CHECKS[name]?.(result);
    if (update) return;
    for (const guide of guides) {
      for (const block of outputBlocks(guide.text).filter((b) => b.example === name)) {
        expect(block.section, `${guide.name}: section ${block.section} of ${name}`).toBeLessThanOrEqual(
          printed.length,
        );
        const hint = 'if the change is intended: UPDATE_GUIDES=1 npx vitest run --project examples';
        expect(block.text, `${guide.name}: section ${block.section} of ${name} (${hint})`).toBe(
          printed[block.section - 1],
        );
      }
    }
  });
});

describe('guides', () => {
  it('name only existing examples and show every section of the examples they show', () => {
    const shown = new Map<string, number[]>();
    for (const guide of guides) {
      for (const block of outputBlocks(guide.text)) {
        expect(examples, `${guide.name} shows example ${block.example}`).toContain(block.example);
        shown.set(block.example, [...(shown.get(block.example) ?? []), block.section]);
      }
    }
    expect(shown.has('tutorial')).toBe(true);
    // every guide is backed by a checked example (the migration guide by support/migration.test.ts)
    for (const guide of guides) {
      const backed =
        outputBlocks(guide.text).length > 0 || guide.text.includes('<!-- migration-table:start -->');
      expect(backed, `${guide.name} shows a checked example's output`).toBe(true);
    }
    for (const [name, list] of shown) {
      const count = outputs.get(name)?.length;
      if (count === undefined) continue; // its own test failed
      expect(
        [...list].sort((a, b) => a - b),
        `the guides show each section of ${name} once`,
      ).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    }
  });
});

afterAll(() => {
  if (!update) return;
  for (const guide of guides) {
    const next = rewriteBlocks(guide.text, (b) => outputs.get(b.example)?.[b.section - 1] ?? b.text);
    if (next !== guide.text) writeFileSync(guide.file, next);
  }
});

// escnn 1.0.13's printout in the tutorial (Keydana 2023, "Group-equivariant neural networks with escnn"),
// conv(x_rot) and conv(x) with all weights 1, as [channel][y][x]; ours are channels-last [b][y][x][c].
const ESCNN_CONV_OF_ROTATED = [
  [
    [1.1955, 1.711],
    [-0.5166, 1.0665],
  ],
  [
    [-0.0905, 2.6568],
    [-0.3743, 2.8144],
  ],
  [
    [5.064, 11.7395],
    [8.6488, 31.7169],
  ],
  [
    [2.3499, 1.7937],
    [4.5065, 5.9689],
  ],
];

/** What each example's returned values must satisfy, beyond printing what the guides show. */
const CHECKS: Record<string, (result: unknown) => void> = {
  tutorial: (r) => checkTutorial(r as TutorialResult),
  concepts: (r) => {
    const { weights } = r as ConceptsResult;
    const plain = weights['plain conv (no symmetry)']!;
    for (const [name, n] of Object.entries(weights)) if (n !== plain) expect(n, name).toBeLessThan(plain / 4);
  },
  certify: (r) => {
    const { good, bad } = r as { good: CertificationReport; bad: CertificationReport };
    expect(good.passed).toBe(true);
    expect(good.elements).toHaveLength(8);
    expect(bad.passed).toBe(false);
    // rotations by 90° permute the grid exactly: the channel-wise scale breaks them by far more than rounding
    expect(bad.elements.find((e) => e.name === 'C8[2]')?.error).toBeGreaterThan(0.1);
  },
  training: (r) => {
    const t = r as TrainingResult;
    expect(t.losses.at(-1)!).toBeLessThan(0.75 * t.losses[0]!);
    expect(t.accuracyAfter).toBeGreaterThan(t.accuracyBefore + 0.3);
    expect(t.certified).toBe(true);
    expect(t.exportError).toBeLessThan(1e-5);
    // the saved model (with its batch-norm layers) loads back without @steerable and computes the same
    expect(t.reloadError).toBeLessThan(1e-5);
  },
  backends: (r) => expect((r as { difference: number }).difference).toBeLessThan(1e-5),
};

function checkTutorial(r: TutorialResult): void {
  expect(r.convShape).toEqual([2, 30, 30, 12]);
  expect(r.fourfoldError).toBe(0);
  for (const y of [r.rotateThenConv, r.convThenRotate]) {
    expect([y.length, y[0]?.length, y[0]?.[0]?.length, y[0]?.[0]?.[0]?.length]).toEqual([1, 2, 2, 4]);
    ESCNN_CONV_OF_ROTATED.forEach((grid, c) => {
      grid.forEach((row, i) => {
        row.forEach((v, j) => {
          // escnn prints 4 decimals; ours agree with its printout to 1e-4
          expect(Math.abs(y[0]![i]![j]![c]! - v), `channel ${c} (${i}, ${j})`).toBeLessThanOrEqual(1e-4);
        });
      });
    });
  }
  expect(r.modelShape).toEqual([1, 11, 11, 4]);
  expect(r.pooledShape).toEqual([1, 1, 1, 4]);
  expect(r.invariantShape).toEqual([1, 1, 1, 1]);
  expect(r.invariantOutputs).toHaveLength(4);
  for (const v of r.invariantOutputs) expect(Math.abs(v - r.invariantOutputs[0]!)).toBeLessThan(1e-5);
}
