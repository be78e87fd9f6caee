/**
 * Helpers shared by this package's tests (not exported): escnn's transforms.json fixture with our gspace and
 * fields for each case, escnn's layout as a tensor, and the check that every test disposes its tensors.
 */
import { readFile } from 'node:fs/promises';
import type { EscnnTransform3DCase, EscnnTransformCase } from '@steerable/gspaces/testing';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, expect } from 'vitest';

/** Reads fixtures/transforms.json (escnn 1.0.13). */
export async function loadTransformsFixture(): Promise<{ transforms: EscnnTransformCase[] }> {
  const url = new URL('../../../fixtures/transforms.json', import.meta.url);
  return JSON.parse(await readFile(url, 'utf8'));
}

/** Reads fixtures/transforms_3d.json (escnn 1.0.13). */
export async function loadTransforms3dFixture(): Promise<{ transforms: EscnnTransform3DCase[] }> {
  const url = new URL('../../../fixtures/transforms_3d.json', import.meta.url);
  return JSON.parse(await readFile(url, 'utf8'));
}

/** escnn's [b][c][z][y][x] nested array (voxel axes −Z, −Y, X) as our NDHWC tensor. */
export function ncdhwToTensor(x: number[][][][][]): tf.Tensor5D {
  return tf.tidy(() => tf.transpose(tf.tensor5d(x, undefined, 'float32'), [0, 2, 3, 4, 1]) as tf.Tensor5D);
}

/** escnn's [b][c][y][x] nested array as our NHWC tensor. */
export function nchwToTensor(x: number[][][][]): tf.Tensor4D {
  return tf.tidy(() => tf.transpose(tf.tensor4d(x, undefined, 'float32'), [0, 2, 3, 1]) as tf.Tensor4D);
}

/** Registers hooks that fail a test of the calling file when it leaves more tensors than it found. */
export function expectNoTensorLeaks(): void {
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });
}
