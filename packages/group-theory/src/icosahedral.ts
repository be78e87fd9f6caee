/**
 * The icosahedral group I of the 60 rotations of the icosahedron and the dodecahedron (escnn's `Icosahedral`),
 * a subgroup of SO(3). Elements are unit quaternions `[x, y, z, w]` (`'Q'`), also given in every SO(3)
 * parametrization.
 */
import { InvalidArgumentError } from './errors.js';
import type { IrrepId } from './group.js';
import { isInteger } from './internal/planar.js';
import { ICOSAHEDRAL_ROTATIONS, matricesFromGenerators, type RotationTable } from './internal/polyhedra.js';
import { PolyhedralGroup, type PolyhedralIrrepSpec } from './internal/polyhedral-group.js';
import type { Axis, PolyhedralSubgroupSpec } from './internal/polyhedral-subgroups.js';

/** The golden ratio. */
const PHI = (1 + Math.sqrt(5)) / 2;

/** escnn's subgroup axes: C_N about the N-fold axis escnn picks (`_subgroup`). */
const SUBGROUPS: PolyhedralSubgroupSpec = {
  selfId: 'ico',
  axes: new Map<number, Axis>([
    [1, [0, 0, 1]],
    [2, [0, 0, 1]],
    [3, [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)]],
    [5, [PHI / Math.hypot(PHI, 1), 0, 1 / Math.hypot(PHI, 1)]],
  ]),
};

/** Row-major `d × d` matrix with the given entries `[row, column, value]`, zero elsewhere. */
function sparse(d: number, entries: readonly (readonly [number, number, number])[]): Float64Array {
  const m = new Float64Array(d * d);
  for (const [r, c, v] of entries) m[r * d + c] = v;
  return m;
}

/** The 2×2 rotation by `degrees` placed at rows and columns `o, o + 1`. */
function rotationBlock(o: number, degrees: number): [number, number, number][] {
  const a = (degrees / 180) * Math.PI;
  return [
    [o, o, Math.cos(a)],
    [o, o + 1, -Math.sin(a)],
    [o + 1, o, Math.sin(a)],
    [o + 1, o + 1, Math.cos(a)],
  ];
}

const SQRT5 = Math.sqrt(5);

/**
 * The irreps `[3]` (3-dim) and `[4]` (4-dim) at escnn's generators `p` (order 5) and `q` (order 2): `p` a
 * rotation by 144° (`[3]`) or the rotations by 72° and 144° (`[4]`).
 */
const PRESENTATION: Readonly<Record<number, { d: number; p: Float64Array; q: Float64Array }>> = {
  3: {
    d: 3,
    p: sparse(3, [...rotationBlock(0, 144), [2, 2, 1]]),
    q: sparse(3, [
      [0, 0, 1 / SQRT5],
      [0, 2, -2 / SQRT5],
      [1, 1, -1],
      [2, 0, -2 / SQRT5],
      [2, 2, -1 / SQRT5],
    ]),
  },
  4: {
    d: 4,
    p: sparse(4, [...rotationBlock(0, 72), ...rotationBlock(2, 144)]),
    q: sparse(4, [
      [0, 2, -1],
      [1, 1, 2 / SQRT5],
      [1, 3, 1 / SQRT5],
      [2, 0, -1],
      [3, 1, 1 / SQRT5],
      [3, 3, -2 / SQRT5],
    ]),
  },
};

/**
 * The icosahedral group; build it with {@link icoGroup}.
 *
 * Irreps in escnn's order, all real, with attribute `frequency = l`: `[0]` trivial, `[1]` and `[2]` the Wigner D
 * matrices of frequencies 1 and 2 (escnn's real basis), `[3]` (3-dim) and `[4]` (4-dim), into which
 * escnn's frequency-3 Wigner D splits. Subgroups (escnn's ids): the group itself (`'ico'`), `[false, N]`
 * the C_N about the z axis (N = 1, 2), (1, 1, 1) (N = 3) and (φ, 0, 1) (N = 5), and `[true, 1]` a C_2 about
 * another 2-fold axis; each with an optional adjoint element last.
 * @see escnn's `escnn.group.Icosahedral`
 */
export class Icosahedral extends PolyhedralGroup {
  readonly name = 'Icosahedral';
  readonly key = 'icosahedral';
  /** @internal */
  protected readonly table: RotationTable = ICOSAHEDRAL_ROTATIONS;
  protected readonly irrepIds = Object.freeze([0, 1, 2, 3, 4]);
  /** escnn's generators: a rotation of order 5 and one of order 2. */
  protected readonly generatorIndices = Object.freeze([21, 0]);
  /** @internal */
  protected readonly subgroupSpec: PolyhedralSubgroupSpec = SUBGROUPS;

  /** escnn's `subgroup_trivial_id`: `[false, 1]` (escnn's `(False, 1)`, C_1). */
  get subgroupTrivialId(): unknown {
    return [false, 1];
  }

  /** escnn's `subgroup_self_id`: `'ico'`. */
  get subgroupSelfId(): unknown {
    return 'ico';
  }

  /**
   * escnn's `bl_irreps(L)`: the ids `[0] … [L]`.
   * @throws InvalidArgumentError unless `L` is an integer in 0..4.
   */
  blIrreps(L: number): IrrepId[] {
    if (!isInteger(L) || L < 0 || L > 4) {
      throw new InvalidArgumentError(`${this.name}.blIrreps`, 'L', L, 'must be an integer in 0..4');
    }
    return Array.from({ length: L + 1 }, (_, l) => [l]);
  }

  /** @internal */
  protected irrepSpec(l: number): PolyhedralIrrepSpec {
    const attributes = { frequency: l };
    if (l === 0) {
      return {
        dimension: 1,
        matrices: () => this.table.quaternions.map(() => Float64Array.of(1)),
        supportedNonlinearities: ['pointwise', 'norm', 'gated', 'gate'],
        attributes,
      };
    }
    if (l <= 2) {
      return {
        dimension: 2 * l + 1,
        matrices: () => this.wignerMatrices(l),
        supportedNonlinearities: ['norm', 'gated'],
        attributes,
      };
    }
    const { d, p, q } = PRESENTATION[l]!;
    const [P, Q] = this.generatorIndices as [number, number];
    return {
      dimension: d,
      matrices: () =>
        matricesFromGenerators(
          this.table,
          [
            [P, p],
            [Q, q],
          ],
          d,
        ),
      supportedNonlinearities: ['norm', 'gated'],
      attributes,
    };
  }
}

/**
 * The icosahedral group I, the 60 rotations of the icosahedron (escnn's `ico_group()`). A fresh instance; all
 * instances are equal.
 * @see escnn's `escnn.group.ico_group`
 */
export function icoGroup(): Icosahedral {
  return new Icosahedral();
}
