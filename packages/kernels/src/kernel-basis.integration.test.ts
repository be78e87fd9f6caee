import type { O2SubgroupId } from '@steerable/group-theory';
import { o2Group, type RepresentationLike } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import { directSum, regularRepresentation } from '@steerable/representations';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { r2KernelBasis } from './kernel-basis.js';

const runs = { numRuns: numRuns(25) };

const ids: O2SubgroupId[] = [
  [null, 1],
  [null, 3],
  [null, 4],
  [null, 6],
  [null, -1],
  [Math.PI, 1],
  [Math.PI, 3],
  [Math.PI, 4],
  [0, 5],
  [Math.PI, -1],
];

describe('r2KernelBasis with @steerable/group-theory groups and representations', () => {
  it('is steerable under the subgroup’s own matrices and its action on the plane through O(2)', () => {
    const o2 = o2Group(4);
    const standard = o2.irrep(1, 1);
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.nat(1000),
        fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })),
        (sgId, ins, outs, regular, s, [x, y]) => {
          const map = o2.subgroup(sgId);
          const G = map.subgroup;
          const irreps = G.irreps();
          const pick = (list: number[]): RepresentationLike =>
            directSum(list.map((n) => irreps[n % irreps.length]!));
          const inRepr = regular && G.order() > 0 ? regularRepresentation(G) : pick(ins);
          const outRepr = pick(outs);
          const basis = r2KernelBasis(sgId, inRepr, outRepr, {
            rings: [0, 1.2],
            sigma: [0.4, 0.6],
            maximumFrequency: 5,
          });
          const g = G.sample(1, { seed: s })[0]!;
          const A = standard.at(map.inclusion(g));
          const gx = [A.get(0, 0) * x + A.get(0, 1) * y, A.get(1, 0) * x + A.get(1, 1) * y];
          const kx = basis.sample([x, y]);
          const kgx = basis.sample(gx);
          const rOut = outRepr.at(g);
          const rInInv = inRepr.at(g.inverse());
          const O = outRepr.size;
          const I = inRepr.size;
          for (let b = 0; b < basis.dimension; b++)
            for (let o = 0; o < O; o++)
              for (let i = 0; i < I; i++) {
                let rhs = 0;
                for (let o2i = 0; o2i < O; o2i++)
                  for (let i2 = 0; i2 < I; i2++)
                    rhs += rOut.get(o, o2i) * kx[(b * O + o2i) * I + i2]! * rInInv.get(i2, i);
                expect(kgx[(b * O + o) * I + i]!).toBeCloseTo(rhs, 9);
              }
        },
      ),
      runs,
    );
  });
});
