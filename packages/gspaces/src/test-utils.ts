/**
 * Test helpers (not exported by the package): the transforms.json fixture and layout conversions.
 */
import { readFile } from 'node:fs/promises';

/** One element of a transforms.json case. */
export interface FixtureElement {
  escnn_value: number | number[];
  escnn_param: string;
  repr: string;
  basespace_action: number[][];
  fiber_matrix: number[][];
  exact_on_grid: boolean;
  transformed?: number[][][][];
}

/** One gspace of transforms.json. */
export interface FixtureTransform {
  gspace: string;
  field_type: string[];
  input: number[][][][];
  elements: FixtureElement[];
}

/** Reads fixtures/transforms.json (escnn 1.0.13). */
export async function loadTransformsFixture(): Promise<{ transforms: FixtureTransform[] }> {
  const url = new URL('../../../fixtures/transforms.json', import.meta.url);
  return JSON.parse(await readFile(url, 'utf8'));
}

/** [n][c][h][w] to [n][h][w][c]. */
export function nchwToNhwc(x: Float64Array, n: number, c: number, h: number, w: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let b = 0; b < n; b++)
    for (let k = 0; k < c; k++)
      for (let p = 0; p < h * w; p++) out[(b * h * w + p) * c + k] = x[(b * c + k) * h * w + p]!;
  return out;
}

/** [n][h][w][c] to [n][c][h][w]. */
export function nhwcToNchw(x: ArrayLike<number>, n: number, c: number, h: number, w: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let b = 0; b < n; b++)
    for (let k = 0; k < c; k++)
      for (let p = 0; p < h * w; p++) out[(b * c + k) * h * w + p] = x[(b * h * w + p) * c + k]!;
  return out;
}
