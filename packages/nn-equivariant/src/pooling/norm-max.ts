/**
 * Max pooling of whole fields by their norm.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { concatLast, type FieldRun, fieldRuns, runFields } from '../nonlinearities/field-runs.js';
import { checkFieldType } from '../nonlinearities/support.js';
import { padForWindows, readPoolParams, type Size2, windowTap } from './geometry.js';
import { WindowPool2D, type WindowPoolOptions } from './window-pool.js';

/** Options of {@link NormMaxPool}. */
export type NormMaxPoolOptions = WindowPoolOptions;

/** One-hot masks of the arg-max over the first axis, outside the gradient tape (constants). */
const argMaxMask: (stacked: tf.Tensor) => tf.Tensor = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const stacked = args[0] as tf.Tensor;
    const k = stacked.shape[0]!;
    // tf.argMax picks the first maximum, as PyTorch's max pooling does (scan order: rows, then columns)
    const best = tf.argMax(stacked, 0);
    return {
      value: tf.transpose(tf.oneHot(best, k), [best.rank, ...best.shape.map((_, i) => i)]),
      gradFunc: () => [tf.zerosLike(stacked)],
    };
  },
) as (stacked: tf.Tensor) => tf.Tensor;

/**
 * Max pooling by norm (escnn's `NormMaxPool`): in each window, each field keeps the value of the pixel
 * where its norm `‖x_f‖` is largest (the first such pixel on ties, as PyTorch). Norms are invariant under
 * orthogonal `ρ(g)`, so any field type is accepted; spatial equivariance holds on the elements that map
 * windows onto windows (see {@link WindowPool2D}).
 *
 * @see escnn's `escnn.nn.NormMaxPool`
 */
export class NormMaxPool extends WindowPool2D {
  readonly #runs: readonly FieldRun[];

  /**
   * @param inType - the input (and output) field type, on a 2D base space.
   * @param kernelSize - the window, one number or `[height, width]`.
   * @throws InvalidArgumentError for invalid sizes (padding more than half the kernel).
   */
  constructor(inType: FieldType, kernelSize: Size2, options: NormMaxPoolOptions = {}) {
    const fn = 'NormMaxPool';
    const type = checkFieldType(fn, inType, 2);
    super(type, type, readPoolParams(fn, kernelSize, options));
    this.#runs = fieldRuns(type.representations);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const t = x.tensor as tf.Tensor4D;
    const g = this.geometry(`${this.constructor.name}.forward`, [t.shape[1], t.shape[2]]);
    const [gh, gw] = g;
    // squared norms per field, [b, H, W, F]; padding −1 never wins against a norm ≥ 0
    const norms = concatLast(
      this.#runs.map((run) => tf.sum(tf.square(runFields(t, run)), -1)),
    ) as tf.Tensor4D;
    const paddedNorms = padForWindows(norms, g, -1);
    const paddedX = padForWindows(t, g, 0);
    const taps: [number, number][] = [];
    for (let a = 0; a < gh.kernel; a++) for (let b = 0; b < gw.kernel; b++) taps.push([a, b]);
    const masks = argMaxMask(tf.stack(taps.map(([a, b]) => windowTap(paddedNorms, g, a, b))));
    const lead = [t.shape[0], gh.outSize, gw.outSize];
    let out: tf.Tensor | null = null;
    taps.forEach(([a, b], k) => {
      const mask = tf.squeeze(tf.slice(masks, [k, 0, 0, 0, 0], [1, -1, -1, -1, -1]), [0]);
      const xk = windowTap(paddedX, g, a, b);
      // spread each field's mask over its channels, run by run
      let f = 0;
      const parts = this.#runs.map((run) => {
        const m = tf.slice(mask, [0, 0, 0, f], [-1, -1, -1, run.count]);
        f += run.count;
        const fields = runFields(xk, run);
        return tf.reshape(tf.mul(fields, tf.reshape(m, [...lead, run.count, 1])), [
          ...lead,
          run.count * run.size,
        ]);
      });
      const term = concatLast(parts);
      out = out === null ? term : tf.add(out, term);
    });
    return this.outType.wrap(out as unknown as tf.Tensor);
  }
}
