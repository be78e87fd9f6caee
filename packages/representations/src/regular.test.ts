import {
  cyclicGroup,
  dihedralGroup,
  type Group,
  InvalidArgumentError,
  o2Group,
  so2Group,
} from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { blRegularRepresentation, regularPermutation, regularRepresentation } from './index.js';
import { loadGroupsFixture } from './test-utils.js';

const fixture = loadGroupsFixture();

const finite: [string, () => Group][] = [
  ['C4', () => cyclicGroup(4)],
  ['C8', () => cyclicGroup(8)],
  ['D4', () => dihedralGroup(4)],
];

describe.each(finite)('regular representation of %s against escnn', (key, make) => {
  const G = make();
  const ref = fixture.groups[key]!;
  const reg = regularRepresentation(G);

  it('uses escnn element order', () => {
    expect(G.elements.map((e) => e.value)).toEqual(ref.element_order);
  });

  it('decomposes into escnn irreps, same order and multiplicities', () => {
    expect(reg.size).toBe(ref.regular_representation!.size);
    expect(reg.irreps.map((id) => [...id])).toEqual(ref.regular_representation!.irreps);
    expect(reg.name).toBe('regular');
  });

  it('equals escnn matrices and permutations at the fixture elements', () => {
    for (const el of ref.elements) {
      const g = G.element(el.escnn_value);
      expect(reg.at(g).to2DArray()).toEqual(el.regular_matrix);
      expect(regularPermutation(g)).toEqual(el.regular_perm);
      // and the irreps decomposition reproduces the same matrix
      const viaIrreps = reg.changeOfBasis.mmul(reg.blocks(g)).mmul(reg.changeOfBasisInv);
      expect(maxAbsDifference(viaIrreps, new Matrix(el.regular_matrix!))).toBeLessThan(1e-12);
    }
  });

  it('has an orthogonal change of basis built from irrep entries (escnn formula)', () => {
    const q = reg.changeOfBasis;
    expect(maxAbsDifference(q.mmul(q.transpose()), Matrix.eye(reg.size))).toBeLessThan(1e-12);
    // row of the identity: sqrt(d/|G|) on the first diagonal entries of every irrep block (escnn's vector v)
    const row = q.getRow(G.elements.findIndex((e) => e.isIdentity()));
    let p = 0;
    const expected: number[] = [];
    const seen = new Map<string, number>();
    for (const irr of reg.irrepInstances) {
      const k = irr.id.join(',');
      const a = seen.get(k) ?? 0;
      seen.set(k, a + 1);
      for (let b = 0; b < irr.size; b++) expected.push(a === b ? Math.sqrt(irr.size / reg.size) : 0);
      p += irr.size;
    }
    expect(p).toBe(reg.size);
    row.forEach((x, i) => {
      expect(x).toBeCloseTo(expected[i]!, 12);
    });
  });
});

describe('C4 regular change of basis', () => {
  it('equals the matrix escnn builds', () => {
    // escnn: Q[g, :] = (⊕ psi(g)) v / 2 with v = [1, √2, 0, 1]
    const s = Math.SQRT1_2;
    const expected = new Matrix([
      [0.5, s, 0, 0.5],
      [0.5, 0, s, -0.5],
      [0.5, -s, 0, 0.5],
      [0.5, 0, -s, -0.5],
    ]);
    expect(maxAbsDifference(regularRepresentation(cyclicGroup(4)).changeOfBasis, expected)).toBeLessThan(
      1e-12,
    );
  });
});

describe('supported nonlinearities and errors', () => {
  it('regular representations support pointwise nonlinearities (cyclic ones also vectorfield)', () => {
    const c = regularRepresentation(cyclicGroup(3)).supportedNonlinearities;
    expect([...c].sort()).toEqual(['concatenated', 'gated', 'norm', 'pointwise', 'vectorfield']);
    const d = regularRepresentation(dihedralGroup(3)).supportedNonlinearities;
    expect(d.has('pointwise')).toBe(true);
    expect(d.has('vectorfield')).toBe(false);
  });

  it('rejects continuous groups', () => {
    expect(() => regularRepresentation(so2Group(3))).toThrow(InvalidArgumentError);
    expect(() => regularPermutation(so2Group(3).identity)).toThrow(InvalidArgumentError);
  });

  it('building twice gives equal objects', () => {
    expect(regularRepresentation(dihedralGroup(3)).equals(regularRepresentation(dihedralGroup(3)))).toBe(
      true,
    );
  });
});

describe('band-limited regular representations', () => {
  it('SO(2): psi_0 ⊕ … ⊕ psi_L', () => {
    const r = blRegularRepresentation(so2Group(5), 3);
    expect(r.name).toBe('regular_3');
    expect(r.irreps.map((id) => [...id])).toEqual([[0], [1], [2], [3]]);
    expect(r.size).toBe(7);
  });

  it('O(2): psi_00 ⊕ psi_10 ⊕ psi_11² ⊕ psi_12²', () => {
    const r = blRegularRepresentation(o2Group(5), 2);
    expect(r.irreps.map((id) => [...id])).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [1, 1],
      [1, 2],
      [1, 2],
    ]);
    expect(r.size).toBe(10);
    expect(r.changeOfBasis.to2DArray()).toEqual(Matrix.eye(10).to2DArray());
  });

  it('rejects finite groups and bad frequencies', () => {
    expect(() => blRegularRepresentation(cyclicGroup(4), 1)).toThrow(InvalidArgumentError);
    expect(() => blRegularRepresentation(so2Group(3), -1)).toThrow(InvalidArgumentError);
    expect(() => blRegularRepresentation(so2Group(3), 1.5)).toThrow(InvalidArgumentError);
  });
});
