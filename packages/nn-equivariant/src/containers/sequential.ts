/**
 * Containers: `SequentialModule` (escnn's) and `ModuleList` (PyTorch's).
 */

import { FieldTypeMismatchError, type GeometricTensor } from '@steerable/field-types';
import { type GroupElement, InvalidArgumentError } from '@steerable/group-theory';
import type * as tf from '@tensorflow/tfjs';
import { EquivariantModule, Module } from '../equivariant-module.js';

function entriesOf(
  fn: string,
  args: readonly (EquivariantModule | ReadonlyMap<string, EquivariantModule>)[],
): [string, EquivariantModule][] {
  const entries: [string, EquivariantModule][] =
    args.length === 1 && args[0] instanceof Map
      ? [...(args[0] as ReadonlyMap<string, EquivariantModule>)]
      : args.map((m, i) => [String(i), m as EquivariantModule]);
  if (entries.length === 0) {
    throw new InvalidArgumentError(fn, 'modules', args, 'must contain at least one module');
  }
  entries.forEach(([name, m], i) => {
    if (!(m instanceof EquivariantModule)) {
      throw new InvalidArgumentError(fn, `modules[${name}]`, m, 'must be an EquivariantModule');
    }
    if (i > 0) {
      const prev = entries[i - 1]![1];
      if (!m.inType.equals(prev.outType)) {
        throw new FieldTypeMismatchError(
          fn,
          `modules[${name}].inType`,
          String(prev.outType),
          String(m.inType),
        );
      }
    }
  });
  return entries;
}

/**
 * Modules applied one after the other, `f = f_n ∘ … ∘ f_1`, each one's input type the previous one's output
 * type (escnn's `SequentialModule`). Submodules are named `0`, `1`, … (or by the keys of a Map), so state-dict
 * keys are PyTorch's: `0.weights`, `1.running_mean`. Equivariant because each module is.
 *
 * @example
 * ```ts
 * const model = new SequentialModule(new R2Conv(tIn, tHid, 3), new ReLU(tHid), new R2Conv(tHid, tOut, 3));
 * ```
 * @see escnn's `escnn.nn.SequentialModule`
 */
export class SequentialModule extends EquivariantModule implements Iterable<EquivariantModule> {
  readonly #modules: readonly EquivariantModule[];

  /**
   * @param modules - the modules in order, or one Map from names to modules (escnn's OrderedDict).
   * @throws InvalidArgumentError for no module or a non-module; FieldTypeMismatchError when a module's
   *   input type is not the previous one's output type.
   */
  constructor(...modules: EquivariantModule[] | [ReadonlyMap<string, EquivariantModule>]) {
    const entries = entriesOf('SequentialModule', modules);
    super(entries[0]![1].inType, entries[entries.length - 1]![1].outType);
    for (const [name, m] of entries) this.registerModule(name, m);
    this.#modules = Object.freeze(entries.map(([, m]) => m));
  }

  /** Number of modules. */
  get length(): number {
    return this.#modules.length;
  }

  /** Iterates over the modules in order. */
  [Symbol.iterator](): Iterator<EquivariantModule> {
    return this.#modules[Symbol.iterator]();
  }

  /**
   * The module at `index` (negative counts from the end, escnn's `model[i]`).
   * @throws InvalidArgumentError for an index out of range.
   */
  at(index: number): EquivariantModule {
    const n = this.#modules.length;
    if (!Number.isInteger(index) || index < -n || index >= n) {
      throw new InvalidArgumentError(
        'SequentialModule.at',
        'index',
        index,
        `must be an integer in [${-n}, ${n})`,
      );
    }
    return this.#modules[(index + n) % n]!;
  }

  /**
   * A SequentialModule of the modules `start, …, end - 1` (escnn's `model[start:end]`), sharing them (and their
   * variables) with this one, under the same names.
   * @throws InvalidArgumentError for an empty range.
   */
  slice(start = 0, end: number = this.#modules.length): SequentialModule {
    const entries = this.namedChildren().slice(start, end) as [string, EquivariantModule][];
    if (entries.length === 0) {
      throw new InvalidArgumentError(
        'SequentialModule.slice',
        'start, end',
        [start, end],
        'must select a module',
      );
    }
    return new SequentialModule(new Map(entries));
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    let y = x;
    for (const m of this.#modules) y = m.forward(y);
    return y;
  }

  /** Maps `g` back through the modules, last to first. */
  override inputElement(g: GroupElement): GroupElement {
    let h = g;
    for (let i = this.#modules.length - 1; i >= 0; i--) h = this.#modules[i]!.inputElement(h);
    return h;
  }

  /** Chains the modules' output shapes. */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    let shape = [...inputShape];
    for (const m of this.#modules) shape = m.evaluateOutputShape(shape);
    return shape;
  }

  /** The modules' layers, in order (escnn exports a `torch.nn.Sequential`). */
  override exportLayers(): tf.layers.Layer[] {
    return this.#modules.flatMap((m) => m.exportLayers());
  }

  /** escnn's printout: `SequentialModule(\n  (0): R2Conv(...)\n ...)`. */
  override toString(): string {
    const lines = this.namedChildren().map(([n, m]) => `  (${n}): ${String(m).replace(/\n/g, '\n  ')}`);
    return `SequentialModule(\n${lines.join('\n')}\n)`;
  }
}

/**
 * A list of modules registered as submodules (PyTorch's `torch.nn.ModuleList`, which escnn models use for
 * blocks): it does not compute anything itself, but its modules' variables are reached by the parent's
 * `trainableVariables`, `stateDict` (keys `name.0.weights`, …) and `dispose`. Register it in a module with
 * `registerModule`.
 */
export class ModuleList extends Module implements Iterable<Module> {
  readonly #modules: Module[] = [];

  /** @param modules - the initial modules. */
  constructor(modules: Iterable<Module> = []) {
    super();
    for (const m of modules) this.append(m);
  }

  /** Number of modules. */
  get length(): number {
    return this.#modules.length;
  }

  /** Iterates over the modules in order. */
  [Symbol.iterator](): Iterator<Module> {
    return this.#modules[Symbol.iterator]();
  }

  /**
   * The module at `index` (negative counts from the end).
   * @throws InvalidArgumentError for an index out of range.
   */
  at(index: number): Module {
    const n = this.#modules.length;
    if (!Number.isInteger(index) || index < -n || index >= n) {
      throw new InvalidArgumentError('ModuleList.at', 'index', index, `must be an integer in [${-n}, ${n})`);
    }
    return this.#modules[(index + n) % n]!;
  }

  /**
   * Adds a module at the end, named by its position; returns `this`.
   * @throws InvalidArgumentError for a non-module.
   */
  append(module: Module): this {
    if (!(module instanceof Module)) {
      throw new InvalidArgumentError('ModuleList.append', 'module', module, 'must be a Module');
    }
    this.registerModule(String(this.#modules.length), module);
    this.#modules.push(module);
    return this;
  }

  /** Appends every module of `modules`; returns `this`. */
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }
}
