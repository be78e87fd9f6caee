/**
 * Reading the shape of a feature field stored as a flat typed array: leading batch dimensions, then the
 * channels and the grid in either order.
 */
import { InvalidArgumentError } from '@steerable/group-theory';

/** How the channel axis sits relative to the grid axes (see `GridLayout`). */
export type Layout = 'channels-last' | 'channels-first';

/** A flat float array, single or double precision. */
export type FloatArray = Float32Array | Float64Array;

/** A parsed shape: `batch` copies of a `channels × grid` field. */
export interface ParsedShape {
  readonly batch: number;
  readonly channels: number;
  /** Grid extents, e.g. [height, width]; empty for a field on a point (R⁰). */
  readonly grid: readonly number[];
  /** Number of grid points. */
  readonly points: number;
  readonly layout: Layout;
}

/** Checks `input` is a Float32Array or Float64Array. */
export function checkFloatArray(fn: string, argument: string, input: unknown): FloatArray {
  if (!(input instanceof Float32Array) && !(input instanceof Float64Array)) {
    throw new InvalidArgumentError(fn, argument, input, 'must be a Float32Array or a Float64Array');
  }
  return input;
}

/** Checks the layout option. */
export function checkLayout(fn: string, layout: unknown): Layout {
  if (layout !== 'channels-last' && layout !== 'channels-first') {
    throw new InvalidArgumentError(
      fn,
      'options.layout',
      layout,
      "must be 'channels-last' or 'channels-first'",
    );
  }
  return layout;
}

/**
 * Parses `shape` for a field on a `dimensionality`-dimensional grid: `[...batch, ...grid, C]` for
 * channels-last, `[...batch, C, ...grid]` for channels-first; checks it matches `length` values.
 */
export function parseShape(
  fn: string,
  shape: unknown,
  dimensionality: number,
  layout: Layout,
  length: number,
): ParsedShape {
  if (
    !Array.isArray(shape) ||
    shape.length < dimensionality + 1 ||
    shape.some((s) => typeof s !== 'number' || !Number.isInteger(s) || s < 1)
  ) {
    const expected =
      layout === 'channels-last'
        ? `[...batch, ${dimensionality === 0 ? '' : 'grid..., '}channels]`
        : `[...batch, channels${dimensionality === 0 ? '' : ', grid...'}]`;
    throw new InvalidArgumentError(
      fn,
      'shape',
      shape,
      `must list ${dimensionality + 1} or more positive integers, ${expected}`,
    );
  }
  const dims = shape as number[];
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== length) {
    throw new InvalidArgumentError(
      fn,
      'shape',
      shape,
      `must have as many entries as the input (${length} values), its product is ${size}`,
    );
  }
  const lead = dims.length - dimensionality - 1;
  const batch = dims.slice(0, lead).reduce((a, b) => a * b, 1);
  const channels = layout === 'channels-last' ? dims[dims.length - 1]! : dims[lead]!;
  const grid = layout === 'channels-last' ? dims.slice(lead, lead + dimensionality) : dims.slice(lead + 1);
  const points = grid.reduce((a, b) => a * b, 1);
  return { batch, channels, grid, points, layout };
}

/** Flat index of (batch b, channel c, grid point p) in the array. */
export function flatIndex(s: ParsedShape, b: number, c: number, p: number): number {
  return s.layout === 'channels-last'
    ? (b * s.points + p) * s.channels + c
    : (b * s.channels + c) * s.points + p;
}
