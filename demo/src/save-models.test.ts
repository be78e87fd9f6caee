import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBaselineModel } from './models/baseline.js';
import { loadModel, SavedModelError } from './models/saved.js';
import {
  demoCommand,
  gitState,
  MANIFEST_FILE,
  readSavedModel,
  saveModel,
  WEIGHTS_FILE,
} from './save-models.js';

const dir = mkdtempSync(join(tmpdir(), 'steerable-saved-'));
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saveModel / readSavedModel', () => {
  it('writes a manifest and a weights file that load back into the same model', () => {
    const model = buildBaselineModel({ channels: [2, 2, 2, 2, 2, 2], seed: 4 });
    const provenance = {
      source: 'test',
      command: demoCommand(['--epochs', '1']),
      date: new Date(0).toISOString(),
      options: {
        group: 'C8',
        width: 0.1,
        epochs: 1,
        seed: 4,
        trainSize: 1,
        testSize: 1,
        batchSize: 1,
        learningRate: 0.1,
        backend: 'cpu',
      },
      testAccuracy: 0.5,
      testDigits: 2,
    };
    const { manifest, bytes } = saveModel(join(dir, 'm'), model, provenance);
    const text = readFileSync(join(dir, 'm', MANIFEST_FILE), 'utf8');
    expect(JSON.parse(text)).toEqual(manifest);
    expect(text).toContain('"shape": [7, 7, 1, 2]'); // number arrays on one line
    expect(text).toContain('"channels": [2, 2, 2, 2, 2, 2]');
    const read = readSavedModel(join(dir, 'm'));
    expect(read.bytes.byteLength).toBe(bytes);
    expect(read.manifest.provenance).toEqual(provenance);
    const loaded = loadModel(read.manifest, read.bytes);
    const x = tf.randomUniform([2, 29, 29, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const gap = tf.tidy(
      () => tf.max(tf.abs(tf.sub(model.apply(x, false), loaded.apply(x, false)))).dataSync()[0]!,
    );
    expect(gap).toBe(0);
    tf.dispose([x]);
    model.dispose();
    loaded.dispose();
    // a weights file cut short is refused
    writeFileSync(join(dir, 'm', WEIGHTS_FILE), read.bytes.subarray(8));
    expect(() => readSavedModel(join(dir, 'm'))).toThrow(SavedModelError);
  });

  it('records the command as typed and the checkout', () => {
    expect(demoCommand([])).toBe('npm run demo');
    expect(demoCommand(['--group', 'D4', '--out', 'my dir'])).toBe(
      "npm run demo -- --group D4 --out 'my dir'",
    );
    const here = gitState();
    if (here.gitCommit !== undefined) expect(here.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(gitState(tmpdir())).toEqual({});
  });
});
