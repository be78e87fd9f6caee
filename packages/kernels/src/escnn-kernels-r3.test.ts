import {
  cyclicGroup,
  cylinderDiscreteGroup,
  cylinderGroup,
  dihedralGroup,
  fullCylinderDiscreteGroup,
  fullCylinderGroup,
  fullIcoGroup,
  fullOctaGroup,
  type Group,
  GroupMismatchError,
  InvalidArgumentError,
  icoGroup,
  o2Group,
  o3Group,
  octaGroup,
  SteerableError,
  so2Group,
  so3Group,
  trivialGroup,
} from '@steerable/group-theory';
import { describe, expect, it } from 'vitest';
import {
  type KernelsActR3Options,
  kernelsAliasedIcoActR3Dodecahedron,
  kernelsAliasedIcoActR3Icosahedron,
  kernelsAliasedIcoActR3Icosidodecahedron,
  kernelsFullIcoActR3,
  kernelsFullOctaActR3,
  kernelsFullTetraActR3,
  kernelsIcoActR3,
  kernelsO3ActR3,
  kernelsO3SubgroupActR3,
  kernelsOctaActR3,
  kernelsPyritoActR3,
  kernelsSO3ActR3,
  kernelsSO3SubgroupActR3,
  kernelsTetraActR3,
} from './escnn-kernels-r3.js';
import {
  kernelsCNActR3,
  kernelsCylinderActR3,
  kernelsCylinderDiscreteActR3,
  kernelsDNConicalActR3,
  kernelsDNDihedralActR3,
  kernelsFullCylinderActR3,
  kernelsFullCylinderDiscreteActR3,
  kernelsInvActR3,
  kernelsO2ConicalActR3,
  kernelsO2DihedralActR3,
  kernelsSO2ActR3,
  kernelsTrivialActR3,
} from './escnn-kernels-r3-planar.js';
import type { GroupRepresentation } from './point-basis.js';
import { type R3KernelBasis, r3KernelBasis } from './r3-kernel-basis.js';

type KernelsFn = (
  inRepr: GroupRepresentation,
  outRepr: GroupRepresentation,
  radii: readonly number[],
  sigma: number | readonly number[],
  options?: KernelsActR3Options,
) => R3KernelBasis;

const radii = [0, 0.8, 1.6];
const sigma = [0.3, 0.6, 0.6];
const points = [0.3, -1.2, 0.5, 1.5, 0.4, -0.7, -0.2, 0.1, 0.9, 0, 0, 0, 0.6, 0.6, -0.6];

/** escnn's R³ kernel functions, the group they take (ours) and the O(3) subgroup id they build on. */
const CASES: readonly (readonly [string, KernelsFn, () => Group, unknown])[] = [
  ['kernelsIcoActR3', kernelsIcoActR3, icoGroup, [false, 'ico']],
  ['kernelsOctaActR3', kernelsOctaActR3, octaGroup, [false, 'octa']],
  ['kernelsFullIcoActR3', kernelsFullIcoActR3, fullIcoGroup, [true, 'ico']],
  ['kernelsFullOctaActR3', kernelsFullOctaActR3, fullOctaGroup, [true, 'octa']],
  ['kernelsSO2ActR3', kernelsSO2ActR3, () => so2Group(2), [false, false, -1]],
  ['kernelsCNActR3', kernelsCNActR3, () => cyclicGroup(5), [false, false, 5]],
  ['kernelsO2ConicalActR3', kernelsO2ConicalActR3, () => o2Group(2), ['cone', -1]],
  ['kernelsDNConicalActR3', kernelsDNConicalActR3, () => dihedralGroup(4), ['cone', 4]],
  ['kernelsO2DihedralActR3', kernelsO2DihedralActR3, () => o2Group(2), [false, true, -1]],
  ['kernelsDNDihedralActR3', kernelsDNDihedralActR3, () => dihedralGroup(3), [false, true, 3]],
  ['kernelsFullCylinderActR3', kernelsFullCylinderActR3, () => fullCylinderGroup(2), [true, true, -1]],
  [
    'kernelsFullCylinderDiscreteActR3',
    kernelsFullCylinderDiscreteActR3,
    () => fullCylinderDiscreteGroup(3),
    [true, true, 3],
  ],
  ['kernelsCylinderActR3', kernelsCylinderActR3, () => cylinderGroup(2), [true, false, -1]],
  [
    'kernelsCylinderDiscreteActR3',
    kernelsCylinderDiscreteActR3,
    () => cylinderDiscreteGroup(4),
    [true, false, 4],
  ],
  ['kernelsInvActR3', kernelsInvActR3, () => cyclicGroup(2), [true, false, 1]],
  ['kernelsTrivialActR3', kernelsTrivialActR3, trivialGroup, [false, false, 1]],
];

const same = (a: Float64Array, b: Float64Array) => {
  expect(a.length).toBe(b.length);
  let err = 0;
  for (let i = 0; i < a.length; i++) err = Math.max(err, Math.abs(a[i]! - b[i]!));
  expect(err).toBeLessThan(1e-12);
};

describe('escnn kernels_*_act_R3', () => {
  it.each(CASES)(
    '%s is the basis of its subgroup of O(3), maximum frequency 5 by default',
    (_, fn, group, id) => {
      const G = group();
      const irreps = G.irreps();
      const a = irreps[Math.min(1, irreps.length - 1)]!;
      const b = irreps[irreps.length - 1]!;
      const basis = fn(a, b, radii, sigma, { maximumFrequency: 3 });
      const ref = r3KernelBasis(id, a, b, { rings: radii, sigma, maximumFrequency: 3 });
      expect(basis.dimension).toBe(ref.dimension);
      expect(basis.dimension).toBeGreaterThan(0);
      same(basis.sample(points), ref.sample(points));
      expect(fn(a, b, radii, 0.5).params.maximumFrequency).toBe(5);
      expect(fn(a, b, radii, 0.5).params.sigma).toEqual([0.5, 0.5, 0.5]);
    },
  );

  it('kernelsSO3ActR3 / kernelsO3ActR3 default to the sum of the largest irrep frequencies', () => {
    const so3 = so3Group();
    const o3 = o3Group();
    const a = kernelsSO3ActR3(so3.irrep(1), so3.irrep(2), radii, sigma);
    expect(a.params.maximumFrequency).toBe(3);
    same(
      a.sample(points),
      r3KernelBasis('so3', so3.irrep(1), so3.irrep(2), { rings: radii, sigma, maximumFrequency: 3 }).sample(
        points,
      ),
    );
    const b = kernelsO3ActR3(o3.irrep(1, 1), o3.irrep(0, 2), radii, sigma);
    expect(b.params.maximumFrequency).toBe(3);
    expect(b.action.id).toBe('o3');
  });

  it('kernelsSO3SubgroupActR3 and kernelsO3SubgroupActR3 take escnn ids', () => {
    const O = octaGroup();
    const viaSo3 = kernelsSO3SubgroupActR3(O.irrep(1), O.irrep(2), 'octa', radii, sigma, {
      maximumFrequency: 3,
    });
    const viaO3 = kernelsO3SubgroupActR3(O.irrep(1), O.irrep(2), [false, 'octa'], radii, sigma, {
      maximumFrequency: 3,
    });
    same(viaSo3.sample(points), viaO3.sample(points));
    const D4 = dihedralGroup(4);
    // escnn's [θ, N] of SO(3): D_N whose π rotation is about the axis at θ/2
    const tilted = kernelsSO3SubgroupActR3(D4.irrep(1, 1), D4.irrep(1, 1), [Math.PI / 2, 4], radii, sigma);
    expect(tilted.dimension).toBeGreaterThan(0);
    expect(() => kernelsSO3SubgroupActR3(O.irrep(0), O.irrep(0), 'cube', radii, sigma)).toThrow(
      /kernelsSO3SubgroupActR3: argument "sgId"/,
    );
    expect(() => kernelsO3SubgroupActR3(O.irrep(0), O.irrep(0), [true, 'cube'], radii, sigma)).toThrow(
      InvalidArgumentError,
    );
  });

  it('applies the adjoint as escnn’s AdjointBasis: samples at A x', () => {
    const C4 = cyclicGroup(4);
    // the quarter turn about x
    const A = [
      [1, 0, 0],
      [0, 0, -1],
      [0, 1, 0],
    ];
    const plain = kernelsCNActR3(C4.irrep(0), C4.irrep(1), radii, sigma, { maximumFrequency: 3 });
    const turned = kernelsCNActR3(C4.irrep(0), C4.irrep(1), radii, sigma, {
      maximumFrequency: 3,
      adjoint: A,
    });
    const moved: number[] = [];
    for (let q = 0; q < points.length; q += 3) {
      const [x, y, z] = [points[q]!, points[q + 1]!, points[q + 2]!];
      moved.push(x, -z, y);
    }
    same(turned.sample(points), plain.sample(moved));
    expect(() =>
      kernelsCNActR3(C4.irrep(0), C4.irrep(1), radii, sigma, {
        adjoint: [
          [1, 1, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
      }),
    ).toThrow(/must be orthogonal/);
    expect(() =>
      kernelsInvActR3(cyclicGroup(2).irrep(0), cyclicGroup(2).irrep(0), radii, sigma, {
        adjoint: A,
      } as KernelsActR3Options),
    ).toThrow(/options.adjoint/);
  });

  it('refuses representations of another group and escnn’s unimplemented groups', () => {
    const O = octaGroup();
    const I = icoGroup();
    expect(() => kernelsIcoActR3(O.irrep(0), O.irrep(0), radii, sigma)).toThrow(GroupMismatchError);
    expect(() => kernelsOctaActR3(O.irrep(0), I.irrep(0), radii, sigma)).toThrow(GroupMismatchError);
    expect(() => kernelsCNActR3(O.irrep(0), O.irrep(0), radii, sigma)).toThrow(
      /must be a representation of a cyclic group/,
    );
    expect(() =>
      kernelsDNConicalActR3(cyclicGroup(4).irrep(0), cyclicGroup(4).irrep(0), radii, sigma),
    ).toThrow(/dihedral group/);
    expect(() => kernelsTetraActR3(O.irrep(0), O.irrep(0), radii, sigma)).toThrow(InvalidArgumentError);
    expect(() => kernelsFullTetraActR3(O.irrep(0), O.irrep(0), radii, sigma)).toThrow(SteerableError);
    expect(() => kernelsPyritoActR3(O.irrep(0), O.irrep(0), radii, sigma)).toThrow(/does not implement/);
    for (const aliased of [
      kernelsAliasedIcoActR3Dodecahedron,
      kernelsAliasedIcoActR3Icosahedron,
      kernelsAliasedIcoActR3Icosidodecahedron,
    ]) {
      expect(() => aliased(I.irrep(0), I.irrep(1), radii, sigma)).toThrow(/SparseOrbitBasis/);
    }
    const so2 = so2Group(2);
    expect(() => kernelsSO2ActR3(so2.irrep(0), so2.irrep(1), { length: 2 } as never, sigma)).toThrow(/radii/);
  });
});
