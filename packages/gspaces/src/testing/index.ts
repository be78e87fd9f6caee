/**
 * Helpers for tests against escnn's reference values (`@steerable/gspaces/testing`): escnn's gspace calls and
 * field names, as its reference scripts print them, turned into our gspaces and representations, and the shape
 * of escnn's `transforms.json` and `transforms_3d.json` reference files.
 */
import type { RepresentationLike } from '@steerable/group-theory';
import type { GSpace } from '../gspace.js';
import { flip2dOnR2, flipRot2dOnR2, rot2dOnR2 } from '../r2.js';
import {
  conicalOnR3,
  cylindricalOnR3,
  dihedralOnR3,
  flipRot3dOnR3,
  fullCylindricalOnR3,
  fullIcoOnR3,
  fullOctaOnR3,
  icoOnR3,
  invOnR3,
  mirOnR3,
  octaOnR3,
  rot2dOnR3,
  rot3dOnR3,
  trivialOnR3,
} from '../r3-factories.js';

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

/** One element of a `transforms_3d.json` case: as in `transforms.json`, the moved field `[n][c][z][y][x]`. */
export interface EscnnTransform3DElement extends Omit<EscnnTransformElement, 'transformed'> {
  /** The moved field `[n][c][z][y][x]`, when the element is exact on the grid. */
  readonly transformed?: number[][][][][];
}

/** One gspace of `transforms_3d.json`: its escnn call, field names, input (`[n][c][z][y][x]`) and elements. */
export interface EscnnTransform3DCase {
  /** escnn's call, e.g. `'octaOnR3()'`. */
  readonly gspace: string;
  /** escnn's field names, e.g. `['irrep1']`. */
  readonly field_type: string[];
  /** How the input is laid out (`[batch][channel][z][y][x]`, escnn's voxel axes −Z, −Y, X). */
  readonly input_layout: string;
  /** The input field. */
  readonly input: number[][][][][];
  /** The testing elements and their actions. */
  readonly elements: EscnnTransform3DElement[];
}

const GSPACES: Record<string, () => GSpace> = {
  'rot2dOnR2(N=4)': () => rot2dOnR2(4),
  'rot2dOnR2(N=8)': () => rot2dOnR2(8),
  'flipRot2dOnR2(N=4)': () => flipRot2dOnR2(4),
  'flip2dOnR2()': () => flip2dOnR2(),
  'flipRot2dOnR2(N=2, axis=0.0)': () => flipRot2dOnR2(2, { axis: 0 }),
  'rot3dOnR3()': () => rot3dOnR3(),
  'flipRot3dOnR3()': () => flipRot3dOnR3(),
  'icoOnR3()': () => icoOnR3(),
  'fullIcoOnR3()': () => fullIcoOnR3(),
  'octaOnR3()': () => octaOnR3(),
  'fullOctaOnR3()': () => fullOctaOnR3(),
  'dihedralOnR3(n=-1)': () => dihedralOnR3(-1),
  'dihedralOnR3(n=4)': () => dihedralOnR3(4),
  'rot2dOnR3(n=-1)': () => rot2dOnR3(-1),
  'rot2dOnR3(n=6)': () => rot2dOnR3(6),
  'conicalOnR3(n=-1)': () => conicalOnR3(-1),
  'conicalOnR3(n=4)': () => conicalOnR3(4),
  'fullCylindricalOnR3(n=-1)': () => fullCylindricalOnR3(-1),
  'fullCylindricalOnR3(n=3)': () => fullCylindricalOnR3(3),
  'cylindricalOnR3(n=-1)': () => cylindricalOnR3(-1),
  'cylindricalOnR3(n=4)': () => cylindricalOnR3(4),
  'mirOnR3()': () => mirOnR3(),
  'invOnR3()': () => invOnR3(),
  'trivialOnR3()': () => trivialOnR3(),
};

/**
 * Our gspace for escnn's call as its reference scripts print it (e.g. `'rot2dOnR2(N=4)'`, `'octaOnR3()'`,
 * `'conicalOnR3(n=4)'`).
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
