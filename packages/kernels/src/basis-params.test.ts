import { describe, expect, it } from 'vitest';
import { computeBasisParams, keepElement } from './basis-params.js';
import type { BasisElementAttributes } from './kernel-basis.js';

const attr = (frequency: number, radius: number, subgroupIrrepFrequency = 0): BasisElementAttributes => ({
  index: 0,
  harmonic: [frequency > 0 ? 1 : 0, frequency],
  frequency,
  radius,
  sigma: 0.6,
  radialIndex: 0,
  subgroupIrrep: [subgroupIrrepFrequency],
  subgroupIrrepFrequency,
  endomorphism: 0,
  multiplicity: 0,
  copy: 0,
  inIrrep: [0],
  outIrrep: [0],
  inIrrepIndex: 0,
  outIrrepIndex: 0,
  outIrrepSize: 1,
});

describe('computeBasisParams (escnn compute_basis_params)', () => {
  it('uses escnn defaults: ceil(k/2) rings, widths 0.6 / 0.4 / 0.005, manual band limit', () => {
    const p3 = computeBasisParams(3);
    expect(p3.rings).toEqual([0, 1]);
    expect(p3.sigma).toEqual([0.005, 0.4]);
    expect(p3.maximumFrequency).toBe(2);
    const p7 = computeBasisParams(7);
    expect(p7.rings).toEqual([0, 1, 2, 3]);
    expect(p7.sigma).toEqual([0.005, 0.6, 0.6, 0.4]);
    // _manual_fco1(3): 0, min(2, 2) = 2, min(4, 3) = 3, outer ring 2
    expect([0, 1, 2, 3].map(p7.frequencyCutoff)).toEqual([0, 2, 3, 2]);
    expect(p7.maximumFrequency).toBe(3);
    const p4 = computeBasisParams(4);
    expect(p4.rings).toEqual([0, 1]);
    expect(p4.maximumFrequency).toBe(2);
    const p5 = computeBasisParams(5);
    expect([0, 1, 2].map(p5.frequencyCutoff)).toEqual([0, 2, 2]);
  });

  it('takes escnn overrides: scalar sigma, a cutoff factor or function, rings, dilation', () => {
    const p = computeBasisParams(5, { sigma: 0.8, frequenciesCutoff: 2 });
    expect(p.sigma).toEqual([0.8, 0.8, 0.8]);
    expect(p.maximumFrequency).toBe(4);
    expect(p.frequencyCutoff(1.5)).toBe(3);
    const q = computeBasisParams(5, {
      rings: [0.5, 1.5],
      sigma: [0.3, 0.4],
      frequenciesCutoff: (r) => r + 1,
    });
    expect(q.rings).toEqual([0.5, 1.5]);
    expect(q.maximumFrequency).toBe(2);
    expect(computeBasisParams(3, { dilation: 2 }).rings).toEqual([0, 2]);
  });

  it('rejects bad arguments, naming function, argument and value', () => {
    expect(() => computeBasisParams(0)).toThrow(
      /computeBasisParams: argument "kernelSize" must be a positive integer, got 0/,
    );
    expect(() => computeBasisParams(3, { rings: [5] })).toThrow(/argument "rings"/);
    expect(() => computeBasisParams(5, { sigma: [0.5] })).toThrow(/argument "sigma"/);
    expect(() => computeBasisParams(5, { sigma: -1 })).toThrow(/argument "sigma"/);
    expect(() => computeBasisParams(5, { frequenciesCutoff: Number.NaN })).toThrow(
      /argument "frequenciesCutoff"/,
    );
    expect(() => computeBasisParams(5, { maximumOffset: 1.5 })).toThrow(/argument "maximumOffset"/);
    expect(() => computeBasisParams(5, { dilation: 0 })).toThrow(/argument "dilation"/);
  });
});

describe('keepElement (escnn bandlimiting_filter)', () => {
  it('keeps |frequency| ≤ cutoff(radius) and applies the user filter', () => {
    const p = computeBasisParams(5);
    expect(keepElement(p, attr(0, 0), 4)).toBe(true);
    expect(keepElement(p, attr(1, 0), 4)).toBe(false);
    expect(keepElement(p, attr(2, 1), 4)).toBe(true);
    expect(keepElement(p, attr(3, 1), 4)).toBe(false);
    const q = computeBasisParams(5, { basisFilter: (a) => a.radius > 0 });
    expect(keepElement(q, attr(0, 0), 4)).toBe(false);
    expect(keepElement(q, attr(0, 1), 4)).toBe(true);
  });

  it('bounds the aliasing offset t (frequency = ±irrep frequency + t·N) with maximumOffset', () => {
    const p = computeBasisParams(7, { frequenciesCutoff: 10, maximumOffset: 0 });
    expect(keepElement(p, attr(1, 1, 1), 4)).toBe(true);
    expect(keepElement(p, attr(3, 1, 1), 4)).toBe(false); // 3 = -1 + 1·4
    const q = computeBasisParams(7, { frequenciesCutoff: 10, maximumOffset: 1 });
    expect(keepElement(q, attr(3, 1, 1), 4)).toBe(true);
    expect(keepElement(q, attr(9, 1, 1), 4)).toBe(false); // t = 2
  });
});
