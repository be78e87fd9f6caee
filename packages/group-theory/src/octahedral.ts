/**
 * The octahedral group O of the 24 rotations of the cube and the octahedron (escnn's `Octahedral`), a subgroup
 * of SO(3). Elements are unit quaternions `[x, y, z, w]` (`'Q'`), also given in every SO(3) parametrization.
 */
import {
  matricesFromGenerators,
  multiply,
  OCTAHEDRAL_ROTATIONS,
  type RotationTable,
  transpose,
} from './internal/polyhedra.js';
import { PolyhedralGroup, type PolyhedralIrrepSpec } from './internal/polyhedral-group.js';
import type { Axis, PolyhedralSubgroupSpec } from './internal/polyhedral-subgroups.js';

/** escnn's subgroup axes: C_N about the N-fold axis escnn picks (`_subgroup`). */
const SUBGROUPS: PolyhedralSubgroupSpec = {
  selfId: 'octa',
  axes: new Map<number, Axis>([
    [1, [0, 0, 1]],
    [2, [0, 0, 1]],
    [3, [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)]],
    [4, [0, 0, 1]],
  ]),
};

/**
 * The matrices of the irreps `[-1]`, `[2]`, `[3]` at the elements `t`, `k`, `s` of the presentation of O in
 * arXiv:1110.6376 (Ludl, its 3', 2 and 1'). `[-1]` is written in the basis of SO(3)'s Wigner D `[1]`: the
 * paper's matrices `M` conjugated by the permutation `P` of escnn's standard representation (`Pᵀ M P`), so that
 * `[-1] = [1] ⊗ [3]` holds with the same basis.
 */
const PRESENTATION: Readonly<Record<number, { d: number; t: number[]; k: number[]; s: number[] }>> = {
  [-1]: {
    d: 3,
    t: [1, 0, 0, 0, 0, 1, 0, 1, 0],
    k: [1, 0, 0, 0, -1, 0, 0, 0, -1],
    s: [0, 1, 0, 0, 0, 1, 1, 0, 0],
  },
  2: {
    d: 2,
    t: [0, 1, 1, 0],
    k: [1, 0, 0, 1],
    s: [-0.5, -0.5 * Math.sqrt(3), 0.5 * Math.sqrt(3), -0.5],
  },
  3: { d: 1, t: [-1], k: [1], s: [1] },
};

// escnn's standard representation is irrep [1] in the basis (z, x, y): this permutation.
const STANDARD_BASIS = Float64Array.of(0, 0, 1, 1, 0, 0, 0, 1, 0);

/**
 * The octahedral group; build it with {@link octaGroup}.
 *
 * Irreps in escnn's order: `[0]` trivial, `[1]` the Wigner D matrices of frequency 1 (the rotation matrices in
 * escnn's real basis), `[-1]` (3-dim), `[2]` (2-dim) and `[3]` (the sign of the permutation of the cube's four
 * diagonals), all real. escnn's frequency-2 Wigner D splits into `[-1] ⊕ [2]`, frequency 3 into `[3] ⊕ [1] ⊕
 * [-1]`. Subgroups (escnn's ids): the group itself (`'octa'`), `[false, N]` the C_N about the z axis
 * (N = 1, 2, 4) and (1, 1, 1) (N = 3), and `[true, 1]` a C_2 about another 2-fold axis; each with an optional
 * adjoint element last.
 * @see escnn's `escnn.group.Octahedral`
 */
export class Octahedral extends PolyhedralGroup {
  readonly name = 'Octahedral';
  readonly key = 'octahedral';
  /** @internal */
  protected readonly table: RotationTable = OCTAHEDRAL_ROTATIONS;
  protected readonly irrepIds = Object.freeze([0, 1, -1, 2, 3]);
  /** escnn's generators: a rotation of order 4, one of order 3, one of order 2. */
  protected readonly generatorIndices = Object.freeze([17, 11, 22]);
  /** @internal */
  protected readonly subgroupSpec: PolyhedralSubgroupSpec = SUBGROUPS;

  /** escnn's `subgroup_trivial_id`: `[false, 1]` (escnn's `(False, 1)`, C_1). */
  get subgroupTrivialId(): unknown {
    return [false, 1];
  }

  /** escnn's `subgroup_self_id`: `'octa'`. */
  get subgroupSelfId(): unknown {
    return 'octa';
  }

  /** @internal */
  protected irrepSpec(l: number): PolyhedralIrrepSpec {
    if (l === 0) {
      return {
        dimension: 1,
        matrices: () => this.table.quaternions.map(() => Float64Array.of(1)),
        supportedNonlinearities: ['pointwise', 'norm', 'gated', 'gate'],
      };
    }
    if (l === 1) {
      return {
        dimension: 3,
        matrices: () => this.wignerMatrices(1),
        supportedNonlinearities: ['norm', 'gated'],
      };
    }
    const { d, t, k, s } = PRESENTATION[l]!;
    let rho: Float64Array[] = [t, k, s].map((m) => Float64Array.from(m));
    if (l === -1)
      rho = rho.map((m) => multiply(transpose(STANDARD_BASIS, 3), multiply(m, STANDARD_BASIS, 3), 3));
    return {
      dimension: d,
      matrices: () => {
        const [T, K, S] = this.presentationElements();
        return matricesFromGenerators(
          this.table,
          [
            [T, rho[0]!],
            [K, rho[1]!],
            [S, rho[2]!],
          ],
          d,
        );
      },
      supportedNonlinearities: l === 3 ? ['norm', 'gated', 'concatenated'] : ['norm', 'gated'],
    };
  }

  /**
   * Indices of the presentation's `t = s⁻¹ k s r`, `k` and `s`: `r = r₃³` for escnn's first generator `r₃`
   * (the rotation by −π/2 about x), `k` the element 0 (π about x) and `s` escnn's second generator (order 3).
   */
  private presentationElements(): [number, number, number] {
    const T = this.table;
    const r3 = this.generatorIndices[0]!;
    const r = T.product(r3, T.product(r3, r3));
    const k = 0;
    const s = this.generatorIndices[1]!;
    const t = T.product(T.inverse(s), T.product(k, T.product(s, r)));
    return [t, k, s];
  }
}

/**
 * The octahedral group O, the 24 rotations of the cube (escnn's `octa_group()`). A fresh instance; all
 * instances are equal.
 * @see escnn's `escnn.group.octa_group`
 */
export function octaGroup(): Octahedral {
  return new Octahedral();
}
