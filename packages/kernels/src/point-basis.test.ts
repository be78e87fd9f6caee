import {
  cyclicGroup,
  dihedralGroup,
  type Group,
  o2Group,
  type RepresentationLike,
  so2Group,
} from '@steerable/group-theory';
import { directSum, regularRepresentation } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import { r0KernelBasis, r0LinearBasis } from './point-basis.js';

function checkIntertwiners(G: Group, inRepr: RepresentationLike, outRepr: RepresentationLike) {
  const basis = r0KernelBasis(inRepr, outRepr);
  const W = basis.matrices();
  const O = outRepr.size;
  const I = inRepr.size;
  for (const g of G.testingElements.slice(0, 12)) {
    const rin = inRepr.at(g);
    const rout = outRepr.at(g);
    for (let b = 0; b < basis.dimension; b++) {
      for (let o = 0; o < O; o++)
        for (let i = 0; i < I; i++) {
          let lhs = 0;
          let rhs = 0;
          for (let c = 0; c < I; c++) lhs += W[(b * O + o) * I + c]! * rin.get(c, i);
          for (let c = 0; c < O; c++) rhs += rout.get(o, c) * W[(b * O + c) * I + i]!;
          expect(lhs).toBeCloseTo(rhs, 10);
        }
    }
  }
  return basis;
}

describe('r0KernelBasis (escnn kernels_on_point)', () => {
  it('spans the intertwiners of regular representations: |G| of them', () => {
    for (const G of [cyclicGroup(4), cyclicGroup(5), dihedralGroup(3), dihedralGroup(4)]) {
      const reg = regularRepresentation(G);
      const basis = checkIntertwiners(G, reg, reg);
      expect(basis.dimension).toBe(G.order());
    }
  });

  it('has Schur dimensions: 2 for a complex irrep of SO(2), 1 for a real one, 0 between different irreps', () => {
    const so2 = so2Group(3);
    expect(checkIntertwiners(so2, so2.irrep(2), so2.irrep(2)).dimension).toBe(2);
    expect(checkIntertwiners(so2, so2.irrep(1), so2.irrep(2)).dimension).toBe(0);
    const o2 = o2Group(3);
    expect(checkIntertwiners(o2, o2.irrep(1, 2), o2.irrep(1, 2)).dimension).toBe(1);
  });

  it('orders elements by input irrep, output irrep, endomorphism as escnn', () => {
    const G = cyclicGroup(4);
    const rep = directSum([G.irrep(1), G.irrep(0), G.irrep(1)]);
    const basis = r0KernelBasis(rep, rep);
    expect(basis.attributes.map((a) => [a.inIrrepIndex, a.outIrrepIndex, a.endomorphism])).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [0, 2, 0],
      [0, 2, 1],
      [1, 1, 0],
      [2, 0, 0],
      [2, 0, 1],
      [2, 2, 0],
      [2, 2, 1],
    ]);
  });

  it('builds a Linear layer: normalized blocks, bias on trivial irreps, equivariant expansion', () => {
    const G = cyclicGroup(4);
    const reg = regularRepresentation(G);
    const triv = G.irrep(0);
    const layer = r0LinearBasis([reg, triv], [reg, reg]);
    // regular→regular: 4 per copy, trivial→regular: 1 per copy
    expect(layer.dimension).toBe(2 * 4 + 2 * 1);
    expect(layer.biasSize).toBe(2);
    for (const b of layer.blocks) {
      for (let e = 0; e < b.dimension; e++) {
        let sq = 0;
        for (let q = 0; q < b.outSize * b.inSize; q++) sq += b.sampled[e * b.outSize * b.inSize + q]! ** 2;
        expect(sq).toBeCloseTo(b.attributes[e]!.outIrrepSize, 10);
      }
    }
    const weights = Array.from({ length: layer.dimension }, (_, i) => Math.sin(i + 1));
    const W = layer.expand(weights);
    const g = G.element(1);
    const rin = directSum([reg, triv]).at(g);
    const rout = directSum([reg, reg]).at(g);
    for (let o = 0; o < 8; o++)
      for (let i = 0; i < 5; i++) {
        let lhs = 0;
        let rhs = 0;
        for (let c = 0; c < 5; c++) lhs += W[o * 5 + c]! * rin.get(c, i);
        for (let c = 0; c < 8; c++) rhs += rout.get(o, c) * W[c * 5 + i]!;
        expect(lhs).toBeCloseTo(rhs, 10);
      }
    const bias = layer.expandBias([1, -2]);
    expect([...bias]).toEqual([1, 1, 1, 1, -2, -2, -2, -2].map((v) => expect.closeTo(v / 2, 10)));
  });

  it('rejects representations of different groups', () => {
    expect(() => r0KernelBasis(cyclicGroup(4).irrep(0), cyclicGroup(3).irrep(0))).toThrow(
      /r0KernelBasis: argument "outRepr"/,
    );
    expect(() => r0LinearBasis([], [])).toThrow(/r0LinearBasis: argument "inReprs"/);
  });
});
