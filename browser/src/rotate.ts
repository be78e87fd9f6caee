/**
 * Rotation of a square grey-scale image about its centre pixel, by bilinear interpolation with zeros
 * outside. Rotations by multiples of 90° of an odd-sided image are exact pixel permutations, which is what
 * makes the C8 model's output exactly invariant to them.
 */

/**
 * The image `image` (`side × side`, row-major) turned counter-clockwise on the screen by `degrees`: output
 * pixel `p` reads the input at `R(−θ) p` about the centre `((side − 1)/2, (side − 1)/2)`, with the screen's
 * y axis pointing up (rows grow downwards).
 */
export function rotateImage(image: Float32Array, side: number, degrees: number): Float32Array {
  if (image.length !== side * side) {
    throw new Error(`rotateImage: image has ${image.length} pixels, expected ${side}×${side}`);
  }
  const theta = (degrees * Math.PI) / 180;
  // exact for multiples of 90°, so that those rotations are permutations
  const quarter = degrees / 90;
  const exact = Number.isInteger(quarter);
  const q = ((quarter % 4) + 4) % 4;
  const cos = exact ? [1, 0, -1, 0][q]! : Math.cos(theta);
  const sin = exact ? [0, 1, 0, -1][q]! : Math.sin(theta);
  const c = (side - 1) / 2;
  const out = new Float32Array(side * side);
  const at = (r: number, k: number) => (r < 0 || r >= side || k < 0 || k >= side ? 0 : image[r * side + k]!);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const x = col - c;
      const y = c - row;
      // the source point R(−θ)(x, y)
      const sx = cos * x + sin * y;
      const sy = -sin * x + cos * y;
      const r = c - sy;
      const k = sx + c;
      const r0 = Math.floor(r);
      const k0 = Math.floor(k);
      const fr = r - r0;
      const fk = k - k0;
      out[row * side + col] =
        (1 - fr) * ((1 - fk) * at(r0, k0) + fk * at(r0, k0 + 1)) +
        fr * ((1 - fk) * at(r0 + 1, k0) + fk * at(r0 + 1, k0 + 1));
    }
  }
  return out;
}

/** MNIST's 28×28 bytes as a 29×29 image in [0, 1], with a zero row and column at the bottom and right. */
export function padDigit(bytes: ArrayLike<number>): Float32Array {
  if (bytes.length !== 28 * 28) throw new Error(`padDigit: expected 784 pixels, got ${bytes.length}`);
  const out = new Float32Array(29 * 29);
  for (let r = 0; r < 28; r++) for (let k = 0; k < 28; k++) out[r * 29 + k] = bytes[r * 28 + k]! / 255;
  return out;
}
