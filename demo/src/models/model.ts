/**
 * What the demo trains: a classifier of 29×29 grey-scale images into the ten digits. The conventional
 * CNN and the equivariant steerable CNN both implement it, so the training loop, evaluation, invariance
 * measurement, report and saved weights treat them alike.
 */

import * as tf from '@tensorflow/tfjs';

/**
 * What a model is, enough to build it again (`buildModel` of ./saved.ts): the steerable CNN's group (the
 * text `--group` takes: `C8`, `D4`, `SO2`, `SO2-norm`) and field counts, or the conventional CNN's channels.
 */
export type ModelArchitecture =
  | { readonly kind: 'equivariant'; readonly group: string; readonly fields: readonly number[] }
  | { readonly kind: 'baseline'; readonly channels: readonly number[] };

/** One variable of a model under its stable name. */
export interface NamedVariable {
  /** Dotted name, e.g. `body.1.weights`, `head.norm.running_mean` (PyTorch's state-dict keys). */
  readonly name: string;
  readonly variable: tf.Variable;
  /** Trainable parameter, or buffer (running statistics, the input mask, pooling filters). */
  readonly kind: 'parameter' | 'buffer';
}

/** What a model computes for a batch: its logits and the first block's output. */
export interface ModelOutputs {
  /** Logits `[N, 10]`. */
  readonly logits: tf.Tensor2D;
  /**
   * The first convolution block's output after its nonlinearity, `[N, 25, 25, channels]` (for the
   * steerable CNN with regular fields: the fields' channels, `|G|` per field, in field order).
   */
  readonly features: tf.Tensor4D;
}

/** A trainable classifier of NHWC images `[N, 29, 29, 1]` into 10 classes. */
export interface ClassifierModel {
  /** Short name used in the progress display and the report, e.g. `'C8 steerable CNN'`. */
  readonly name: string;
  /** One line describing the architecture. */
  readonly description: string;
  /** What to build to get this model again (what a saved model's manifest records). */
  readonly architecture: ModelArchitecture;
  /** The trainable variables (what the optimizer updates and what the parameter count counts). */
  readonly trainableVariables: readonly tf.Variable[];
  /**
   * The logits `[N, 10]`. `training` selects batch statistics (and updates running statistics) in batch
   * normalization; evaluation uses the running statistics.
   */
  apply(images: tf.Tensor4D, training: boolean): tf.Tensor2D;
  /** {@link ClassifierModel.apply} and the first block's output (fresh tensors the caller owns). */
  applyWithFeatures(images: tf.Tensor4D, training: boolean): ModelOutputs;
  /**
   * Every variable the model owns — trainable parameters and buffers — by stable name, in a fixed order:
   * what a saved model holds.
   */
  namedVariables(): NamedVariable[];
  /**
   * Assigns variables by name (values of the variables' shapes and dtypes; not disposed here) and drops
   * whatever the model cached from the old values (the steerable filters of evaluation mode). Names not
   * given keep their values; checking that a set is complete is the caller's (`loadModelWeights`).
   */
  loadVariables(values: ReadonlyMap<string, tf.Tensor>): void;
  /** Frees every tensor the model owns. */
  dispose(): void;
}

/** The number of trainable scalars of a model. */
export function parameterCount(model: ClassifierModel): number {
  return model.trainableVariables.reduce((sum, v) => sum + v.size, 0);
}

/** `f()` inside `tf.tidy`: its intermediates are freed, the two outputs kept. */
export function tidyOutputs(f: () => ModelOutputs): ModelOutputs {
  const [logits, features] = tf.tidy(() => {
    const o = f();
    return [o.logits, o.features];
  });
  return { logits: logits as tf.Tensor2D, features: features as tf.Tensor4D };
}
