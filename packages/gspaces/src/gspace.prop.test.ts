/**
 * Properties of the actions: on the elements that map the pixel grid onto itself the grid action is a group
 * action, `g·(h·f) = (gh)·f`, exactly; the base-space action is an orthogonal representation everywhere.
 */
import { uniformStream } from '@steerable/group-theory';
import { isSignedPermutation, numRuns, propertySeed } from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transformGrid } from './grid-action.js';
import type { GSpace } from './gspace.js';
import { flip2dOnR2, flipRot2dOnR2, type GSpace2D, rot2dOnR2, trivialOnR2 } from './r2.js';

const params = { numRuns: numRuns(50) };

/** Finite gspaces; the elements of C8 at odd multiples of 45° are resampled, the others are exact. */
const finite: readonly [string, () => GSpace][] = [
  ['C4', () => rot2dOnR2(4)],
  ['C8', () => rot2dOnR2(8)],
  ['D4', () => flipRot2dOnR2(4)],
  ['D4 axis 0', () => flipRot2dOnR2(4, { axis: 0 })],
  ['D2 axis 0', () => flipRot2dOnR2(2, { axis: 0 })],
  ['D1 axis π/4', () => flipRot2dOnR2(1, { axis: Math.PI / 4 })],
  ['flips', () => flip2dOnR2()],
  ['trivial', () => trivialOnR2()],
];
const gspaces = finite.map(([name, make]) => [name, make()] as const);

/** True when the element moves the pixel grid onto itself (its matrix is a signed permutation). */
function exactOnGrid(gs: GSpace, g: (typeof gs.testingElements)[number]): boolean {
  return isSignedPermutation(gs.basespaceAction(g));
}

const field = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    size: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer(),
    layout: fc.constantFrom('channels-last' as const, 'channels-first' as const),
  })
  .map(({ batch, size, seed, layout }) => {
    const uniform = uniformStream(seed);
    const random = () => uniform() - 0.5;
    return { batch, size, layout, random };
  });

describe('grid action is a group action on the exact elements', () => {
  for (const [name, gs] of gspaces) {
    it(`${name}: g·(h·f) = (gh)·f for regular fields`, () => {
      const exact = gs.testingElements.filter((g) => exactOnGrid(gs, g));
      const repr = gs.regularRepr;
      fc.assert(
        fc.property(
          fc.nat({ max: exact.length - 1 }),
          fc.nat({ max: exact.length - 1 }),
          field,
          (i, j, { batch, size, layout, random }) => {
            const g = exact[i]!;
            const h = exact[j]!;
            const c = repr.size;
            const shape = layout === 'channels-last' ? [batch, size, size, c] : [batch, c, size, size];
            const x = Float64Array.from({ length: batch * size * size * c }, random);
            const opts = { layout };
            const lhs = gs.featurefieldAction(
              gs.featurefieldAction(x, shape, repr, h, opts),
              shape,
              repr,
              g,
              opts,
            );
            const rhs = gs.featurefieldAction(x, shape, repr, g.combine(h), opts);
            for (let k = 0; k < x.length; k++) expect(lhs[k]).toBeCloseTo(rhs[k]!, 12);
          },
        ),
        params,
      );
    });
  }
});

describe('the interpolated action', () => {
  it('agrees with the exact permutation on the exact elements, for any grid size', () => {
    const gs = flipRot2dOnR2(4);
    fc.assert(
      fc.property(fc.nat({ max: 7 }), field, (i, { batch, size, random }) => {
        const g = gs.testingElements[i]!;
        const shape = [batch, size, size, 2];
        const x = Float64Array.from({ length: batch * size * size * 2 }, random);
        const exact = gs.transformGrid(x, shape, g);
        const interpolated = gs.transformGrid(x, shape, g, { exact: false });
        for (let k = 0; k < x.length; k++) expect(interpolated[k]).toBeCloseTo(exact[k]!, 10);
      }),
      params,
    );
  });

  it('is linear and keeps a constant field constant inside the grid', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), field, (theta, { size, random }) => {
        const a = [
          [Math.cos(theta), -Math.sin(theta)],
          [Math.sin(theta), Math.cos(theta)],
        ];
        const n = size * size;
        const x = Float64Array.from({ length: n }, random);
        const y = Float64Array.from({ length: n }, random);
        const sum = x.map((v, k) => 2 * v - 3 * y[k]!);
        const tx = transformGrid(x, [size, size, 1], a, { exact: false });
        const ty = transformGrid(y, [size, size, 1], a, { exact: false });
        const ts = transformGrid(sum, [size, size, 1], a, { exact: false });
        for (let k = 0; k < n; k++) expect(ts[k]).toBeCloseTo(2 * tx[k]! - 3 * ty[k]!, 10);
        // order-2 splines reproduce constants; the disc inside the grid is sampled within bounds
        const ones = transformGrid(new Float64Array(n).fill(1), [size, size, 1], a, { exact: false });
        const c = (size - 1) / 2;
        for (let r = 0; r < size; r++)
          for (let q = 0; q < size; q++)
            if ((r - c) ** 2 + (q - c) ** 2 <= (c - 0.5) ** 2) expect(ones[r * size + q]).toBeCloseTo(1, 10);
      }),
      params,
    );
  });
});

describe('base-space action', () => {
  const continuous: readonly (readonly [string, GSpace])[] = [
    ['SO(2)', rot2dOnR2(-1)],
    ['O(2)', flipRot2dOnR2(-1)],
    ['O(2) axis 0.3', flipRot2dOnR2(-1, { axis: 0.3 })],
    ...gspaces,
  ];
  for (const [name, gs] of continuous) {
    it(`${name}: an orthogonal representation, A(gh) = A(g) A(h)`, () => {
      const elements = gs.fibergroup.continuous
        ? gs.fibergroup.sample(40, { seed: propertySeed() })
        : gs.testingElements;
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
          expect(gram[0]![0]).toBeCloseTo(1, 12);
          expect(gram[0]![1]).toBeCloseTo(0, 12);
          expect(gram[1]![1]).toBeCloseTo(1, 12);
          // reflections, and only they, reverse orientation
          const det = ag.get(0, 0) * ag.get(1, 1) - ag.get(0, 1) * ag.get(1, 0);
          const flip = (gs as GSpace2D).toO2(g).value as readonly [number, number];
          expect(det).toBeCloseTo(flip[0] === 1 ? -1 : 1, 12);
        }),
        params,
      );
    });
  }
});
