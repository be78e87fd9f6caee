/**
 * Checks and the grouped convolution shared by the steerable convolutions of every dimension (escnn's
 * `_RdConv`): positive integer options, the split of the fields into `groups` identical groups, and a grouped
 * convolution built from an ungrouped one.
 */

import type { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';

/** Checks a positive integer option (`fallback` when undefined). */
export function positiveInt(fn: string, argument: string, value: unknown, fallback: number): number {
  const v = value === undefined ? fallback : value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new InvalidArgumentError(fn, argument, value, 'must be a positive integer');
  }
  return v;
}

/**
 * The representations of one of `groups` equal groups of fields of `type` (escnn's check that the fields
 * split into `groups` identical groups, and `index_select` of the first).
 */
export function groupReprs(
  fn: string,
  argument: string,
  type: FieldType,
  groups: number,
): RepresentationLike[] {
  const reprs = type.representations;
  if (reprs.length % groups !== 0) {
    throw new InvalidArgumentError(
      fn,
      'groups',
      groups,
      `must divide the ${reprs.length} fields of ${argument}`,
    );
  }
  const n = reprs.length / groups;
  for (let i = n; i < reprs.length; i++) {
    if (reprs[i]!.name !== reprs[i % n]!.name) {
      throw new InvalidArgumentError(
        fn,
        argument,
        String(type),
        `must consist of ${groups} identical groups of fields (field ${i} differs) for groups = ${groups}`,
      );
    }
  }
  return reprs.slice(0, n);
}

/**
 * `op` applied to each of `groups` blocks of channels of the input and of the filter's last axis, concatenated
 * on the channel axis (a grouped convolution from an ungrouped one); channels-last tensors of any rank.
 */
export function convolveGroups<T extends tf.Tensor>(
  op: (x: T, filter: T) => T,
  input: T,
  filter: T,
  groups: number,
): T {
  if (groups === 1) return op(input, filter);
  const xs = tf.split(input, groups, input.rank - 1);
  const fs = tf.split(filter, groups, filter.rank - 1);
  return tf.concat(
    xs.map((xg, g) => op(xg as T, fs[g] as T)),
    input.rank - 1,
  ) as T;
}
