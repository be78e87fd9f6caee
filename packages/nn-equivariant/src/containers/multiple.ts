/**
 * Different modules on different groups of fields (escnn's `MultipleModule`).
 */
import { FieldType, FieldTypeMismatchError, type GeometricTensor } from '@steerable/field-types';
import { type GroupElement, InvalidArgumentError } from '@steerable/group-theory';
import { EquivariantModule } from '../equivariant-module.js';
import { BranchingModule } from './branching.js';
import { type LabelledModule, MergeModule, readLabelledModules } from './merge.js';

/** Options of {@link MultipleModule}. */
export interface MultipleModuleOptions {
  /**
   * Sorts the fields before splitting them (escnn's `reshuffle`): `0` keeps their order, `1` sorts by label,
   * `2` by label then size. See {@link BranchingModuleOptions.reshuffle}.
   * @defaultValue 0
   */
  readonly reshuffle?: 0 | 1 | 2;
}

/**
 * Splits the input fields into groups by a label per field and applies to each group its own module, then
 * concatenates the outputs in the order of `modules` (escnn's `MultipleModule`: a {@link BranchingModule}
 * followed by a {@link MergeModule}, registered as `branching` and `merging`, so parameters are named
 * `merging.submodule_0.weights`, …). Every label must be given a module; each module's input type must be
 * the type of its label's fields. Equivariant since selecting whole fields commutes with the group action
 * and each module is equivariant.
 *
 * @example
 * ```ts
 * // ReLU on the regular fields, a norm nonlinearity on the irreps
 * const m = new MultipleModule(inType, ['r', 'i', 'r'], [[new ReLU(tR), 'r'], [new NormNonLinearity(tI), 'i']]);
 * ```
 * @see escnn's `escnn.nn.MultipleModule`
 */
export class MultipleModule extends EquivariantModule {
  /** The splitting of the input. */
  readonly branching: BranchingModule;
  /** The modules on the branches and the concatenation. */
  readonly merging: MergeModule;

  /**
   * @param inType - the input field type.
   * @param labels - one label per field of `inType`.
   * @param modules - pairs `[module, label]`; every label of `labels` must have a module.
   * @param options - see {@link MultipleModuleOptions}.
   * @throws InvalidArgumentError for bad labels or pairs, or a label without a module (or a module without a
   *   label's fields); FieldTypeMismatchError when a module's input type is not its label's field type.
   */
  constructor(
    inType: FieldType,
    labels: readonly string[],
    modules: readonly LabelledModule[],
    options: MultipleModuleOptions = {},
  ) {
    const fn = 'MultipleModule';
    if (!(inType instanceof FieldType))
      throw new InvalidArgumentError(fn, 'inType', inType, 'must be a FieldType');
    const branching = new BranchingModule(
      inType,
      labels,
      options.reshuffle === undefined ? {} : { reshuffle: options.reshuffle },
    );
    const pairs = readLabelledModules(fn, modules);
    const used = new Set(pairs.map(([, l]) => l));
    const all = new Set(labels);
    for (const l of used) {
      if (!all.has(l)) throw new InvalidArgumentError(fn, 'modules', l, 'must use only labels of the fields');
    }
    for (const l of all) {
      if (!used.has(l)) throw new InvalidArgumentError(fn, 'modules', l, 'must give every label a module');
    }
    pairs.forEach(([m, l], i) => {
      const t = branching.outType.get(l)!;
      if (!m.inType.equals(t))
        throw new FieldTypeMismatchError(fn, `modules[${i}].inType`, String(t), String(m.inType));
    });
    const merging = new MergeModule(modules);
    super(inType, merging.outType);
    this.branching = this.registerModule('branching', branching);
    this.merging = this.registerModule('merging', merging);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    return this.merging.forward(this.branching.forward(x));
  }

  /** Each branch's output shape, concatenated. */
  override evaluateOutputShape(inputShape: readonly number[]): number[] {
    this.checkInputShape(inputShape);
    return this.merging.evaluateOutputShape(this.branching.evaluateOutputShape(inputShape));
  }

  /** Through the first module (all modules share the input and output groups). */
  override inputElement(g: GroupElement): GroupElement {
    return this.merging.modules[0]!.inputElement(g);
  }

  /** escnn's printout. */
  override toString(): string {
    return `MultipleModule(\n  (branching): ${this.branching}\n  (merging): ${String(this.merging).replace(/\n/g, '\n  ')}\n)`;
  }
}
