/**
 * Test helpers (not exported by the package): the transforms.json and transforms_3d.json fixtures and layout
 * conversions (a voxel grid d×h×w is a pixel grid (d·h)×w here); escnn's
 * gspace calls and field names are read by `./testing/index.ts` (the `@steerable/gspaces/testing` subpath).
 */
import { readFile } from 'node:fs/promises';
import type { EscnnTransform3DCase, EscnnTransformCase } from './testing/index.js';

/** Reads fixtures/transforms.json (escnn 1.0.13). */
export async function loadTransformsFixture(): Promise<{ transforms: EscnnTransformCase[] }> {
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

/** Reads fixtures/transforms_3d.json (escnn 1.0.13). */
export async function loadTransforms3dFixture(): Promise<{ transforms: EscnnTransform3DCase[] }> {
  const url = new URL('../../../fixtures/transforms_3d.json', import.meta.url);
  return JSON.parse(await readFile(url, 'utf8'));
}
