#!/usr/bin/env node
// Enforces the package layering of DEVELOPERS.md: a package may import only the
// packages above it in the table (and, for the tensor packages, TensorFlow.js).
// Fails on a downward or sideways import, on an import missing from package.json,
// on a forbidden third-party import, and on any dependency cycle.
import fs from 'node:fs';
import path from 'node:path';

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

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const problems = [];
const edges = new Map(ORDER.map((p) => [p, new Set()]));

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

for (const pkg of ORDER) {
  const dir = path.join(root, 'packages', pkg);
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
    const isTest = /\.test\.ts$|[/\\]test-utils\.ts$|[/\\]test-[^/\\]*\.ts$/.test(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const dep = packageOf(spec);
      if (!dep) continue;
      const rel = path.relative(root, file);
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
            problems.push(`${rel}: @steerable/${pkg} may not import ${dep} (it sits below in the layering)`);
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

if (problems.length) {
  console.error(`layering check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`layering check: ${ORDER.length} packages, order ${ORDER.join(' < ')}: ok`);
