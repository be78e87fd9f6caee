/**
 * Tolerances of the float64 tests, named once. Rounding in float64 is about `2⁻⁵² ≈ 2.2e-16` per operation;
 * the tolerances leave orders of magnitude for the products and sums in between, while a wrong sign, angle or
 * permutation errs by O(1).
 */
import type { Matrix } from 'ml-matrix';

/**
 * Identities that go through a few products, sums or trigonometric functions: element equality after
 * composition, `rho(ab) = rho(a) rho(b)`, changes of basis found numerically: `1e-9` (also
 * `GroupElement.equals`'s default).
 */
export const FLOAT64_TOLERANCE = 1e-9;

/**
 * One product of exactly orthogonal matrices: `R Rᵀ = I`, an endomorphism commuting with an irrep: `1e-12`.
 */
export const FLOAT64_TIGHT_TOLERANCE = 1e-12;

/**
 * How far an entry of an element's base-space matrix may be from 0 or ±1 for the element to count as exact
 * on the pixel grid: `1e-9`. A rotation by `θ` has entries `cos θ`, `sin θ`; off the multiples of 90° the
 * nearest such entry is at least `1 − cos(θ)` away, far above this.
 */
export const EXACT_ELEMENT_TOLERANCE = 1e-9;

/**
 * True when every entry of `m` is 0, 1 or −1 to `tolerance`: for an orthogonal matrix (a base-space action),
 * a signed permutation of the axes, which maps the pixel grid onto itself.
 */
export function isSignedPermutation(
  m: Matrix | readonly (readonly number[])[],
  tolerance: number = EXACT_ELEMENT_TOLERANCE,
): boolean {
  const rows = Array.isArray(m) ? (m as readonly (readonly number[])[]) : (m as Matrix).to2DArray();
  return rows.every((row) =>
    row.every((v) => Math.abs(v) < tolerance || Math.abs(Math.abs(v) - 1) < tolerance),
  );
}
