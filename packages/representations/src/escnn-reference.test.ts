/**
 * Our constructions against escnn 1.0.13's own output (fixtures/escnn-representations.json, see
 * fixtures/README.md): names, irreps in order, change of basis entry by entry, nonlinearities.
 */
import { readFileSync } from 'node:fs';
import { cyclicGroup, dihedralGroup, type Group, o2Group, so2Group } from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  blQuotientRepresentation,
  blRegularRepresentation,
  disentangle,
  HomSpace,
  homomorphismBasis,
  inducedRepresentation,
  quotientRepresentation,
  type Representation,
  regularRepresentation,
  restrict,
  spectralQuotientRepresentation,
  spectralRegularRepresentation,
  tensorProduct,
} from './index.js';

interface GroupSpec {
  family: 'cyclic' | 'dihedral' | 'so2' | 'o2';
  N?: number;
  maximum_frequency?: number;
}
interface RepDump {
  name: string;
  size: number;
  irreps: number[][];
  change_of_basis: number[][];
  supported_nonlinearities: string[];
}
interface Case extends RepDump {
  kind: string;
  group: GroupSpec;
  args: {
    irreps?: number[][];
    subgroup?: unknown;
    psi?: number[];
    irrep?: number[];
    rep?: string;
    left?: number[] | string;
    right?: number[];
    L?: number;
  };
}
interface Fixture {
  representations: Case[];
  homspaces: {
    group: GroupSpec;
    subgroup: unknown;
    rho: number[];
    psi: number[];
    shape: number[];
    basis: number[][][];
  }[];
  disentangle: { group: GroupSpec; subgroup: unknown; permutation: number[][]; blocks: RepDump[] }[];
  homomorphisms: { group: GroupSpec; in: string; out: string; basis: number[][][] }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/escnn-representations.json', import.meta.url), 'utf8'),
) as Fixture;

function makeGroup(spec: GroupSpec): Group {
  switch (spec.family) {
    case 'cyclic':
      return cyclicGroup(spec.N!);
    case 'dihedral':
      return dihedralGroup(spec.N!);
    case 'so2':
      return so2Group(spec.maximum_frequency!);
    default:
      return o2Group(spec.maximum_frequency!);
  }
}

function groupLabel(spec: GroupSpec): string {
  return spec.family === 'cyclic' ? `C${spec.N}` : spec.family === 'dihedral' ? `D${spec.N}` : spec.family;
}

function build(c: Case): Representation {
  const G = makeGroup(c.group);
  const a = c.args;
  switch (c.kind) {
    case 'regular':
      return regularRepresentation(G);
    case 'bl_regular':
      return blRegularRepresentation(G, a.L!);
    case 'quotient':
      return quotientRepresentation(G, a.subgroup);
    case 'induced':
      return inducedRepresentation(G, a.subgroup, G.subgroup(a.subgroup).subgroup.irrep(...a.psi!));
    case 'restrict':
      return restrict(a.rep === 'regular' ? regularRepresentation(G) : G.irrep(...a.irrep!), a.subgroup);
    case 'tensor':
      return tensorProduct(
        a.left === 'regular' ? regularRepresentation(G) : G.irrep(...(a.left as number[])),
        G.irrep(...a.right!),
      );
    case 'spectral_regular':
      return spectralRegularRepresentation(G, a.irreps!);
    case 'spectral_quotient':
      return spectralQuotientRepresentation(G, a.subgroup, a.irreps!);
    case 'bl_quotient':
      return blQuotientRepresentation(G, a.L!, a.subgroup);
    default:
      throw new Error(`unknown kind ${c.kind}`);
  }
}

function expectSameRep(ours: Representation, ref: RepDump): void {
  expect(ours.name).toBe(ref.name);
  expect(ours.size).toBe(ref.size);
  expect(ours.irreps.map((id) => [...id])).toEqual(ref.irreps);
  expect(maxAbsDifference(ours.changeOfBasis, new Matrix(ref.change_of_basis))).toBeLessThan(1e-9);
  expect([...ours.supportedNonlinearities].sort()).toEqual([...ref.supported_nonlinearities].sort());
}

const byKind = new Map<string, Case[]>();
for (const c of fixture.representations) {
  const key = c.kind === 'tensor' && c.group.family === 'o2' ? 'tensor (O(2))' : c.kind;
  byKind.set(key, [...(byKind.get(key) ?? []), c]);
}

/**
 * Tensor products of dihedral and O(2) irreps: escnn computes their Clebsch–Gordan coefficients numerically
 * (an SVD null space), so each irrep block of its change of basis carries an arbitrary sign; ours come from
 * group-theory's `clebschGordan`. The assembly is checked exactly for cyclic groups and SO(2) (closed forms) and
 * up to one sign per irrep block here.
 */
function expectSameUpToBlockSigns(ours: Representation, ref: RepDump): void {
  expect(ours.name).toBe(ref.name);
  expect(ours.irreps.map((id) => [...id])).toEqual(ref.irreps);
  const q = ours.changeOfBasis;
  const r = new Matrix(ref.change_of_basis);
  let col = 0;
  for (const irr of ours.irrepInstances) {
    const block = q.subMatrix(0, q.rows - 1, col, col + irr.size - 1);
    const refBlock = r.subMatrix(0, r.rows - 1, col, col + irr.size - 1);
    const d = Math.min(maxAbsDifference(block, refBlock), maxAbsDifference(block.clone().mul(-1), refBlock));
    expect(d).toBeLessThan(1e-9);
    col += irr.size;
  }
  expect([...ours.supportedNonlinearities].sort()).toEqual([...ref.supported_nonlinearities].sort());
}

describe.each([...byKind.keys()])('%s representations equal escnn', (kind) => {
  const cases = byKind.get(kind)!;
  it.each(cases.map((c) => [`${groupLabel(c.group)} ${JSON.stringify(c.args)}`, c] as const))(
    '%s',
    (_label, c) => {
      const ours = build(c);
      if (c.kind === 'tensor' && (c.group.family === 'dihedral' || c.group.family === 'o2')) {
        expectSameUpToBlockSigns(ours, c);
      } else {
        expectSameRep(ours, c);
      }
    },
  );
});

describe('HomSpace basis at the identity equals escnn _dirac_kernel_ft', () => {
  it.each(
    fixture.homspaces.map(
      (h) => [`${groupLabel(h.group)}/${JSON.stringify(h.subgroup)} rho=${h.rho} psi=${h.psi}`, h] as const,
    ),
  )('%s', (_label, h) => {
    const G = makeGroup(h.group);
    const X = new HomSpace(G, h.subgroup);
    const B = X.diracKernelFt(h.rho, h.psi);
    expect([B.length, B[0]?.length ?? 0, B[0]?.[0]?.length ?? h.shape[2]]).toEqual(
      h.shape[1] === 0 ? [h.shape[0], 0, h.shape[2]] : h.shape,
    );
    expect(X.dimensionBasis(h.rho, h.psi)).toEqual(h.shape);
    for (let i = 0; i < h.shape[0]!; i++)
      for (let j = 0; j < h.shape[1]!; j++)
        for (let k = 0; k < h.shape[2]!; k++) expect(B[i]![j]![k]!).toBeCloseTo(h.basis[i]![j]![k]!, 9);
  });
});

describe('disentangle equals escnn', () => {
  it.each(
    fixture.disentangle.map((d) => [`${groupLabel(d.group)} ${JSON.stringify(d.subgroup)}`, d] as const),
  )('restricted regular of %s', (_label, d) => {
    const G = makeGroup(d.group);
    const { changeOfBasis, representations } = disentangle(restrict(regularRepresentation(G), d.subgroup));
    expect(changeOfBasis.to2DArray()).toEqual(d.permutation);
    expect(representations.length).toBe(d.blocks.length);
    representations.forEach((r, i) => {
      expectSameRep(r, d.blocks[i]!);
    });
  });
});

describe('homomorphism bases equal escnn homomorphism_space', () => {
  it.each(fixture.homomorphisms.map((h) => [`${groupLabel(h.group)} ${h.in} → ${h.out}`, h] as const))(
    '%s',
    (_l, h) => {
      const G = makeGroup(h.group);
      const pick = (name: string) =>
        name === 'regular' ? regularRepresentation(G) : G.irreps().find((r) => r.name === name)!;
      const basis = homomorphismBasis(pick(h.in), pick(h.out));
      expect(basis.length).toBe(h.basis.length);
      basis.forEach((b, k) => {
        expect(maxAbsDifference(b, new Matrix(h.basis[k]!))).toBeLessThan(1e-9);
      });
    },
  );
});
