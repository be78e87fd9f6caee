/**
 * The abstract group, in escnn's sense (`escnn.group.Group`): a set of elements with a
 * composition, a default parametrization of its elements, its irreducible representations
 * with escnn's ids, and its subgroups.
 *
 * Concrete groups implement a handful of protected primitives on *canonical values* (the
 * element in the group's default parametrization, normalized); everything else—validation,
 * parametrization changes, the element wrapper—lives here once.
 */
import type { Matrix } from 'ml-matrix';
import { GroupElement } from './element.js';
import { GroupMismatchError, InvalidArgumentError, SteerableError } from './errors.js';
import { numericalClebschGordan, numericalTensorProductIrreps } from './internal/clebsch-gordan.js';
import { subgroupKey } from './internal/subgroup.js';
import type { IrreducibleRepresentation } from './irrep.js';

/**
 * An irrep id, escnn's tuple: `[k]` for cyclic groups and SO(2), `[j, k]` for dihedral groups
 * and O(2) (j = 1 when the irrep is not trivial on the flip), `[j, l]` for O(3), `[l]` for SO(3)...
 */
export type IrrepId = readonly number[];

/** A subgroup together with the maps that relate it to its parent (escnn's `G.subgroup(id)`). */
export interface SubgroupMap<Sub extends Group = Group, Parent extends Group = Group> {
  /** The subgroup as a group of its own (e.g. C4 for the subgroup of rotations of D4). */
  readonly subgroup: Sub;
  /** The parent group. */
  readonly parent: Parent;
  /** The subgroup id it was requested with. */
  readonly id: unknown;
  /** Maps an element of the subgroup to the corresponding element of the parent (escnn's `inclusion`). */
  inclusion(h: GroupElement): GroupElement;
  /**
   * Maps an element of the parent to the subgroup, or `null` when it does not lie in the subgroup
   * (escnn's `restriction`, which returns `None`).
   */
  restriction(g: GroupElement): GroupElement | null;
}

/**
 * An irrep of a group restricted to one of its subgroups, escnn's `restrict_irrep(id, sg_id)`:
 * `rho(inclusion(h)) = Q (⊕_i psi_i(h)) Q^T` for every element `h` of the subgroup, with `psi_i` the
 * subgroup's irreps listed in `irreps` and `Q = changeOfBasis` orthogonal.
 */
export interface RestrictedIrrep {
  /** Ids of the subgroup's irreps, in the order of the blocks. */
  readonly irreps: readonly IrrepId[];
  /** The orthogonal change of basis `Q` (a fresh matrix). */
  readonly changeOfBasis: Matrix;
}

/**
 * One term of the decomposition of a tensor product of two irreps (escnn's `_tensor_product_irreps`):
 * the irrep `id` appears `multiplicity` times.
 */
export interface TensorProductTerm {
  /** The irrep's id. */
  readonly id: IrrepId;
  /** How many times it appears. */
  readonly multiplicity: number;
}

/** Options of {@link Group.sample}. */
export interface SampleOptions {
  /**
   * Seed of the pseudo-random generator; the same seed gives the same elements.
   * @defaultValue 0
   */
  readonly seed?: number;
}

/**
 * A group, as escnn defines it. Build one with a factory (`cyclicGroup(4)`, `o2Group()`, ...).
 *
 * @typeParam V - the canonical value of an element (the default parametrization).
 */
export abstract class Group<V = unknown> {
  /** Printable name, escnn's (`"C4"`, `"D4"`, `"SO(2)"`, `"O(2)"`). */
  abstract readonly name: string;
  /** True for Lie groups (SO(2), O(2), SO(3), ...), false for finite groups. */
  abstract readonly continuous: boolean;
  /** The parametrization `element()` uses when none is given, escnn's `PARAM` (`'int'`, `'radians'`, `'Q'`). */
  abstract readonly defaultParam: string;
  /** The parametrizations `element()` and `GroupElement.to()` accept. */
  abstract readonly parametrizations: readonly string[];

  /** Number of elements, or -1 for a continuous group (escnn's `order()`). */
  abstract order(): number;

  /**
   * A key that identifies the group up to equality: two groups with the same key are the same group
   * (e.g. `"cyclic:4"`, `"so2:3"` includes the maximum frequency that bounds `irreps()`).
   */
  abstract readonly key: string;

  // ---- primitives on canonical values, implemented by each group ----------------------------------

  /** Converts `value` in parametrization `param` to the canonical value; throws on a non-element. */
  protected abstract parse(value: unknown, param: string, fn: string): V;
  /** Converts a canonical value to parametrization `param`. */
  protected abstract format(value: V, param: string): unknown;
  /** Canonical value of the product `a·b` (b acts first). */
  protected abstract multiply(a: V, b: V): V;
  /** Canonical value of the inverse. */
  protected abstract invert(a: V): V;
  /** Equality of canonical values, with a tolerance for continuous parameters. */
  protected abstract valuesEqual(a: V, b: V, tolerance: number): boolean;
  /** Canonical value of the identity. */
  protected abstract identityValue(): V;
  /** Readable form of a canonical value (used by `GroupElement.toString()`). */
  protected abstract describe(value: V): string;

  // ---- the public API ------------------------------------------------------------------------------

  /**
   * The element with the given value in parametrization `param` (escnn's `G.element(value, param)`).
   * @throws InvalidArgumentError if `param` is unknown or `value` is not an element.
   */
  element(value: unknown, param: string = this.defaultParam): GroupElement<V> {
    if (!this.parametrizations.includes(param)) {
      throw new InvalidArgumentError(
        `${this.name}.element`,
        'param',
        param,
        `must be one of ${this.parametrizations.map((p) => `'${p}'`).join(', ')}`,
      );
    }
    return new GroupElement<V>(this, this.parse(value, param, `${this.name}.element`));
  }

  /** The identity element. */
  get identity(): GroupElement<V> {
    return new GroupElement<V>(this, this.identityValue());
  }

  /** @internal used by GroupElement */
  _multiply(a: V, b: V): V {
    return this.multiply(a, b);
  }
  /** @internal used by GroupElement */
  _invert(a: V): V {
    return this.invert(a);
  }
  /** @internal used by GroupElement */
  _valuesEqual(a: V, b: V, tolerance: number): boolean {
    return this.valuesEqual(a, b, tolerance);
  }
  /** @internal used by GroupElement */
  _format(value: V, param: string): unknown {
    if (!this.parametrizations.includes(param)) {
      throw new InvalidArgumentError(
        'GroupElement.to',
        'param',
        param,
        `must be one of ${this.parametrizations.map((p) => `'${p}'`).join(', ')}`,
      );
    }
    return this.format(value, param);
  }
  /** @internal used by GroupElement */
  _describe(value: V): string {
    return this.describe(value);
  }

  /** Checks that `g` is an element of this group; throws a {@link GroupMismatchError} otherwise. */
  checkElement(g: GroupElement, fn: string, argument = 'g'): GroupElement<V> {
    if (!(g instanceof GroupElement)) {
      throw new InvalidArgumentError(fn, argument, g, `must be an element of ${this.name}`);
    }
    if (!g.group.equals(this)) throw new GroupMismatchError(fn, argument, this.name, g.group.name);
    return g as GroupElement<V>;
  }

  /** True when `other` is the same group (same family, same parameters). */
  equals(other: Group<unknown>): boolean {
    return this === other || this.key === other.key;
  }

  /** All elements in escnn's order (the basis order of the regular representation); finite groups only. */
  abstract get elements(): readonly GroupElement<V>[];
  /**
   * A set of generators (escnn's `generators`). For a continuous group (where escnn raises) a finite set of
   * elements generating a dense subgroup (e.g. the rotation by 1 radian for SO(2)): enough to pin down every
   * intertwiner between continuous representations.
   */
  abstract get generators(): readonly GroupElement<V>[];
  /** escnn's `testing_elements`: all elements of a finite group, a fixed grid for continuous ones. */
  abstract get testingElements(): readonly GroupElement<V>[];

  /** `n` elements drawn uniformly (Haar measure), reproducibly from `options.seed`. */
  abstract sample(n: number, options?: SampleOptions): GroupElement<V>[];

  /** The irreps up to the group's maximum frequency, in escnn's order (`G.irreps()`). */
  abstract irreps(): readonly IrreducibleRepresentation[];

  /**
   * The irrep with the given id (escnn's `G.irrep(*id)`); for continuous groups any frequency is available,
   * not only those up to the maximum frequency.
   * @throws UnknownIrrepError for an id the group does not have.
   */
  abstract irrep(...id: number[]): IrreducibleRepresentation;

  /** The trivial representation (escnn's `G.trivial_representation`). */
  get trivialRepresentation(): IrreducibleRepresentation {
    return this.irreps()[0]!;
  }

  readonly #subgroups = new Map<string, SubgroupMap>();

  /**
   * The subgroup with escnn's id, its inclusion and restriction maps (escnn's `G.subgroup(id)`, with
   * Python's `None` written `null` and tuples as arrays, e.g. `[null, 4]` or `[0, 2]` for D_N).
   * @throws UnknownSubgroupError for an id the group does not have.
   */
  subgroup(id: unknown): SubgroupMap {
    const key = subgroupKey(id);
    let map = this.#subgroups.get(key);
    if (map === undefined) {
      map = this.buildSubgroup(id, `${this.name}.subgroup`);
      this.#subgroups.set(key, map);
    }
    return map;
  }

  /** escnn's `subgroup_trivial_id`: the id of the subgroup `{e}`. */
  abstract get subgroupTrivialId(): unknown;

  /** escnn's `subgroup_self_id`: the id of the whole group as its own subgroup. */
  abstract get subgroupSelfId(): unknown;

  /**
   * The id, as a subgroup of this group, of the subgroup `id2` of the subgroup `id1` (escnn's
   * `_combine_subgroups(sg_id1, sg_id2)`): `G.subgroup(result)` is `H2` where `H1 = G.subgroup(id1)` and
   * `H2 = H1.subgroup(id2)`, with `G.subgroup(result).inclusion` equal to `H1.inclusion ∘ H2.inclusion` on
   * the elements' images.
   * @throws UnknownSubgroupError when `id1` is not a subgroup id of this group or `id2` one of `H1`.
   */
  combineSubgroups(id1: unknown, id2: unknown): unknown {
    const map = this.subgroup(id1);
    map.subgroup.subgroup(id2);
    return this.combineSubgroupIds(map, id2);
  }

  /** {@link Group.combineSubgroups} on validated ids: `map` is the subgroup `id1`, `id2` is valid in it. */
  protected abstract combineSubgroupIds(map: SubgroupMap, id2: unknown): unknown;

  /** Builds the subgroup map of a (not yet validated) subgroup id; throws `UnknownSubgroupError`. */
  protected abstract buildSubgroup(id: unknown, fn: string): SubgroupMap;

  /**
   * The irrep `id` restricted to the subgroup `subgroupId` as subgroup irreps and a change of basis
   * (escnn's `G.restrict_irrep(id, sg_id)` / `_restrict_irrep`).
   * @throws UnknownIrrepError / UnknownSubgroupError for ids the group does not have.
   */
  restrictIrrep(id: IrrepId, subgroupId: unknown): RestrictedIrrep {
    const fn = `${this.name}.restrictIrrep`;
    const irrep = this.irrep(...id);
    const map = this.subgroup(subgroupId);
    return this.restrictIrrepImpl(irrep, map, fn);
  }

  /** Restriction of an irrep to a subgroup (closed form per group family). */
  protected abstract restrictIrrepImpl(
    irrep: IrreducibleRepresentation,
    subgroup: SubgroupMap,
    fn: string,
  ): RestrictedIrrep;

  /**
   * Elements whose constraints pin down intertwiners: the generators of a finite group, a set generating a
   * dense subgroup of a compact Lie group. Used by the numerical intertwiner and Clebsch–Gordan solvers.
   */
  get constraintElements(): readonly GroupElement<V>[] {
    return this.generators;
  }

  readonly #tensorProducts = new Map<string, readonly TensorProductTerm[]>();
  readonly #clebschGordan = new Map<string, Matrix>();

  /**
   * The decomposition of the tensor product `psi_m ⊗ psi_n` of two irreps into irreps, in escnn's order
   * (escnn's `_tensor_product_irreps(m, n)`), as `{ id, multiplicity }` terms.
   * @throws UnknownIrrepError for ids the group does not have.
   */
  tensorProductIrreps(m: IrrepId, n: IrrepId): TensorProductTerm[] {
    const psiM = this.irrep(...m);
    const psiN = this.irrep(...n);
    const key = `${psiM.name}|${psiN.name}`;
    let terms = this.#tensorProducts.get(key);
    if (terms === undefined) {
      terms = Object.freeze(this.computeTensorProductIrreps(psiM, psiN, `${this.name}.tensorProductIrreps`));
      this.#tensorProducts.set(key, terms);
    }
    return [...terms];
  }

  /**
   * The decomposition of `psi_m ⊗ psi_n`. The default searches `irreps()` in order, as escnn's numerical
   * `_find_tensor_decomposition`; groups with a closed form override it.
   */
  protected computeTensorProductIrreps(
    psiM: IrreducibleRepresentation,
    psiN: IrreducibleRepresentation,
    fn: string,
  ): TensorProductTerm[] {
    return numericalTensorProductIrreps(psiM, psiN, this.irreps(), fn);
  }

  /**
   * Clebsch–Gordan coefficients of `psi_j` in `psi_m ⊗ psi_n` (escnn's `_clebsh_gordan_coeff(m, n, j)`): a
   * `(dm·dn) × (S·dj)` matrix `C` with orthonormal columns such that
   * `(psi_m(g) ⊗ psi_n(g)) C = C (I_S ⊗ psi_j(g))` for all g, `S` the multiplicity of `psi_j` (0 columns when it
   * does not occur). Rows are indexed `a·dn + b` (Kronecker order), columns `s·dj + c`; escnn's tensor
   * `[a, b, s, c]` is this matrix reshaped. A fresh matrix (computed once per group instance).
   * @throws UnknownIrrepError for ids the group does not have.
   */
  clebschGordan(m: IrrepId, n: IrrepId, j: IrrepId): Matrix {
    const psiM = this.irrep(...m);
    const psiN = this.irrep(...n);
    const psiJ = this.irrep(...j);
    const key = `${psiM.name}|${psiN.name}|${psiJ.name}`;
    let cg = this.#clebschGordan.get(key);
    if (cg === undefined) {
      cg = this.computeClebschGordan(psiM, psiN, psiJ);
      this.#clebschGordan.set(key, cg);
    }
    return cg.clone();
  }

  /**
   * The Clebsch–Gordan matrix of {@link Group.clebschGordan}. The default solves the intertwiner constraint
   * on `constraintElements` numerically (escnn's `_clebsh_gordan_tensor`); groups with a closed form override it.
   */
  protected computeClebschGordan(
    psiM: IrreducibleRepresentation,
    psiN: IrreducibleRepresentation,
    psiJ: IrreducibleRepresentation,
  ): Matrix {
    return numericalClebschGordan(psiM, psiN, psiJ, this.constraintElements);
  }

  /**
   * A grid of elements (escnn's `grid`): `'regular'` for evenly spaced rotations, `'rand'` for `n` random
   * elements drawn reproducibly from `options.seed`.
   * @throws InvalidArgumentError for an unknown type or an impossible size.
   */
  abstract grid(type: string, n: number, options?: SampleOptions): GroupElement<V>[];

  /** Validates the `n` argument of `sample`/`grid`: a non-negative integer. */
  protected checkCount(fn: string, n: unknown, argument = 'n'): number {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new InvalidArgumentError(fn, argument, n, 'must be a non-negative integer');
    }
    return n;
  }

  /** Validates `options.seed`: an integer, 0 when absent. */
  protected checkSeed(fn: string, options: SampleOptions | undefined): number {
    const seed = options?.seed ?? 0;
    if (typeof seed !== 'number' || !Number.isInteger(seed)) {
      throw new InvalidArgumentError(fn, 'options.seed', seed, 'must be an integer');
    }
    return seed;
  }

  /** Error thrown by `elements` on a continuous group. */
  protected noFiniteElements(): SteerableError {
    return new SteerableError(
      `${this.name}.elements`,
      `${this.name} is continuous and has no finite list of elements (escnn returns None); use testingElements or grid()`,
    );
  }

  /** Printable name. */
  toString(): string {
    return this.name;
  }
}

/** Type of the matrices returned by representations: ml-matrix's dense float64 matrix. */
export type { Matrix };
