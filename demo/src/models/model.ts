/**
 * What the demo trains: a classifier of 29×29 grey-scale images into the ten digits. The conventional
 * CNN and the equivariant steerable CNN both implement it, so the training loop, evaluation, invariance
 * measurement and report treat them alike.
 */

import type * as tf from '@tensorflow/tfjs';

/** A trainable classifier of NHWC images `[N, 29, 29, 1]` into 10 classes. */
export interface ClassifierModel {
  /** Short name used in the progress display and the report, e.g. `'C8 steerable CNN'`. */
  readonly name: string;
  /** One line describing the architecture. */
  readonly description: string;
  /** The trainable variables (what the optimizer updates and what the parameter count counts). */
  readonly trainableVariables: readonly tf.Variable[];
  /**
   * The logits `[N, 10]`. `training` selects batch statistics (and updates running statistics) in batch
   * normalization; evaluation uses the running statistics.
   */
  apply(images: tf.Tensor4D, training: boolean): tf.Tensor2D;
  /** Frees every tensor the model owns. */
  dispose(): void;
}

/** The number of trainable scalars of a model. */
export function parameterCount(model: ClassifierModel): number {
  return model.trainableVariables.reduce((sum, v) => sum + v.size, 0);
}
