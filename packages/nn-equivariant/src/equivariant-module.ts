/**
 * The module framework: `Module` (parameters, buffers, submodules, train/eval, state dicts) and
 * `EquivariantModule` (escnn's base class: a map between two field types that commutes with the group action).
 */

import { FieldType, FieldTypeMismatchError, GeometricTensor } from '@steerable/field-types';
import { type GroupElement, InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import type { CheckEquivarianceOptions, EquivarianceResult } from './equivariance.js';
import {
  bufferVariables,
  type CheckSubject,
  checkEquivarianceAsync,
  checkEquivarianceSync,
} from './internal/equivariance-check.js';

export {
  type CheckEquivarianceOptions,
  EquivarianceError,
  type EquivarianceResult,
} from './equivariance.js';

/** A tensor value in a state dict: a tf.Tensor, or flat values (row-major) of the parameter's size. */
export type StateValue = tf.Tensor | ArrayLike<number>;

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /**
   * Require the keys to match the module's exactly (PyTorch's `strict`); with `false`, missing keys keep
   * their values and unknown keys are ignored.
   * @defaultValue true
   */
  readonly strict?: boolean;
}

/** Options of {@link Module.registerParameter}. */
export interface ParameterOptions {
  /**
   * Whether optimizers update it (listed in {@link Module.trainableVariables}).
   * @defaultValue true
   */
  readonly trainable?: boolean;
}

const NAME = /^[A-Za-z0-9_]+$/;

function checkName(fn: string, name: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new InvalidArgumentError(fn, 'name', name, 'must be a non-empty string of letters, digits and _');
  }
}

/**
 * The base of every layer and container (PyTorch's `torch.nn.Module`): owns named tf.Variables (trainable
 * parameters such as `weights`, `bias`, and buffers such as running statistics) and named submodules, so that
 * optimizers, state dicts and `dispose` reach the whole tree. Names join with dots, as in PyTorch:
 * `0.weights`, `block.1.running_mean`.
 */
export abstract class Module {
  readonly #parameters = new Map<string, tf.Variable>();
  readonly #buffers = new Map<string, tf.Variable>();
  readonly #children = new Map<string, Module>();
  #training = true;

  /** True in training mode (the default), false after {@link Module.eval}. */
  get training(): boolean {
    return this.#training;
  }

  /**
   * Sets training mode (`true`) or evaluation mode (`false`) on this module and all submodules; returns
   * `this`. Override {@link Module.onModeChange} to react (e.g. to cache an expanded filter in eval mode).
   */
  train(mode = true): this {
    this.#training = Boolean(mode);
    this.onModeChange(this.#training);
    for (const child of this.#children.values()) child.train(mode);
    return this;
  }

  /** Evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /**
   * Called after the mode changed; `training` is the new mode. The default does nothing.
   */
  // biome-ignore lint/correctness/noUnusedFunctionParameters: the hook's signature documents what overrides receive
  protected onModeChange(training: boolean): void {}

  /** Called after {@link Module.loadStateDict} assigned new values (e.g. to drop a cached filter). */
  protected onStateLoaded(): void {}

  /**
   * Registers a tf.Variable under `name` with `initial`'s values; returns it. Takes ownership of `initial`: pass
   * a fresh tensor (`tf.zeros([n])`, …), it is disposed here (the variable keeps the data), so nothing leaks.
   * The module owns the variable: {@link Module.dispose} frees it.
   * @throws InvalidArgumentError for a bad or taken name, or a non-float32 tensor.
   */
  protected registerParameter(name: string, initial: tf.Tensor, options: ParameterOptions = {}): tf.Variable {
    const fn = `${this.constructor.name}.registerParameter`;
    this.#checkFree(fn, name);
    if (!(initial instanceof tf.Tensor) || initial.isDisposed || initial.dtype !== 'float32') {
      throw new InvalidArgumentError(fn, 'initial', initial, 'must be a live float32 tf.Tensor');
    }
    const v = tf.variable(initial, options.trainable ?? true);
    initial.dispose();
    this.#parameters.set(name, v);
    return v;
  }

  /**
   * Registers a non-trainable tf.Variable (PyTorch's buffer: running statistics, ...) under `name`; returns it.
   * Takes ownership of `initial` like {@link Module.registerParameter}. Buffers appear in state dicts after the
   * parameters, never in {@link Module.trainableVariables}.
   */
  protected registerBuffer(name: string, initial: tf.Tensor): tf.Variable {
    const fn = `${this.constructor.name}.registerBuffer`;
    this.#checkFree(fn, name);
    if (!(initial instanceof tf.Tensor) || initial.isDisposed) {
      throw new InvalidArgumentError(fn, 'initial', initial, 'must be a live tf.Tensor');
    }
    const v = tf.variable(initial, false);
    initial.dispose();
    this.#buffers.set(name, v);
    return v;
  }

  /** Registers a submodule under `name` (its variables become `name.…`); returns it. */
  protected registerModule<M extends Module>(name: string, module: M): M {
    const fn = `${this.constructor.name}.registerModule`;
    this.#checkFree(fn, name);
    if (!(module instanceof Module)) throw new InvalidArgumentError(fn, 'module', module, 'must be a Module');
    this.#children.set(name, module);
    module.train(this.#training);
    return module;
  }

  #checkFree(fn: string, name: string): void {
    checkName(fn, name);
    if (this.#parameters.has(name) || this.#buffers.has(name) || this.#children.has(name)) {
      throw new InvalidArgumentError(fn, 'name', name, 'must not be registered already');
    }
  }

  /** The direct submodules with their names, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this.#children];
  }

  /**
   * All variables with their dotted names, PyTorch's state-dict order: each module's parameters, then its
   * buffers, then its submodules'.
   */
  namedVariables(prefix = ''): [string, tf.Variable, 'parameter' | 'buffer'][] {
    const out: [string, tf.Variable, 'parameter' | 'buffer'][] = [];
    for (const [n, v] of this.#parameters) out.push([prefix + n, v, 'parameter']);
    for (const [n, v] of this.#buffers) out.push([prefix + n, v, 'buffer']);
    for (const [n, m] of this.#children) out.push(...m.namedVariables(`${prefix}${n}.`));
    return out;
  }

  /** The trainable tf.Variables of the whole tree (each once), to give to `optimizer.minimize(f, true, vars)`. */
  get trainableVariables(): tf.Variable[] {
    const seen = new Set<tf.Variable>();
    for (const [, v, kind] of this.namedVariables()) if (kind === 'parameter' && v.trainable) seen.add(v);
    return [...seen];
  }

  /**
   * A copy of every parameter and buffer by dotted name (PyTorch's `state_dict()`): fresh tensors the caller
   * owns (dispose them, e.g. `tf.dispose([...sd.values()])`).
   */
  stateDict(): Map<string, tf.Tensor> {
    return new Map(this.namedVariables().map(([n, v]) => [n, tf.clone(v)]));
  }

  /**
   * Assigns values by dotted name (PyTorch's `load_state_dict`): from a {@link Module.stateDict}, or escnn
   * weights converted to plain arrays. Shapes must match (flat arrays: sizes). The given tensors are not
   * disposed.
   * @throws InvalidArgumentError for a missing or unknown key (when strict), or a value of the wrong size.
   */
  loadStateDict(
    state: ReadonlyMap<string, StateValue> | Readonly<Record<string, StateValue>>,
    options: LoadStateDictOptions = {},
  ): void {
    const fn = `${this.constructor.name}.loadStateDict`;
    if (state === null || typeof state !== 'object') {
      throw new InvalidArgumentError(fn, 'state', state, 'must be a Map or a record of tensors');
    }
    const entries = new Map<string, StateValue>(
      state instanceof Map ? [...state] : Object.entries(state as Record<string, StateValue>),
    );
    const strict = options.strict ?? true;
    const vars = this.namedVariables();
    const names = new Set(vars.map(([n]) => n));
    if (strict) {
      const missing = vars.map(([n]) => n).filter((n) => !entries.has(n));
      const unknown = [...entries.keys()].filter((n) => !names.has(n));
      if (missing.length > 0 || unknown.length > 0) {
        throw new InvalidArgumentError(
          fn,
          'state',
          `keys missing: [${missing.join(', ')}], unknown: [${unknown.join(', ')}]`,
          `must have exactly the keys [${[...names].join(', ')}]`,
        );
      }
    }
    const updates: [tf.Variable, tf.Tensor][] = [];
    try {
      for (const [n, v] of vars) {
        const value = entries.get(n);
        if (value === undefined) continue;
        let t: tf.Tensor;
        if (value instanceof tf.Tensor) {
          if (value.isDisposed || value.size !== v.size || value.shape.some((s, i) => s !== v.shape[i])) {
            throw new InvalidArgumentError(fn, n, `shape [${value.shape}]`, `must have shape [${v.shape}]`);
          }
          t = tf.cast(value, v.dtype);
        } else {
          if (value == null || typeof value.length !== 'number' || value.length !== v.size) {
            throw new InvalidArgumentError(fn, n, value, `must have ${v.size} values (shape [${v.shape}])`);
          }
          t = tf.tensor(Array.from(value), v.shape, v.dtype);
        }
        updates.push([v, t]);
      }
      for (const [v, t] of updates) v.assign(t);
    } finally {
      tf.dispose(updates.map(([, t]) => t));
    }
    this.#forEachModule((m) => m.onStateLoaded());
  }

  #forEachModule(f: (m: Module) => void): void {
    f(this);
    for (const child of this.#children.values()) child.#forEachModule(f);
  }

  /** The class name and its submodules, like PyTorch's printout. */
  toString(): string {
    const lines = [...this.#children].map(([n, m]) => `  (${n}): ${String(m).replace(/\n/g, '\n  ')}`);
    return lines.length === 0
      ? `${this.constructor.name}()`
      : `${this.constructor.name}(\n${lines.join('\n')}\n)`;
  }

  /** Frees every variable of the tree. The module must not be used afterwards. */
  dispose(): void {
    for (const v of this.#parameters.values()) v.dispose();
    for (const v of this.#buffers.values()) v.dispose();
    for (const child of this.#children.values()) child.dispose();
  }
}

/**
 * A neural-network layer `f` mapping feature fields of type {@link EquivariantModule.inType} to fields of type
 * {@link EquivariantModule.outType} that commutes with the group: `f(g·x) = g·f(x)`.
 *
 * Subclasses implement {@link EquivariantModule.forwardImpl} (the math, with tf ops) and, when the output
 * shape differs from the input's, {@link EquivariantModule.evaluateOutputShape}; they register their
 * variables with `registerParameter` / `registerBuffer` and submodules with `registerModule`. The public
 * {@link EquivariantModule.forward} validates the input type and runs `forwardImpl` inside `tf.tidy`.
 *
 * @see escnn's `escnn.nn.EquivariantModule`
 */
export abstract class EquivariantModule extends Module {
  /** The field type of the input. */
  readonly inType: FieldType;
  /** The field type of the output. */
  readonly outType: FieldType;

  /** @throws InvalidArgumentError unless both are FieldTypes. */
  protected constructor(inType: FieldType, outType: FieldType) {
    super();
    const fn = new.target.name;
    if (!(inType instanceof FieldType))
      throw new InvalidArgumentError(fn, 'inType', inType, 'must be a FieldType');
    if (!(outType instanceof FieldType)) {
      throw new InvalidArgumentError(fn, 'outType', outType, 'must be a FieldType');
    }
    this.inType = inType;
    this.outType = outType;
  }

  /**
   * The computation on a validated input, with tf ops; runs inside `tf.tidy` (intermediates are freed).
   * Return a geometric tensor of type {@link EquivariantModule.outType}; returning the input's own tensor is
   * allowed (the caller receives a fresh handle).
   */
  protected abstract forwardImpl(x: GeometricTensor): GeometricTensor;

  /**
   * Applies the module to `x` (escnn's `forward` / `module(x)`). The result is a fresh tensor the caller owns;
   * `x` is not disposed. Differentiable wherever the ops are (use inside `optimizer.minimize`).
   * @throws FieldTypeMismatchError if `x.type` is not {@link EquivariantModule.inType};
   *   InvalidArgumentError if `x` is not a GeometricTensor.
   */
  forward(x: GeometricTensor): GeometricTensor {
    const fn = `${this.constructor.name}.forward`;
    if (!(x instanceof GeometricTensor))
      throw new InvalidArgumentError(fn, 'x', x, 'must be a GeometricTensor');
    if (!x.type.equals(this.inType)) {
      throw new FieldTypeMismatchError(fn, 'x', String(this.inType), String(x.type));
    }
    let type: FieldType | undefined;
    const t = tf.tidy(() => {
      const y = this.forwardImpl(x);
      type = y.type;
      return y.tensor;
    });
    if (type === undefined || !type.equals(this.outType)) {
      if (t !== x.tensor) t.dispose();
      throw new FieldTypeMismatchError(fn, 'output', String(this.outType), String(type));
    }
    return new GeometricTensor(t === x.tensor ? tf.clone(t) : t, this.outType);
  }

  /**
   * The output shape for an input of shape `inputShape` (escnn's `evaluate_output_shape`, channels-last).
   * The default keeps batch and spatial axes and swaps the channel count: right for pointwise modules.
   * @throws InvalidArgumentError for a shape that does not fit {@link EquivariantModule.inType}.
   */
  evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    return [...inputShape.slice(0, -1), this.outType.size];
  }

  /** Checks a channels-last input shape against the input type (rank `2 + d`, `inType.size` channels). */
  protected checkInputShape(inputShape: readonly number[]): void {
    const rank = this.inType.gspace.dimensionality + 2;
    if (
      !Array.isArray(inputShape) ||
      inputShape.length !== rank ||
      inputShape.some((s) => !Number.isInteger(s) || s < 0) ||
      inputShape[rank - 1] !== this.inType.size
    ) {
      throw new InvalidArgumentError(
        `${this.constructor.name}.evaluateOutputShape`,
        'inputShape',
        inputShape,
        `must be a channels-last shape of rank ${rank} with ${this.inType.size} channels`,
      );
    }
  }

  /**
   * The element of the input's fiber group acting together with `g` (an element of the output's), so that
   * `f(inputElement(g)·x) = g·f(x)`: `g` itself, except in modules that change the group (a restriction maps
   * `g` into the larger group; a container composes its modules' maps).
   */
  inputElement(g: GroupElement): GroupElement {
    return g;
  }

  /**
   * Checks `f(g·x) ≈ g·f(x)` on a random input for every element (escnn's `check_equivariance`); returns the
   * errors per element and, unless `throwOnFailure` is false, throws when one exceeds the tolerance. Runs in
   * the current mode (train or eval); buffers a training-mode forward updates are restored afterwards.
   *
   * Backends: it reads results synchronously and resamples elements off the grid on the CPU, which works on
   * WASM, CPU, WebGL and native TensorFlow; TF.js's WebGPU backend cannot read synchronously in Node, so use
   * {@link EquivariantModule.checkEquivarianceAsync} there (it gives the same results everywhere).
   * @throws EquivarianceError when an element fails; InvalidArgumentError for bad options.
   */
  checkEquivariance(options: CheckEquivarianceOptions = {}): EquivarianceResult[] {
    return checkEquivarianceSync(`${this.constructor.name}.checkEquivariance`, this.#checkSubject(), options);
  }

  /**
   * {@link EquivariantModule.checkEquivariance} with asynchronous reads only (`await data()`, `transformAsync`):
   * runs on every backend, TF.js's WebGPU backend in Node included, with the same results.
   * @returns a promise of the errors per element; it rejects with an EquivarianceError when an element fails
   *   (unless `throwOnFailure` is false) and with an InvalidArgumentError for bad options.
   */
  checkEquivarianceAsync(options: CheckEquivarianceOptions = {}): Promise<EquivarianceResult[]> {
    return checkEquivarianceAsync(
      `${this.constructor.name}.checkEquivarianceAsync`,
      this.#checkSubject(),
      options,
    );
  }

  #checkSubject(): CheckSubject {
    return {
      inType: this.inType,
      group: this.outType.fibergroup,
      defaultElements: this.outType.testingElements,
      buffers: bufferVariables(this),
      inputElement: (g) => this.inputElement(g),
      outputs: (x) => [this.forward(x)],
    };
  }

  /**
   * The TF.js layers computing this module on a channels-last input, weights baked in, for {@link
   * EquivariantModule.export}; `[]` for the identity. Containers concatenate their children's. Give weights
   * as fresh tensors in the layers' `weights` option: `export()` disposes them once the layers are built.
   * @throws SteerableError when the module cannot be expressed with TF.js layers.
   */
  exportLayers(): tf.layers.Layer[] {
    throw new SteerableError(
      `${this.constructor.name}.export`,
      'this module cannot be exported to TF.js layers yet',
    );
  }

  /**
   * A plain `tf.LayersModel` computing this module in inference mode with the current weights baked in
   * (escnn's `export`): input `[batch, null, null, inType.size]` on R² (`[batch, inType.size]` on R⁰), no
   * `@steerable` dependency, savable with `model.save(...)`. The model holds copies: dispose it separately.
   * @throws SteerableError when a submodule cannot be exported.
   */
  export(): tf.LayersModel {
    const d = this.inType.gspace.dimensionality;
    const input = tf.input({ shape: [...Array<null>(d).fill(null), this.inType.size] });
    const layers = this.exportLayers();
    let out: tf.SymbolicTensor = input;
    if (layers.length === 0) layers.push(tf.layers.activation({ activation: 'linear' }));
    for (const layer of layers) {
      out = layer.apply(out) as tf.SymbolicTensor;
      // building copied the `weights` given at construction into the layer's variables: free those tensors
      if (layer.initialWeights != null) {
        tf.dispose(layer.initialWeights);
        layer.initialWeights = null as unknown as tf.Tensor[];
      }
    }
    return tf.model({ inputs: input, outputs: out });
  }

  /** `Name(inType, outType)`, like escnn's module printout. */
  override toString(): string {
    return `${this.constructor.name}(${this.inType}, ${this.outType})`;
  }
}
