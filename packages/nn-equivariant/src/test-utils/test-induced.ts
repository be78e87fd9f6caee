import { dihedralGroup } from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, type GSpace, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';

/** Per gspace: a subgroup of finite index, the irrep of it to induce from (its id), and its dimension. */
export const CASES: { name: string; gs: GSpace; id: unknown; psi: number[]; d: number }[] = [
  { name: 'C8 on R² from C4, ψ₁', gs: rot2dOnR2(8), id: 4, psi: [1], d: 2 },
  { name: 'C8 on R² from C4, ψ₂ (1-dim)', gs: rot2dOnR2(8), id: 4, psi: [2], d: 1 },
  { name: 'D4 on R² from C4, ψ₁', gs: flipRot2dOnR2(4), id: [null, 4], psi: [1], d: 2 },
  { name: 'D4 on R² from a flip, sign', gs: flipRot2dOnR2(4), id: [0, 1], psi: [1], d: 1 },
  {
    name: 'O(2) on R² from SO(2), ψ₁',
    gs: flipRot2dOnR2(-1, { maximumFrequency: 3 }),
    id: [null, -1],
    psi: [1],
    d: 2,
  },
  { name: 'flips on R² from the identity', gs: flip2dOnR2(), id: 1, psi: [0], d: 1 },
  { name: 'D6 on a point from D3', gs: noBaseSpace(dihedralGroup(6)), id: [0, 3], psi: [1, 1], d: 2 },
];

export function induced(c: (typeof CASES)[number]) {
  const H = c.gs.fibergroup.subgroup(c.id).subgroup;
  return c.gs.inducedRepr(c.id, H.irrep(...c.psi));
}
