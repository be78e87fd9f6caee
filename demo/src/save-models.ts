/**
 * Saving the demo's trained models to files (Node): `<dir>/weights.json` (the manifest of
 * ./models/saved.ts, with the run's provenance) and `<dir>/weights.bin` (every variable, little-endian).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassifierModel } from './models/model.js';
import { type ModelProvenance, packModel, SavedModelError, type SavedModelManifest } from './models/saved.js';

/** The manifest's file name in a saved model's folder. */
export const MANIFEST_FILE = 'weights.json';
/** The weights' file name in a saved model's folder. */
export const WEIGHTS_FILE = 'weights.bin';

/** Writes `model` into `dir` (created if needed); returns the manifest and the size of the weights. */
export function saveModel(
  dir: string,
  model: ClassifierModel,
  provenance?: ModelProvenance,
): { manifest: SavedModelManifest; bytes: number } {
  const { manifest, bytes } = packModel(model, provenance, WEIGHTS_FILE);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, WEIGHTS_FILE), bytes);
  writeFileSync(join(dir, MANIFEST_FILE), manifestJson(manifest));
  return { manifest, bytes: bytes.byteLength };
}

/** A manifest as JSON text: two-space indents, arrays of numbers (shapes, fields) on one line. */
function manifestJson(manifest: SavedModelManifest): string {
  const text = JSON.stringify(manifest, null, 2).replace(
    /\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g,
    (_, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`,
  );
  return `${text}\n`;
}

/**
 * Reads a saved model's manifest and weights from `dir` (give them to `loadModel`).
 * @throws SavedModelError when the weights file is not the manifest's size.
 */
export function readSavedModel(dir: string): { manifest: SavedModelManifest; bytes: Uint8Array } {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as SavedModelManifest;
  const bytes = new Uint8Array(readFileSync(join(dir, manifest.weights?.file ?? WEIGHTS_FILE)));
  if (bytes.byteLength !== manifest.weights?.byteLength) {
    throw new SavedModelError('readSavedModel', `${dir}: the weights file does not have the manifest's size`);
  }
  return { manifest, bytes };
}

/** The commit of the git checkout at `cwd` and whether it has uncommitted changes; `{}` outside one. */
export function gitState(cwd = process.cwd()): { gitCommit?: string; gitDirty?: boolean } {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const gitCommit = git('rev-parse', 'HEAD');
    return { gitCommit, gitDirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return {};
  }
}

/** The command line that ran the demo with `argv`, as a user would type it. */
export function demoCommand(argv: readonly string[]): string {
  const quoted = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`));
  return quoted.length === 0 ? 'npm run demo' : `npm run demo -- ${quoted.join(' ')}`;
}
