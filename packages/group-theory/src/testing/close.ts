/**
 * Closeness of matrices and arrays: the largest entrywise difference, and an assertion that names the entry
 * where it exceeds the tolerance. Test-framework-neutral: the assertion throws a {@link NotCloseError}, which
 * every test runner reports with its message.
 */
import { Matrix } from 'ml-matrix';
import { describeValue } from '../errors.js';

/** Numbers to compare: an ml-matrix `Matrix`, rectangular nested rows, or a flat array (typed or not). */
export type Numbers = Matrix | readonly (readonly number[])[] | ArrayLike<number>;

interface Flat {
  /** `[rows, columns]` for matrices and nested rows (`columns` NaN when ragged), `[length]` for flat arrays. */
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
}

function flatten(x: Numbers): Flat {
  if (x instanceof Matrix) return { shape: [x.rows, x.columns], values: x.to1DArray() };
  if (Array.isArray(x) && x.length > 0 && Array.isArray(x[0])) {
    const rows = x as readonly (readonly number[])[];
    const columns = rows[0]!.length;
    const rectangular = rows.every((row) => row.length === columns);
    return { shape: [rows.length, rectangular ? columns : Number.NaN], values: rows.flat() };
  }
  return { shape: [(x as ArrayLike<number>).length], values: x as ArrayLike<number> };
}

function sameShape(a: Flat, b: Flat): boolean {
  return a.shape.length === b.shape.length && a.shape.every((n, i) => n === b.shape[i]);
}

function position(shape: readonly number[], k: number): string {
  return shape.length === 2 ? `[${Math.floor(k / shape[1]!)}, ${k % shape[1]!}]` : `[${k}]`;
}

/**
 * Largest `|a_k − b_k|` over the entries of `a` and `b`: `Infinity` when their shapes differ, `NaN` when an
 * entry of either is `NaN` (so that `expect(maxAbsDifference(a, b)).toBeLessThan(tol)` fails on both).
 */
export function maxAbsDifference(a: Numbers, b: Numbers): number {
  const fa = flatten(a);
  const fb = flatten(b);
  if (!sameShape(fa, fb)) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let k = 0; k < fa.values.length; k++) m = Math.max(m, Math.abs(fa.values[k]! - fb.values[k]!));
  return m;
}

/** Two arrays or matrices that differ by more than a tolerance (or in shape), thrown by {@link assertClose}. */
export class NotCloseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotCloseError';
  }
}

/**
 * Asserts `|actual_k − expected_k| ≤ tolerance` for every entry, and equal shapes.
 * @param label - what is compared, first in the message (e.g. `"irrep_1 at C4[1]"`)
 * @throws {@link NotCloseError} naming the first entry out of tolerance (its position, both values and the
 * difference) and the largest difference, or both shapes.
 */
export function assertClose(actual: Numbers, expected: Numbers, tolerance: number, label = 'values'): void {
  const fa = flatten(actual);
  const fe = flatten(expected);
  if (!sameShape(fa, fe)) {
    throw new NotCloseError(
      `${label}: shape ${fa.shape.join('×')} differs from the expected ${fe.shape.join('×')}`,
    );
  }
  let first = -1;
  let worst = 0;
  for (let k = 0; k < fa.values.length; k++) {
    const d = Math.abs(fa.values[k]! - fe.values[k]!);
    // `!(d <= tolerance)` also catches NaN entries.
    if (!(d <= tolerance)) {
      if (first < 0) first = k;
      worst = Number.isNaN(d) || Number.isNaN(worst) ? Number.NaN : Math.max(worst, d);
    }
  }
  if (first < 0) return;
  const a = fa.values[first]!;
  const e = fe.values[first]!;
  throw new NotCloseError(
    `${label}: entry ${position(fa.shape, first)} is ${describeValue(a)}, expected ${describeValue(e)} ` +
      `(difference ${describeValue(Math.abs(a - e))} > tolerance ${tolerance}; largest difference ${describeValue(worst)})`,
  );
}
