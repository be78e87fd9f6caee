/**
 * Helpers for tests against escnn's reference values (`@steerable/gspaces/testing`): escnn's gspace calls and
 * field names, as its reference scripts print them, turned into our gspaces and representations, and the shape
 * of escnn's `transforms.json` reference file.
 */
import type { RepresentationLike } from '@steerable/group-theory';
import type { GSpace } from '../gspace.js';
import { flip2dOnR2, flipRot2dOnR2, rot2dOnR2 } from '../r2.js';

/** One element of a `transforms.json` case: escnn's value, its actions and, when exact, the moved field. */
export interface EscnnTransformElement {
  readonly escnn_value: number | number[];
  readonly escnn_param: string;
  readonly repr: string;
  readonly basespace_action: number[][];
  readonly fiber_matrix: number[][];
  readonly exact_on_grid: boolean;
  readonly transformed?: number[][][][];
}

/** One gspace of `transforms.json`: its escnn call, field names, input (NCHW) and elements. */
export interface EscnnTransformCase {
  readonly gspace: string;
  readonly field_type: string[];
  readonly input: number[][][][];
  readonly elements: EscnnTransformElement[];
}

const GSPACES: Record<string, () => GSpace> = {
  'rot2dOnR2(N=4)': () => rot2dOnR2(4),
  'rot2dOnR2(N=8)': () => rot2dOnR2(8),
  'flipRot2dOnR2(N=4)': () => flipRot2dOnR2(4),
  'flip2dOnR2()': () => flip2dOnR2(),
  'flipRot2dOnR2(N=2, axis=0.0)': () => flipRot2dOnR2(2, { axis: 0 }),
};

/**
 * Our gspace for escnn's call as its reference scripts print it (e.g. `'rot2dOnR2(N=4)'`).
 * @throws Error for a call without a counterpart here.
 */
export function gspaceOfEscnnCall(call: string): GSpace {
  const make = GSPACES[call];
  if (!make) throw new Error(`gspaceOfEscnnCall: no gspace for '${call}'`);
  return make();
}

/** escnn's field names (`regular`, `irrep1`, `irrep1,1`) as representations of the gspace. */
export function escnnFieldReprs(gs: GSpace, names: readonly string[]): RepresentationLike[] {
  return names.map((n) =>
    n === 'regular' ? gs.regularRepr : gs.irrep(...n.slice('irrep'.length).split(',').map(Number)),
  );
}
