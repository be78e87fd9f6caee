/**
 * Max pooling of whole fields by their norm.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { checkFieldType } from '../internal/validation.js';
import {
  concatColumns,
  type FieldRun,
  fieldRuns,
  flatten,
  fromRows,
  runRows,
} from '../nonlinearities/field-runs.js';
import { type PoolGeometry, padForWindows, readPoolParams, type Size2, windowTap } from './geometry.js';
import { WindowPool2D, type WindowPoolOptions } from './window-pool.js';

/** Options of {@link NormMaxPool}. */
export type NormMaxPoolOptions = WindowPoolOptions;

/**
 * For padded squared norms `[b, H, W, F]`: the `[b·H'·W'·F, K]` one-hot rows marking, for each window and
 * field, the tap of largest norm. Computed as a constant (zero gradient), so that the backward pass does
 * not walk back through the norms.
 */
function argMaxMasks(
  paddedNorms: tf.Tensor4D,
  g: PoolGeometry,
  taps: readonly (readonly [number, number])[],
): tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const norms = args[0] as tf.Tensor4D;
    const scores = tf.concat(
      taps.map(([a, b]) => tf.reshape(windowTap(norms, g, a, b), [-1, 1])),
      1,
    );
    // tf.argMax picks the first maximum, as PyTorch's max pooling does (scan order: rows, then columns).
    // The cast matters: WASM's OneHot kernel writes int32 bits even when asked for float32 (TF.js 4.22).
    return {
      value: tf.cast(tf.oneHot(tf.argMax(scores, 1), taps.length), 'float32'),
      gradFunc: () => [tf.zerosLike(norms)],
    };
  });
  return op(paddedNorms);
}

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
    const [batch, h, w, c] = t.shape;
    const g = this.geometry(`${this.constructor.name}.forward`, [h, w]);
    const [gh, gw] = g;
    const nf = this.inType.length;
    // squared norms per field, [b, H, W, F]; the padding −1 never wins against a norm ≥ 0
    const x2 = flatten(t);
    const norms = concatColumns(
      this.#runs.map((run) => fromRows(tf.sum(tf.square(runRows(x2, run)), 1, true), run)),
    );
    const paddedNorms = padForWindows(tf.reshape(norms, [batch, h, w, nf]), g, -1);
    const paddedX = padForWindows(t, g, 0);
    const taps: [number, number][] = [];
    for (let a = 0; a < gh.kernel; a++) for (let b = 0; b < gw.kernel; b++) taps.push([a, b]);
    const masks = argMaxMasks(paddedNorms, g, taps);
    let out: tf.Tensor2D | null = null;
    taps.forEach(([a, b], k) => {
      const mask = tf.reshape(tf.slice(masks, [0, k], [-1, 1]), [-1, nf]); // [b·H'·W', F]
      const xk = flatten(windowTap(paddedX, g, a, b));
      let f = 0;
      const parts = this.#runs.map((run) => {
        const m = tf.reshape(tf.slice(mask, [0, f], [-1, run.count]), [-1, 1]);
        f += run.count;
        return fromRows(tf.mul(runRows(xk, run), m), run);
      });
      const term = concatColumns(parts);
      out = out === null ? term : tf.add(out, term);
    });
    return this.outType.wrap(tf.reshape(out!, [batch, gh.outSize, gw.outSize, c]));
  }
}
