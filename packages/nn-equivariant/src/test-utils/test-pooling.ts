/**
 * Float64 reference poolings with PyTorch's semantics, on NHWC arrays, and smooth inputs for the checks
 * at rotations that need interpolation, for the pooling tests.
 */

import { FieldType, GeometricTensor } from '@steerable/field-types';
import type { GroupElement, RepresentationLike } from '@steerable/group-theory';
import type { GSpace, GSpace2D } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';

export interface RefParams {
  readonly k: readonly [number, number];
  readonly s: readonly [number, number];
  readonly p: readonly [number, number];
  readonly d: readonly [number, number];
  readonly ceil: boolean;
}

/** PyTorch's output length. */
export function outLength(n: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  const span = n + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= n + p) out -= 1;
  return out;
}

/** A reduction over each window: `reduce(values inside the input, window positions)` per channel. */
function windows(
  x: ArrayLike<number>,
  shape: readonly [number, number, number, number],
  q: RefParams,
  reduce: (taps: { v: number; inside: boolean; pos: number }[], i: number, j: number) => number,
): { out: Float64Array; shape: [number, number, number, number] } {
  const [b, h, w, c] = shape;
  const ho = outLength(h, q.k[0], q.s[0], q.p[0], q.d[0], q.ceil);
  const wo = outLength(w, q.k[1], q.s[1], q.p[1], q.d[1], q.ceil);
  const out = new Float64Array(b * ho * wo * c);
  for (let n = 0; n < b; n++)
    for (let i = 0; i < ho; i++)
      for (let j = 0; j < wo; j++)
        for (let ch = 0; ch < c; ch++) {
          const taps: { v: number; inside: boolean; pos: number }[] = [];
          for (let a = 0; a < q.k[0]; a++)
            for (let bb = 0; bb < q.k[1]; bb++) {
              const u = i * q.s[0] - q.p[0] + a * q.d[0];
              const v = j * q.s[1] - q.p[1] + bb * q.d[1];
              const inside = u >= 0 && u < h && v >= 0 && v < w;
              taps.push({
                v: inside ? x[((n * h + u) * w + v) * c + ch]! : 0,
                inside,
                pos: inside ? (n * h + u) * w + v : -1,
              });
            }
          out[((n * ho + i) * wo + j) * c + ch] = reduce(taps, i, j);
        }
  return { out, shape: [b, ho, wo, c] };
}

/** `torch.nn.functional.max_pool2d`. */
export function refMaxPool(
  x: ArrayLike<number>,
  shape: readonly [number, number, number, number],
  q: RefParams,
) {
  return windows(x, shape, q, (taps) => Math.max(...taps.filter((t) => t.inside).map((t) => t.v)));
}

/** `torch.nn.functional.avg_pool2d` with `count_include_pad=True` (no dilation). */
export function refAvgPool(
  x: ArrayLike<number>,
  shape: readonly [number, number, number, number],
  q: RefParams,
) {
  const [, h, w] = shape;
  return windows(x, shape, q, (taps, i, j) => {
    const sh = i * q.s[0] - q.p[0];
    const sw = j * q.s[1] - q.p[1];
    const div = (Math.min(sh + q.k[0], h + q.p[0]) - sh) * (Math.min(sw + q.k[1], w + q.p[1]) - sw);
    return taps.reduce((acc, t) => acc + t.v, 0) / div;
  });
}

/** Max absolute difference. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return e;
}

/** A smooth field centred on the grid: a Gaussian bump of width `width` pixels times a random fiber vector. */
export function smoothBump(type: FieldType, side: number, width: number): GeometricTensor {
  const v = tf.randomNormal([type.size], 0, 1, 'float32', 9).dataSync();
  const c = (side - 1) / 2;
  const data = new Float32Array(side * side * type.size);
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) {
      const g = Math.exp(-((i - c) ** 2 + (j - c) ** 2) / (2 * width * width));
      for (let k = 0; k < type.size; k++) data[(i * side + j) * type.size + k] = g * v[k]!;
    }
  return new GeometricTensor(tf.tensor4d(data, [1, side, side, type.size]), type);
}

/** `max |g⁻¹·(g·x) − x|`: the interpolation error of transforming `x` there and back. */
export function roundTripError(x: GeometricTensor, g: GroupElement): number {
  return tf.tidy(() => {
    const back = x.transform(g).transform(g.inverse());
    return tf.max(tf.abs(tf.sub(back.tensor, x.tensor))).dataSync()[0]!;
  });
}

/** Fields whose ρ(g) permute channels: regular and trivial ones for finite groups, trivial otherwise. */
export function pointwiseType(gs: GSpace2D): FieldType {
  const finite = gs.fibergroup.order() > 0;
  return new FieldType(
    gs,
    finite ? [gs.regularRepr, gs.trivialRepr, gs.regularRepr] : [gs.trivialRepr, gs.trivialRepr],
  );
}

/** Induced fields of each gspace that has them, with escnn's sub-field size (`dim ψ`). */
export function inducedCases(gs: GSpace): { repr: RepresentationLike; d: number }[] {
  const G = gs.fibergroup;
  const sub = (id: unknown) => G.subgroup(id).subgroup;
  if (G.name.startsWith('C') && G.order() === 8)
    return [
      { repr: gs.inducedRepr(2, sub(2).irrep(1)), d: 1 },
      { repr: gs.quotientRepr(4), d: 1 },
      { repr: gs.inducedRepr(4, sub(4).irrep(1)), d: 2 },
    ];
  if (G.name.startsWith('C') && G.order() === 4) return [{ repr: gs.inducedRepr(2, sub(2).irrep(1)), d: 1 }];
  if (G.name.startsWith('D') && G.order() === 8)
    return [
      { repr: gs.inducedRepr([null, 4], sub([null, 4]).irrep(1)), d: 2 },
      { repr: gs.inducedRepr([null, 2], sub([null, 2]).irrep(1)), d: 1 },
    ];
  if (G.name === 'O(2)')
    return [
      { repr: gs.inducedRepr([null, -1], sub([null, -1]).irrep(1)), d: 2 },
      { repr: gs.inducedRepr([null, -1], sub([null, -1]).irrep(2)), d: 2 },
    ];
  if (G.order() === 2) return [{ repr: gs.quotientRepr(1), d: 1 }];
  return [];
}
