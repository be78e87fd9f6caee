import { describe, expect, it } from 'vitest';
import { irrepPairBasis } from './wigner-eckart.js';

describe('irrepPairBasis (Wigner–Eckart solver)', () => {
  it('gives the E(2)-CNN solution counts: SO(2) k→k has frequencies 0 and 2k, two each', () => {
    const b = irrepPairBasis([null, -1], [1], [1], 4);
    expect(b.solutions.map((s) => s.harmonic[1])).toEqual([0, 0, 2, 2]);
    // frequency 0: the trivial irrep twice in ψ_1 ⊗ ψ_1 (escnn's s); frequency 2: ψ_2, complex, two endomorphisms
    expect(b.solutions.map((s) => s.multiplicity)).toEqual([0, 1, 0, 0]);
    expect(b.solutions.map((s) => s.endomorphism)).toEqual([0, 0, 0, 1]);
    expect(b.phase).toBeCloseTo(Math.PI / 2, 15);
  });

  it('aliases frequencies modulo N for C_N: trivial→trivial of C4 has frequencies 0 and 4', () => {
    const b = irrepPairBasis([null, 4], [0], [0], 5);
    expect(b.solutions.map((s) => s.harmonic[1])).toEqual([0, 4, 4]);
  });

  it('halves the solutions with reflections: O(2) trivial→(1,1) has one solution per frequency-1 harmonic', () => {
    const b = irrepPairBasis([Math.PI, -1], [0, 0], [1, 1], 3);
    expect(b.solutions.map((s) => s.harmonic[1])).toEqual([1]);
    expect(b.solutions[0]!.coefficients.length).toBe(2 * 1 * 2);
  });

  it('rejects irreps the group does not have', () => {
    expect(() => irrepPairBasis([null, 4], [3], [0], 2)).toThrow(/irrepPairBasis: argument "inIrrep"/);
    expect(() => irrepPairBasis([Math.PI, 4], [0, 0], [1], 2)).toThrow(/argument "outIrrep"/);
    expect(() => irrepPairBasis([null, 4], [0], [0], -1)).toThrow(/argument "maximumFrequency"/);
  });
});
