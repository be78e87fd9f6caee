/**
 * The three linear maps of a 2D convolution, each written with forward `tf.conv2d` calls (one, or one per
 * stride phase) plus cheap reshapes, pads, slices, gathers and transposes, so that they run fast on every backend, in particular on TF.js's WASM
 * backend, which has no `Conv2DBackpropFilter` kernel and only a slow loop for `Conv2DBackpropInput`.
 *
 * Notation along one axis (see {@link ./conv-geometry.ts}): input length `H`, output length `H'`, kernel
 * `k`, stride `s`, dilation `d`, pads `p₀, p₁`, effective kernel `k̃ = (k−1)d + 1`. The forward map is
 *
 *     y[n, i, o] = Σ_{a, c} x[n, i·s + a·d − p₀, c] · f[a, c, o]          (x = 0 outside 0 … H−1)
 *
 * - input gradient (= transposed convolution): `dx[n, q, c] = Σ_{i, a, o} dy[n, i, o] f[a, c, o]
 *   [q = i·s + a·d − p₀]`. For stride 1 this is `dx[q] = Σ_a dy[q + p₀ − a·d] f[a]`: with the flipped tap
 *   `a' = k−1−a`, a dilation-`d` forward convolution of `dy` padded by `k̃−1−p₀` before (a crop if
 *   negative) with the spatially flipped, in/out-swapped filter `g[a', o, c] = f[k−1−a', c, o]`. For stride
 *   `s > 1` the rows of `dx` split into `s` phases by `(q + p₀) mod s`, each such a convolution with the
 *   taps that reach it, interleaved afterwards (see `phasePlan`): the same multiply count as the forward
 *   map, where inserting `s − 1` zeros between the rows of `dy` would cost `s²` times more.
 * - filter gradient: `df[a, c, o] = Σ_{n, i} x[n, i·s + a·d − p₀, c] · dy[n, i, o]`. Read the channel axis
 *   of `x` as a batch axis and its batch axis as channels (`x̂[c, m, n]`), and `dy` as a filter
 *   (`ŷ[i, n, o]`): `df[a, c, o] = Σ_{i, n} x̂[c, a·d + i·s − p₀, n] ŷ[i, n, o]`, a forward convolution with
 *   stride `d` and dilation `s` (the roles of stride and dilation swap) whose output has exactly `k` rows
 *   once `x` is padded by `p₀` and cut to `k̃ + (H'−1)s` rows.
 *
 * TF.js refuses strides and dilations both above 1 in one call; that case uses a zero-dilated filter in
 * the forward map, and a stride-1 filter-gradient convolution subsampled with step `d`.
 */

import * as tf from '@tensorflow/tfjs';
import { type AxisGeometry, type ConvGeometry2d, effectiveKernel } from './conv-geometry.js';

type Pads = readonly [readonly [number, number], readonly [number, number]];
/** `tf.conv2d`'s explicit NHWC padding (not exported by `@tensorflow/tfjs`). */
type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

/**
 * Applies possibly negative pads: negative ones crop `t` (NHWC), positive ones are returned for the
 * convolution to apply, so that no padded copy is made. `null` when nothing is left.
 */
function cropNegative(t: tf.Tensor4D, pads: Pads): { cropped: tf.Tensor4D; pads: ExplicitPadding } | null {
  const [[top, bottom], [left, right]] = pads;
  const [n, h, w, c] = t.shape;
  const cropTop = Math.max(0, -top);
  const cropLeft = Math.max(0, -left);
  const height = h - cropTop - Math.max(0, -bottom);
  const width = w - cropLeft - Math.max(0, -right);
  if (height <= 0 || width <= 0) return null; // every pixel cropped: the map reads only zero padding
  const cropped =
    cropTop === 0 && cropLeft === 0 && height === h && width === w
      ? t
      : tf.slice(t, [0, cropTop, cropLeft, 0], [n, height, width, c]);
  return {
    cropped,
    pads: [
      [0, 0],
      [Math.max(0, top), Math.max(0, bottom)],
      [Math.max(0, left), Math.max(0, right)],
      [0, 0],
    ],
  };
}

/**
 * Inserts `sh − 1` zero rows after every row and `sw − 1` zero columns after every column of `t`
 * (NHWC): the result has `H·sh` rows, row `i·sh` holding row `i`. Rank-3 pads only (fast everywhere).
 */
function insertZeros(t: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  let [n, h, w, c] = t.shape;
  let out: tf.Tensor4D = t;
  if (sh > 1) {
    const rows = tf.pad(tf.reshape(out, [n * h, 1, w * c]), [
      [0, 0],
      [0, sh - 1],
      [0, 0],
    ]);
    h *= sh;
    out = tf.reshape(rows, [n, h, w, c]);
  }
  if (sw > 1) {
    const cols = tf.pad(tf.reshape(out, [n * h * w, 1, c]), [
      [0, 0],
      [0, sw - 1],
      [0, 0],
    ]);
    w *= sw;
    out = tf.reshape(cols, [n, h, w, c]);
  }
  return out;
}

/** Whether TF.js accepts the geometry in one call (it rejects strides and dilations both above 1). */
function tfAcceptsStridesWithDilations(g: ConvGeometry2d): boolean {
  const unitStrides = g[0].stride === 1 && g[1].stride === 1;
  const unitDilations = g[0].dilation === 1 && g[1].dilation === 1;
  return unitStrides || unitDilations;
}

/** The filter `[kh, kw, C, O]` with `d − 1` zero taps between its taps: `[(kh−1)dh+1, (kw−1)dw+1, C, O]`. */
function dilateFilter(f: tf.Tensor4D, dh: number, dw: number): tf.Tensor4D {
  const [kh, kw, c, o] = f.shape;
  const spread = insertZeros(tf.reshape(f, [1, kh, kw, c * o]), dh, dw);
  return tf.reshape(tf.slice(spread, [0, 0, 0, 0], [1, (kh - 1) * dh + 1, (kw - 1) * dw + 1, c * o]), [
    (kh - 1) * dh + 1,
    (kw - 1) * dw + 1,
    c,
    o,
  ]);
}

/** Forward convolution `y = x ⋆ f` of NHWC `x` with `f: [kh, kw, C, O]` in the given geometry. */
export function convForward(x: tf.Tensor4D, f: tf.Tensor4D, g: ConvGeometry2d): tf.Tensor4D {
  const [gh, gw] = g;
  const pads: ExplicitPadding = [
    [0, 0],
    [gh.padBefore, gh.padAfter],
    [gw.padBefore, gw.padAfter],
    [0, 0],
  ];
  const strides: [number, number] = [gh.stride, gw.stride];
  if (tfAcceptsStridesWithDilations(g)) {
    return tf.conv2d(x, f, strides, pads, 'NHWC', [gh.dilation, gw.dilation]);
  }
  return tf.conv2d(x, dilateFilter(f, gh.dilation, gw.dilation), strides, pads, 'NHWC', 1);
}

/** One phase `r` of the input gradient along an axis: the taps that reach rows with `(q + p₀) mod s = r`. */
interface Phase {
  /** Filter taps `a` with `a·d ≡ r (mod s)`, last first (the correlation runs over the flipped filter). */
  readonly taps: readonly number[];
  /** Spacing `d / gcd(d, s)` of the taps' reads in `dy`. */
  readonly dilation: number;
  /** Pads (negative: crops) of `dy` before and after, so that the phase has exactly `count` outputs. */
  readonly pads: readonly [number, number];
}

/** The phases of one axis; phase `r`'s output `u` is input row `q = s·(t₀ + u) + r − p₀`. */
interface PhasePlan {
  readonly t0: number;
  readonly count: number;
  readonly phases: readonly Phase[];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Splits the input gradient along one axis into its `s` phases. Row `q` of `dx` with
 * `q + p₀ = s·t + r` receives `dy[i]·f[a]` exactly when `a·d = r + s·m` and `i = t − m`: only the taps
 * with `a·d ≡ r (mod s)` contribute, spaced `s/g` apart (`g = gcd(d, s)`) with reads spaced `d/g` apart,
 * so each phase is a stride-1 correlation of `dy` with a sub-filter and no product with an inserted zero
 * is computed (zero insertion would cost `s²` times more). Every phase covers `t = t₀ … t₀ + count − 1`,
 * `t₀ = ⌊p₀/s⌋`, so that the phases interleave into rows `s·t₀ − p₀ …`, which covers `0 … H−1`.
 */
function phasePlan(a: AxisGeometry): PhasePlan {
  const { stride: s, dilation: d, kernel: k, padBefore: p0, inSize, outSize } = a;
  const t0 = Math.floor(p0 / s);
  const count = Math.ceil((inSize + p0) / s) - t0;
  const spacing = d / gcd(d, s);
  const phases: Phase[] = [];
  for (let r = 0; r < s; r++) {
    const taps: number[] = [];
    for (let tap = k - 1; tap >= 0; tap--) if ((tap * d - r) % s === 0 && tap * d >= r) taps.push(tap);
    // dx_r[t] = Σ_j dy[t − m_last + j·spacing]·f[taps[j]], m_last = (a_last·d − r)/s for the last tap.
    const mLast = taps.length > 0 ? ((taps[0] as number) * d - r) / s : 0;
    const before = mLast - t0;
    const after = count + (taps.length - 1) * spacing - outSize - before;
    phases.push({ taps, dilation: spacing, pads: [before, after] });
  }
  return { t0, count, phases };
}

/**
 * Input gradient (the adjoint of {@link convForward} in `x`), equal to the transposed convolution of
 * `dy: [N, H', W', O]` with `f: [kh, kw, C, O]`; returns `[N, H, W, C]`. One forward convolution per
 * stride phase (one in all for stride 1), interleaved; see {@link phasePlan}.
 */
export function convInputGrad(dy: tf.Tensor4D, f: tf.Tensor4D, g: ConvGeometry2d): tf.Tensor4D {
  const [gh, gw] = g;
  const [planH, planW] = [phasePlan(gh), phasePlan(gw)];
  const n = dy.shape[0];
  const c = f.shape[2];
  const zeros = (): tf.Tensor4D => tf.zeros([n, planH.count, planW.count, c]);
  const phase = (ph: Phase, pw: Phase): tf.Tensor4D => {
    if (ph.taps.length === 0 || pw.taps.length === 0) return zeros();
    const crop = cropNegative(dy, [ph.pads, pw.pads]);
    if (crop === null) return zeros();
    // The flipped sub-filter with input and output channels swapped: [Jh, Jw, O, C].
    const sub = tf.transpose(tf.gather(tf.gather(f, ph.taps, 0), pw.taps, 1), [0, 1, 3, 2]);
    return tf.conv2d(crop.cropped, sub, 1, crop.pads, 'NHWC', [ph.dilation, pw.dilation]);
  };
  const sh = gh.stride;
  const sw = gw.stride;
  const rows = planH.phases.map((ph) => {
    const cols = planW.phases.map((pw) => phase(ph, pw));
    return sw === 1
      ? (cols[0] as tf.Tensor4D)
      : tf.reshape(tf.stack(cols, 3), [n, planH.count, planW.count * sw, c]);
  });
  const interleaved: tf.Tensor4D =
    sh === 1
      ? (rows[0] as tf.Tensor4D)
      : tf.reshape(tf.stack(rows, 2), [n, planH.count * sh, planW.count * sw, c]);
  const top = gh.padBefore - sh * planH.t0;
  const left = gw.padBefore - sw * planW.t0;
  const [, height, width] = interleaved.shape;
  if (top === 0 && left === 0 && height === gh.inSize && width === gw.inSize) return interleaved;
  return tf.slice(interleaved, [0, top, left, 0], [n, gh.inSize, gw.inSize, c]);
}

/**
 * Filter gradient (the adjoint of {@link convForward} in `f`): `Σ_n` of the correlation of `x: [N, H, W,
 * C]` with `dy: [N, H', W', O]`; returns `[kh, kw, C, O]`.
 */
export function convFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry2d): tf.Tensor4D {
  const [gh, gw] = g;
  // Rows m = a·d + i·s − p₀ for a < k, i < H': pad p₀ before and cut to k̃ + (H'−1)s rows in all.
  const padsOf = (a: typeof gh): [number, number] => [
    a.padBefore,
    effectiveKernel(a) + (a.outSize - 1) * a.stride - a.inSize - a.padBefore,
  ];
  const crop = cropNegative(x, [padsOf(gh), padsOf(gw)]);
  if (crop === null) return tf.zeros([gh.kernel, gw.kernel, x.shape[3], dy.shape[3]]);
  const { cropped, pads } = crop;
  const xHat = tf.transpose(cropped, [3, 1, 2, 0]); // [C, H, W, N]: channels as batch
  const dyHat = tf.transpose(dy, [1, 2, 0, 3]); // [H', W', N, O]: dy as a filter
  const dilations: [number, number] = [gh.stride, gw.stride];
  let grad: tf.Tensor4D; // [C, kh, kw, O]
  if (tfAcceptsStridesWithDilations(g)) {
    grad = tf.conv2d(xHat, dyHat, [gh.dilation, gw.dilation], pads, 'NHWC', dilations);
  } else {
    const dense = tf.conv2d(xHat, dyHat, 1, pads, 'NHWC', dilations);
    grad = tf.stridedSlice(dense, [0, 0, 0, 0], dense.shape, [1, gh.dilation, gw.dilation, 1]) as tf.Tensor4D;
  }
  return tf.transpose(grad, [1, 2, 0, 3]);
}
