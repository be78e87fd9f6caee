/**
 * SO(3): group laws and irrep laws (fast-check over seeded samples and the icosahedral testing elements), the
 * real Wigner D matrices against an independent closed form (complex Wigner D through escnn's real-to-complex
 * change of basis) for l ≤ 8, the parametrizations (quaternions, matrices, rotation vectors, the 24 Euler
 * conventions, gimbal locks), Clebsch–Gordan coefficients up to l = 6, grids, subgroups and typed errors.
 */
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnknownIrrepError, UnknownSubgroupError } from './errors.js';
import { complexClebschGordan } from './internal/so3-clebsch-gordan.js';
import { eulerToQuaternion, type Quaternion } from './internal/so3-quaternion.js';
import { realToComplex } from './internal/so3-wigner.js';
import { SO3, so3Group } from './so3.js';
import {
  assertClose,
  checkClebschGordan,
  checkElementLaws,
  checkIrrepAtIdentity,
  checkIrrepLaws,
  clebschGordanDecomposition,
  FLOAT64_TIGHT_TOLERANCE,
  FLOAT64_TOLERANCE,
  numRuns,
} from './testing/index.js';

const runs = { numRuns: numRuns(30) };
const G = so3Group(6);

const elementArb = fc.oneof(
  fc.integer({ min: 0, max: 59 }).map((i) => G.testingElements[i]!),
  fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => G.sample(1, { seed: s })[0]!),
);

/** Row-major 3×3 rotation about a coordinate axis. */
function axisRotation(axis: 'x' | 'y' | 'z', t: number): Matrix {
  const c = Math.cos(t);
  const s = Math.sin(t);
  if (axis === 'x')
    return new Matrix([
      [1, 0, 0],
      [0, c, -s],
      [0, s, c],
    ]);
  if (axis === 'y')
    return new Matrix([
      [c, 0, s],
      [0, 1, 0],
      [-s, 0, c],
    ]);
  return new Matrix([
    [c, -s, 0],
    [s, c, 0],
    [0, 0, 1],
  ]);
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Wigner's small d^l_{m'm}(β) by the explicit sum (fine for l ≤ 8). */
function smallD(l: number, mp: number, m: number, beta: number): number {
  const c = Math.cos(beta / 2);
  const s = Math.sin(beta / 2);
  let sum = 0;
  for (let k = Math.max(0, m - mp); k <= Math.min(l + m, l - mp); k++) {
    sum +=
      ((-1) ** (mp - m + k) * c ** (2 * l + m - mp - 2 * k) * s ** (mp - m + 2 * k)) /
      (factorial(l + m - k) * factorial(k) * factorial(mp - m + k) * factorial(l - mp - k));
  }
  return Math.sqrt(factorial(l + mp) * factorial(l - mp) * factorial(l + m) * factorial(l - m)) * sum;
}

/**
 * `Cᴴ conj(D(α, β, γ)) C` with `D_{m'm} = e^{-i m' α} d_{m'm}(β) e^{-i m γ}` the complex Wigner D of the
 * intrinsic ZYZ angles and `C` escnn's real-to-complex change of basis: real part (the imaginary part is
 * checked to vanish).
 */
function realFromComplex(l: number, [alpha, beta, gamma]: readonly number[]): Matrix {
  const d = 2 * l + 1;
  const C = realToComplex(l);
  const re = new Matrix(d, d);
  let maxImag = 0;
  for (let p = 0; p < d; p++) {
    for (let q = 0; q < d; q++) {
      let sr = 0;
      let si = 0;
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          const dd = smallD(l, a - l, b - l, beta!);
          // conj(D_ab) = d e^{+i (a' α + b' γ)}
          const phase = (a - l) * alpha! + (b - l) * gamma!;
          const dr = dd * Math.cos(phase);
          const di = dd * Math.sin(phase);
          // conj(C[a][p]) · conj(D)_ab · C[b][q]
          const [cr, ci] = C[a]![p]!;
          const [er, ei] = C[b]![q]!;
          const xr = cr * dr + ci * di;
          const xi = cr * di - ci * dr;
          sr += xr * er - xi * ei;
          si += xr * ei + xi * er;
        }
      }
      re.set(p, q, sr);
      maxImag = Math.max(maxImag, Math.abs(si));
    }
  }
  expect(maxImag).toBeLessThan(1e-12);
  return re;
}

describe('SO(3) group and irrep laws', () => {
  it('satisfies the group axioms', () => {
    const g3 = fc.tuple(elementArb, elementArb, elementArb);
    fc.assert(
      fc.property(g3, ([a, b, c]) => checkElementLaws(G, a, b, c, FLOAT64_TOLERANCE)),
      runs,
    );
  });

  it('represents products by products of orthogonal matrices in every irrep up to l = 6', () => {
    const tolerances = {
      homomorphism: FLOAT64_TOLERANCE,
      orthogonality: FLOAT64_TOLERANCE,
      inverse: FLOAT64_TOLERANCE,
      endomorphisms: FLOAT64_TIGHT_TOLERANCE,
    };
    fc.assert(
      fc.property(fc.tuple(elementArb, elementArb), ([a, b]) => {
        for (const irrep of G.irreps()) checkIrrepLaws(G, irrep, a, b, tolerances);
      }),
      runs,
    );
  });

  it('keeps the homomorphism law at l = 20 (the recursion stays accurate)', () => {
    const [a, b] = G.sample(2, { seed: 3 });
    const D = G.irrep(20);
    assertClose(D.at(a!.combine(b!)), D.at(a!).mmul(D.at(b!)), 1e-9, 'D^20(ab)');
  });

  it('maps the identity to identity matrices exactly', () => {
    for (const irrep of G.irreps()) checkIrrepAtIdentity(G, irrep);
  });

  it('has irreducible, pairwise inequivalent irreps (character orthogonality, Haar average by samples)', () => {
    // The icosahedral group resolves l ≤ 2 exactly (its irreps restricted from SO(3) stay irreducible).
    const elements = G.testingElements;
    const irreps = G.irreps().slice(0, 3);
    for (const a of irreps) {
      for (const b of irreps) {
        let mean = 0;
        for (const g of elements) mean += a.character(g) * b.character(g);
        expect(mean / elements.length).toBeCloseTo(a.equals(b) ? 1 : 0, 9);
      }
    }
  });

  it("gives the character sin((l + ½)θ) / sin(θ/2), escnn's closed form", () => {
    for (const g of G.sample(5, { seed: 11 })) {
      const [x, y, z, w] = g.value;
      const theta = 2 * Math.atan2(Math.hypot(x, y, z), w);
      for (let l = 0; l <= 6; l++) {
        expect(G.irrep(l).character(g)).toBeCloseTo(Math.sin((l + 0.5) * theta) / Math.sin(theta / 2), 9);
      }
    }
  });
});

describe("SO(3) Wigner D matrices in escnn's real basis", () => {
  it('gives irrep(1) = the rotation matrix in the axis order (y, z, x)', () => {
    const perm = [1, 2, 0];
    for (const g of G.sample(10, { seed: 5 })) {
      const R = g.to('MAT') as Matrix;
      const D = G.irrep(1).at(g);
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) expect(D.get(i, j)).toBeCloseTo(R.get(perm[i]!, perm[j]!), 14);
    }
  });

  it('equals the complex Wigner D through the real-to-complex change of basis, l ≤ 8', () => {
    for (const g of [...G.sample(4, { seed: 9 }), G.testingElements[17]!]) {
      const angles = g.to('ZYZ') as number[];
      for (let l = 0; l <= 8; l++) {
        assertClose(G.irrep(l).at(g), realFromComplex(l, angles), 1e-11, `D^${l}`);
      }
    }
  });

  it('gives the standard representation as the rotation matrix, Q irrep(1) Qᵀ', () => {
    const std = G.standardRepresentation();
    expect(std.name).toBe('standard');
    expect(std.irreps).toEqual([[1]]);
    const Q = std.changeOfBasis;
    assertClose(Q.mmul(std.changeOfBasisInv), Matrix.eye(3), 0, 'Q Qᵀ');
    for (const g of G.sample(5, { seed: 2 })) {
      assertClose(std.at(g), g.to('MAT') as Matrix, FLOAT64_TIGHT_TOLERANCE, 'standard');
      assertClose(std.at(g), Q.mmul(G.irrep(1).at(g)).mmul(Q.transpose()), FLOAT64_TIGHT_TOLERANCE, 'Q D Qᵀ');
    }
  });
});

describe('SO(3) parametrizations', () => {
  const gs = [...G.sample(8, { seed: 21 }), ...G.testingElements.slice(0, 12)];

  it('round-trips every parametrization (27, escnn’s list)', () => {
    expect(G.parametrizations).toHaveLength(27);
    for (const g of gs)
      for (const p of G.parametrizations) expect(G.element(g.to(p), p).equals(g), p).toBe(true);
  });

  it('identifies q and −q and canonicalizes to w ≥ 0', () => {
    const q = [0.1, -0.2, 0.3, -Math.sqrt(1 - 0.14)];
    const g = G.element(q);
    expect(g.equals(G.element(q.map((x) => -x)))).toBe(true);
    expect((g.to('Q') as number[])[3]).toBeGreaterThan(0);
  });

  it('reads intrinsic ZYZ as Rz(α) Ry(β) Rz(γ) and extrinsic zyz as Rz(γ) Ry(β) Rz(α)', () => {
    const [a, b, c] = [0.3, 1.1, -2.0];
    const intrinsic = axisRotation('z', a).mmul(axisRotation('y', b)).mmul(axisRotation('z', c));
    const extrinsic = axisRotation('z', c).mmul(axisRotation('y', b)).mmul(axisRotation('z', a));
    assertClose(G.element([a, b, c], 'ZYZ').to('MAT') as Matrix, intrinsic, 1e-14, 'ZYZ');
    assertClose(G.element([a, b, c], 'zyz').to('MAT') as Matrix, extrinsic, 1e-14, 'zyz');
    const tb = axisRotation('x', a).mmul(axisRotation('y', b)).mmul(axisRotation('z', c));
    assertClose(G.element([a, b, c], 'XYZ').to('MAT') as Matrix, tb, 1e-14, 'XYZ');
    assertClose(G.element([c, b, a], 'zyx').to('MAT') as Matrix, tb, 1e-14, 'zyx');
  });

  it('gives Euler angles in scipy ranges, and sets the third angle to 0 at a gimbal lock', () => {
    for (const g of gs) {
      const [a, b, c] = g.to('ZYZ') as number[];
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThanOrEqual(Math.PI);
      for (const x of [a!, c!]) expect(Math.abs(x)).toBeLessThanOrEqual(Math.PI);
      const [, t] = g.to('xyz') as number[];
      expect(Math.abs(t!)).toBeLessThanOrEqual(Math.PI / 2);
    }
    for (const [seq, angles] of [
      ['ZYZ', [0.4, 0, 0.3]],
      ['ZYZ', [0.4, Math.PI, 0.3]],
      ['zyz', [0.4, 0, 0.3]],
      ['XYZ', [0.2, Math.PI / 2, 0.5]],
      ['zyx', [0.2, -Math.PI / 2, 0.5]],
    ] as const) {
      const g = G.element(angles, seq);
      const back = g.to(seq) as number[];
      expect(back[2]).toBe(0);
      expect(G.element(back, seq).equals(g)).toBe(true);
    }
  });

  it('reads rotation vectors as axis × angle', () => {
    const g = G.element([0, 0, Math.PI / 2], 'EV');
    assertClose(g.to('MAT') as Matrix, axisRotation('z', Math.PI / 2), 1e-15, 'EV');
    expect(G.element([0, 0, 0], 'EV').isIdentity()).toBe(true);
    const v = G.element([0.3, -0.2, 0.9], 'EV').to('EV') as number[];
    assertClose(v, [0.3, -0.2, 0.9], 1e-15, 'EV round trip');
  });

  it('agrees with the Euler helper for quaternions', () => {
    const q: Quaternion = eulerToQuaternion('ZYZ', [0.1, 0.2, 0.3]);
    expect(G.element([0.1, 0.2, 0.3], 'ZYZ').equals(G.element(q))).toBe(true);
  });

  it('rejects non-rotations with typed errors', () => {
    expect(() => G.element([1, 0, 0, 1])).toThrow(InvalidArgumentError);
    expect(() => G.element([1, 0, 0])).toThrow(InvalidArgumentError);
    expect(() => G.element([0, 0, Number.NaN, 1])).toThrow(InvalidArgumentError);
    expect(() => G.element(Matrix.eye(3).mul(-1), 'MAT')).toThrow(InvalidArgumentError);
    expect(() => G.element([[1, 0, 0]], 'MAT')).toThrow(InvalidArgumentError);
    expect(() => G.element([0, 0], 'ZYZ')).toThrow(InvalidArgumentError);
    expect(() => G.element([0, 0, 0, 1], 'quat')).toThrow(InvalidArgumentError);
  });
});

describe('SO(3) Clebsch–Gordan coefficients', () => {
  const elements = [...G.sample(3, { seed: 4 }), G.testingElements[7]!];

  it('decomposes l1 ⊗ l2 into |l1 − l2| … l1 + l2, each once', () => {
    expect(G.tensorProductIrreps([2], [3])).toEqual(
      [1, 2, 3, 4, 5].map((l) => ({ id: [l], multiplicity: 1 })),
    );
    expect(G.tensorProductIrreps([0], [4])).toEqual([{ id: [4], multiplicity: 1 }]);
  });

  it('gives orthonormal intertwiners for every l1, l2 ≤ 6 (the shared group-law kit)', () => {
    for (let a = 0; a <= 6; a++) {
      for (let b = 0; b <= 6; b++) {
        const dec = clebschGordanDecomposition(G, G.irrep(a), G.irrep(b), FLOAT64_TOLERANCE);
        for (const g of elements) checkClebschGordan(G, dec, g, 1e-9);
      }
    }
  });

  it('has no column for an irrep outside the decomposition', () => {
    expect(G.clebschGordan([1], [1], [3]).columns).toBe(0);
    expect(G.clebschGordan([1], [1], [3]).rows).toBe(9);
  });

  it("follows escnn's closed form: 1 ⊗ 1 → 0 is the normalized trace form, up to escnn's (-1)^… phase", () => {
    // ⟨1 a; 1 b | 0 0⟩ = (-1)^{1-a}/√3 δ_{a,-b}; in the real basis the invariant is −δ_pq/√3 (m + n + j even:
    // the real part, with C_1's column phases).
    const cg = G.clebschGordan([1], [1], [0]);
    for (let p = 0; p < 3; p++)
      for (let q = 0; q < 3; q++)
        expect(cg.get(p * 3 + q, 0)).toBeCloseTo(p === q ? -1 / Math.sqrt(3) : 0, 14);
    expect(complexClebschGordan(1, 1, 1, -1, 0, 0)).toBeCloseTo(1 / Math.sqrt(3), 14);
    expect(complexClebschGordan(1, 0, 1, 0, 2, 0)).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(complexClebschGordan(1, 1, 1, 0, 1, 1)).toBeCloseTo(1 / Math.sqrt(2), 14);
  });

  it('gives 1 ⊗ 1 → 1 as the cross product (the real part vanishes, m + n + j odd: the imaginary part)', () => {
    const cg = G.clebschGordan([1], [1], [1]);
    // The antisymmetric invariant: C[p·3 + q, r] = ±ε_{pqr}/√2 in the (y, z, x) basis.
    for (let r = 0; r < 3; r++) {
      for (let p = 0; p < 3; p++) {
        for (let q = 0; q < 3; q++) {
          expect(Math.abs(cg.get(p * 3 + q, r)) * Math.SQRT2).toBeCloseTo(
            p !== q && q !== r && p !== r ? 1 : 0,
            14,
          );
          expect(cg.get(p * 3 + q, r)).toBeCloseTo(-cg.get(q * 3 + p, r), 15);
        }
      }
    }
  });
});

describe('SO(3) irreps, subgroups and errors', () => {
  it("names the irreps escnn's way, with frequencies and supported nonlinearities", () => {
    expect(
      so3Group()
        .irreps()
        .map((p) => p.name),
    ).toEqual(['irrep_0', 'irrep_1', 'irrep_2']);
    expect(G.irrep(9).name).toBe('irrep_9');
    expect(G.irrep(9).dimension).toBe(19);
    expect(G.irrep(3).attributes).toEqual({ frequency: 3 });
    expect([...G.irrep(0).supportedNonlinearities]).toEqual(['pointwise', 'norm', 'gated', 'gate']);
    expect([...G.irrep(2).supportedNonlinearities]).toEqual(['norm', 'gated']);
    expect(G.trivialRepresentation.id).toEqual([0]);
    expect(G.blIrreps(2)).toEqual([[0], [1], [2]]);
    expect(so3Group(1).equals(so3Group(4))).toBe(true);
  });

  it('rejects bad irrep ids and maximum frequencies with typed errors', () => {
    expect(() => G.irrep(-1)).toThrow(UnknownIrrepError);
    expect(() => G.irrep(1, 1)).toThrow(UnknownIrrepError);
    expect(() => G.irrep(1.5)).toThrow(InvalidArgumentError);
    expect(() => so3Group(-1)).toThrow(InvalidArgumentError);
    expect(() => so3Group(2.5)).toThrow(InvalidArgumentError);
    expect(() => G.blIrreps(-2)).toThrow(InvalidArgumentError);
  });

  it("has escnn's trivial and self subgroup ids and maps", () => {
    expect(G.subgroupTrivialId).toEqual([false, 1]);
    expect(G.subgroupSelfId).toBe('so3');
    const self = G.subgroup('so3');
    expect(self.subgroup).toBe(G);
    const g = G.sample(1, { seed: 1 })[0]!;
    expect(self.inclusion(g)).toBe(g);
    expect(self.restriction(g)).toBe(g);
    const trivial = G.subgroup([false, 1]);
    expect(trivial.subgroup.order()).toBe(1);
    expect(trivial.inclusion(trivial.subgroup.identity).isIdentity()).toBe(true);
    expect(trivial.restriction(G.identity)?.isIdentity()).toBe(true);
    expect(trivial.restriction(g)).toBeNull();
    expect(G.restrictIrrep([2], [false, 1]).irreps).toEqual(Array.from({ length: 5 }, () => [0]));
    expect(G.restrictIrrep([2], 'so3').irreps).toEqual([[2]]);
    expect(G.combineSubgroups('so3', [false, 1])).toEqual([false, 1]);
  });

  it('rejects the subgroup ids SO(3) does not have (escnn raises for tetra), naming the forms it has', () => {
    for (const id of ['tetra', [false, 0], [true, 1.5], 'o3']) {
      expect(() => G.subgroup(id)).toThrow(UnknownSubgroupError);
    }
    expect(() => G.subgroup('tetra')).toThrow(/'so3', 'ico', 'octa', \[false, N\]/);
  });

  it('is an SO3 instance reachable from the factory', () => {
    expect(G).toBeInstanceOf(SO3);
    expect(G.maximumFrequency).toBe(6);
    expect(String(G.identity)).toBe('SO(3)[(0.0000, 0.0000, 0.0000, 1.0000)]');
  });
});
