import { cyclicGroup, dihedralGroup, o2Group, so2Group, trivialGroup } from '@steerable/group-theory';
import { regularRepresentation } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import {
  kernelsCNActR2,
  kernelsDNActR2,
  kernelsFlipActR2,
  kernelsO2ActR2,
  kernelsSO2ActR2,
  kernelsTrivialActR2,
} from './escnn-kernels.js';
import { r2KernelBasis } from './kernel-basis.js';

const points = [0.3, -1.2, 1.5, 0.4, -0.7, -0.2, 0, 0];
const same = (a: Float64Array, b: Float64Array) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 12);
};

describe('escnn kernels_*_act_R2', () => {
  const radii = [0, 1, 2];
  const sigma = [0.3, 0.6, 0.6];

  it('kernelsCNActR2 / SO2 / Trivial are the gspaces’ bases of [null, N]', () => {
    const C4 = cyclicGroup(4);
    const reg = regularRepresentation(C4);
    const a = kernelsCNActR2(reg, C4.irrep(1), radii, sigma, { maximumFrequency: 3 });
    same(
      a.sample(points),
      r2KernelBasis([null, 4], reg, C4.irrep(1), { rings: radii, sigma, maximumFrequency: 3 }).sample(points),
    );
    const so2 = so2Group(3);
    const b = kernelsSO2ActR2(so2.irrep(1), so2.irrep(2), radii, 0.5);
    expect(b.params.maximumFrequency).toBe(3);
    const t = trivialGroup();
    expect(kernelsTrivialActR2(t.irrep(0), t.irrep(0), radii, sigma, { maximumFrequency: 2 }).dimension).toBe(
      3 * 5,
    );
  });

  it('kernelsDNActR2 with the default axis π/2 is flipRot2dOnR2’s basis, [π, N]', () => {
    const D4 = dihedralGroup(4);
    const reg = regularRepresentation(D4);
    const a = kernelsDNActR2(D4.irrep(1, 1), reg, radii, sigma, { maximumFrequency: 4 });
    const b = r2KernelBasis([Math.PI, 4], D4.irrep(1, 1), reg, { rings: radii, sigma, maximumFrequency: 4 });
    expect(a.sgId).toEqual([Math.PI, 4]);
    same(a.sample(points), b.sample(points));
    const O2 = o2Group(3);
    expect(kernelsO2ActR2(O2.irrep(1, 1), O2.irrep(1, 2), radii, sigma).sgId).toEqual([Math.PI, -1]);
    const C2 = cyclicGroup(2);
    expect(
      kernelsFlipActR2(C2.irrep(0), C2.irrep(1), radii, sigma, { maximumFrequency: 2, axis: 0 }).sgId,
    ).toEqual([0, 1]);
  });

  it('applies maxOffset and filter', () => {
    const C4 = cyclicGroup(4);
    const all = kernelsCNActR2(C4.irrep(0), C4.irrep(1), radii, sigma, { maximumFrequency: 7 });
    const t0 = kernelsCNActR2(C4.irrep(0), C4.irrep(1), radii, sigma, { maximumFrequency: 7, maxOffset: 0 });
    expect(all.attributes.map((a) => a.frequency)).toContain(3);
    expect(t0.attributes.every((a) => a.frequency === 1)).toBe(true);
    const f = kernelsCNActR2(C4.irrep(0), C4.irrep(1), radii, sigma, {
      maximumFrequency: 7,
      filter: (a) => a.radius > 0,
    });
    expect(f.dimension).toBe(all.attributes.filter((a) => a.radius > 0).length);
    expect(f.attributes.map((a) => a.index)).toEqual(f.attributes.map((_, i) => i));
  });

  it('refuses representations of the wrong group or a missing maximum frequency', () => {
    const C4 = cyclicGroup(4);
    expect(() => kernelsDNActR2(C4.irrep(0), C4.irrep(0), radii, sigma, { maximumFrequency: 2 })).toThrow(
      /kernelsDNActR2: argument "inRepr" must be of a dihedral group, got "C4"/,
    );
    expect(() => kernelsCNActR2(C4.irrep(0), C4.irrep(0), radii, sigma)).toThrow(
      /argument "options.maximumFrequency"/,
    );
    expect(() =>
      kernelsCNActR2(C4.irrep(0), cyclicGroup(3).irrep(0), radii, sigma, { maximumFrequency: 1 }),
    ).toThrow(/belongs to C3, expected C4/);
  });
});
