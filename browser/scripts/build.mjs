#!/usr/bin/env node
// Builds the page into a folder (default browser/dist; `--out <dir>` relative to the current directory):
// page.js (the page and the library, bundled from their TypeScript sources by esbuild), index.html and
// style.css (static/), the demo's trained models and a few digits (public/: models/<id>/weights.{json,bin},
// digits.json), and TF.js's WASM binaries.
import { copyFileSync, cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds the page into `out`; returns the path of the folder.
 * @param {string} out
 * @param {{ minify?: boolean }} [options]
 */
export async function buildPage(out, options = {}) {
  mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'src', 'page.ts')],
    outfile: join(out, 'page.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: options.minify ?? true,
    sourcemap: false,
    conditions: ['@steerable/source'],
    // the library chooses Node backends by optional dynamic imports the page never takes
    external: ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
    logLevel: 'error',
  });
  for (const f of readdirSync(join(root, 'static'))) copyFileSync(join(root, 'static', f), join(out, f));
  cpSync(join(root, 'public'), out, { recursive: true });
  const wasm = join(root, '..', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  for (const f of readdirSync(wasm)) if (f.endsWith('.wasm')) copyFileSync(join(wasm, f), join(out, f));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : join(root, 'dist');
  await buildPage(out);
  console.log(`built the page into ${out}`);
}
