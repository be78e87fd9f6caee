/**
 * Argument checks shared by the modules: field types and which representations a module accepts (escnn's
 * `supported_nonlinearities` tags), gspaces and channel counts, and scalar options. Not exported from the package.
 */

import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, type NonlinearityTag } from '@steerable/group-theory';
import { GSpace } from '@steerable/gspaces';

/** Checks that `inType` is a FieldType (on a base space of `dimensionality`, when given). */
export function checkFieldType(fn: string, inType: unknown, dimensionality?: number): FieldType {
  if (!(inType instanceof FieldType)) {
    throw new InvalidArgumentError(fn, 'inType', inType, 'must be a FieldType');
  }
  if (dimensionality !== undefined && inType.gspace.dimensionality !== dimensionality) {
    throw new InvalidArgumentError(
      fn,
      'inType',
      String(inType),
      `must live on a ${dimensionality}-dimensional base space (e.g. a gspace on R²)`,
    );
  }
  return inType;
}

/**
 * Checks that every field of `inType` supports the nonlinearity `tag` (escnn asserts
 * `tag in r.supported_nonlinearities`): e.g. a pointwise function commutes with `ρ(g)` only when `ρ(g)`
 * permutes channels (trivial, regular, quotient representations), not on an irrep of frequency ≥ 1.
 */
export function checkSupport(fn: string, inType: FieldType, tag: NonlinearityTag): void {
  inType.representations.forEach((r, i) => {
    if (!r.supportedNonlinearities.has(tag)) {
      throw new InvalidArgumentError(
        fn,
        'inType',
        String(inType),
        `must have fields supporting '${tag}' nonlinearities, but field ${i} ("${r.name}") does not`,
      );
    }
  });
}

/** Reads an optional finite number (`min < value`, or `min ≤ value` with `inclusive`). */
export function readNumber(
  fn: string,
  argument: string,
  value: unknown,
  fallback: number,
  range: { readonly min?: number; readonly max?: number; readonly exclusiveMin?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  const { min = -Infinity, max = Infinity, exclusiveMin = false } = range;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value > max ||
    value < min ||
    (exclusiveMin && value === min)
  ) {
    const lower = min === -Infinity ? '' : `${exclusiveMin ? '>' : '≥'} ${min}`;
    const upper = max === Infinity ? '' : `≤ ${max}`;
    const bounds = [lower, upper].filter((s) => s !== '').join(' and ');
    throw new InvalidArgumentError(
      fn,
      argument,
      value,
      `must be a finite number${bounds ? ` ${bounds}` : ''}`,
    );
  }
  return value;
}

/** Reads an optional boolean. */
export function readFlag(fn: string, argument: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidArgumentError(fn, argument, value, 'must be a boolean');
  return value;
}

/** Reads one of a fixed list of strings. */
export function readChoice<T extends string>(
  fn: string,
  argument: string,
  value: unknown,
  fallback: T,
  choices: readonly T[],
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      fn,
      argument,
      value,
      `must be one of ${choices.map((c) => `'${c}'`).join(', ')}`,
    );
  }
  return value as T;
}

/** Checks that `gspace` is a GSpace. */
export function checkGSpace(fn: string, gspace: unknown): GSpace {
  if (!(gspace instanceof GSpace)) throw new InvalidArgumentError(fn, 'gspace', gspace, 'must be a GSpace');
  return gspace;
}

/** Checks a positive integer number of fields. */
export function checkChannels(fn: string, channels: unknown, argument = 'channels'): number {
  if (typeof channels !== 'number' || !Number.isInteger(channels) || channels < 1) {
    throw new InvalidArgumentError(fn, argument, channels, 'must be a positive integer');
  }
  return channels;
}
