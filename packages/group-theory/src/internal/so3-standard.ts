/**
 * The standard representation of SO(3) and O(3) on R³ (escnn's `standard_representation()`): the irrep of
 * frequency 1 (`[1]`, or `[1, 1]` for O(3)) in the basis `(x, y, z)` instead of the irrep's `(y, z, x)`.
 */
import { Matrix } from 'ml-matrix';
import type { GroupElement } from '../element.js';
import type { Group, IrrepId } from '../group.js';
import type { IrreducibleRepresentation, NonlinearityTag, RepresentationLike } from '../irrep.js';

/** escnn's change of basis `Q` with `standard(g) = Q irrep(g) Qᵀ`: row `x` reads the irrep's coordinate 2. */
const CHANGE_OF_BASIS = [
  [0, 0, 1],
  [1, 0, 0],
  [0, 1, 0],
];

/**
 * The 3×3 matrices `Q psi(g) Qᵀ` of a 3-dimensional irrep `psi` (the rotation matrix, times −1 for the
 * inversion of O(3)), as a {@link RepresentationLike} named `standard` with `irreps = [psi.id]`.
 */
export class StandardRepresentation implements RepresentationLike {
  readonly group: Group;
  readonly name = 'standard';
  readonly size = 3;
  readonly irreps: readonly IrrepId[];
  readonly supportedNonlinearities: ReadonlySet<NonlinearityTag>;
  readonly #matrix: (value: unknown) => Float64Array;

  /**
   * @param irrep - the irrep `psi` (`[1]` of SO(3), `[1, 1]` of O(3)).
   * @param matrix - row-major `Q psi(g) Qᵀ` of a canonical value, computed directly.
   */
  constructor(group: Group, irrep: IrreducibleRepresentation, matrix: (value: unknown) => Float64Array) {
    this.group = group;
    this.irreps = Object.freeze([irrep.id]);
    this.supportedNonlinearities = irrep.supportedNonlinearities;
    this.#matrix = matrix;
    Object.freeze(this);
  }

  /** `Q = [[0, 0, 1], [1, 0, 0], [0, 1, 0]]` (a fresh matrix). */
  get changeOfBasis(): Matrix {
    return new Matrix(CHANGE_OF_BASIS);
  }

  /** `Qᵀ` (a fresh matrix). */
  get changeOfBasisInv(): Matrix {
    return new Matrix(CHANGE_OF_BASIS).transpose();
  }

  /** The 3×3 matrix of `g` (a fresh matrix). */
  at(g: GroupElement): Matrix {
    const h = this.group.checkElement(g, `${this.name}.at`);
    const m = this.#matrix(h.value);
    return new Matrix([
      Array.from(m.subarray(0, 3)),
      Array.from(m.subarray(3, 6)),
      Array.from(m.subarray(6, 9)),
    ]);
  }

  /** The trace of {@link StandardRepresentation.at}. */
  character(g: GroupElement): number {
    const h = this.group.checkElement(g, `${this.name}.character`);
    const m = this.#matrix(h.value);
    return m[0]! + m[4]! + m[8]!;
  }

  /** False: the standard representation is faithful. */
  isTrivial(): boolean {
    return false;
  }

  toString(): string {
    return `${this.group.name}|[${this.name}]:3`;
  }
}
