/**
 * Test helpers for the R³ bases: representations of SO(3) and O(3) from irreps and a change of basis, with
 * their matrices, and the fixtures' field names.
 */
import {
  blockDiagonal,
  type Group,
  type GroupElement,
  type IrrepId,
  o3Group,
  so3Group,
} from '@steerable/group-theory';
import { blRegularRepresentation, regularRepresentation } from '@steerable/representations';
import { Matrix } from 'ml-matrix';
import type { KernelRepresentation } from '../kernel-basis.js';
import type { O3ActionId } from '../o3-action.js';

/** The groups, one instance each. */
export const GROUPS = { so3: so3Group(), o3: o3Group() } as const;

/** A test representation with its matrices. */
export interface R3TestRepr extends KernelRepresentation {
  matrix(g: GroupElement): Matrix;
}

/** `Q (⊕ ψ_i) Q⁻¹` for the irreps `irreps` of SO(3) or O(3), Q orthogonal (identity by default). */
export function r3Repr(id: O3ActionId, name: string, irreps: readonly IrrepId[], Q?: Matrix): R3TestRepr {
  const G = GROUPS[id];
  const size = irreps.reduce((s, i) => s + G.irrep(...i).dimension, 0);
  const q = Q ?? Matrix.eye(size);
  const qi = q.transpose();
  return {
    name,
    size,
    irreps,
    get changeOfBasis() {
      return q.clone();
    },
    get changeOfBasisInv() {
      return qi.clone();
    },
    matrix: (g) => q.mmul(blockDiagonal(irreps.map((i) => G.irrep(...i).at(g)))).mmul(qi),
  };
}

/** escnn's band-limited regular representation's irreps: each frequency l ≤ L, 2l + 1 times (O(3): both parities). */
export function blRegularIrreps(id: O3ActionId, L: number): IrrepId[] {
  const out: IrrepId[] = [];
  if (id === 'so3') {
    for (let l = 0; l <= L; l++) for (let c = 0; c < 2 * l + 1; c++) out.push([l]);
    return out;
  }
  for (let l = 0; l <= L; l++) for (const j of [0, 1]) for (let c = 0; c < 2 * l + 1; c++) out.push([j, l]);
  return out;
}

/** The action id of a fixture gspace. */
export const actionOf = (gspace: string): O3ActionId => (gspace.startsWith('flipRot3d') ? 'o3' : 'so3');

/**
 * A fixture field: `trivial`, `irrepL` (SO(3)), `irrepJ,L` (O(3)), `bl_regular` (L = 2), or escnn's printout
 * `name (size n, irreps [(..), ..])`, under escnn's name (`irrep_0`, `irrep_1`, `irrep_0,1`, `regular_2`): a
 * layer orders its blocks by these names.
 */
export function fixtureRepr3(gspace: string, field: string): R3TestRepr {
  const id = actionOf(gspace);
  const trivial: IrrepId = id === 'so3' ? [0] : [0, 0];
  const listed = /irreps \[(.*)\]\)$/.exec(field);
  if (listed) {
    const irreps = [...listed[1]!.matchAll(/\(([^)]*)\)/g)].map((m) =>
      m[1]!
        .split(',')
        .filter((s) => s.trim() !== '')
        .map(Number),
    );
    return r3Repr(id, /= (\S+) \(size/.exec(field)?.[1] ?? field, irreps);
  }
  if (field === 'trivial') return r3Repr(id, `irrep_${trivial.join(',')}`, [trivial]);
  if (field === 'bl_regular') return r3Repr(id, 'regular_2', blRegularIrreps(id, 2));
  const m = /^irrep(\d+(?:,\d+)?)$/.exec(field);
  if (m) return r3Repr(id, `irrep_${m[1]}`, [m[1]!.split(',').map(Number)]);
  throw new Error(`unknown fixture field ${field}`);
}

/**
 * escnn's R³ gspaces with their default arguments, as the O(3) subgroup ids their `GSpace3D` is built on:
 * `dihedralOnR3(n, axis = π/2)` is `[false, 2·axis, n]`, `conicalOnR3(n, axis = π/2)` `['cone', 2·axis, n]`,
 * `mirOnR3(axis = π/2)` `['cone', 2·axis, 1]`, `fullCylindricalOnR3(n, axis = π/2)` `[true, axis, n]` (escnn
 * passes the axis there undoubled).
 */
export const GSPACE_IDS: Readonly<Record<string, unknown>> = {
  'rot3dOnR3()': 'so3',
  'flipRot3dOnR3()': 'o3',
  'icoOnR3()': [false, 'ico'],
  'fullIcoOnR3()': [true, 'ico'],
  'octaOnR3()': [false, 'octa'],
  'fullOctaOnR3()': [true, 'octa'],
  'dihedralOnR3(n=-1)': [false, Math.PI, -1],
  'dihedralOnR3(n=4)': [false, Math.PI, 4],
  'rot2dOnR3(n=-1)': [false, false, -1],
  'rot2dOnR3(n=6)': [false, false, 6],
  'conicalOnR3(n=-1)': ['cone', Math.PI, -1],
  'conicalOnR3(n=4)': ['cone', Math.PI, 4],
  'fullCylindricalOnR3(n=-1)': [true, Math.PI / 2, -1],
  'fullCylindricalOnR3(n=3)': [true, Math.PI / 2, 3],
  'cylindricalOnR3(n=-1)': [true, false, -1],
  'cylindricalOnR3(n=4)': [true, false, 4],
  'mirOnR3()': ['cone', Math.PI, 1],
  'invOnR3()': [true, false, 1],
  'trivialOnR3()': [false, false, 1],
};

/**
 * A field of the fixtures' printouts (`expression = name (size n, irreps [...])`, or the expression alone) built
 * on the group `H` of a gspace: `gs.trivial_repr`, `gs.regular_repr`, `gs.fibergroup.irreps()[i]` and
 * `gs.fibergroup.bl_regular_representation(L=l)` (which throws for the groups that have none, as escnn does).
 */
export function gspaceField(H: Group, field: string): KernelRepresentation {
  const expression = field.split(' = ')[0]!.trim();
  if (expression === 'gs.trivial_repr') return H.trivialRepresentation;
  if (expression === 'gs.regular_repr') return regularRepresentation(H);
  const irrep = /^gs\.fibergroup\.irreps\(\)\[(\d+)\]$/.exec(expression);
  if (irrep) return H.irreps()[Number(irrep[1])]!;
  const bl = /^gs\.fibergroup\.bl_regular_representation\(L=(\d+)\)$/.exec(expression);
  if (bl) return blRegularRepresentation(H, Number(bl[1]));
  throw new Error(`unknown fixture field ${field}`);
}
