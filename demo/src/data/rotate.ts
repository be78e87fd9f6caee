/**
 * Rotating square grey-scale images about their centre, with bicubic or bilinear interpolation and zero
 * padding, the way rotated MNIST is made.
 *
 * Convention: an angle θ turns the picture counter-clockwise as displayed (rows grow downwards). With the
 * centre `c = (S − 1)/2` and the output pixel at row `i`, column `j`, its position is `(x, y) = (j − c,
 * c − i)`; it takes the value of the input at `R(−θ)(x, y)`, interpolated. For odd `S` the centre is a
 * pixel and a rotation by a multiple of 90° is an exact permutation of pixels ({@link rot90}); this
 * function snaps `cos θ, sin θ` to 0 and ±1 within 1e−12, so that it agrees with {@link rot90} bit for bit
 * there (bicubic and bilinear weights are exactly 1 and 0 at integer offsets).
 */

/** How pixel values between grid points are computed. */
export type Interpolation = 'bicubic' | 'bilinear';

/** Keys' cubic convolution kernel with `a = −0.5` (the usual "bicubic"); it interpolates (w(0)=1, w(±1)=w(±2)=0). */
function cubic(t: number): number {
  const x = Math.abs(t);
  const a = -0.5;
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

function snap(v: number): number {
  if (Math.abs(v) < 1e-12) return 0;
  if (Math.abs(Math.abs(v) - 1) < 1e-12) return Math.sign(v);
  return v;
}

/**
 * Rotates the `size × size` image stored row-major at `src[srcOffset …]` by `angle` radians
 * (counter-clockwise) into `dst[dstOffset …]`. Values outside the image are zero; bicubic results are
 * clamped to `[lo, hi]` (its overshoot would otherwise leave the pixel range).
 */
export function rotateImage(
  src: ArrayLike<number>,
  dst: Float32Array,
  size: number,
  angle: number,
  options: {
    interpolation?: Interpolation;
    srcOffset?: number;
    dstOffset?: number;
    range?: [number, number];
  } = {},
): void {
  const { interpolation = 'bicubic', srcOffset = 0, dstOffset = 0, range = [0, 1] } = options;
  const [lo, hi] = range;
  const cos = snap(Math.cos(angle));
  const sin = snap(Math.sin(angle));
  const c = (size - 1) / 2;
  const at = (r: number, q: number): number =>
    r < 0 || q < 0 || r >= size || q >= size ? 0 : (src[srcOffset + r * size + q] as number);
  for (let i = 0; i < size; i++) {
    const y = c - i;
    for (let j = 0; j < size; j++) {
      const x = j - c;
      // Source position: R(−θ)(x, y), back to (row, column).
      const col = c + cos * x + sin * y;
      const row = c - (-sin * x + cos * y);
      const r0 = Math.floor(row);
      const q0 = Math.floor(col);
      const fr = row - r0;
      const fq = col - q0;
      let value = 0;
      if (interpolation === 'bilinear') {
        value =
          (1 - fr) * ((1 - fq) * at(r0, q0) + fq * at(r0, q0 + 1)) +
          fr * ((1 - fq) * at(r0 + 1, q0) + fq * at(r0 + 1, q0 + 1));
      } else {
        for (let dr = -1; dr <= 2; dr++) {
          const wr = cubic(fr - dr);
          if (wr === 0) continue;
          let rowSum = 0;
          for (let dq = -1; dq <= 2; dq++) {
            const wq = cubic(fq - dq);
            if (wq !== 0) rowSum += wq * at(r0 + dr, q0 + dq);
          }
          value += wr * rowSum;
        }
        value = Math.min(hi, Math.max(lo, value));
      }
      dst[dstOffset + i * size + j] = value;
    }
  }
}

/**
 * Rotates a `size × size` image by `k` quarter turns counter-clockwise, exactly (a permutation of pixels,
 * `out[i][j] = in[j][S−1−i]` for one turn, as NumPy's `rot90`).
 */
export function rot90(src: ArrayLike<number>, size: number, k: number): Float32Array {
  const turns = ((k % 4) + 4) % 4;
  const out = new Float32Array(size * size);
  const n = size - 1;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      let r = i;
      let q = j;
      for (let t = 0; t < turns; t++) {
        // One counter-clockwise quarter turn: out[r][q] = in[q][n − r].
        const nr = q;
        q = n - r;
        r = nr;
      }
      out[i * size + j] = src[r * size + q] as number;
    }
  }
  return out;
}

/**
 * Places a `from × from` image into the top-left corner of a zero `to × to` image (zeros appended at the
 * bottom and right, as escnn's MNIST tutorial pads 28×28 digits to 29×29 with `Pad((0, 0, 1, 1))`), so
 * that the image has a centre pixel.
 */
export function padImage(
  src: ArrayLike<number>,
  from: number,
  to: number,
  srcOffset = 0,
  scale = 1,
): Float32Array {
  const out = new Float32Array(to * to);
  for (let i = 0; i < from; i++) {
    for (let j = 0; j < from; j++) out[i * to + j] = (src[srcOffset + i * from + j] as number) * scale;
  }
  return out;
}
