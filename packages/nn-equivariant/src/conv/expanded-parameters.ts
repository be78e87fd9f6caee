/**
 * The learnable part of a steerable layer (escnn's `_RdConv` / `Linear` state): the weights and bias
 * parameters, their expansion into a filter and a bias through the layer basis, and the expanded pair
 * cached in evaluation mode (escnn's `filter` / `expanded_bias` buffers).
 */

import * as tf from '@tensorflow/tfjs';
import { type BlocksExpansion, disposeExpansionTensors, type ExpansionTensors } from './basis-expansion.js';

/** An expanded filter (flat, in the expansion's layout) and bias (`[out]`, or null). */
export interface Expanded {
  readonly filter: tf.Tensor1D;
  readonly bias: tf.Tensor1D | null;
}

/** Owns the expansion's tensors and the eval-mode cache of one layer. */
export class ExpandedParameters {
  readonly expansion: BlocksExpansion;
  readonly #tensors: ExpansionTensors;
  readonly #weights: tf.Variable;
  readonly #bias: tf.Variable | null;
  #cache: Expanded | null = null;

  constructor(expansion: BlocksExpansion, weights: tf.Variable, bias: tf.Variable | null) {
    this.expansion = expansion;
    this.#tensors = expansion.createTensors();
    this.#weights = weights;
    this.#bias = bias;
  }

  /** A fresh expansion of the current parameters (differentiable; tensors the caller owns). */
  expand(): Expanded {
    const t = this.#tensors;
    const filter = this.expansion.expand(this.#weights as tf.Tensor as tf.Tensor1D, t);
    const bias =
      this.#bias === null ? null : this.expansion.expandBias(this.#bias as tf.Tensor as tf.Tensor1D, t);
    return { filter, bias };
  }

  /**
   * In training mode a fresh expansion (to be freed by the caller's tidy); in evaluation mode the cached
   * one (built if missing), which the caller must not dispose.
   */
  current(training: boolean): Expanded {
    if (training) return this.expand();
    if (this.#cache === null) this.refresh();
    return this.#cache!;
  }

  /** Rebuilds the cache from the current parameters (on `eval()`). */
  refresh(): void {
    this.invalidate();
    const e = this.expand();
    this.#cache = { filter: tf.keep(e.filter), bias: e.bias === null ? null : tf.keep(e.bias) };
  }

  /** Drops the cache (on `train()` and after new parameters were loaded). */
  invalidate(): void {
    if (this.#cache !== null) {
      this.#cache.filter.dispose();
      this.#cache.bias?.dispose();
      this.#cache = null;
    }
  }

  /**
   * Follows the module's mode (its `onModeChange` and `onStateLoaded` hooks): training drops the cache,
   * evaluation rebuilds it from the current parameters.
   */
  follow(training: boolean): void {
    if (training) this.invalidate();
    else this.refresh();
  }

  /** Frees the basis tensors and the cache. */
  dispose(): void {
    this.invalidate();
    disposeExpansionTensors(this.#tensors);
  }
}
