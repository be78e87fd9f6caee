#!/usr/bin/env node
// Enforces the package layering: a package may import only the packages above it in ORDER (and, for
// the tensor packages, TensorFlow.js), and only through their public entry points. Fails on a downward
// or sideways import, on an import missing from package.json, on a forbidden third-party import, on an
// import of another package's `internal/` or `src/` files, on a relative import that leaves its own
// package, on a test file or test helper imported by a non-test file, and on any dependency cycle.
// `node scripts/check-layering.mjs [ROOT]`; `checkLayering(root)` returns the problems (see its test,
// scripts/check-layering.test.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ORDER = [
  'group-theory',
  'representations',
  'kernels',
  'gspaces',
  'field-types',
  'nn-equivariant',
  'testing',
];
const MATH = new Set(['group-theory', 'representations', 'kernels', 'gspaces']);
// Third-party packages each layer may import (besides node: builtins in tests).
const THIRD_PARTY = {
  math: ['ml-matrix'],
  tensor: [
    'ml-matrix',
    '@tensorflow/tfjs',
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-backend-wasm',
    '@tensorflow/tfjs-backend-cpu',
    '@tensorflow/tfjs-backend-webgpu',
    '@tensorflow/tfjs-node',
    '@tensorflow/tfjs-node-gpu',
    'webgpu',
  ],
};
const TEST_ONLY = ['vitest', 'fast-check'];

function* sourceFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

const IMPORT_RE =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function packageOf(spec) {
  if (spec.startsWith('.') || spec.startsWith('node:')) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Whether a file or import specifier names a test file or a test helper (`*.test.*`, `test-utils*`, `test-*`). */
function isTestFile(name) {
  const base = name.split(/[/\\]/).pop();
  return /\.test\.[cm]?[jt]s$/.test(base) || /^test-/.test(base);
}

/** The layering problems of the repository at `root` (an empty array when it follows the rules). */
export function checkLayering(root) {
  const problems = [];
  const edges = new Map(ORDER.map((p) => [p, new Set()]));
  for (const pkg of ORDER) {
    const dir = path.join(root, 'packages', pkg);
    if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ]);
    const allowedThirdParty = new Set(MATH.has(pkg) ? THIRD_PARTY.math : THIRD_PARTY.tensor);
    if (pkg === 'testing') allowedThirdParty.add('fast-check');
    for (const file of sourceFiles(path.join(dir, 'src'))) {
      // Test files and their shared helpers (test-utils.ts, test-*.ts, excluded from the build) may use the test tools.
      const isTest = isTestFile(file);
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(root, file).split(path.sep).join('/');
      for (const m of text.matchAll(IMPORT_RE)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (!isTest && isTestFile(spec))
          problems.push(`${rel}: imports the test file or test helper ${spec} outside a test`);
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (path.relative(dir, target).startsWith('..'))
            problems.push(
              `${rel}: relative import ${spec} leaves @steerable/${pkg}; import a package by its name`,
            );
          continue;
        }
        const dep = packageOf(spec);
        if (!dep) continue;
        const subpath = spec.slice(dep.length + 1);
        if (dep.startsWith('@steerable/') && /(^|\/)(internal|src)(\/|$)/.test(subpath))
          problems.push(`${rel}: imports ${spec}, another package's private files; use its public exports`);
        if (dep.startsWith('@steerable/')) {
          const target = dep.slice('@steerable/'.length);
          const ti = ORDER.indexOf(target);
          if (ti < 0) problems.push(`${rel}: imports unknown package ${dep}`);
          else if (target === pkg)
            problems.push(`${rel}: imports its own package ${dep} by name; use a relative import`);
          else {
            edges.get(pkg).add(target);
            // Tests obey the same rule: the group laws run on every group live in the testing package's tests.
            if (ti > ORDER.indexOf(pkg)) {
              problems.push(
                `${rel}: @steerable/${pkg} may not import ${dep} (it sits below in the layering)`,
              );
            }
            if (!isTest && !declared.has(dep))
              problems.push(`${rel}: imports ${dep}, missing from package.json dependencies`);
          }
        } else if (!(isTest && TEST_ONLY.includes(dep))) {
          if (!allowedThirdParty.has(dep)) problems.push(`${rel}: @steerable/${pkg} may not import ${dep}`);
          else if (!isTest && !declared.has(dep))
            problems.push(`${rel}: imports ${dep}, missing from package.json dependencies`);
        }
      }
    }
    for (const dep of declared) {
      if (dep.startsWith('@steerable/') && ORDER.indexOf(dep.slice(11)) >= ORDER.indexOf(pkg)) {
        problems.push(`packages/${pkg}/package.json: depends on ${dep}, which sits below (or is itself)`);
      }
    }
  }

  // Cycle detection over all source imports, tests included.
  const state = new Map();
  function visit(node, stack) {
    state.set(node, 'active');
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'active')
        problems.push(`dependency cycle: ${[...stack, node, next].join(' -> ')}`);
      else if (!state.has(next)) visit(next, [...stack, node]);
    }
    state.set(node, 'done');
  }
  for (const p of ORDER) if (!state.has(p)) visit(p, []);
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const problems = checkLayering(root);
  if (problems.length) {
    console.error(`layering check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`layering check: ${ORDER.length} packages, order ${ORDER.join(' < ')}: ok`);
}
