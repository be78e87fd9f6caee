/**
 * Test helper: escnn's fixture descriptions (`rot2dOnR2(N=4)`, `irrep1,0`, `regular`) turned into our
 * gspaces and representations, and the fixture loader.
 */
import { readFileSync } from 'node:fs';
import { FieldType } from '@steerable/field-types';
import type { RepresentationLike } from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, type GSpace2D, rot2dOnR2, trivialOnR2 } from '@steerable/gspaces';

/** Reads `fixtures/<name>` (JSON) relative to the repository. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** The gspace of a fixture's `gspace` string. */
export function parseGspace(s: string): GSpace2D {
  const args = /\((.*)\)/.exec(s)?.[1] ?? '';
  const kv = new Map(
    args
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a.length > 0)
      .map((a) => a.split('=') as [string, string]),
  );
  const N = Number(kv.get('N') ?? -1);
  const mf = kv.has('maximum_frequency') ? { maximumFrequency: Number(kv.get('maximum_frequency')) } : {};
  if (s.startsWith('rot2dOnR2')) return rot2dOnR2(N, mf);
  if (s.startsWith('flipRot2dOnR2')) return flipRot2dOnR2(N, mf);
  if (s.startsWith('flip2dOnR2')) return flip2dOnR2();
  if (s.startsWith('trivialOnR2')) return trivialOnR2();
  throw new Error(`unknown gspace ${s}`);
}

/** A fixture's field name (`trivial`, `regular`, `irrep1`, `irrep1,0`) as a representation. */
export function parseField(gs: GSpace2D, name: string): RepresentationLike {
  if (name === 'trivial') return gs.trivialRepr;
  if (name === 'regular') return gs.regularRepr;
  const m = /^irrep(.*)$/.exec(name);
  if (m) return gs.irrep(...m[1]!.split(',').map(Number));
  throw new Error(`unknown field ${name}`);
}

/** The gspace and the input and output field types of a fixture entry (escnn's gspace and field names). */
export function fixtureTypes(e: {
  readonly gspace: string;
  readonly in: readonly string[];
  readonly out: readonly string[];
}): { gs: GSpace2D; inType: FieldType; outType: FieldType } {
  const gs = parseGspace(e.gspace);
  return {
    gs,
    inType: new FieldType(
      gs,
      e.in.map((f) => parseField(gs, f)),
    ),
    outType: new FieldType(
      gs,
      e.out.map((f) => parseField(gs, f)),
    ),
  };
}
