/**
 * Helpers shared by this package's tests (not exported): escnn's transforms.json fixture with our gspace and
 * fields for each case, escnn's layout as a tensor, and the check that every test disposes its tensors.
 */
import { readFile } from 'node:fs/promises';
import type { RepresentationLike } from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, type GSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, expect } from 'vitest';

export interface TransformsFixture {
  transforms: {
    gspace: string;
    field_type: string[];
    input: number[][][][];
    elements: {
      escnn_value: unknown;
      escnn_param: string;
      repr: string;
      basespace_action: number[][];
      fiber_matrix: number[][];
      exact_on_grid: boolean;
      transformed?: number[][][][];
    }[];
  }[];
}

export async function loadTransformsFixture(): Promise<TransformsFixture> {
  const url = new URL('../../../fixtures/transforms.json', import.meta.url);
  return JSON.parse(await readFile(url, 'utf8')) as TransformsFixture;
}

/** Our gspace for the fixture's escnn call. */
export function gspaceOf(call: string): GSpace {
  const table: Record<string, () => GSpace> = {
    'rot2dOnR2(N=4)': () => rot2dOnR2(4),
    'rot2dOnR2(N=8)': () => rot2dOnR2(8),
    'flipRot2dOnR2(N=4)': () => flipRot2dOnR2(4),
    'flip2dOnR2()': () => flip2dOnR2(),
    'flipRot2dOnR2(N=2, axis=0.0)': () => flipRot2dOnR2(2, { axis: 0 }),
  };
  const make = table[call];
  if (!make) throw new Error(`no gspace for ${call}`);
  return make();
}

/** The fixture's field names (`regular`, `irrep1`, `irrep1,1`) as representations of the gspace. */
export function fieldReprs(gs: GSpace, names: readonly string[]): RepresentationLike[] {
  return names.map((n) =>
    n === 'regular' ? gs.regularRepr : gs.irrep(...n.slice('irrep'.length).split(',').map(Number)),
  );
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
