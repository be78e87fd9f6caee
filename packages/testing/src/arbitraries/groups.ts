/**
 * fast-check arbitraries for group elements, for the groups of the planar family (C_N, D_N, SO(2), O(2)) and,
 * separately, for the groups of space (SO(3), O(3), the polyhedral, cylinder and Klein groups), which the
 * certification's module cases do not draw.
 */
import {
  cyclicGroup,
  cylinderDiscreteGroup,
  cylinderGroup,
  dihedralGroup,
  fullCylinderDiscreteGroup,
  fullCylinderGroup,
  fullIcoGroup,
  fullOctaGroup,
  type Group,
  type GroupElement,
  InvalidArgumentError,
  icoGroup,
  klein4Group,
  o2Group,
  o3Group,
  octaGroup,
  so2Group,
  so3Group,
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

/** Options of {@link arbitrarySpatialGroup}. */
export interface SpatialGroupOptions {
  /**
   * Largest number of rotations `n` of the discrete cylinder groups `C2 × C_n` and `C2 × D_n`.
   * @defaultValue 6
   */
  readonly maxRotations?: number;
  /**
   * Largest `maximumFrequency` of SO(3), O(3) and the continuous cylinder groups `C2 × SO(2)`, `C2 × O(2)`.
   * @defaultValue 2
   */
  readonly maxFrequency?: number;
  /**
   * Whether to draw the full polyhedral groups `C2 × O` (48 elements) and `C2 × I` (120 elements) too.
   * @defaultValue true
   */
  readonly fullPolyhedra?: boolean;
}

/**
 * An arbitrary group of space: the Klein four-group, `C2 × C_n` or `C2 × D_n` with `1 ≤ n ≤ maxRotations`, the
 * octahedral and icosahedral groups and (unless `fullPolyhedra` is false) their full versions, SO(3), O(3),
 * `C2 × SO(2)` or `C2 × O(2)` with a maximum frequency in `0..maxFrequency`. Shrinks towards the Klein group. A
 * separate arbitrary from {@link arbitraryPlanarGroup}, which stays the planar family.
 * @throws InvalidArgumentError for a bound that is not a positive (`maxRotations`) or non-negative
 *   (`maxFrequency`) integer.
 */
export function arbitrarySpatialGroup(options: SpatialGroupOptions = {}): fc.Arbitrary<Group> {
  const fn = 'arbitrarySpatialGroup';
  const maxRotations = options.maxRotations ?? 6;
  const maxFrequency = options.maxFrequency ?? 2;
  if (!Number.isInteger(maxRotations) || maxRotations < 1) {
    throw new InvalidArgumentError(fn, 'options.maxRotations', maxRotations, 'must be a positive integer');
  }
  if (!Number.isInteger(maxFrequency) || maxFrequency < 0) {
    throw new InvalidArgumentError(
      fn,
      'options.maxFrequency',
      maxFrequency,
      'must be a non-negative integer',
    );
  }
  const N = fc.integer({ min: 1, max: maxRotations });
  const L = fc.integer({ min: 0, max: maxFrequency });
  // groups are built when drawn, not when the arbitrary is
  const finite: (() => Group)[] = [octaGroup, icoGroup];
  if (options.fullPolyhedra ?? true) finite.push(fullOctaGroup, fullIcoGroup);
  return fc.oneof(
    fc.constant(null).map((): Group => klein4Group()),
    N.map((n): Group => cylinderDiscreteGroup(n)),
    N.map((n): Group => fullCylinderDiscreteGroup(n)),
    fc.constantFrom(...finite).map((make) => make()),
    L.map((l): Group => so3Group(l)),
    L.map((l): Group => o3Group(l)),
    L.map((l): Group => cylinderGroup(l)),
    L.map((l): Group => fullCylinderGroup(l)),
  );
}
