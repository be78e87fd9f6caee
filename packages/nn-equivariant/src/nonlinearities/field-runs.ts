/**
 * Field-wise TF.js operations on channels-last tensors, shared by the nonlinearities, pooling and invariant
 * maps that act on each feature field as a whole (its norm, its maximum, its gate).
 *
 * escnn gathers the fields of each size with advanced indexing; TF.js's `gather` has no gradient on the
 * WASM backend (no `UnsortedSegmentSum` kernel), so here the fields are cut into *runs* of consecutive
 * fields of equal size; the input is flattened to `[M, C]`, each run is a `slice` of columns reshaped to one
 * field per row, `[M·count, size]`, and results are put back in channel order with `concat`. Everything
 * stays 2D (fast on WASM) and differentiable on every backend.
 * Not exported from the package.
 */

import type { RepresentationLike } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';

/** Consecutive fields of one size (and one label), `count` of them starting at channel `start`. */
export interface FieldRun {
  /** Index of the run's first field in the field type. */
  readonly firstField: number;
  /** Number of fields in the run. */
  readonly count: number;
  /** Size of each field. */
  readonly size: number;
  /** First channel of the run. */
  readonly start: number;
  /** The label shared by the run's fields (the size as a string when none is given). */
  readonly label: string;
}

/**
 * Cuts `representations` into maximal runs of consecutive fields with the same size and the same label.
 * @param labels - one label per field; by default each field's size.
 */
export function fieldRuns(
  representations: readonly RepresentationLike[],
  labels?: readonly string[],
): FieldRun[] {
  const runs: FieldRun[] = [];
  let start = 0;
  representations.forEach((r, i) => {
    const label = labels?.[i] ?? String(r.size);
    const last = runs[runs.length - 1];
    if (last !== undefined && last.size === r.size && last.label === label) {
      runs[runs.length - 1] = { ...last, count: last.count + 1 };
    } else {
      runs.push({ firstField: i, count: 1, size: r.size, start, label });
    }
    start += r.size;
  });
  return runs;
}

/**
 * The channels of `run` of `x: [..., C]` as `[..., count, size]` (any rank; the modules here use the 2D
 * {@link runRows}, faster on WASM).
 */
export function runFields(x: tf.Tensor, run: FieldRun): tf.Tensor {
  const rank = x.rank;
  const begin = new Array<number>(rank).fill(0);
  const size = new Array<number>(rank).fill(-1);
  begin[rank - 1] = run.start;
  size[rank - 1] = run.count * run.size;
  const sliced = x.shape[rank - 1] === run.count * run.size ? x : tf.slice(x, begin, size);
  return tf.reshape(sliced, [...x.shape.slice(0, rank - 1), run.count, run.size]);
}

/** Concatenates per-run results along the last axis (no copy for a single run). */
export function concatLast(parts: readonly tf.Tensor[]): tf.Tensor {
  if (parts.length === 1) return parts[0]!;
  return tf.concat([...parts], parts[0]!.rank - 1);
}

/** `x: [..., C]` as `[M, C]` (the leading axes merged). */
export function flatten(x: tf.Tensor): tf.Tensor2D {
  return tf.reshape(x, [-1, x.shape[x.rank - 1]!]) as tf.Tensor2D;
}

/** The channels of `run` in `x2: [M, C]`, `[M, count·size]`. */
export function runColumns(x2: tf.Tensor2D, run: FieldRun): tf.Tensor2D {
  const width = run.count * run.size;
  return x2.shape[1] === width ? x2 : tf.slice(x2, [0, run.start], [-1, width]);
}

/**
 * The fields of `run` in `x2: [M, C]` as rows, `[M·count, size]`: per-field reductions and products are
 * then 2D ops (TF.js's WASM backend is slow on 5-D tensors).
 */
export function runRows(x2: tf.Tensor2D, run: FieldRun): tf.Tensor2D {
  return tf.reshape(runColumns(x2, run), [-1, run.size]);
}

/** Per-field rows `[M·count, k]` back to columns `[M, count·k]`. */
export function fromRows(rows: tf.Tensor, run: FieldRun): tf.Tensor2D {
  return tf.reshape(rows, [-1, run.count * rows.shape[rows.rank - 1]!]);
}

/** Concatenates per-run columns (no copy for a single run). */
export function concatColumns(parts: readonly tf.Tensor2D[]): tf.Tensor2D {
  if (parts.length === 1) return parts[0]!;
  return tf.concat([...parts], 1);
}

/**
 * The Euclidean norm along the last axis, `‖x_f‖ = √(Σ_c x_{f,c}²)`: `[..., size] → [..., 1]`.
 * Its gradient `x / ‖x‖` is taken as 0 where the norm is 0 (as PyTorch's `norm` does), where the plain
 * `sqrt(sum(square))` chain would give `0 · ∞ = NaN`.
 */
export const fieldNorms: (fields: tf.Tensor) => tf.Tensor = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const fields = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const norms = tf.sqrt(tf.sum(tf.square(fields), -1, true));
    save([fields, norms]);
    return {
      value: norms,
      gradFunc: (dy, saved) => {
        const [xs, n] = saved as [tf.Tensor, tf.Tensor];
        const safe = tf.where(tf.greater(n, 0), n, tf.onesLike(n));
        const scale = tf.where(tf.greater(n, 0), tf.div(dy as tf.Tensor, safe), tf.zerosLike(n));
        return [tf.mul(xs, scale)];
      },
    };
  },
) as (fields: tf.Tensor) => tf.Tensor;
