/**
 * Float64 reference of the convolution maps, straight from their defining sums, for tests: slow
 * (seven nested loops) and obviously correct. Tensors are row-major `Float64Array`s in NHWC / HWIO layout.
 *
 * The forward map is `y[n, i, j, o] = Σ x[n, i·sh + a·dh − p_top, j·sw + b·dw − p_left, c] · f[a, b, c, o]`;
 * both gradients are the adjoint sums over the same index set, written independently of the
 * forward-convolution tricks of ./conv-kernels.ts.
 */

import { mulberry32 } from '@steerable/group-theory';
import type { ConvGeometry2d } from './conv-geometry.js';

/** Calls `visit(xIndex, fIndex, yIndex)` for every product term of the forward sum. */
function forEachTerm(
  g: ConvGeometry2d,
  batch: number,
  inChannels: number,
  outChannels: number,
  visit: (xi: number, fi: number, yi: number) => void,
): void {
  const [gh, gw] = g;
  for (let n = 0; n < batch; n++)
    for (let i = 0; i < gh.outSize; i++)
      for (let j = 0; j < gw.outSize; j++)
        for (let a = 0; a < gh.kernel; a++) {
          const p = i * gh.stride + a * gh.dilation - gh.padBefore;
          if (p < 0 || p >= gh.inSize) continue;
          for (let b = 0; b < gw.kernel; b++) {
            const q = j * gw.stride + b * gw.dilation - gw.padBefore;
            if (q < 0 || q >= gw.inSize) continue;
            for (let c = 0; c < inChannels; c++)
              for (let o = 0; o < outChannels; o++) {
                const xi = ((n * gh.inSize + p) * gw.inSize + q) * inChannels + c;
                const fi = ((a * gw.kernel + b) * inChannels + c) * outChannels + o;
                const yi = ((n * gh.outSize + i) * gw.outSize + j) * outChannels + o;
                visit(xi, fi, yi);
              }
          }
        }
}

/** `y = x ⋆ f` with `x: [N, H, W, C]`, `f: [kh, kw, C, O]`; returns `[N, H', W', O]`. */
export function referenceConv2d(
  x: ArrayLike<number>,
  f: ArrayLike<number>,
  g: ConvGeometry2d,
  batch: number,
  inChannels: number,
  outChannels: number,
): Float64Array {
  const y = new Float64Array(batch * g[0].outSize * g[1].outSize * outChannels);
  forEachTerm(g, batch, inChannels, outChannels, (xi, fi, yi) => {
    y[yi] = (y[yi] as number) + (x[xi] as number) * (f[fi] as number);
  });
  return y;
}

/** Adjoint in `x` (the transposed convolution): `dy: [N, H', W', O]` ↦ `[N, H, W, C]`. */
export function referenceConv2dInputGrad(
  dy: ArrayLike<number>,
  f: ArrayLike<number>,
  g: ConvGeometry2d,
  batch: number,
  inChannels: number,
  outChannels: number,
): Float64Array {
  const dx = new Float64Array(batch * g[0].inSize * g[1].inSize * inChannels);
  forEachTerm(g, batch, inChannels, outChannels, (xi, fi, yi) => {
    dx[xi] = (dx[xi] as number) + (dy[yi] as number) * (f[fi] as number);
  });
  return dx;
}

/** Adjoint in `f`: `(x, dy)` ↦ `[kh, kw, C, O]`. */
export function referenceConv2dFilterGrad(
  x: ArrayLike<number>,
  dy: ArrayLike<number>,
  g: ConvGeometry2d,
  batch: number,
  inChannels: number,
  outChannels: number,
): Float64Array {
  const df = new Float64Array(g[0].kernel * g[1].kernel * inChannels * outChannels);
  forEachTerm(g, batch, inChannels, outChannels, (xi, fi, yi) => {
    df[fi] = (df[fi] as number) + (x[xi] as number) * (dy[yi] as number);
  });
  return df;
}

/** A seeded generator of float32-representable values in [−1, 1) (mulberry32), for test inputs. */
export function seededValues(seed: number): (size: number) => Float32Array {
  const next = mulberry32(seed);
  return (size) => Float32Array.from({ length: size }, () => 2 * next() - 1);
}

/**
 * `max |actual − expected| / max(1, max |expected|)`: the error relative to the result's scale, which is
 * what float32 rounding bounds (an entry that cancels to ~0 carries the absolute error of the big terms).
 */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let err = 0;
  let scale = 1;
  for (let i = 0; i < expected.length; i++) {
    err = Math.max(err, Math.abs((actual[i] as number) - (expected[i] as number)));
    scale = Math.max(scale, Math.abs(expected[i] as number));
  }
  return err / scale;
}
