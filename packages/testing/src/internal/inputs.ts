/**
 * Inputs of a certification, rebuilt bit for bit from an {@link InputSpec}: white noise for the elements that
 * permute the grid exactly, and smooth, band-limited, centred, disc-masked fields for the elements that
 * resample it (the usual protocol for rotations that are not multiples of 90°: interpolation of a smooth
 * signal inside a disc is accurate, of white noise or of the grid's corners it is not).
 */
import type { FieldType } from '@steerable/field-types';
import { normalStream } from '@steerable/group-theory';

/** How one certification input is drawn: everything needed to rebuild it (smooth inputs are enlarged to a grid of at least 31 pixels). */
export interface InputSpec {
  /** Seed of the generator of the input's values. */
  readonly seed: number;
  /** Batch size. */
  readonly batch: number;
  /** Side of the square grid (ignored on a 0-dimensional base space). */
  readonly size: number;
}

/** Width (pixels) of the Gaussian blur of smooth inputs: it damps the Nyquist frequency by `e^{-2π²σ²/4}` ≈ 1.5e-5. */
export const SMOOTH_SIGMA = 2;

/**
 * Radius (pixels, from the grid's centre `(n-1)/2`) inside which outputs are compared for interpolated
 * elements: a point of this disc and the 3×3 stencil of the order-2 spline at its image stay on the grid.
 */
export function comparisonRadius(size: number): number {
  return (size - 1) / 2 - 1.5;
}

/**
 * Smallest grid side of smooth inputs: the disc must hold several correlation lengths of the band-limited
 * field. Measured on R2Conv→ReLU→R2Conv over SO(2): relative L2 error 12.7% at side 21, 3.2% at 31 (an
 * isotropic linear filter: 6% at side 9, 1% at 13 and below from 17 on).
 */
export const MIN_SMOOTH_SIZE = 31;

/** The grid side of a smooth input for `spec.size`: at least {@link MIN_SMOOTH_SIZE}, same parity. */
function smoothSize(size: number): number {
  return size >= MIN_SMOOTH_SIZE ? size : size + 2 * Math.ceil((MIN_SMOOTH_SIZE - size) / 2);
}

/** Outer radius of the disc window of smooth inputs on a grid of side `size` (one pixel inside the comparison disc). */
function windowRadius(size: number): number {
  return Math.max(comparisonRadius(size) - 1, 1);
}

/**
 * Radius of the disc where outputs are compared for interpolated elements, on an output grid of side `outSide`
 * computed from a smooth input of side `inSide`: inside {@link comparisonRadius} of the output grid, and inside
 * the input's window less the spline's reach (1.5 px), scaled to the output grid. Beyond the window the input
 * vanishes, and a module that normalizes each pixel (FieldNorm) turns that vanishing tail into a step that no
 * interpolation reproduces; the comparison stays where the input has content.
 */
export function comparisonDisc(outSide: number, inSide: number): number {
  const fromInput = ((windowRadius(inSide) - 1.5) * outSide) / inSide;
  return Math.max(Math.min(comparisonRadius(outSide), fromInput), 0.75);
}

/**
 * The shape `[batch, side, side, channels]` (or `[batch, channels]` on R⁰) of an input of `type`: side
 * `spec.size` for white inputs, {@link smoothSize} for smooth ones.
 */
export function inputShape(type: FieldType, spec: InputSpec, values: 'white' | 'smooth' = 'white'): number[] {
  const d = type.gspace.dimensionality;
  const side = values === 'smooth' ? smoothSize(spec.size) : spec.size;
  return [spec.batch, ...Array<number>(d).fill(side), type.size];
}

/** Standard normal values of the input's shape (channels-last), from `spec.seed`. */
export function whiteInput(type: FieldType, spec: InputSpec): Float32Array {
  const shape = inputShape(type, spec);
  const n = shape.reduce((a, b) => a * b, 1);
  const normal = normalStream(spec.seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = normal();
  return out;
}

function blur1d(line: Float64Array, kernel: Float64Array, out: Float64Array): void {
  const r = (kernel.length - 1) / 2;
  for (let i = 0; i < line.length; i++) {
    let acc = 0;
    for (let k = -r; k <= r; k++) {
      const j = i + k;
      if (j >= 0 && j < line.length) acc += kernel[k + r]! * line[j]!;
    }
    out[i] = acc;
  }
}

/** The smooth radial window: 1 up to half the radius, a raised cosine down to 0 at `radius`, 0 beyond. */
function discWindow(size: number, radius: number): Float64Array {
  const c = (size - 1) / 2;
  const w = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(y - c, x - c);
      const inner = radius / 2;
      w[y * size + x] =
        r <= inner ? 1 : r >= radius ? 0 : 0.5 * (1 + Math.cos((Math.PI * (r - inner)) / (radius - inner)));
    }
  }
  return w;
}

/**
 * A smooth input: per sample and channel, white noise blurred by a Gaussian of width `sigma` (pixels)
 * (band-limited), times {@link discWindow} of radius {@link windowRadius} (centred, zero near the
 * border, so no content leaves the grid under a rotation), scaled to unit RMS. On R⁰ it is white noise.
 */
export function smoothInput(type: FieldType, spec: InputSpec, sigma: number = SMOOTH_SIGMA): Float32Array {
  if (type.gspace.dimensionality !== 2) return whiteInput(type, spec);
  const batch = spec.batch;
  const size = smoothSize(spec.size);
  const c = type.size;
  const normal = normalStream(spec.seed ^ 0x5bd1e995);
  const r = Math.ceil(3 * sigma);
  const kernel = new Float64Array(2 * r + 1);
  for (let k = -r; k <= r; k++) kernel[k + r] = Math.exp(-(k * k) / (2 * sigma * sigma));
  const window = discWindow(size, windowRadius(size));
  const out = new Float32Array(batch * size * size * c);
  const plane = new Float64Array(size * size);
  const line = new Float64Array(size);
  const tmp = new Float64Array(size);
  for (let b = 0; b < batch; b++) {
    for (let ch = 0; ch < c; ch++) {
      for (let i = 0; i < plane.length; i++) plane[i] = normal();
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) line[x] = plane[y * size + x]!;
        blur1d(line, kernel, tmp);
        for (let x = 0; x < size; x++) plane[y * size + x] = tmp[x]!;
      }
      for (let x = 0; x < size; x++) {
        for (let y = 0; y < size; y++) line[y] = plane[y * size + x]!;
        blur1d(line, kernel, tmp);
        for (let y = 0; y < size; y++) plane[y * size + x] = tmp[y]! * window[y * size + x]!;
      }
      let ss = 0;
      for (const v of plane) ss += v * v;
      const scale = ss > 0 ? Math.sqrt(plane.length / ss) : 0;
      for (let p = 0; p < plane.length; p++) out[(b * size * size + p) * c + ch] = plane[p]! * scale;
    }
  }
  return out;
}
