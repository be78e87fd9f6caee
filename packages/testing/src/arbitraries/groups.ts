/**
 * fast-check arbitraries for group elements and for the groups of the planar family (C_N, D_N, SO(2), O(2)).
 */
import {
  cyclicGroup,
  dihedralGroup,
  type Group,
  type GroupElement,
  InvalidArgumentError,
  o2Group,
  so2Group,
} from '@steerable/group-theory';
import fc from 'fast-check';

/**
 * An arbitrary element of `G`: for a finite group any of its elements (shrinking towards the identity, the
 * first element); for a continuous group one of its testing elements or a Haar sample drawn from an
 * arbitrary seed.
 */
export function arbitraryElement<V>(G: Group<V>): fc.Arbitrary<GroupElement<V>> {
  if (!G.continuous) {
    const elements = G.elements;
    return fc.integer({ min: 0, max: elements.length - 1 }).map((i) => elements[i]!);
  }
  const testing = G.testingElements;
  return fc.oneof(
    fc.integer({ min: 0, max: testing.length - 1 }).map((i) => testing[i]!),
    fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => G.sample(1, { seed })[0]!),
  );
}

/** Options of {@link arbitraryPlanarGroup}. */
export interface PlanarGroupOptions {
  /**
   * Largest number of rotations of the finite groups C_N and D_N.
   * @defaultValue 12
   */
  readonly maxRotations?: number;
  /**
   * Largest `maximumFrequency` of SO(2) and O(2).
   * @defaultValue 4
   */
  readonly maxFrequency?: number;
}

/**
 * An arbitrary planar group: `C_N` or `D_N` with `1 ≤ N ≤ maxRotations`, or SO(2) / O(2) with a maximum
 * frequency in `0..maxFrequency`. Shrinks towards small cyclic groups.
 */
export function arbitraryPlanarGroup(options: PlanarGroupOptions = {}): fc.Arbitrary<Group> {
  const maxRotations = options.maxRotations ?? 12;
  const maxFrequency = options.maxFrequency ?? 4;
  if (!Number.isInteger(maxRotations) || maxRotations < 1) {
    throw new InvalidArgumentError(
      'arbitraryPlanarGroup',
      'options.maxRotations',
      maxRotations,
      'must be a positive integer',
    );
  }
  if (!Number.isInteger(maxFrequency) || maxFrequency < 0) {
    throw new InvalidArgumentError(
      'arbitraryPlanarGroup',
      'options.maxFrequency',
      maxFrequency,
      'must be a non-negative integer',
    );
  }
  const N = fc.integer({ min: 1, max: maxRotations });
  const L = fc.integer({ min: 0, max: maxFrequency });
  return fc.oneof(
    N.map((n): Group => cyclicGroup(n)),
    N.map((n): Group => dihedralGroup(n)),
    L.map((l): Group => so2Group(l)),
    L.map((l): Group => o2Group(l)),
  );
}
