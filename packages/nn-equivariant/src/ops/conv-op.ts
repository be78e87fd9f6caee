/**
 * A differentiable TF.js operation with hand-written gradients that are computed only for the inputs
 * that need one.
 *
 * `tf.customGrad` computes the gradients of all inputs eagerly, so the first convolution of a network
 * (whose input is data) would pay for an input gradient nobody reads: a third of its backward cost. The
 * engine's tape asks a node for each input's gradient through a thunk, and only for inputs on a path
 * from the differentiated variables; this helper hands the tape such thunks. It uses the engine method
 * that `tf.customGrad` itself is built on, and falls back to `tf.customGrad` where that is missing.
 */

import * as tf from '@tensorflow/tfjs';

/** Gradient of the op's output with respect to one input: `(dy, saved inputs) ↦ dL/d input`. */
export type InputGradient = (dy: tf.Tensor, saved: readonly tf.Tensor[]) => tf.Tensor;

type SaveFunc = (tensors: tf.Tensor[]) => void;

interface KernelFuncEngine {
  runKernelFunc(params: {
    forwardFunc: (backend: unknown, save: SaveFunc) => tf.Tensor;
    backwardsFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => Record<string, () => tf.Tensor>;
    inputs: Record<string, tf.Tensor>;
  }): tf.Tensor;
}

function kernelFuncEngine(): KernelFuncEngine | null {
  const engine = tf.engine() as unknown as Partial<KernelFuncEngine>;
  return typeof engine.runKernelFunc === 'function' ? (engine as KernelFuncEngine) : null;
}

/**
 * Runs `forward(inputs)` as one node of the gradient tape, with `gradients[i]` the gradient for
 * `inputs[i]`. The inputs are saved (cheap clones) for the backward pass only while a tape records; the
 * forward's intermediate tensors are disposed. `lazy: false` forces the `tf.customGrad` path (for tests).
 */
export function runWithGradients<T extends tf.Tensor>(
  inputs: readonly tf.Tensor[],
  forward: () => T,
  gradients: readonly InputGradient[],
  lazy = true,
): T {
  const engine = lazy ? kernelFuncEngine() : null;
  if (engine !== null) {
    const inputMap: Record<string, tf.Tensor> = {};
    inputs.forEach((t, i) => {
      inputMap[i] = t;
    });
    return engine.runKernelFunc({
      forwardFunc: (_backend, save) => {
        const output = forward();
        save([...inputs]); // after the forward: a throwing forward must not leave kept clones behind
        return output;
      },
      backwardsFunc: (dy, saved) => {
        const thunks: Record<string, () => tf.Tensor> = {};
        gradients.forEach((gradient, i) => {
          thunks[i] = () => gradient(dy, saved);
        });
        return thunks;
      },
      inputs: inputMap,
    }) as T;
  }
  const op = tf.customGrad((...args: (tf.Tensor | SaveFunc)[]) => {
    const save = args[args.length - 1] as SaveFunc;
    const value = forward();
    save(args.slice(0, -1) as tf.Tensor[]);
    return {
      value,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        gradients.map((gradient) => gradient(dy as tf.Tensor, saved)),
    };
  });
  return op(...inputs) as T;
}
