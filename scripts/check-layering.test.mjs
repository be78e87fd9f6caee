// Self-test of scripts/check-layering.mjs: each rule catches a violation planted in a fixture repository
// (two packages in a temporary directory), and a clean fixture passes.
// `node --test scripts/check-layering.test.mjs` (part of `npm run lint`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { checkLayering } from './check-layering.mjs';

const dirs = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fixture repository: group-theory (no dependency) and kernels (depends on it), plus `files`. */
function fixture(files = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layering-'));
  dirs.push(root);
  const all = {
    'packages/group-theory/package.json': JSON.stringify({ name: '@steerable/group-theory' }),
    'packages/group-theory/src/index.ts': 'export const g = 1;\n',
    'packages/group-theory/src/internal/solver.ts': 'export const s = 1;\n',
    'packages/kernels/package.json': JSON.stringify({
      name: '@steerable/kernels',
      dependencies: { '@steerable/group-theory': '0.0.0' },
    }),
    'packages/kernels/src/index.ts': "import { g } from '@steerable/group-theory';\nexport const k = g;\n",
    'packages/kernels/src/test-utils.ts': 'export const helper = 1;\n',
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** The problems of a fixture whose kernels package has one more file, `packages/kernels/src/<name>`. */
const problemsWith = (name, text) => checkLayering(fixture({ [`packages/kernels/src/${name}`]: text }));

test('a clean fixture passes', () => {
  assert.deepEqual(checkLayering(fixture()), []);
});

test('a test file may import test helpers, and a relative import inside its package passes', () => {
  assert.deepEqual(problemsWith('a.test.ts', "import { helper } from './test-utils.js';\n"), []);
  assert.deepEqual(problemsWith('sub/b.ts', "export { k } from '../index.js';\n"), []);
});

test('rejects an import of a package below', () => {
  const root = fixture({
    'packages/group-theory/src/up.ts': "import { k } from '@steerable/kernels';\nexport const u = k;\n",
  });
  assert.match(checkLayering(root).join('\n'), /may not import @steerable\/kernels \(it sits below/);
});

test("rejects imports of another package's internal or source files", () => {
  for (const spec of [
    '@steerable/group-theory/src/internal/solver.js',
    '@steerable/group-theory/internal/solver.js',
    '@steerable/group-theory/src/index.js',
  ]) {
    const problems = problemsWith('deep.ts', `import { s } from '${spec}';\nexport const d = s;\n`);
    assert.match(problems.join('\n'), /another package's private files/, spec);
  }
});

test('rejects a relative import that leaves its package', () => {
  for (const spec of ['../../group-theory/src/internal/solver.js', '../../../scripts/tool.mjs']) {
    const problems = problemsWith('escape.ts', `export * from '${spec}';\n`);
    assert.match(problems.join('\n'), /relative import .* leaves @steerable\/kernels/, spec);
  }
  const dynamic = problemsWith('dyn.ts', "export const m = import('../../group-theory/src/index.js');\n");
  assert.match(dynamic.join('\n'), /leaves @steerable\/kernels/);
});

test('rejects test files and test helpers imported by a non-test file', () => {
  for (const spec of ['./test-utils.js', './other.test.js', './test-fixtures.js']) {
    const problems = problemsWith(
      'uses-test.ts',
      `import { helper } from '${spec}';\nexport const h = helper;\n`,
    );
    assert.match(problems.join('\n'), /imports the test file or test helper/, spec);
  }
});
