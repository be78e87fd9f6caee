#!/usr/bin/env node
// `npm run weights -w @steerable/browser-demo [-- --from DIR]`: copies the models a demo run saved
// (`npm run demo` writes out/models/<id>/weights.{json,bin}) into public/models/<id>/, the files the page
// ships. The manifest keeps the demo's provenance (command, options, test accuracy, date, commit) and gains
// `shipped` (where the files were copied from, when, by what). Refuses files that are not a demo's saved
// model, that lack the provenance, or whose weights file is not the manifest's size.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..');
const IDS = ['equivariant', 'baseline'];

/** @param {string[]} argv */
function sourceDir(argv) {
  const i = argv.findIndex((a) => a === '--from' || a.startsWith('--from='));
  if (i < 0) return join(repo, 'out', 'models');
  const value = argv[i].startsWith('--from=') ? argv[i].slice('--from='.length) : argv[i + 1];
  if (!value) throw new Error('--from needs a folder');
  // npm runs a workspace script in the workspace's folder; INIT_CWD is where the user typed the command
  return resolve(process.env.INIT_CWD ?? process.cwd(), value);
}

/**
 * Copies one saved model; returns its line for the summary.
 * @param {string} from folder holding weights.json and weights.bin
 * @param {string} to folder to write them into
 * @param {'equivariant' | 'baseline'} id the model (the folder's name)
 */
function importModel(from, to, id) {
  const manifest = JSON.parse(readFileSync(join(from, 'weights.json'), 'utf8'));
  if (manifest.format !== 'steerable-demo-model') {
    throw new Error(`${from}/weights.json is not a saved demo model (format ${manifest.format})`);
  }
  const p = manifest.provenance;
  if (!p || typeof p.command !== 'string' || typeof p.testAccuracy !== 'number' || !p.options) {
    throw new Error(`${from}/weights.json has no provenance: save it with npm run demo`);
  }
  if (manifest.architecture?.kind !== id) {
    throw new Error(`${from}/weights.json holds a ${manifest.architecture?.kind} model, not the ${id} one`);
  }
  const weights = join(from, manifest.weights.file);
  const size = statSync(weights).size;
  if (size !== manifest.weights.byteLength) {
    throw new Error(`${weights} has ${size} bytes, its manifest says ${manifest.weights.byteLength}`);
  }
  mkdirSync(to, { recursive: true });
  copyFileSync(weights, join(to, manifest.weights.file));
  const shipped = {
    ...manifest,
    shipped: {
      from: relative(repo, from) || '.',
      date: new Date().toISOString(),
      by: 'npm run weights -w @steerable/browser-demo (browser/scripts/import-demo-weights.mjs)',
    },
  };
  // two-space indents, arrays of numbers on one line (as the demo writes it, and as biome formats JSON)
  const text = JSON.stringify(shipped, null, 2).replace(
    /\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g,
    (_, inner) => `[${inner.split(/,\s+/).join(', ')}]`,
  );
  writeFileSync(join(to, 'weights.json'), `${text}\n`);
  return `${id}: ${manifest.name}, ${(100 * p.testAccuracy).toFixed(2)}% on ${p.testDigits} rotated test digits, ${(size / 1024).toFixed(0)} KiB (from \`${p.command}\`, ${p.date})`;
}

const from = sourceDir(process.argv.slice(2));
for (const id of IDS) {
  console.log(importModel(join(from, id), join(root, 'public', 'models', id), id));
}
console.log(`copied into ${join(root, 'public', 'models')}`);
