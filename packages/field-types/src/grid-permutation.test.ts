/**
 * `gridPermutation` decides exactness as `@steerable/gspaces`' `transformGrid` does, and its permutation moves
 * the pixels as `transformGrid` does.
 */
import { cyclicGroup, GroupMismatchError, InvalidArgumentError } from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, type GSpace, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { describe, expect, it } from 'vitest';
import { type GridPermutation, gridPermutation } from './grid-permutation.js';

/** Applies `p` to a row-major `[h, w]` array (one channel): transpose, then reverse the listed axes. */
function permute(x: Float64Array, h: number, w: number, p: GridPermutation): Float64Array {
  const [rows, cols] = p.transpose ? [w, h] : [h, w];
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const rr = p.reverse.includes(0) ? rows - 1 - r : r;
      const cc = p.reverse.includes(1) ? cols - 1 - c : c;
      out[r * cols + c] = p.transpose ? x[cc * w + rr]! : x[rr * w + cc]!;
    }
  return out;
}

const GSPACES: readonly [string, GSpace][] = [
  ['C8', rot2dOnR2(8)],
  ['D4', flipRot2dOnR2(4)],
  ['D1 (flips)', flip2dOnR2()],
  ['SO(2)', rot2dOnR2(-1, { maximumFrequency: 2 })],
  ['O(2)', flipRot2dOnR2(-1, { maximumFrequency: 2 })],
];

describe('gridPermutation', () => {
  it.each(GSPACES)('agrees with transformGrid on %s', (_, gs) => {
    const n = 5;
    const x = Float64Array.from({ length: n * n }, (_, i) => Math.sin(1.7 * i + 0.3));
    let exact = 0;
    for (const g of [...gs.testingElements, ...gs.fibergroup.sample(4, { seed: 3 })]) {
      const p = gridPermutation(gs, g);
      const moved = gs.transformGrid(x, [n, n, 1], g);
      if (p === null) {
        // gspaces interpolates too: its result is the one it gets when told to interpolate
        expect(moved).toEqual(gs.transformGrid(x, [n, n, 1], g, { exact: false }));
      } else {
        exact++;
        expect(permute(x, n, n, p)).toEqual(moved);
      }
    }
    // the grid's own symmetries are exact: 4 rotations, and the reflections where the group has them
    expect(exact).toBeGreaterThanOrEqual(gs.fibergroup.order() === 2 ? 2 : 4);
  });

  it('finds the quarter turn of C4 and the flip of D1', () => {
    const c4 = rot2dOnR2(4);
    expect(gridPermutation(c4, c4.fibergroup.identity)).toEqual({ transpose: false, reverse: [] });
    expect(gridPermutation(c4, c4.fibergroup.element(2))).toEqual({ transpose: false, reverse: [0, 1] });
    expect(gridPermutation(c4, c4.fibergroup.element(1))?.transpose).toBe(true);
    const c8 = rot2dOnR2(8);
    expect(gridPermutation(c8, c8.fibergroup.element(1))).toBeNull();
  });

  it('is the identity on a 0-dimensional base space', () => {
    const gs = noBaseSpace(cyclicGroup(8));
    expect(gridPermutation(gs, gs.fibergroup.element(1))).toEqual({ transpose: false, reverse: [] });
  });

  it('rejects elements of another group and non-gspaces', () => {
    const gs = rot2dOnR2(4);
    expect(() => gridPermutation(gs, cyclicGroup(8).element(1))).toThrow(GroupMismatchError);
    expect(() => gridPermutation(gs, 1 as never)).toThrow(InvalidArgumentError);
    expect(() => gridPermutation({} as never, gs.fibergroup.identity)).toThrow(/gspace/);
  });
});
