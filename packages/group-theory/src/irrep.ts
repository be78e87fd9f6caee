/**
 * Irreducible representations (escnn's `IrreducibleRepresentation`), owned by their group.
 *
 * The representations package builds general representations on top of these; both satisfy
 * {@link RepresentationLike}, so an irrep can be used wherever a representation is expected.
 */
import { Matrix } from 'ml-matrix';
import type { GroupElement } from './element.js';
import { InvalidArgumentError } from './errors.js';
import type { Group, IrrepId } from './group.js';

/**
 * The type of a real irrep, by the dimension of its endomorphism algebra (escnn's `type`):
 * `'R'` real (1), `'C'` complex (2), `'H'` quaternionic (4).
 */
export type IrrepType = 'R' | 'C' | 'H';

/**
 * Names of the nonlinearities a representation supports (escnn's `supported_nonlinearities`).
 *
 * A representation induced from `ψ` carries escnn's sized tags `induced_norm_<dim ψ>` / `induced_gated_<dim ψ>`:
 * its fields split into sub-fields of `dim ψ` channels that `ρ(g)` permutes (read the size with
 * `inducedSubfieldSize`). `induced_gate` marks a quotient representation usable as a gate of those.
 */
export type NonlinearityTag =
  | 'pointwise'
  | 'norm'
  | 'gated'
  | 'gate'
  | 'concatenated'
  | 'vectorfield'
  | `induced_norm_${number}`
  | `induced_gated_${number}`
  | 'induced_gate';

/**
 * What every representation offers: the structural interface shared by {@link IrreducibleRepresentation}
 * and the representations package's `Representation`. A representation is `rho(g) = Q (⊕_i psi_i(g)) Q^-1`
 * with `psi_i` the irreps listed in `irreps` and `Q` the change of basis.
 */
export interface RepresentationLike {
  /** The group represented. */
  readonly group: Group;
  /** escnn's name, e.g. `irrep_1`, `regular`, `quotient[...]`. */
  readonly name: string;
  /** Dimension of the representation space. */
  readonly size: number;
  /** Ids of the irreps of the block-diagonal decomposition, in order. */
  readonly irreps: readonly IrrepId[];
  /** Change of basis `Q` (size × size; a fresh copy). */
  readonly changeOfBasis: Matrix;
  /** Inverse change of basis `Q^-1` (a fresh copy). */
  readonly changeOfBasisInv: Matrix;
  /** Nonlinearities escnn lets this representation through. */
  readonly supportedNonlinearities: ReadonlySet<NonlinearityTag>;
  /** The matrix `rho(g)` (a fresh matrix). */
  at(g: GroupElement): Matrix;
  /** The character `tr rho(g)`. */
  character(g: GroupElement): number;
  /** True when `rho(g)` is the identity for every `g`. */
  isTrivial(): boolean;
}

/** What a group supplies to build one of its irreps. */
export interface IrrepDefinition {
  /** escnn's id tuple. */
  readonly id: IrrepId;
  /**
   * escnn's name, when it is not `irrep_` followed by the id joined with commas (e.g. a direct product's
   * `irrep_[(1,),(0,)](0)`, whose escnn id is nested and flattened here).
   * @defaultValue `irrep_${id.join(',')}`
   */
  readonly name?: string;
  /** Size of the matrices. */
  readonly dimension: number;
  /** Real, complex or quaternionic type (the dimension of the endomorphism algebra: 1, 2 or 4). */
  readonly type: IrrepType;
  /** Row-major `dimension × dimension` matrix of the element with canonical value `value`. */
  readonly matrix: (value: unknown) => Float64Array;
  /** Basis of the endomorphisms (matrices commuting with every `rho(g)`): `type`'s dimension many. */
  readonly endomorphismBasis: readonly Float64Array[];
  /** Nonlinearities supported (escnn: trivial irreps are 'pointwise', 'gate', 'norm', 'gated', ...). */
  readonly supportedNonlinearities: readonly NonlinearityTag[];
  /**
   * escnn's custom irrep attributes (its `attributes` dict, keys in camelCase), e.g. `{ frequency: 2 }` or
   * `{ frequency: 1, flipFrequency: 1 }`.
   * @defaultValue `{}`
   */
  readonly attributes?: Readonly<Record<string, number>>;
}

/** An irreducible representation of a group, with escnn's id, name, type and matrices. */
export class IrreducibleRepresentation implements RepresentationLike {
  /** The group represented. */
  readonly group: Group;
  /** escnn's id tuple. */
  readonly id: IrrepId;
  /** escnn's name: `irrep_` followed by the id joined with commas (`irrep_1`, `irrep_1,2`). */
  readonly name: string;
  /** Dimension. */
  readonly dimension: number;
  /** Real, complex or quaternionic type (escnn's `type`). */
  readonly type: IrrepType;
  /** Nonlinearities escnn lets this irrep through (escnn's `supported_nonlinearities`). */
  readonly supportedNonlinearities: ReadonlySet<NonlinearityTag>;
  /** escnn's `attributes` (keys in camelCase): `frequency`, and `flipFrequency` for D_N and O(2). */
  readonly attributes: Readonly<Record<string, number>>;
  readonly #matrix: (value: unknown) => Float64Array;
  readonly #endomorphisms: readonly Float64Array[];

  /** @internal groups build their irreps; use `G.irrep(...id)`. */
  constructor(group: Group, definition: IrrepDefinition) {
    this.group = group;
    this.id = Object.freeze([...definition.id]);
    this.name = definition.name ?? `irrep_${definition.id.join(',')}`;
    this.dimension = definition.dimension;
    this.type = definition.type;
    this.supportedNonlinearities = new Set(definition.supportedNonlinearities);
    this.attributes = Object.freeze({ ...definition.attributes });
    this.#matrix = definition.matrix;
    this.#endomorphisms = definition.endomorphismBasis;
    Object.freeze(this);
  }

  /** escnn's `sum_of_squares_constituents`: 1, 2 or 4 for types 'R', 'C', 'H' (the endomorphism algebra's dimension). */
  get sumOfSquaresConstituents(): number {
    return this.type === 'R' ? 1 : this.type === 'C' ? 2 : 4;
  }

  /** The dimension (RepresentationLike's name for it). */
  get size(): number {
    return this.dimension;
  }
  /** `[id]`: an irrep is its own decomposition. */
  get irreps(): readonly IrrepId[] {
    return [this.id];
  }
  /** The identity (a fresh matrix). */
  get changeOfBasis(): Matrix {
    return Matrix.eye(this.dimension);
  }
  /** The identity (a fresh matrix). */
  get changeOfBasisInv(): Matrix {
    return Matrix.eye(this.dimension);
  }

  /** Row-major matrix of `g` as a flat array (fast path for inner loops). */
  matrixData(g: GroupElement): Float64Array {
    const h = this.group.checkElement(g, `${this.name}.at`);
    return this.#matrix(h.value);
  }

  /** The matrix `rho(g)` (a fresh matrix). */
  at(g: GroupElement): Matrix {
    const data = this.matrixData(g);
    const d = this.dimension;
    const m = new Matrix(d, d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m.set(i, j, data[i * d + j]!);
    return m;
  }

  /** The character `tr rho(g)`. */
  character(g: GroupElement): number {
    const data = this.matrixData(g);
    let trace = 0;
    for (let i = 0; i < this.dimension; i++) trace += data[i * this.dimension + i]!;
    return trace;
  }

  /** True for the trivial irrep (dimension 1, id all zeros). */
  isTrivial(): boolean {
    return this.dimension === 1 && this.id.every((k) => k === 0);
  }

  /** A basis of the endomorphism algebra: `E` with `E rho(g) = rho(g) E` for all g (escnn's `endomorphism_basis()`). */
  endomorphismBasis(): Matrix[] {
    const d = this.dimension;
    return this.#endomorphisms.map((data) => {
      const m = new Matrix(d, d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m.set(i, j, data[i * d + j]!);
      return m;
    });
  }

  /** Equal when same group and same id. */
  equals(other: RepresentationLike): boolean {
    return (
      other instanceof IrreducibleRepresentation &&
      other.group.equals(this.group) &&
      other.id.length === this.id.length &&
      other.id.every((k, i) => k === this.id[i])
    );
  }

  toString(): string {
    return `${this.group.name}|[${this.name}]:${this.dimension}`;
  }
}

/** Validates an irrep id argument: an array of integers. */
export function checkIrrepId(fn: string, id: readonly unknown[]): IrrepId {
  if (!Array.isArray(id) || id.some((k) => typeof k !== 'number' || !Number.isInteger(k))) {
    throw new InvalidArgumentError(fn, 'id', id, 'must be a tuple of integers');
  }
  return id as IrrepId;
}
