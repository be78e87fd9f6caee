/**
 * What the page draws of a feature map: for the steerable CNN's regular C_N fields, the group-pooled value
 * (the maximum over the N channels of a field, escnn's `GroupPooling`: a scalar field, drawn as colour) and
 * the field's Fourier mode 1 (a vector field, drawn as arrows); for the conventional CNN, its channels.
 *
 * A regular field `f: C_N → R` at a point transforms under the rotation by `r = 2π/N` as
 * `f'(k) = f(k − 1)` (read at the rotated point), so its Fourier coefficient
 * `F₁ = Σ_k f(k) e^{2πik/N}` becomes `e^{2πi/N} F₁`: the arrow `(Re F₁, Im F₁)` turns with the image, which
 * is how escnn's README animation draws vector fields.
 */

/** The scalar and vector fields of one regular field over a `side × side` map. */
export interface RegularFieldView {
  /** Maximum over the group, per pixel (row-major). */
  readonly pooled: Float32Array;
  /** Fourier mode 1 per pixel, `(re, im)` interleaved (row-major). */
  readonly mode1: Float32Array;
}

/**
 * Splits channels-last features `[side, side, fields · order]` of regular C_order fields into one
 * {@link RegularFieldView} per field.
 */
export function regularFieldViews(
  features: Float32Array,
  side: number,
  channels: number,
  order: number,
): RegularFieldView[] {
  if (features.length !== side * side * channels || channels % order !== 0) {
    throw new Error(
      `regularFieldViews: ${features.length} values do not make ${side}×${side}×${channels} regular C${order} fields`,
    );
  }
  const cos = Array.from({ length: order }, (_, k) => Math.cos((2 * Math.PI * k) / order));
  const sin = Array.from({ length: order }, (_, k) => Math.sin((2 * Math.PI * k) / order));
  const views: RegularFieldView[] = [];
  for (let field = 0; field < channels / order; field++) {
    const pooled = new Float32Array(side * side);
    const mode1 = new Float32Array(2 * side * side);
    for (let p = 0; p < side * side; p++) {
      let max = -Infinity;
      let re = 0;
      let im = 0;
      for (let k = 0; k < order; k++) {
        const v = features[p * channels + field * order + k]!;
        if (v > max) max = v;
        re += v * cos[k]!;
        im += v * sin[k]!;
      }
      pooled[p] = max;
      mode1[2 * p] = re;
      mode1[2 * p + 1] = im;
    }
    views.push({ pooled, mode1 });
  }
  return views;
}

/** Channel `channel` of channels-last features `[side, side, channels]`, row-major. */
export function channelView(
  features: Float32Array,
  side: number,
  channels: number,
  channel: number,
): Float32Array {
  const out = new Float32Array(side * side);
  for (let p = 0; p < side * side; p++) out[p] = features[p * channels + channel]!;
  return out;
}

/** Total variation distance `½ Σ |p − q|` between two probability vectors. */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`totalVariation: lengths ${p.length} and ${q.length} differ`);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.abs(p[i]! - q[i]!);
  return s / 2;
}
