import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One vitest project per package. Tests import sibling packages through the
// `@steerable/source` export condition, so they run against the TypeScript
// sources and do not need a build first.
// Every project runs the same setup: fast-check's seed from FC_SEED and runs from FC_NUM_RUNS.
const setupFiles = [
  fileURLToPath(new URL('./packages/group-theory/src/testing/test-setup.ts', import.meta.url)),
];
const packages = [
  'group-theory',
  'representations',
  'kernels',
  'gspaces',
  'field-types',
  'nn-equivariant',
  'testing',
];

export default defineConfig({
  test: {
    projects: [
      ...packages.map((name) => ({
        resolve: { conditions: ['@steerable/source'] },
        ssr: { resolve: { conditions: ['@steerable/source'] } },
        test: {
          name,
          root: `packages/${name}`,
          include: ['src/**/*.test.ts'],
          passWithNoTests: true,
          testTimeout: 60_000,
          setupFiles,
        },
      })),
      // The demo (not a published package): tests of its data pipeline, training loop and report.
      {
        resolve: { conditions: ['@steerable/source'] },
        ssr: { resolve: { conditions: ['@steerable/source'] } },
        test: { name: 'demo', root: 'demo', include: ['src/**/*.test.ts'], testTimeout: 60_000, setupFiles },
      },
      // The in-browser page (browser/): its model and drawing code in Node, and the built page in headless Chromium.
      {
        resolve: { conditions: ['@steerable/source'] },
        ssr: { resolve: { conditions: ['@steerable/source'] } },
        test: {
          name: 'browser',
          root: 'browser',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 180_000,
          setupFiles,
        },
      },
      // The runnable examples behind the guides (docs/guides): their printed output is checked against the guides.
      {
        resolve: { conditions: ['@steerable/source'] },
        ssr: { resolve: { conditions: ['@steerable/source'] } },
        test: {
          name: 'examples',
          root: 'examples',
          include: ['**/*.test.ts'],
          testTimeout: 120_000,
          setupFiles,
        },
      },
    ],
  },
});
