/**
 * escnn's own checks of HomSpace (its `_unit_test_basis` / `_unit_test_full_basis`) as properties, on planar
 * and spatial homogeneous spaces.
 */
import {
  cyclicGroup,
  cylinderGroup,
  dihedralGroup,
  fullCylinderDiscreteGroup,
  fullCylinderGroup,
  fullOctaGroup,
  type Group,
  icoGroup,
  o2Group,
  o3Group,
  octaGroup,
  so2Group,
  so3Group,
} from '@steerable/group-theory';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { HomSpace, restrict } from './index.js';
import { FC_PARAMS, knownSubgroups, MAX_SEED, sampleElement } from './test-utils.js';

const TOL = 1e-9;
const params = { ...FC_PARAMS, numRuns: Math.min(FC_PARAMS.numRuns, 10) };

function contract(m: Matrix, b: number[][][]): number[][][] {
  // (M · B)[o][j][p] = Σ_i M[o][i] B[i][j][p]
  return b.map((_, o) =>
    b[0]!.map((__, j) =>
      b[0]![0]!.map((___, p) => b.reduce((acc, row, i) => acc + m.get(o, i) * row[j]![p]!, 0)),
    ),
  );
}

function rightMul(b: number[][][], m: Matrix): number[][][] {
  return b.map((row) => row.map((v) => v.map((_, q) => v.reduce((acc, x, p) => acc + x * m.get(p, q), 0))));
}

function close(a: number[][][], b: number[][][]): boolean {
  return a.every((x, i) => x.every((y, j) => y.every((z, k) => Math.abs(z - b[i]![j]![k]!) < TOL)));
}

const spaces: [string, Group, unknown][] = [
  ['C8/C2', cyclicGroup(8), 2],
  ['D4/C4', dihedralGroup(4), [null, 4]],
  ['D4/flips', dihedralGroup(4), [1, 1]],
  ['D6/D3', dihedralGroup(6), [1, 3]],
  ['SO(2)/C3', so2Group(4), 3],
  ['O(2)/SO(2)', o2Group(3), [null, -1]],
  ['O(2)/flips', o2Group(3), [0.4, 1]],
  ['O(2)/D2', o2Group(3), [0, 2]],
  ['Octahedral/C1', octaGroup(), [false, 1]],
  ['Octahedral/Octahedral', octaGroup(), 'octa'],
  ['SO(3)/C1', so3Group(2), [false, 1]],
  ['O(3)/O(3)', o3Group(1), 'o3'],
  ['FullOctahedral/Octahedral', fullOctaGroup(), [1, 'octa']],
  ['C2×SO(2)/SO(2)', cylinderGroup(2), [1, -1]],
  ['C2×D3/D3', fullCylinderDiscreteGroup(3), [1, [0, 3]]],
  ['C2×O(2)/C2×D2', fullCylinderGroup(2), [2, [0, 2]]],
  // escnn's spheres and polyhedral stabilizers, covered once the groups implement these subgroup ids
  ...(
    [
      ['SO(3)/SO(2)', so3Group(2), [false, -1]],
      ['SO(3)/O(2)', so3Group(2), [true, -1]],
      ['O(3)/O(2) (cone)', o3Group(2), ['cone', -1]],
      ['O(3)/SO(3)', o3Group(2), 'so3'],
      ['Octahedral/C4', octaGroup(), [false, 4]],
      ['Icosahedral/C5', icoGroup(), [false, 5]],
    ] as [string, Group, unknown][]
  ).filter(([, G, id]) => knownSubgroups(G, [id]).length === 1),
];

describe.each(spaces)('HomSpace %s', (_name, G, id) => {
  const X = new HomSpace(G, id);
  const g = fc.integer({ min: 0, max: MAX_SEED }).map(sampleElement(G));
  const h = fc.integer({ min: 0, max: MAX_SEED }).map(sampleElement(X.H));

  it('bases are equivariant: B(g2) = rho(g2 g1^-1) B(g1)', () => {
    for (const rho of G.irreps()) {
      for (const psi of X.H.irreps()) {
        fc.assert(
          fc.property(g, g, (g1, g2) => {
            const b1 = X.basis(g1, rho, psi);
            const b2 = X.basis(g2, rho, psi);
            return close(b2, contract(rho.at(g2.combine(g1.inverse())), b1));
          }),
          params,
        );
      }
    }
  });

  it('bases are Mackey functions: B(g) psi(h) = rho(g) Res rho(h) rho(g)^T B(g)', () => {
    for (const rho of G.irreps()) {
      const rhoH = restrict(rho, id);
      for (const psi of X.H.irreps()) {
        expect(X.basis(G.identity, rho, psi).length).toBe(rho.size);
        expect(X.dimensionBasis(rho, psi)[1]).toBe(X.diracKernelFt(rho, psi)[0]?.length ?? 0);
        fc.assert(
          fc.property(g, h, (x, y) => {
            const b = X.basis(x, rho, psi);
            const rg = rho.at(x);
            const lhs = rightMul(b, psi.at(y));
            const rhs = contract(rg.mmul(rhoH.at(y)).mmul(rg.transpose()), b);
            return close(lhs, rhs);
          }),
          params,
        );
      }
    }
  });

  it('Frobenius reciprocity: Σ_rho dim(rho)·m(rho, psi) = [G:H]·dim(psi) for finite groups', () => {
    if (G.order() < 0) return;
    for (const psi of X.H.irreps()) {
      const total = G.irreps().reduce((s, rho) => s + rho.size * X.dimensionBasis(rho, psi)[1], 0);
      expect(total).toBe((G.order() / X.H.order()) * psi.size);
    }
  });

  it('complete bases transform with the induced representation', () => {
    const irreps = G.irreps();
    for (const psi of X.H.irreps()) {
      const ind = X.inducedRepresentation(psi, irreps);
      if (ind === null) {
        expect(X.completeBasis(G.identity, psi, irreps).length).toBe(0);
        continue;
      }
      fc.assert(
        fc.property(g, g, (g1, g2) => {
          const k1 = Matrix.columnVector([...X.completeBasis(g1, psi, irreps)]);
          const k2 = Matrix.columnVector([...X.completeBasis(g2, psi, irreps)]);
          const pred = ind.at(g2.combine(g1.inverse())).mmul(k1);
          return pred.to1DArray().every((v, i) => Math.abs(v - k2.get(i, 0)) < TOL);
        }),
        params,
      );
    }
  });

  it('cosets: g and g·h lie in the same coset, the representatives of finite groups do not', () => {
    fc.assert(
      fc.property(g, h, (x, y) => X.sameCoset(x, x.combine(X.inclusion(y)))),
      params,
    );
  });
});

describe('HomSpace names', () => {
  it('names induced representations as escnn does', () => {
    const X = new HomSpace(dihedralGroup(4), [null, 4]);
    const ind = X.inducedRepresentation(
      [1],
      [
        [0, 0],
        [1, 1],
      ],
    );
    expect(ind?.name).toBe('induced[(None, 4)]_[(1,)]_[(0, 0)|(1, 1)]');
    // Res psi_{1,1} = psi_1 of C4, complex type: m = 1 · 2 / 1, so Ind psi_1 = psi_{1,1}² (index 2 × dim 2)
    expect(ind?.irreps.map((i) => i.join(','))).toEqual(['1,1', '1,1']);
    expect(new HomSpace(o2Group(3), [0, 1]).inducedRepresentation([0], [[1, 1]])?.name).toBe(
      'induced[(0.0, 1)]_[(0,)]_[(1, 1)]',
    );
    expect(X.toString()).toBe('D4/C4');
  });
});
