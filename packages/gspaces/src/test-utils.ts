/**
 * Test helpers (not exported by the package): the transforms.json fixture, our gspace and fields for each of
 * its escnn calls, and layout conversions.
 */
import { readFile } from 'node:fs/promises';
import type { RepresentationLike } from '@steerable/group-theory';
import type { GSpace } from './gspace.js';
import { flip2dOnR2, flipRot2dOnR2, rot2dOnR2 } from './r2.js';

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
