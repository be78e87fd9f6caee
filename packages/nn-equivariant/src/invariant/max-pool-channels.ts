/**
 * The max over groups of consecutive channels (escnn's `MaxPoolChannels`).
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { Module } from '../equivariant-module.js';

/**
 * The largest activation within each group of `kernelSize` consecutive channels: `[..., C] → [..., C/k]`,
 * `y_j = max_{0 ≤ a < k} x_{jk + a}` (escnn's `MaxPoolChannels`, on the last axis since tensors are
 * channels-last). A plain module on tf.Tensors, without field types: escnn's `GroupPooling.export()` returns it;
 * on fields of size `k` whose `ρ(g)` permute channels (regular, quotient) it is the group pooling.
 * @see escnn's `escnn.nn.MaxPoolChannels`
 */
export class MaxPoolChannels extends Module {
  /** The number of consecutive channels pooled together. */
  readonly kernelSize: number;

  /**
   * @param kernelSize - the size of each group of channels.
   * @throws InvalidArgumentError for a non-positive or non-integer size.
   */
  constructor(kernelSize: number) {
    super();
    if (!Number.isInteger(kernelSize) || kernelSize < 1) {
      throw new InvalidArgumentError(
        'MaxPoolChannels',
        'kernelSize',
        kernelSize,
        'must be a positive integer',
      );
    }
    this.kernelSize = kernelSize;
  }

  /**
   * Pools `x: [..., C]` to `[..., C/kernelSize]` (a fresh tensor; `x` is not disposed). Differentiable on
   * every backend.
   * @throws InvalidArgumentError when `C` is not divisible by the kernel size.
   */
  forward(x: tf.Tensor): tf.Tensor {
    const fn = 'MaxPoolChannels.forward';
    if (!(x instanceof tf.Tensor) || x.rank < 1)
      throw new InvalidArgumentError(fn, 'x', x, 'must be a tf.Tensor');
    const c = x.shape[x.rank - 1]!;
    if (c % this.kernelSize !== 0) {
      throw new InvalidArgumentError(
        fn,
        'x',
        `shape [${x.shape}]`,
        `must have a number of channels divisible by the kernel size ${this.kernelSize}`,
      );
    }
    return tf.tidy(() => {
      const lead = x.shape.slice(0, -1);
      return tf.max(tf.reshape(x, [...lead, c / this.kernelSize, this.kernelSize]), -1);
    });
  }

  /** `MaxPoolChannels(kernel_size=k)`. */
  override toString(): string {
    return `MaxPoolChannels(kernel_size=${this.kernelSize})`;
  }
}
