import {
  cyclicGroup,
  GroupMismatchError,
  InvalidArgumentError,
  UnknownSubgroupError,
} from '@steerable/group-theory';
import { flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { restrict } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import { FieldType } from './field-type.js';

const c4 = rot2dOnR2(4);
const c8 = rot2dOnR2(8);
const d4 = flipRot2dOnR2(4);

describe('FieldType', () => {
  const t = new FieldType(c4, [c4.regularRepr, c4.regularRepr, c4.irrep(1), c4.trivialRepr]);

  it('sizes, fields and escnn’s printout', () => {
    expect(t.size).toBe(4 + 4 + 2 + 1);
    expect(t.length).toBe(4);
    expect(t.fieldsStart).toEqual([0, 4, 8, 10]);
    expect(t.fieldsEnd).toEqual([4, 8, 10, 11]);
    expect(t.fieldsNames).toEqual(['regular', 'regular', 'irrep_1', 'irrep_0']);
    expect(String(t)).toBe('[C4_on_R2[(None, 4)]: {regular (x2), irrep_1 (x1), irrep_0 (x1)}(11)]');
    expect(t.uniform).toBe(false);
    expect(new FieldType(c4, [c4.regularRepr, c4.regularRepr]).uniform).toBe(true);
    expect([...t]).toEqual(t.representations);
    expect(Object.isFrozen(t.representations)).toBe(true);
    expect(t.testingElements).toBe(c4.testingElements);
    expect(t.fibergroup).toBe(c4.fibergroup);
  });

  it('irreps and change of basis are the concatenation / block diagonal of the fields’', () => {
    // C4's regular representation decomposes into irreps 0, 1 (2-dim), 2
    expect(t.irreps).toEqual([[0], [1], [2], [0], [1], [2], [1], [0]]);
    const q = t.changeOfBasis;
    const qInv = t.changeOfBasisInv;
    expect(q.rows).toBe(11);
    const prod = q.mmul(qInv);
    for (let i = 0; i < 11; i++)
      for (let j = 0; j < 11; j++) expect(prod.get(i, j)).toBeCloseTo(i === j ? 1 : 0, 12);
    // blocks: off-diagonal blocks between fields vanish
    expect(q.get(0, 5)).toBe(0);
    const reg = c4.regularRepr.changeOfBasis;
    expect(q.subMatrix(4, 7, 4, 7).to2DArray()).toEqual(reg.to2DArray());
  });

  it('fiberRepresentation is ⊕ ρ_i(g) and equals the direct-sum representation at g', () => {
    for (const g of c4.testingElements) {
      const m = t.fiberRepresentation(g);
      const whole = t.representation.at(g);
      for (let i = 0; i < 11; i++)
        for (let j = 0; j < 11; j++) expect(m.get(i, j)).toBeCloseTo(whole.get(i, j), 12);
      const irr = c4.irrep(1).at(g);
      expect(m.subMatrix(8, 9, 8, 9).to2DArray()).toEqual(irr.to2DArray());
    }
    expect(t.representation.name).toBe("FiberRepresentation:[11], [['irrep_0', 'irrep_1', 'regular']]");
    expect(() => t.fiberRepresentation(d4.fibergroup.identity)).toThrow(GroupMismatchError);
  });

  it('concat, indexSelect, sorted and groupByLabels build new types like escnn', () => {
    const u = new FieldType(c4, [c4.irrep(2)]);
    expect(String(t.concat(u))).toBe(
      '[C4_on_R2[(None, 4)]: {regular (x2), irrep_1 (x1), irrep_0 (x1), irrep_2 (x1)}(12)]',
    );
    expect(t.indexSelect([3, 0, 0]).fieldsNames).toEqual(['irrep_0', 'regular', 'regular']);
    expect(t.sorted().fieldsNames).toEqual(['irrep_0', 'irrep_1', 'regular', 'regular']);
    const groups = t.groupByLabels(['a', 'b', 'a', 'c']);
    expect([...groups.keys()]).toEqual(['a', 'b', 'c']);
    expect(groups.get('a')!.fieldsNames).toEqual(['regular', 'irrep_1']);
    expect(() => t.concat(new FieldType(c8, [c8.regularRepr]))).toThrow(InvalidArgumentError);
    expect(() => t.indexSelect([4])).toThrow(/\[0, 4\)/);
    expect(() => t.groupByLabels(['a'])).toThrow(InvalidArgumentError);
  });

  it('equals compares gspace and representations', () => {
    expect(t.equals(new FieldType(c4, [...t.representations]))).toBe(true);
    expect(t.equals(new FieldType(rot2dOnR2(4), [...t.representations]))).toBe(true);
    expect(t.equals(t.indexSelect([1, 0, 2, 3]))).toBe(true); // the two regular fields are equal
    expect(t.equals(t.indexSelect([2, 0, 1, 3]))).toBe(false);
    expect(t.equals(t.indexSelect([0, 1, 2]))).toBe(false);
  });

  it('restrict maps every field to the subgroup’s gspace', () => {
    const r = new FieldType(c8, [c8.regularRepr, c8.irrep(3)]).restrict(4);
    expect(r.gspace.name).toBe('C4_on_R2[(None, 4)]');
    expect(r.size).toBe(10);
    expect(restrict(c8.regularRepr, 4).equals(r.representations[0]!)).toBe(true);
    // irrep 3 of C8 restricts to irrep 1 of C4 (3 ≡ -1 mod 4, escnn keeps the frequency sign in the basis)
    expect(r.irreps.slice(-1)[0]).toEqual([1]);
    const dr = new FieldType(d4, [d4.regularRepr]).restrict([null, 4]);
    expect(dr.gspace.name).toBe('C4_on_R2[(None, 4)]');
    expect(() => t.restrict(3)).toThrow(UnknownSubgroupError);
  });

  it('lives on R⁰ too', () => {
    const gs = noBaseSpace(cyclicGroup(3));
    const u = new FieldType(gs, [gs.regularRepr, gs.trivialRepr]);
    expect(u.size).toBe(4);
    expect(String(u)).toBe('[C3: {regular (x1), irrep_0 (x1)}(4)]');
  });

  it('rejects bad arguments with typed errors', () => {
    expect(() => new FieldType(c4, [])).toThrow(InvalidArgumentError);
    expect(() => new FieldType(c4, [c8.regularRepr])).toThrow(/representation of C4/);
    expect(() => new FieldType(null as never, [c4.regularRepr])).toThrow(/gspace/);
    expect(() => new FieldType(c4, [{} as never])).toThrow(/representations\[0\]/);
  });
});
