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
import { GroupMismatchError, InvalidArgumentError } from './errors.js';
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
  /** A set of generators (escnn's `generators`). */
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

  /**
   * The subgroup with escnn's id, its inclusion and restriction maps.
   * @throws UnknownSubgroupError for an id the group does not have.
   */
  abstract subgroup(id: unknown): SubgroupMap;

  /** Printable name. */
  toString(): string {
    return this.name;
  }
}

/** Type of the matrices returned by representations: ml-matrix's dense float64 matrix. */
export type { Matrix };
