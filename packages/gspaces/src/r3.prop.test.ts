/**
 * Properties of every R³ gspace: the base-space action is a homomorphism into O(3), and on the elements that map
 * the voxel grid onto itself the field action is a group action, `g·(h·f) = (gh)·f`, which the interpolated
 * action reproduces.
 */
import { type GroupElement, uniformStream } from '@steerable/group-theory';
import { numRuns, propertySeed } from '@steerable/group-theory/testing';
import { directSum } from '@steerable/representations';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridAxisPermutation } from './grid-action.js';
import type { GSpace3D } from './r3.js';
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
} from './r3-factories.js';

const params = { numRuns: numRuns(25) };

const GSPACES: readonly [string, () => GSpace3D][] = [
  ['rot3dOnR3', () => rot3dOnR3()],
  ['flipRot3dOnR3', () => flipRot3dOnR3()],
  ['icoOnR3', icoOnR3],
  ['fullIcoOnR3', fullIcoOnR3],
  ['octaOnR3', octaOnR3],
  ['fullOctaOnR3', fullOctaOnR3],
  ['dihedralOnR3(4)', () => dihedralOnR3(4)],
  ['dihedralOnR3() axis 0.4', () => dihedralOnR3(-1, { axis: 0.4 })],
  ['rot2dOnR3(4)', () => rot2dOnR3(4)],
  ['rot2dOnR3()', () => rot2dOnR3()],
  ['conicalOnR3(4)', () => conicalOnR3(4)],
  ['conicalOnR3()', () => conicalOnR3()],
  ['mirOnR3', () => mirOnR3()],
  ['fullCylindricalOnR3(2)', () => fullCylindricalOnR3(2)],
  ['fullCylindricalOnR3()', () => fullCylindricalOnR3()],
  ['cylindricalOnR3(4)', () => cylindricalOnR3(4)],
  ['cylindricalOnR3()', () => cylindricalOnR3()],
  ['invOnR3', () => invOnR3()],
  ['trivialOnR3', () => trivialOnR3()],
];
const gspaces = GSPACES.map(([name, make]) => [name, make()] as const);

/** The testing elements, or Haar samples and the testing grid for a continuous group. */
function elementsOf(gs: GSpace3D): readonly GroupElement[] {
  return gs.fibergroup.continuous
    ? [...gs.fibergroup.sample(20, { seed: propertySeed() }), ...gs.testingElements.slice(0, 20)]
    : gs.testingElements;
}

const det3 = (m: number[][]) =>
  m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
  m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
  m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);

describe('R³ base-space action: a homomorphism into O(3)', () => {
  for (const [name, gs] of gspaces) {
    it(`${name}: A(gh) = A(g) A(h), AᵀA = I, det A = ±1 (−1 exactly for the orientation-reversing elements)`, () => {
      const elements = elementsOf(gs);
      fc.assert(
        fc.property(fc.nat({ max: elements.length - 1 }), fc.nat({ max: elements.length - 1 }), (i, j) => {
          const g = elements[i]!;
          const h = elements[j]!;
          const ag = gs.basespaceAction(g);
          const prod = ag.mmul(gs.basespaceAction(h)).to2DArray().flat();
          const agh = gs.basespaceAction(g.combine(h)).to2DArray().flat();
          prod.forEach((v, k) => {
            expect(v).toBeCloseTo(agh[k]!, 12);
          });
          const gram = ag.transpose().mmul(ag).to2DArray();
          for (let r = 0; r < 3; r++)
            for (let c = 0; c < 3; c++) expect(gram[r]![c]).toBeCloseTo(r === c ? 1 : 0, 12);
          // O(3)'s element (i, R) has determinant (−1)^i
          const [flip] = gs.toO3(g).value as [number, unknown];
          expect(det3(ag.to2DArray())).toBeCloseTo(flip === 1 ? -1 : 1, 12);
        }),
        params,
      );
    });
  }
});

const field = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    size: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer(),
    layout: fc.constantFrom('channels-last' as const, 'channels-first' as const),
  })
  .map(({ batch, size, seed, layout }) => {
    const uniform = uniformStream(seed);
    return { batch, size, layout, random: () => uniform() - 0.5 };
  });

describe('R³ voxel action on the elements that map the grid onto itself', () => {
  for (const [name, gs] of gspaces) {
    const exact = gs.testingElements.filter((g) => gridAxisPermutation(gs.basespaceAction(g)) !== null);
    // a field of the first (up to) three irreps
    const repr = directSum(gs.irreps.slice(0, 3));
    it(`${name}: g·(h·f) = (gh)·f, and interpolation reproduces the permutation`, () => {
      expect(exact.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(
          fc.nat({ max: exact.length - 1 }),
          fc.nat({ max: exact.length - 1 }),
          field,
          (i, j, { batch, size, layout, random }) => {
            const g = exact[i]!;
            const h = exact[j]!;
            const c = repr.size;
            const shape =
              layout === 'channels-last' ? [batch, size, size, size, c] : [batch, c, size, size, size];
            const x = Float64Array.from({ length: batch * size ** 3 * c }, random);
            const opts = { layout };
            const hx = gs.featurefieldAction(x, shape, repr, h, opts);
            const lhs = gs.featurefieldAction(hx, shape, repr, g, opts);
            const rhs = gs.featurefieldAction(x, shape, repr, g.combine(h), opts);
            for (let k = 0; k < x.length; k++) expect(lhs[k]).toBeCloseTo(rhs[k]!, 12);
            const interpolated = gs.transformGrid(x, shape, h, { ...opts, exact: false });
            const permuted = gs.transformGrid(x, shape, h, opts);
            for (let k = 0; k < x.length; k++) expect(interpolated[k]).toBeCloseTo(permuted[k]!, 10);
          },
        ),
        params,
      );
    });
  }
});
