import {
  Group,
  type GroupElement,
  IrreducibleRepresentation,
  type IrrepId,
  o2Group,
  type RestrictedIrrep,
  type SubgroupMap,
  sylvesterNullSpace,
  UnknownIrrepError,
  UnknownSubgroupError,
} from '@steerable/group-theory';
import { directSum, regularRepresentation } from '@steerable/representations';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { r2KernelBasis, r2KernelBasisFor } from './kernel-basis.js';
import { o2SubgroupAction, type PlanarAction } from './o2-action.js';

type Perm = readonly [number, number, number];

/**
 * The symmetric group S3 as permutations of {0, 1, 2}, known to the solver only through the `Group`
 * interface: its own irreps (trivial, sign, and the permutation action on the plane x0 + x1 + x2 = 0 in an
 * orthonormal basis of that plane), numerical tensor products and Clebsch–Gordan coefficients (the `Group`
 * defaults). None of its ids or matrices follow escnn's D3.
 */
class Sym3 extends Group<Perm> {
  readonly name = 'S3';
  readonly continuous = false;
  readonly defaultParam = 'perm';
  readonly parametrizations = Object.freeze(['perm']);
  readonly key = 'test:S3';
  readonly #irreps = new Map<number, IrreducibleRepresentation>();

  order(): number {
    return 6;
  }
  protected parse(value: unknown): Perm {
    const v = value as number[];
    if (!Array.isArray(v) || v.length !== 3 || [...v].sort().join() !== '0,1,2') throw new Error('not in S3');
    return Object.freeze([v[0]!, v[1]!, v[2]!] as const);
  }
  protected format(value: Perm): unknown {
    return [...value];
  }
  protected multiply(a: Perm, b: Perm): Perm {
    return Object.freeze([a[b[0]]!, a[b[1]]!, a[b[2]]!] as const);
  }
  protected invert(a: Perm): Perm {
    const inv = [0, 0, 0];
    a.forEach((image, i) => {
      inv[image] = i;
    });
    return Object.freeze([inv[0]!, inv[1]!, inv[2]!] as const);
  }
  protected valuesEqual(a: Perm, b: Perm): boolean {
    return a.every((x, i) => x === b[i]);
  }
  protected identityValue(): Perm {
    return Object.freeze([0, 1, 2] as const);
  }
  protected describe(value: Perm): string {
    return `(${value.join(' ')})`;
  }
  get elements(): readonly GroupElement<Perm>[] {
    const perms = [
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
      [1, 0, 2],
      [0, 2, 1],
      [2, 1, 0],
    ];
    return perms.map((p) => this.element(p));
  }
  get generators(): readonly GroupElement<Perm>[] {
    return [this.element([1, 2, 0]), this.element([1, 0, 2])];
  }
  get testingElements(): readonly GroupElement<Perm>[] {
    return this.elements;
  }
  sample(n: number): GroupElement<Perm>[] {
    return Array.from({ length: n }, (_, i) => this.elements[i % 6]!);
  }
  grid(): GroupElement<Perm>[] {
    return [...this.elements];
  }
  irreps(): readonly IrreducibleRepresentation[] {
    return [0, 1, 2].map((k) => this.irrep(k));
  }
  irrep(...id: number[]): IrreducibleRepresentation {
    const k = id[0]!;
    if (id.length !== 1 || !(k === 0 || k === 1 || k === 2))
      throw new UnknownIrrepError('S3.irrep', 'S3', id);
    let irrep = this.#irreps.get(k);
    if (irrep === undefined) {
      const sign = (p: Perm) => ((p[0] > p[1] ? 1 : 0) + (p[0] > p[2] ? 1 : 0) + (p[1] > p[2] ? 1 : 0)) % 2;
      // orthonormal basis of x0 + x1 + x2 = 0: B = [(1, −1, 0)/√2, (1, 1, −2)/√6]; ψ(p) = Bᵀ P_p B
      const B = [
        [1 / Math.SQRT2, 1 / Math.sqrt(6)],
        [-1 / Math.SQRT2, 1 / Math.sqrt(6)],
        [0, -2 / Math.sqrt(6)],
      ];
      const standard = (p: Perm) => {
        const out = new Float64Array(4);
        // P_p e_i = e_{p(i)}: (Bᵀ P B)[r][c] = Σ_i B[p(i)][r] B[i][c]
        for (let r = 0; r < 2; r++)
          for (let c = 0; c < 2; c++)
            for (let i = 0; i < 3; i++) out[r * 2 + c]! += B[p[i]!]![r]! * B[i]![c]!;
        return out;
      };
      irrep = new IrreducibleRepresentation(this, {
        id: [k],
        dimension: k === 2 ? 2 : 1,
        type: 'R',
        matrix: (v) =>
          k === 0
            ? Float64Array.of(1)
            : k === 1
              ? Float64Array.of(sign(v as Perm) ? -1 : 1)
              : standard(v as Perm),
        endomorphismBasis: [k === 2 ? Float64Array.of(1, 0, 0, 1) : Float64Array.of(1)],
        supportedNonlinearities: [],
      });
      this.#irreps.set(k, irrep);
    }
    return irrep;
  }
  get subgroupTrivialId(): unknown {
    return 'trivial';
  }
  get subgroupSelfId(): unknown {
    return 'self';
  }
  protected combineSubgroupIds(): unknown {
    throw new UnknownSubgroupError('S3.combineSubgroups', 'S3', null);
  }
  protected buildSubgroup(id: unknown, fn: string): SubgroupMap {
    throw new UnknownSubgroupError(fn, 'S3', id);
  }
  protected restrictIrrepImpl(): RestrictedIrrep {
    throw new UnknownSubgroupError('S3.restrictIrrep', 'S3', null);
  }
}

const O2 = o2Group();
const S3 = new Sym3();

/**
 * The inclusion of S3 into O(2) as the symmetries of the triangle with vertices at the angles
 * `offset + 2πi/3`: the permutation p maps vertex i to vertex p(i).
 */
function inclusion(offset: number): (p: GroupElement) => GroupElement {
  const vertex = (i: number) => [
    Math.cos(offset + (2 * Math.PI * i) / 3),
    Math.sin(offset + (2 * Math.PI * i) / 3),
  ];
  return (g) => {
    const p = g.value as Perm;
    // M v_0 = v_p(0), M v_1 = v_p(1): M = [v_p(0) v_p(1)] [v_0 v_1]⁻¹
    const [a, b] = [vertex(0), vertex(1)];
    const [c, d] = [vertex(p[0]), vertex(p[1])];
    const det = a[0]! * b[1]! - b[0]! * a[1]!;
    const inv = [b[1]! / det, -b[0]! / det, -a[1]! / det, a[0]! / det];
    const m00 = c[0]! * inv[0]! + d[0]! * inv[2]!;
    const m10 = c[1]! * inv[0]! + d[1]! * inv[2]!;
    const m01 = c[0]! * inv[1]! + d[0]! * inv[3]!;
    const m11 = c[1]! * inv[1]! + d[1]! * inv[3]!;
    const flip = m00 * m11 - m01 * m10 < 0 ? 1 : 0;
    const angle = Math.atan2(m10, m00);
    return O2.element([flip, ((angle % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)]);
  };
}

/**
 * The action of S3 on R² through `include`, with harmonics of phase `phase`: each harmonic's O(2) irrep
 * composed with the inclusion, decomposed numerically into S3's irreps (one intertwiner per copy,
 * scaled to an isometry).
 */
function sym3Action(include: (p: GroupElement) => GroupElement, phase: number): PlanarAction {
  return {
    group: S3,
    phase,
    restrictHarmonic(l: number): RestrictedIrrep {
      const harmonic = O2.irrep(l > 0 ? 1 : 0, l);
      const gens = S3.generators;
      const rho = gens.map((g) => harmonic.at(include(g)));
      const irreps: IrrepId[] = [];
      const rows: number[][] = [];
      for (const psi of S3.irreps()) {
        // X ρ_l(g) = ψ(g) X: the rows of X span a copy of ψ in the harmonic
        for (const X of sylvesterNullSpace(
          rho,
          gens.map((g) => psi.at(g)),
        )) {
          const scale = Math.sqrt(psi.dimension) / X.norm();
          irreps.push(psi.id);
          for (let r = 0; r < psi.dimension; r++) rows.push(X.getRow(r).map((x) => x * scale));
        }
      }
      // ρ_l = Q (⊕ ψ) Qᵀ with Qᵀ the stacked isometries
      return { irreps, changeOfBasis: new Matrix(rows).transpose() };
    },
  };
}

describe('r2KernelBasisFor: a group known only through the Group API', () => {
  for (const [offset, phase] of [
    [0.3, 0],
    [1.1, 0.7],
  ] as const) {
    it(`is steerable for S3 ⊂ O(2) (triangle at ${offset}, harmonics of phase ${phase})`, () => {
      const include = inclusion(offset);
      const action = sym3Action(include, phase);
      const inRepr = regularRepresentation(S3);
      const outRepr = directSum([S3.irrep(2), S3.irrep(1), S3.irrep(0)]);
      const basis = r2KernelBasisFor(action, inRepr, outRepr, {
        rings: [0, 1, 2],
        sigma: [0.4, 0.6, 0.6],
        maximumFrequency: 5,
      });
      expect(basis.sgId).toBeNull();
      expect(basis.dimension).toBeGreaterThan(0);
      const O = outRepr.size;
      const I = inRepr.size;
      // points x and g·x, with g acting on R² by r_phase M r_phase⁻¹ (M the matrix of its image in O(2))
      const points = [0.3, -0.8, 1.2, 0.5, -1.7, 0.9, 0.05, 0.6];
      for (const g of S3.elements) {
        const m = O2.irrep(1, 1).at(include(g));
        const r = O2.irrep(1, 1).at(O2.element([0, phase]));
        const A = r.mmul(m).mmul(r.transpose());
        for (let q = 0; q < points.length; q += 2) {
          const [x, y] = [points[q]!, points[q + 1]!];
          const gx = [A.get(0, 0) * x + A.get(0, 1) * y, A.get(1, 0) * x + A.get(1, 1) * y];
          const kx = basis.sample([x, y]);
          const kgx = basis.sample(gx);
          const rOut = outRepr.at(g);
          const rInInv = inRepr.at(g.inverse());
          for (let b = 0; b < basis.dimension; b++) {
            const K = new Matrix(O, I);
            for (let o = 0; o < O; o++) for (let c = 0; c < I; c++) K.set(o, c, kx[(b * O + o) * I + c]!);
            const rhs = rOut.mmul(K).mmul(rInInv);
            for (let o = 0; o < O; o++)
              for (let c = 0; c < I; c++) expect(kgx[(b * O + o) * I + c]!).toBeCloseTo(rhs.get(o, c), 10);
          }
        }
      }
    });
  }

  it('spans as many kernels as escnn’s D3, the same group acting on R² (up to a rotation of the axes)', () => {
    const action = sym3Action(inclusion(0), 0);
    const params = { rings: [0, 1, 2], sigma: [0.4, 0.6, 0.6], maximumFrequency: 5 };
    const ours = r2KernelBasisFor(
      action,
      regularRepresentation(S3),
      directSum([S3.irrep(2), S3.irrep(1)]),
      params,
    );
    const D3 = o2SubgroupAction([0, 3]).group;
    const escnn = r2KernelBasis(
      [0, 3],
      regularRepresentation(D3),
      directSum([D3.irrep(1, 1), D3.irrep(1, 0)]),
      params,
    );
    expect(ours.dimension).toBe(escnn.dimension);
  });

  it('rejects an action whose restriction is not made of the group’s irreps', () => {
    const bad: PlanarAction = {
      group: S3,
      phase: 0,
      restrictHarmonic: () => ({ irreps: [[5]], changeOfBasis: Matrix.eye(1) }),
    };
    const reg = regularRepresentation(S3);
    const params = { rings: [1], sigma: [0.6], maximumFrequency: 1 };
    expect(() => r2KernelBasisFor(bad, reg, reg, params)).toThrow(/r2KernelBasisFor: argument "action"/);
    expect(() => r2KernelBasisFor({ ...bad, phase: Number.NaN }, reg, reg, params)).toThrow(
      /argument "action"/,
    );
  });
});
