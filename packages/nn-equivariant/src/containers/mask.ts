/**
 * Masking a feature map outside the disc inscribed in its grid (escnn's `MaskModule`).
 */
import { FieldType, type GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { readNumber } from '../internal/validation.js';

/** Options of {@link MaskModule}. */
export interface MaskModuleOptions {
  /** Margin around the mask, in percent of its radius. @defaultValue 0 */
  readonly margin?: number;
  /**
   * How fast the mask falls to 0 outside the radius, in pixels (a standard deviation): `exp((t − r²)/σ²)`.
   * @defaultValue 2
   */
  readonly sigma?: number;
}

/**
 * escnn's `build_mask`: on an `S^d` grid with centre `c = (S − 1)/2` and `t = (c − margin/100 · c)²`, the value
 * at pixel `k` with `r = |k − c|²` is `1` if `r ≤ t`, else `exp((t − r)/σ²)` (row-major, float64).
 */
export function buildMask(s: number, dim: number, margin: number, sigma: number): Float64Array {
  const c = (s - 1) / 2;
  const t = (c - (margin / 100) * c) ** 2;
  const out = new Float64Array(s ** dim);
  for (let i = 0; i < out.length; i++) {
    let r = 0;
    let rest = i;
    for (let a = 0; a < dim; a++) {
      r += ((rest % s) - c) ** 2;
      rest = Math.floor(rest / s);
    }
    out[i] = r > t ? Math.exp((t - r) / sigma ** 2) : 1;
  }
  return out;
}

/**
 * Multiplies every channel by a fixed mask on the `S × … × S` grid (escnn's `MaskModule`): 1 inside the disc
 * (ball) of radius `(S − 1)/2 · (1 − margin/100)` around the grid's centre, falling smoothly as
 * `exp((t − r²)/σ²)` outside. It removes the corners that a rotation would move off the grid, whose content a
 * rotated input cannot have.
 *
 * Equivariance: the mask depends on the distance to the centre only, so on the pixel grid it is invariant under
 * rotations by multiples of 90° and the axis flips, and the module is then exactly equivariant (a scalar
 * multiplication per pixel, the same on every channel). For other rotations the transformed input is
 * resampled (quadratic B-splines): well inside the disc, where the mask is 1 on the whole interpolation
 * stencil, `f(g·x)` and `g·f(x)` differ only by the spline prefilter's leakage from the masked border, which
 * decays like `|z|^distance` (`z = 2√2 − 3 ≈ −0.17`, the spline's pole); near and beyond the edge they differ
 * by the masking itself, which is why escnn compares only the central disc.
 * @see escnn's `escnn.nn.MaskModule`
 */
export class MaskModule extends EquivariantModule {
  /** The side `S` of the grid inputs must have. */
  readonly S: number;
  /** The margin in percent of the radius. */
  readonly margin: number;
  /** The fall-off rate in pixels. */
  readonly sigma: number;
  /** The mask, `[1, S, …, S, 1]` (escnn's non-trainable parameter `mask`). */
  readonly mask: tf.Variable;

  /**
   * @param inType - the input (and output) field type, on a base space of dimension ≥ 1.
   * @param S - the side of the mask and of the inputs' grid.
   * @param options - see {@link MaskModuleOptions}.
   * @throws InvalidArgumentError for a field type on R⁰, a non-positive integer `S`, a negative margin or a
   *   non-positive `sigma`.
   */
  constructor(inType: FieldType, S: number, options: MaskModuleOptions = {}) {
    const fn = 'MaskModule';
    if (!(inType instanceof FieldType))
      throw new InvalidArgumentError(fn, 'inType', inType, 'must be a FieldType');
    const d = inType.gspace.dimensionality;
    if (d < 1)
      throw new InvalidArgumentError(fn, 'inType', String(inType), 'must live on a base space R^d, d ≥ 1');
    if (!Number.isInteger(S) || S < 1)
      throw new InvalidArgumentError(fn, 'S', S, 'must be a positive integer');
    const margin = readNumber(fn, 'options.margin', options.margin, 0, { min: 0 });
    const sigma = readNumber(fn, 'options.sigma', options.sigma, 2, { min: 0, exclusiveMin: true });
    super(inType, inType);
    this.S = S;
    this.margin = margin;
    this.sigma = sigma;
    const values = Float32Array.from(buildMask(S, d, margin, sigma));
    this.mask = this.registerParameter('mask', tf.tensor(values, [1, ...Array<number>(d).fill(S), 1]), {
      trainable: false,
    });
  }

  #checkGrid(fn: string, shape: readonly number[]): void {
    const d = this.inType.gspace.dimensionality;
    if (shape.slice(1, 1 + d).some((s) => s !== this.S)) {
      throw new InvalidArgumentError(
        fn,
        'x',
        `shape [${shape}]`,
        `must have a ${Array(d).fill(this.S).join('×')} grid`,
      );
    }
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    this.#checkGrid(`${this.constructor.name}.forward`, x.shape);
    return this.outType.wrap(tf.mul(x.tensor, this.mask));
  }

  /** The input shape (its grid must be `S × … × S`). */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    this.#checkGrid(`${this.constructor.name}.evaluateOutputShape`, inputShape);
    return [...inputShape];
  }

  /** `MaskModule(inType, S=…, margin=…)`. */
  override toString(): string {
    return `MaskModule(${this.inType}, S=${this.S}, margin=${this.margin}, sigma=${this.sigma})`;
  }
}
