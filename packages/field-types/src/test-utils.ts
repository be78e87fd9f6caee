/**
 * Helpers shared by this package's tests (not exported): escnn's transforms.json fixture with our gspace and
 * fields for each case (gspaces' test helpers, the same fixture), escnn's layout as a tensor, and the check
 * that every test disposes its tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, expect } from 'vitest';

export { fieldReprs, gspaceOf, loadTransformsFixture } from '../../gspaces/src/test-utils.js';

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
