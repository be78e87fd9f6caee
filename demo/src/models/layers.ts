/**
 * The few plain TensorFlow.js layers of the conventional CNN baseline: convolution, batch normalization
 * and a dense layer, with seeded He initialization. Each owns its variables (created inside `tf.tidy`,
 * which frees the initial values and keeps the variables).
 *
 * The convolution is plain `tf.conv2d`: on the WASM backend its gradients come from the kernels that
 * `initBackend({ wasmGradients: true })` of @steerable/nn-equivariant registers (TF.js's own WASM backend
 * has no filter gradient).
 */

import * as tf from '@tensorflow/tfjs';
import type { NamedVariable } from './model.js';

/** `[name, variable]` pairs as {@link NamedVariable}s under `prefix`. */
function named(
  prefix: string,
  pairs: readonly (readonly [string, tf.Variable])[],
  kind: NamedVariable['kind'],
): NamedVariable[] {
  return pairs.map(([name, variable]) => ({ name: `${prefix}${name}`, variable, kind }));
}

/**
 * Assigns `values` to the variables of `variables` with the same names (others keep their values).
 * @throws Error for a value whose shape or dtype is not its variable's (the callers validate first).
 */
export function assignNamed(
  variables: readonly NamedVariable[],
  values: ReadonlyMap<string, tf.Tensor>,
): void {
  for (const { name, variable } of variables) {
    const value = values.get(name);
    if (value === undefined) continue;
    if (value.dtype !== variable.dtype || value.shape.join() !== variable.shape.join()) {
      throw new Error(
        `assignNamed: ${name} is ${value.dtype} [${value.shape}], the variable ${variable.dtype} [${variable.shape}]`,
      );
    }
    variable.assign(value);
  }
}

/** A `k × k` convolution `cin → cout` with bias, zero padding `padding` on every side. */
export class Conv2d {
  readonly filter: tf.Variable;
  readonly bias: tf.Variable;

  constructor(
    readonly cin: number,
    readonly cout: number,
    readonly kernel: number,
    readonly padding: number,
    seed: number,
  ) {
    const std = Math.sqrt(2 / (kernel * kernel * cin));
    this.filter = tf.tidy(() =>
      tf.variable(tf.randomNormal([kernel, kernel, cin, cout], 0, std, 'float32', seed)),
    );
    this.bias = tf.tidy(() => tf.variable(tf.zeros([cout])));
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.add(tf.conv2d(x, this.filter as tf.Tensor4D, 1, this.padding), this.bias);
  }

  get variables(): tf.Variable[] {
    return [this.filter, this.bias];
  }

  /** `weight` (`[k, k, cin, cout]`) and `bias` under `prefix`. */
  namedVariables(prefix: string): NamedVariable[] {
    return named(
      prefix,
      [
        ['weight', this.filter],
        ['bias', this.bias],
      ],
      'parameter',
    );
  }
}

/**
 * Batch normalization over all axes but the last: `γ (x − μ)/√(σ² + ε) + β`, with batch statistics in
 * training (running averages updated with momentum 0.1, PyTorch's convention) and running ones in
 * evaluation.
 */
export class BatchNorm {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  private readonly runningMean: tf.Variable;
  private readonly runningVar: tf.Variable;

  constructor(
    readonly channels: number,
    readonly momentum = 0.1,
    readonly epsilon = 1e-5,
  ) {
    this.gamma = tf.tidy(() => tf.variable(tf.ones([channels])));
    this.beta = tf.tidy(() => tf.variable(tf.zeros([channels])));
    this.runningMean = tf.tidy(() => tf.variable(tf.zeros([channels]), false));
    this.runningVar = tf.tidy(() => tf.variable(tf.ones([channels]), false));
  }

  apply<T extends tf.Tensor>(x: T, training: boolean): T {
    const axes = x.shape.map((_, i) => i).slice(0, -1);
    let mean: tf.Tensor = this.runningMean;
    let variance: tf.Tensor = this.runningVar;
    if (training) {
      const moments = tf.moments(x, axes);
      mean = moments.mean;
      variance = moments.variance;
      const m = this.momentum;
      const n = x.size / this.channels;
      tf.tidy(() => {
        this.runningMean.assign(tf.add(tf.mul(this.runningMean, 1 - m), tf.mul(moments.mean, m)));
        // The running variance is unbiased, as PyTorch's.
        this.runningVar.assign(
          tf.add(tf.mul(this.runningVar, 1 - m), tf.mul(moments.variance, (m * n) / Math.max(1, n - 1))),
        );
      });
    }
    const scale = tf.mul(this.gamma, tf.rsqrt(tf.add(variance, this.epsilon)));
    return tf.add(tf.mul(tf.sub(x, mean), scale), this.beta) as T;
  }

  get variables(): tf.Variable[] {
    return [this.gamma, this.beta];
  }

  /** PyTorch's names under `prefix`: `weight` (γ), `bias` (β), `running_mean`, `running_var`. */
  namedVariables(prefix: string): NamedVariable[] {
    return [
      ...named(
        prefix,
        [
          ['weight', this.gamma],
          ['bias', this.beta],
        ],
        'parameter',
      ),
      ...named(
        prefix,
        [
          ['running_mean', this.runningMean],
          ['running_var', this.runningVar],
        ],
        'buffer',
      ),
    ];
  }

  dispose(): void {
    for (const v of [this.gamma, this.beta, this.runningMean, this.runningVar]) v.dispose();
  }
}

/** A dense layer `cin → cout` with bias. */
export class Dense {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(
    readonly cin: number,
    readonly cout: number,
    seed: number,
  ) {
    const std = Math.sqrt(2 / cin);
    this.weight = tf.tidy(() => tf.variable(tf.randomNormal([cin, cout], 0, std, 'float32', seed)));
    this.bias = tf.tidy(() => tf.variable(tf.zeros([cout])));
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.weight), this.bias);
  }

  get variables(): tf.Variable[] {
    return [this.weight, this.bias];
  }

  /** `weight` (`[cin, cout]`) and `bias` under `prefix`. */
  namedVariables(prefix: string): NamedVariable[] {
    return named(
      prefix,
      [
        ['weight', this.weight],
        ['bias', this.bias],
      ],
      'parameter',
    );
  }
}
