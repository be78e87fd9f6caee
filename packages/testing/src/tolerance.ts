/**
 * Tolerances of a certification, set by dtype, backend and whether the element acts exactly on the grid.
 *
 * Errors are relative. On exact elements: `max |f(g·x) − g·f(x)| / max |g·f(x)|` over the whole output (a
 * pixel permutation loses nothing, so every entry must agree up to rounding). On interpolated elements:
 * `‖f(g·x) − g·f(x)‖₂ / ‖g·f(x)‖₂` inside the comparison disc: resampling errs most at a few pixels (the kinks
 * a ReLU puts into a smooth field, where the spline rings), and the L2 norm measures the systematic
 * non-equivariance rather than that worst pixel.
 */

/** The setting a tolerance depends on. */
export interface ToleranceContext {
  /** TF.js backend name. */
  readonly backend: string;
  /** Whether the element permutes the pixel grid exactly (always on R⁰). */
  readonly exact: boolean;
  /** The dtype computed in; TF.js layers compute in float32. @defaultValue 'float32' */
  readonly dtype?: 'float32';
}

/** float32's machine epsilon, 2⁻²³. */
export const FLOAT32_EPSILON = 2 ** -23;

/**
 * Tolerance on exact elements with IEEE float32 arithmetic (cpu, wasm, native TensorFlow): `2⁷ ε ≈ 1.5e-5`.
 * On an exact element both sides compute the same products; only the order of summation differs (a rotated
 * image meets the filter in another order), so the difference is rounding: about `√n · ε` of the largest
 * partial sum for sums of `n` terms, and `√n · ε ≤ 2⁷ ε` up to `n = 16384` terms (e.g. a 5×5 filter over
 * 650 channels), kept through a few stacked layers. A wrong filter or a wrong permutation of fields errs by
 * O(1) instead. Measured over the certification matrix on WASM: at most 1.2e-6 (10 ε).
 */
export const EXACT_TOLERANCE_FLOAT32 = 2 ** 7 * FLOAT32_EPSILON;

/**
 * Tolerance on exact elements on GPU backends (WebGPU, WebGL): `2¹⁰ ε ≈ 1.2e-4`. WGSL and GLSL allow fused
 * multiply-adds, reassociated reductions and less accurate `exp`/`sqrt`/division (WGSL's accuracy of
 * division and `inverseSqrt` is 2.5 ulp, `exp` is `3 + 2·|x|` ulp), and tiled reductions order their sums
 * differently for the two inputs; 8× the float32 CPU budget covers those.
 */
export const EXACT_TOLERANCE_GPU = 2 ** 10 * FLOAT32_EPSILON;

/**
 * Tolerance on interpolated elements (rotations that are not multiples of 90°), relative L2 on smooth
 * band-limited disc-masked inputs: 0.1, whatever the backend (float32 rounding is five orders of magnitude
 * smaller). Two approximations remain: resampling by order-2 B-splines (the input on one side, the output on
 * the other), and the filter itself, a steerable function sampled on the pixel grid and so only
 * approximately steerable off the grid's symmetries (escnn's filters share this). Measured with the default
 * inputs (31 pixels, Gaussian-blurred with σ = 2 px) over the whole certification matrix: linear layers
 * (R2Conv, R2ConvTransposed, 3×3 to 5×5 filters on C8, SO(2), O(2)) 1.3–1.9%, pointwise, norm and gated
 * nonlinearities 1.2–3.8% (their kinks are not band-limited), R2Conv→ReLU→R2Conv up to 4.7%. A layer that
 * ignores the group errs by 100–200% (a plain convolution with a random filter), so 0.1 keeps a 2× margin
 * above the largest measured interpolation error and a 10× margin below a broken layer.
 */
export const INTERPOLATED_TOLERANCE = 0.1;

/** The relative tolerance of {@link ToleranceContext}: see the constants for the reasoning. */
export function defaultTolerance(context: ToleranceContext): number {
  if (!context.exact) return INTERPOLATED_TOLERANCE;
  return context.backend === 'webgpu' || context.backend === 'webgl'
    ? EXACT_TOLERANCE_GPU
    : EXACT_TOLERANCE_FLOAT32;
}
