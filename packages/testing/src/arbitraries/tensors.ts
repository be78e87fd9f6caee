/**
 * fast-check arbitraries for inputs of modules: {@link InputSpec}s (seed, batch, grid size) and the
 * `GeometricTensor`s they rebuild, white or smooth.
 */
import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { type InputSpec, inputShape, smoothInput, whiteInput } from '../internal/inputs.js';

export type { InputSpec };

/** Options of {@link arbitraryInputSpec}. */
export interface InputSpecOptions {
  /** Smallest batch size (batch norms on R⁰ need 2). @defaultValue 1 */
  readonly minBatch?: number;
  /** Largest batch size. @defaultValue `max(2, minBatch)` */
  readonly maxBatch?: number;
  /**
   * The grid sides to draw from (square grids: rotations by 90° swap the axes).
   * @defaultValue `[9, 11, 13, 15]`
   */
  readonly sizes?: readonly number[];
}

/** An arbitrary {@link InputSpec}: a 31-bit seed, a batch size, a grid side. Shrinks to the smallest batch, the first side. */
export function arbitraryInputSpec(options: InputSpecOptions = {}): fc.Arbitrary<InputSpec> {
  const fn = 'arbitraryInputSpec';
  const minBatch = options.minBatch ?? 1;
  const maxBatch = options.maxBatch ?? Math.max(2, minBatch);
  const sizes = options.sizes ?? [9, 11, 13, 15];
  if (!Number.isInteger(minBatch) || minBatch < 1) {
    throw new InvalidArgumentError(fn, 'options.minBatch', minBatch, 'must be a positive integer');
  }
  if (!Number.isInteger(maxBatch) || maxBatch < minBatch) {
    throw new InvalidArgumentError(
      fn,
      'options.maxBatch',
      maxBatch,
      `must be an integer ≥ minBatch (${minBatch})`,
    );
  }
  if (!Array.isArray(sizes) || sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new InvalidArgumentError(
      fn,
      'options.sizes',
      sizes,
      'must be a non-empty list of positive integers',
    );
  }
  return fc.record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    batch: fc.integer({ min: minBatch, max: maxBatch }),
    size: fc.integer({ min: 0, max: sizes.length - 1 }).map((i) => sizes[i]!),
  });
}

/** Options of {@link geometricTensorOf} and {@link arbitraryGeometricTensor}. */
export interface GeometricTensorOptions {
  /**
   * `'white'`: standard normal values; `'smooth'`: band-limited (Gaussian-blurred) noise, centred in a disc
   * that leaves a margin to the border, unit RMS — the input on which interpolated rotations are accurate.
   * @defaultValue 'white'
   */
  readonly values?: 'white' | 'smooth';
}

/**
 * The float32 geometric tensor of `type` described by `spec`, `[batch, size, size, type.size]` (channels-last;
 * `[batch, type.size]` on R⁰). The same spec gives the same values on every backend. The caller disposes it.
 */
export function geometricTensorOf(
  type: FieldType,
  spec: InputSpec,
  options: GeometricTensorOptions = {},
): GeometricTensor {
  const values = options.values ?? 'white';
  if (values !== 'white' && values !== 'smooth') {
    throw new InvalidArgumentError(
      'geometricTensorOf',
      'options.values',
      values,
      "must be 'white' or 'smooth'",
    );
  }
  const data = values === 'smooth' ? smoothInput(type, spec) : whiteInput(type, spec);
  return new GeometricTensor(tf.tensor(data, inputShape(type, spec, values), 'float32'), type);
}

/**
 * An arbitrary geometric tensor of `type`, with a random batch and grid size ({@link arbitraryInputSpec}).
 * Each generated value is a fresh tensor: dispose it in the property (values fast-check drops while
 * shrinking stay allocated, so prefer {@link arbitraryInputSpec} with {@link geometricTensorOf} for many runs).
 */
export function arbitraryGeometricTensor(
  type: FieldType,
  options: InputSpecOptions & GeometricTensorOptions = {},
): fc.Arbitrary<GeometricTensor> {
  return arbitraryInputSpec(options).map((spec) => geometricTensorOf(type, spec, options));
}
