/**
 * Rounding to IEEE-754 half precision (binary16), round half to even.
 *
 * escnn casts the base-space matrix to float16 before resampling a grid (so that a rotation that only
 * moves some axes cannot leak tiny numerical errors into the others); reproducing that rounding gives
 * the same exact/interpolated decision and the same sampling positions as escnn.
 */

/** Smallest positive normal float16, 2^-14. */
const MIN_NORMAL = 2 ** -14;
/** Largest finite float16. */
const MAX_HALF = 65504;

/** Rounds half to even: ties go to the even integer. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The float16 value nearest to `x` (as a float64 number), ties to even; ±Infinity past the range. */
export function roundToFloat16(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  // The spacing of float16 numbers: 2^-24 among subnormals, 2^(e-10) in the binade [2^e, 2^(e+1)).
  const exponent = a < MIN_NORMAL ? -14 : Math.floor(Math.log2(a));
  // Math.log2 can be off by one at exact powers of two: correct the binade.
  let e = exponent;
  if (a >= MIN_NORMAL) {
    if (2 ** e > a) e -= 1;
    else if (2 ** (e + 1) <= a) e += 1;
  }
  const quantum = 2 ** (e - 10);
  const rounded = roundHalfEven(a / quantum) * quantum;
  if (rounded > MAX_HALF) return sign * Number.POSITIVE_INFINITY;
  return sign * rounded;
}
