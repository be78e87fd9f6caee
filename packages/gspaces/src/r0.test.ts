import {
  cyclicGroup,
  dihedralGroup,
  GroupMismatchError,
  InvalidArgumentError,
  so2Group,
  UnknownSubgroupError,
} from '@steerable/group-theory';
import { directSum } from '@steerable/representations';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { noBaseSpace } from './r0.js';
import { rot2dOnR2 } from './r2.js';

describe('noBaseSpace', () => {
  it('is the group acting on a point', () => {
    const gs = noBaseSpace(dihedralGroup(3));
    expect(gs.name).toBe('D3');
    expect(String(gs)).toBe('D3');
    expect(gs.dimensionality).toBe(0);
    expect(gs.basespace).toBe('R^0');
    const g = gs.fibergroup.element([1, 2]);
    const a = gs.basespaceAction(g);
    expect([a.rows, a.columns]).toEqual([0, 0]);
    expect(gs.regularRepr.size).toBe(6);
    expect(gs.testingElements).toHaveLength(6);
    expect(gs.equals(noBaseSpace(dihedralGroup(3)))).toBe(true);
    expect(gs.equals(noBaseSpace(cyclicGroup(3)))).toBe(false);
    expect(gs.equals(rot2dOnR2(3))).toBe(false);
  });

  it('transforms feature vectors by ρ(g) only', () => {
    const gs = noBaseSpace(cyclicGroup(4));
    const repr = directSum([gs.regularRepr, gs.irrep(1)]);
    const g = gs.fibergroup.element(1);
    const x = Float64Array.from({ length: 2 * 6 }, (_, i) => i - 3.5);
    const y = gs.featurefieldAction(x, [2, 6], repr, g);
    const rho = repr.at(g);
    for (let b = 0; b < 2; b++) {
      for (let i = 0; i < 6; i++) {
        let s = 0;
        for (let j = 0; j < 6; j++) s += rho.get(i, j) * x[b * 6 + j]!;
        expect(y[b * 6 + i]).toBeCloseTo(s, 12);
      }
    }
    // channels-first is the same on a point with batch dimensions
    expect([...gs.featurefieldAction(x, [2, 6], repr, g, { layout: 'channels-first' })]).toEqual([...y]);
    expect([...gs.transformGrid(x, [2, 6], g)]).toEqual([...x]);
  });

  it('restricts to subgroups', () => {
    const gs = noBaseSpace(dihedralGroup(4));
    const r = gs.restrict([null, 4]);
    expect(r.gspace.fibergroup.equals(cyclicGroup(4))).toBe(true);
    expect(r.gspace.dimensionality).toBe(0);
    const h = r.gspace.fibergroup.element(1);
    expect(r.restriction(r.inclusion(h))?.equals(h)).toBe(true);
    expect(() => gs.restrict([null, 3])).toThrow(UnknownSubgroupError);
  });

  it('builds the equivariant linear maps between two field types', () => {
    const gs = noBaseSpace(cyclicGroup(4));
    const basis = gs.buildKernelBasis(gs.regularRepr, gs.regularRepr);
    expect(basis.dimension).toBe(4);
    const rin = gs.regularRepr;
    const flat = basis.matrices();
    for (let b = 0; b < basis.dimension; b++) {
      const W = new Matrix(4, 4);
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) W.set(i, j, flat[b * 16 + i * 4 + j]!);
      for (const g of gs.testingElements) {
        const lhs = W.mmul(rin.at(g)).to2DArray().flat();
        const rhs = rin.at(g).mmul(W).to2DArray().flat();
        lhs.forEach((v, k) => {
          expect(v).toBeCloseTo(rhs[k]!, 10);
        });
      }
    }
    expect(gs.buildKernelBasis(gs.irrep(1), gs.trivialRepr).dimension).toBe(0);
    expect(() => gs.buildKernelBasis(noBaseSpace(cyclicGroup(3)).trivialRepr, gs.trivialRepr)).toThrow(
      GroupMismatchError,
    );
  });

  it('rejects what is not a group', () => {
    expect(() => noBaseSpace({} as never)).toThrow(InvalidArgumentError);
    expect(() => noBaseSpace(null as never)).toThrow(/noBaseSpace: argument "G"/);
    expect(noBaseSpace(so2Group(2)).irreps).toHaveLength(3);
  });
});
