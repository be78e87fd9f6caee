/**
 * Applying a module to each labelled branch and concatenating the results (escnn's `MergeModule`).
 */
import { FieldType, FieldTypeMismatchError, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule, Module } from '../equivariant-module.js';

/** A module and the label (or a one-label list) of the branch it is applied to. */
export type LabelledModule = readonly [EquivariantModule, string | readonly [string]];

/** Reads the `[module, label]` pairs shared by {@link MergeModule} and `MultipleModule`. */
export function readLabelledModules(fn: string, modules: unknown): [EquivariantModule, string][] {
  if (!Array.isArray(modules) || modules.length === 0) {
    throw new InvalidArgumentError(
      fn,
      'modules',
      modules,
      'must be a non-empty list of [module, label] pairs',
    );
  }
  return modules.map((pair: unknown, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || !(pair[0] instanceof EquivariantModule)) {
      throw new InvalidArgumentError(fn, `modules[${i}]`, pair, 'must be a pair [EquivariantModule, label]');
    }
    const l: unknown = pair[1];
    if (typeof l === 'string') return [pair[0], l];
    if (Array.isArray(l) && l.length === 1 && typeof l[0] === 'string') return [pair[0], l[0]];
    // escnn passes several labels as several inputs of one module; our modules take a single input
    throw new InvalidArgumentError(
      fn,
      `modules[${i}][1]`,
      l,
      'must be a label or a list of one label (a module takes a single input tensor)',
    );
  });
}

/**
 * Applies a module to the tensor of each label and concatenates the outputs along the channels, in the order
 * of `modules` (escnn's `MergeModule`): the output type lists the fields of each module's output type in
 * turn. Equivariant since each module is and the action on a concatenation is the direct sum. Submodules are
 * named `submodule_0`, `submodule_1`, … (escnn's state-dict keys).
 *
 * Not an {@link EquivariantModule}: its input is a map of tensors (escnn's own todo notes the same); see
 * `MultipleModule`, which branches and merges.
 * @see escnn's `escnn.nn.MergeModule`
 */
export class MergeModule extends Module {
  /** The output field type: the modules' output types concatenated. */
  readonly outType: FieldType;
  /** The label each module reads, in order. */
  readonly moduleLabels: readonly string[];
  readonly #modules: readonly EquivariantModule[];

  /**
   * @param modules - pairs `[module, label]` (escnn also takes `[module, [label]]`); a label may be used by
   *   several modules.
   * @throws InvalidArgumentError for no pair, a malformed pair, or modules on different gspaces.
   */
  constructor(modules: readonly LabelledModule[]) {
    super();
    const fn = 'MergeModule';
    const pairs = readLabelledModules(fn, modules);
    const gs = pairs[0]![0].inType.gspace;
    const outGs = pairs[0]![0].outType.gspace;
    pairs.forEach(([m], i) => {
      if (!m.inType.gspace.equals(gs) || !m.outType.gspace.equals(outGs)) {
        throw new InvalidArgumentError(
          fn,
          `modules[${i}]`,
          String(m),
          `must map fields on ${gs.name} to ${outGs.name}`,
        );
      }
    });
    this.outType = new FieldType(
      outGs,
      pairs.flatMap(([m]) => m.outType.representations),
    );
    this.moduleLabels = Object.freeze(pairs.map(([, l]) => l));
    this.#modules = Object.freeze(pairs.map(([m]) => m));
    this.#modules.forEach((m, i) => {
      this.registerModule(`submodule_${i}`, m);
    });
  }

  /** The modules, in order. */
  get modules(): readonly EquivariantModule[] {
    return this.#modules;
  }

  /**
   * Applies each module to the tensor of its label and concatenates the results along the channels. The
   * result is a fresh tensor; the inputs are not disposed.
   * @throws InvalidArgumentError for a missing label or outputs of different batch or spatial shapes;
   *   FieldTypeMismatchError for a tensor of the wrong type.
   */
  forward(
    inputs: ReadonlyMap<string, GeometricTensor> | Readonly<Record<string, GeometricTensor>>,
  ): GeometricTensor {
    const fn = 'MergeModule.forward';
    if (inputs === null || typeof inputs !== 'object') {
      throw new InvalidArgumentError(fn, 'inputs', inputs, 'must be a Map from labels to GeometricTensors');
    }
    const get = (l: string): GeometricTensor | undefined =>
      inputs instanceof Map ? inputs.get(l) : (inputs as Readonly<Record<string, GeometricTensor>>)[l];
    const xs = this.moduleLabels.map((l) => {
      const x = get(l);
      if (!(x instanceof GeometricTensor)) {
        throw new InvalidArgumentError(fn, `inputs.${l}`, x, 'must be a GeometricTensor');
      }
      return x;
    });
    const shapes = this.#modules.map((m, i) => {
      if (!xs[i]!.type.equals(m.inType)) {
        throw new FieldTypeMismatchError(
          fn,
          `inputs.${this.moduleLabels[i]}`,
          String(m.inType),
          String(xs[i]!.type),
        );
      }
      return m.evaluateOutputShape(xs[i]!.shape);
    });
    const first = shapes[0]!;
    shapes.forEach((s, i) => {
      if (s.length !== first.length || s.slice(0, -1).some((v, k) => v !== first[k])) {
        throw new InvalidArgumentError(
          fn,
          `inputs.${this.moduleLabels[i]}`,
          `output shape [${s}]`,
          `must give the same batch and spatial shape as the first module ([${first.slice(0, -1)}])`,
        );
      }
    });
    const t = tf.tidy(() => {
      const outs = this.#modules.map((m, i) => m.forward(xs[i]!).tensor);
      return outs.length === 1 ? outs[0]! : tf.concat(outs, -1);
    });
    return new GeometricTensor(t, this.outType);
  }

  /**
   * The output shape for the given input shapes per label (escnn's `evaluate_output_shape(**shapes)`).
   * @throws InvalidArgumentError for a missing label or mismatching batch or spatial shapes.
   */
  evaluateOutputShape(inputShapes: ReadonlyMap<string, readonly number[]>): number[] {
    const fn = 'MergeModule.evaluateOutputShape';
    const shapes = this.#modules.map((m, i) => {
      const s = inputShapes instanceof Map ? inputShapes.get(this.moduleLabels[i]!) : undefined;
      if (s === undefined)
        throw new InvalidArgumentError(fn, 'inputShapes', this.moduleLabels[i], 'must have this label');
      return m.evaluateOutputShape(s);
    });
    const out = [...shapes[0]!];
    for (const s of shapes.slice(1)) {
      if (s.length !== out.length || s.slice(0, -1).some((v, k) => v !== out[k])) {
        throw new InvalidArgumentError(
          fn,
          'inputShapes',
          `[${s}]`,
          `must match [${out.slice(0, -1)}] but channels`,
        );
      }
      out[out.length - 1] = out[out.length - 1]! + s[s.length - 1]!;
    }
    return out;
  }

  /** escnn's printout with the submodules. */
  override toString(): string {
    const lines = this.#modules.map(
      (m, i) => `  (submodule_${i}) [${this.moduleLabels[i]}]: ${String(m).replace(/\n/g, '\n  ')}`,
    );
    return `MergeModule(\n${lines.join('\n')}\n)`;
  }
}
