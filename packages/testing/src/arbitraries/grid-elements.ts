/**
 * Group elements of a gspace sorted by how they act on the pixel grid: exactly (a permutation of pixels) or
 * by interpolation.
 */
import { gridPermutation } from '@steerable/field-types';
import { type GroupElement, InvalidArgumentError } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import fc from 'fast-check';

/**
 * True when `g` permutes the pixels of `gspace`'s grid exactly: rotations by multiples of 90° and reflections
 * along the grid axes and diagonals (escnn's test: the float16-rounded base-space matrix is a signed
 * permutation; field-types' `gridPermutation` decides). Always true on a 0-dimensional base space. Other
 * elements transform a sampled field by interpolation.
 */
export function isExactOnGrid(gspace: GSpace, g: GroupElement): boolean {
  return gridPermutation(gspace, gspace.fibergroup.checkElement(g, 'isExactOnGrid')) !== null;
}

/** The testing elements of `gspace` (escnn's `testing_elements`) split into exact and interpolated ones. */
export function gridElements(gspace: GSpace): {
  readonly exact: readonly GroupElement[];
  readonly interpolated: readonly GroupElement[];
} {
  const exact: GroupElement[] = [];
  const interpolated: GroupElement[] = [];
  for (const g of gspace.testingElements) (isExactOnGrid(gspace, g) ? exact : interpolated).push(g);
  return { exact, interpolated };
}

/** Options of {@link arbitraryGridElement}. */
export interface GridElementOptions {
  /**
   * `'exact'`: only elements that permute the grid; `'interpolated'`: only elements that resample it
   * (continuous groups add Haar samples); `'any'`: both.
   * @defaultValue 'any'
   */
  readonly kind?: 'exact' | 'interpolated' | 'any';
}

/**
 * An arbitrary element of `gspace`'s fiber group, of the requested kind: a testing element, or for a
 * continuous group also a Haar sample from an arbitrary seed (almost surely interpolated). Shrinks towards
 * the first testing element (the identity).
 * @throws InvalidArgumentError when the gspace has no element of that kind (e.g. interpolated ones of C4).
 */
export function arbitraryGridElement(
  gspace: GSpace,
  options: GridElementOptions = {},
): fc.Arbitrary<GroupElement> {
  const fn = 'arbitraryGridElement';
  const kind = options.kind ?? 'any';
  if (kind !== 'exact' && kind !== 'interpolated' && kind !== 'any') {
    throw new InvalidArgumentError(fn, 'options.kind', kind, "must be 'exact', 'interpolated' or 'any'");
  }
  const { exact, interpolated } = gridElements(gspace);
  const pool =
    kind === 'exact' ? exact : kind === 'interpolated' ? interpolated : [...exact, ...interpolated];
  const G = gspace.fibergroup;
  const arbs: fc.Arbitrary<GroupElement>[] = [];
  if (pool.length > 0) arbs.push(fc.integer({ min: 0, max: pool.length - 1 }).map((i) => pool[i]!));
  if (G.continuous && kind !== 'exact') {
    arbs.push(
      fc
        .integer({ min: 0, max: 0x7fffffff })
        .map((seed) => G.sample(1, { seed })[0]!)
        .filter((g) => kind === 'any' || !isExactOnGrid(gspace, g)),
    );
  }
  if (arbs.length === 0) {
    throw new InvalidArgumentError(fn, 'gspace', gspace.name, `must have ${kind} elements on the grid`);
  }
  return fc.oneof(...arbs);
}
