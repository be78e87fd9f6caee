/**
 * The general (reducible) representation, escnn's `Representation`: `rho(g) = Q (⊕_i psi_i(g)) Q^-1`.
 */
import {
  blockDiagonal,
  type Group,
  type GroupElement,
  InvalidArgumentError,
  IrreducibleRepresentation,
  type IrrepId,
  type NonlinearityTag,
  type RepresentationLike,
} from '@steerable/group-theory';
import { Matrix } from 'ml-matrix';
import { allClose, isFinite2D, isIdentity, safeInverse, toMatrix, trace } from './internal/linalg.js';

/** Options of the {@link Representation} constructor. */
export interface RepresentationOptions {
  /**
   * Nonlinearities the representation supports (escnn's `supported_nonlinearities`).
   * @defaultValue none
   */
  readonly supportedNonlinearities?: Iterable<NonlinearityTag>;
  /**
   * The inverse of the change of basis; computed (and checked) when omitted. When given it must satisfy
   * `Q Q^-1 = Q^-1 Q = I`.
   * @defaultValue `inverse(changeOfBasis)`
   */
  readonly changeOfBasisInv?: Matrix | readonly (readonly number[])[];
  /**
   * An explicit map from elements to matrices that equals `Q (⊕ psi_i(g)) Q^-1` (e.g. the permutation matrices of
   * the regular representation); escnn's `representation` argument. Used by `at` instead of the irreps.
   * @defaultValue evaluate the irreps
   */
  readonly representation?: (g: GroupElement) => Matrix;
  /**
   * An explicit character; escnn's `character` argument.
   * @defaultValue the trace of `at(g)`
   */
  readonly character?: (g: GroupElement) => number;
}

function sameId(a: IrrepId, b: IrrepId): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Canonical string of an irrep id (`"1,2"`), used to count multiplicities. */
export function irrepIdKey(id: IrrepId): string {
  return id.join(',');
}

/**
 * A finite-dimensional real representation of a group, decomposed as
 * `rho(g) = Q (⊕_i psi_i(g)) Q^-1`, with `psi_i` the group's irreps listed in {@link Representation.irreps} and
 * `Q` the change of basis. Immutable: matrices returned are fresh copies.
 *
 * Build one with the constructions of this package ({@link directSum}, {@link changeBasis},
 * {@link regularRepresentation}, ...); the constructor is public for custom representations.
 *
 * @see escnn's `escnn.group.Representation`
 */
export class Representation implements RepresentationLike {
  /** The group represented. */
  readonly group: Group;
  /** escnn's name (`regular`, `quotient[(None, 2)]`, `[irrep_0]_[irrep_1]`, ...). */
  readonly name: string;
  /** Dimension of the representation space. */
  readonly size: number;
  /** Ids of the irreps `psi_i` of the block-diagonal decomposition, in order (a frozen array). */
  readonly irreps: readonly IrrepId[];
  /** Nonlinearities this representation supports (escnn's `supported_nonlinearities`). */
  readonly supportedNonlinearities: ReadonlySet<NonlinearityTag>;
  /** True when the representation is one irrep with identity change of basis (escnn's `irreducible`). */
  readonly irreducible: boolean;
  readonly #q: Matrix;
  readonly #qInv: Matrix;
  readonly #qIsIdentity: boolean;
  readonly #irrepInstances: readonly IrreducibleRepresentation[];
  readonly #explicit: ((g: GroupElement) => Matrix) | undefined;
  readonly #character: ((g: GroupElement) => number) | undefined;
  /** memo of restrictions by subgroup id (escnn caches them too); private, never observable. */
  readonly #restricted = new Map<string, Representation>();

  /**
   * @param group - the group represented.
   * @param name - a name for the representation.
   * @param irreps - ids of the irreps of `group` of the decomposition, in order.
   * @param changeOfBasis - the invertible square matrix `Q` (size = the sum of the irreps' dimensions).
   * @param options - see {@link RepresentationOptions}.
   * @throws InvalidArgumentError if `Q` is not square, not of the irreps' total size, not finite or not invertible,
   *   or if `changeOfBasisInv` is not its inverse.
   * @throws UnknownIrrepError if an id is not an irrep of `group`.
   */
  constructor(
    group: Group,
    name: string,
    irreps: readonly IrrepId[],
    changeOfBasis: Matrix | readonly (readonly number[])[],
    options: RepresentationOptions = {},
  ) {
    const fn = 'Representation';
    if (typeof name !== 'string') throw new InvalidArgumentError(fn, 'name', name, 'must be a string');
    if (!Array.isArray(irreps) || irreps.length === 0) {
      throw new InvalidArgumentError(fn, 'irreps', irreps, 'must be a non-empty list of irrep ids');
    }
    const instances = irreps.map((id) => group.irrep(...id));
    const size = instances.reduce((s, r) => s + r.size, 0);
    const q = toMatrix(changeOfBasis);
    if (q.rows !== q.columns || q.rows !== size || !isFinite2D(q)) {
      throw new InvalidArgumentError(
        fn,
        'changeOfBasis',
        `${q.rows}×${q.columns} matrix`,
        `must be a finite ${size}×${size} matrix (the sum of the irreps' dimensions)`,
      );
    }
    let qInv: Matrix;
    if (options.changeOfBasisInv !== undefined) {
      qInv = toMatrix(options.changeOfBasisInv);
      if (
        qInv.rows !== size ||
        qInv.columns !== size ||
        !isIdentity(q.mmul(qInv), 1e-6) ||
        !isIdentity(qInv.mmul(q), 1e-6)
      ) {
        throw new InvalidArgumentError(
          fn,
          'changeOfBasisInv',
          `${qInv.rows}×${qInv.columns} matrix`,
          'must be the inverse of changeOfBasis',
        );
      }
    } else {
      const inv = safeInverse(q);
      if (inv === null)
        throw new InvalidArgumentError(fn, 'changeOfBasis', 'a singular matrix', 'must be invertible');
      qInv = inv;
    }
    this.group = group;
    this.name = name;
    this.size = size;
    this.irreps = Object.freeze(instances.map((r) => r.id));
    this.supportedNonlinearities = new Set(options.supportedNonlinearities ?? []);
    this.#q = q;
    this.#qInv = qInv;
    this.#qIsIdentity = isIdentity(q);
    this.#irrepInstances = Object.freeze(instances);
    this.#explicit = options.representation;
    this.#character = options.character;
    this.irreducible = instances.length === 1 && this.#qIsIdentity;
    Object.freeze(this);
  }

  /** The change of basis `Q` (a fresh copy). */
  get changeOfBasis(): Matrix {
    return this.#q.clone();
  }

  /** The inverse change of basis `Q^-1` (a fresh copy). */
  get changeOfBasisInv(): Matrix {
    return this.#qInv.clone();
  }

  /** The irreps `psi_i` themselves, in order. */
  get irrepInstances(): readonly IrreducibleRepresentation[] {
    return this.#irrepInstances;
  }

  /** `⊕_i psi_i(g)`: the block-diagonal matrix of the irreps at `g`, before the change of basis. */
  blocks(g: GroupElement): Matrix {
    const h = this.group.checkElement(g, `${this.name}.blocks`);
    const memo = new Map<string, Matrix>();
    return blockDiagonal(
      this.#irrepInstances.map((irr) => {
        const key = irrepIdKey(irr.id);
        let m = memo.get(key);
        if (m === undefined) {
          m = irr.at(h);
          memo.set(key, m);
        }
        return m;
      }),
    );
  }

  /** The matrix `rho(g) = Q (⊕_i psi_i(g)) Q^-1` (a fresh matrix). */
  at(g: GroupElement): Matrix {
    const h = this.group.checkElement(g, `${this.name}.at`);
    if (this.#explicit !== undefined) return this.#explicit(h).clone();
    const d = this.blocks(h);
    if (this.#qIsIdentity) return d;
    return this.#q.mmul(d).mmul(this.#qInv);
  }

  /** The character `tr rho(g)`; equals `Σ_i tr psi_i(g)` since the trace is invariant under the change of basis. */
  character(g: GroupElement): number {
    const h = this.group.checkElement(g, `${this.name}.character`);
    if (this.#character !== undefined) return this.#character(h);
    if (this.#explicit !== undefined) return trace(this.#explicit(h));
    return this.#irrepInstances.reduce((s, irr) => s + irr.character(h), 0);
  }

  /** True when the representation is the trivial irrep itself (escnn's `is_trivial`). */
  isTrivial(): boolean {
    return this.irreducible && this.#irrepInstances[0]!.isTrivial();
  }

  /** True when the trivial irrep is among the irreps (escnn's `contains_trivial`). */
  containsTrivial(): boolean {
    return this.#irrepInstances.some((irr) => irr.isTrivial());
  }

  /** How many times the irrep with id `id` occurs (escnn's `multiplicity`). */
  multiplicity(id: IrrepId): number {
    return this.irreps.filter((k) => sameId(k, id)).length;
  }

  /**
   * escnn's equality: same name, group, irreps, supported nonlinearities and (numerically) the same change of basis.
   */
  equals(other: RepresentationLike): boolean {
    if (other === this) return true;
    if (other === null || typeof other !== 'object') return false;
    return (
      other.name === this.name &&
      other.group.equals(this.group) &&
      other.size === this.size &&
      other.irreps.length === this.irreps.length &&
      other.irreps.every((id, i) => sameId(id, this.irreps[i]!)) &&
      other.supportedNonlinearities.size === this.supportedNonlinearities.size &&
      [...other.supportedNonlinearities].every((t) => this.supportedNonlinearities.has(t)) &&
      allClose(other.changeOfBasis, this.#q)
    );
  }

  /** @internal memo of restrictions used by `restrict` (never exposes mutation). */
  _restrictedMemo(key: string, build: () => Representation): Representation {
    let r = this.#restricted.get(key);
    if (r === undefined) {
      r = build();
      this.#restricted.set(key, r);
    }
    return r;
  }

  /** escnn's printable form `G|[name]:size`. */
  toString(): string {
    return `${this.group.name}|[${this.name}]:${this.size}`;
  }
}

/**
 * Views an irrep (or any {@link RepresentationLike}) as a {@link Representation}; a `Representation` is returned
 * unchanged. An irrep becomes the representation with its own name, one irrep and `Q = I`.
 */
export function asRepresentation(rep: RepresentationLike): Representation {
  if (rep instanceof Representation) return rep;
  if (rep instanceof IrreducibleRepresentation) {
    return new Representation(rep.group, rep.name, [rep.id], Matrix.eye(rep.size), {
      supportedNonlinearities: rep.supportedNonlinearities,
      changeOfBasisInv: Matrix.eye(rep.size),
    });
  }
  if (rep === null || typeof rep !== 'object' || !('group' in rep) || !('irreps' in rep)) {
    throw new InvalidArgumentError('asRepresentation', 'rep', rep, 'must be a representation');
  }
  return new Representation(rep.group, rep.name, rep.irreps, rep.changeOfBasis, {
    supportedNonlinearities: rep.supportedNonlinearities,
    changeOfBasisInv: rep.changeOfBasisInv,
  });
}
