/**
 * What an equivariance check takes and reports: `f(g·x) ≈ g·f(x)` element by element (escnn's
 * `check_equivariance`).
 */

import type { GroupElement } from '@steerable/group-theory';
import { SteerableError } from '@steerable/group-theory';

/** Options of `EquivariantModule.checkEquivariance` / `checkEquivarianceAsync` (and `BranchingModule`'s). */
export interface CheckEquivarianceOptions {
  /**
   * Absolute tolerance of `|f(g·x) − g·f(x)| ≤ atol + rtol·|g·f(x)|`. escnn's default is 1e-7; ours allows
   * float32 rounding through a few layers.
   * @defaultValue 1e-5
   */
  readonly atol?: number;
  /** Relative tolerance. @defaultValue 1e-5 */
  readonly rtol?: number;
  /**
   * Elements of the output's fiber group to test. Elements that are not exact on the grid (e.g. 45°) are
   * resampled and give interpolation errors, as in escnn.
   * @defaultValue `outType.testingElements`
   */
  readonly elements?: readonly GroupElement[];
  /** Batch size of the random input. @defaultValue 3 */
  readonly batchSize?: number;
  /** Side of the random input's square grid (escnn: 10). @defaultValue 10 */
  readonly spatialSize?: number;
  /** Seed of the standard normal input. @defaultValue 0 */
  readonly seed?: number;
  /** Throw an {@link EquivarianceError} when an element fails. @defaultValue true */
  readonly throwOnFailure?: boolean;
}

/** The error found for one element by `checkEquivariance` / `checkEquivarianceAsync`. */
export interface EquivarianceResult {
  /** The element `g` (of the output's fiber group). */
  readonly element: GroupElement;
  /** `max |f(g·x) − g·f(x)|`. */
  readonly maxError: number;
  /** `mean |f(g·x) − g·f(x)|` (escnn returns this one). */
  readonly meanError: number;
  /** Whether every entry is within `atol + rtol·|g·f(x)|`. */
  readonly passed: boolean;
}

/** A module is not equivariant within tolerance (escnn's assertion in `check_equivariance`). */
export class EquivarianceError extends SteerableError {
  /** The results of all tested elements. */
  readonly results: readonly EquivarianceResult[];
  constructor(functionName: string, results: readonly EquivarianceResult[]) {
    const bad = results.filter((r) => !r.passed);
    super(
      functionName,
      `not equivariant within tolerance for ${bad.length} element(s): ${bad
        .map((r) => `${r.element} (max error ${r.maxError.toExponential(2)})`)
        .join(', ')}`,
    );
    this.results = results;
  }
}
