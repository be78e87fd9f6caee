/**
 * An element of a group (escnn's `GroupElement`): an immutable pair of a group and a canonical value.
 */
import { GroupMismatchError, InvalidArgumentError } from './errors.js';
import type { Group } from './group.js';

/** Default tolerance of {@link GroupElement.equals} for continuous parameters (radians, quaternions). */
export const DEFAULT_ELEMENT_TOLERANCE = 1e-9;

/** An element of a {@link Group}. Create one with `G.element(value, param)`. */
export class GroupElement<V = unknown> {
  /** The group the element belongs to. */
  readonly group: Group<V>;
  /** The element in the group's default parametrization (`G.defaultParam`). */
  readonly value: V;

  /** @internal use `G.element(...)` */
  constructor(group: Group<V>, value: V) {
    this.group = group;
    this.value = value;
    Object.freeze(this);
  }

  private checkSameGroup(other: GroupElement<unknown>, fn: string): GroupElement<V> {
    if (!(other instanceof GroupElement)) {
      throw new InvalidArgumentError(fn, 'other', other, `must be an element of ${this.group.name}`);
    }
    if (!other.group.equals(this.group)) {
      throw new GroupMismatchError(fn, 'other', this.group.name, other.group.name);
    }
    return other as GroupElement<V>;
  }

  /** The product `this · other` (other acts first), escnn's `g @ h`. */
  combine(other: GroupElement<unknown>): GroupElement<V> {
    const h = this.checkSameGroup(other, 'GroupElement.combine');
    return new GroupElement(this.group, this.group._multiply(this.value, h.value));
  }

  /** The inverse element, escnn's `~g`. */
  inverse(): GroupElement<V> {
    return new GroupElement(this.group, this.group._invert(this.value));
  }

  /** True when both are the same element, to `tolerance` for continuous parameters. */
  equals(other: GroupElement<unknown>, tolerance: number = DEFAULT_ELEMENT_TOLERANCE): boolean {
    if (!(other instanceof GroupElement) || !other.group.equals(this.group)) return false;
    return this.group._valuesEqual(this.value, (other as GroupElement<V>).value, tolerance);
  }

  /** True when this is the identity (to `tolerance`). */
  isIdentity(tolerance: number = DEFAULT_ELEMENT_TOLERANCE): boolean {
    return this.equals(this.group.identity, tolerance);
  }

  /** The element in parametrization `param` (escnn's `g.to(param)`). */
  to(param: string): unknown {
    return this.group._format(this.value, param);
  }

  /** The default parametrization's name. */
  get param(): string {
    return this.group.defaultParam;
  }

  /** Readable form, e.g. `C4[1]`, `D4[(1, 3)]`, `SO(2)[0.7854]`. */
  toString(): string {
    return `${this.group.name}[${this.group._describe(this.value)}]`;
  }
}
