/**
 * Splitting a feature map into labelled branches (escnn's `BranchingModule`).
 */
import { FieldType, FieldTypeMismatchError, GeometricTensor, gatherChannels } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { type CheckEquivarianceOptions, type EquivarianceResult, Module } from '../equivariant-module.js';
import {
  bufferVariables,
  type CheckSubject,
  checkEquivarianceAsync,
  checkEquivarianceSync,
} from '../internal/equivariance-check.js';

/** Options of {@link BranchingModule}. */
export interface BranchingModuleOptions {
  /**
   * Sorts the fields before splitting (escnn's `reshuffle`): `0` keeps their order, `1` sorts them by label,
   * `2` by label and then by size (a stable sort: ties keep their order). Only the order of the fields inside
   * each branch changes.
   * @defaultValue 0
   */
  readonly reshuffle?: 0 | 1 | 2;
}

/** One branch: its field type and the input channels it reads, in order. */
interface Branch {
  readonly type: FieldType;
  readonly channels: Int32Array;
  /** First channel when the channels are consecutive, else -1. */
  readonly start: number;
}

/** The fields of `inType` in the order escnn's reshuffle level sorts them: by label, then by size. */
function sortedFields(inType: FieldType, labels: readonly string[], level: number): number[] {
  const order = labels.map((_, i) => i);
  if (level === 0) return order;
  const cmp = (a: number, b: number): number => {
    const la = labels[a]!;
    const lb = labels[b]!;
    if (la !== lb) return la < lb ? -1 : 1;
    if (level >= 2) return inType.representations[a]!.size - inType.representations[b]!.size;
    return 0;
  };
  return order.sort((a, b) => cmp(a, b) || a - b);
}

/**
 * Splits the input into branches by a label per field (escnn's `BranchingModule`): `forward` returns a map
 * from each label (in order of first appearance, after the optional sorting) to the geometric tensor of its
 * fields, of type `outType.get(label)` (escnn's `in_type.group_by_labels(labels)`). Each branch is a selection of
 * whole fields, which commutes with the block-diagonal action of every group element.
 *
 * Not an {@link EquivariantModule} (it returns several tensors, as escnn's own todo notes); pair it with a
 * {@link MergeModule}, or use {@link MultipleModule}, which does both.
 * @see escnn's `escnn.nn.BranchingModule`
 */
export class BranchingModule extends Module {
  /** The input field type. */
  readonly inType: FieldType;
  /** The field type of each branch, by label. */
  readonly outType: ReadonlyMap<string, FieldType>;
  /** The labels, one per input field, as given. */
  readonly labels: readonly string[];
  /** The reshuffle level. */
  readonly reshuffle: 0 | 1 | 2;
  readonly #branches: ReadonlyMap<string, Branch>;

  /**
   * @param inType - the input field type.
   * @param labels - one label per field of `inType`.
   * @param options - see {@link BranchingModuleOptions}.
   * @throws InvalidArgumentError for a non-FieldType, a label list of the wrong length or with non-strings, or
   *   a reshuffle level other than 0, 1 or 2.
   */
  constructor(inType: FieldType, labels: readonly string[], options: BranchingModuleOptions = {}) {
    super();
    const fn = 'BranchingModule';
    if (!(inType instanceof FieldType))
      throw new InvalidArgumentError(fn, 'inType', inType, 'must be a FieldType');
    if (
      !Array.isArray(labels) ||
      labels.length !== inType.length ||
      labels.some((l) => typeof l !== 'string')
    ) {
      throw new InvalidArgumentError(fn, 'labels', labels, `must be ${inType.length} strings, one per field`);
    }
    const level = options.reshuffle ?? 0;
    if (level !== 0 && level !== 1 && level !== 2) {
      throw new InvalidArgumentError(fn, 'options.reshuffle', level, 'must be 0, 1 or 2');
    }
    this.inType = inType;
    this.labels = Object.freeze([...labels]);
    this.reshuffle = level;
    const order = sortedFields(inType, labels, level);
    const fields = new Map<string, number[]>();
    for (const f of order) {
      const l = labels[f]!;
      const list = fields.get(l);
      if (list === undefined) fields.set(l, [f]);
      else list.push(f);
    }
    const branches = new Map<string, Branch>();
    for (const [l, idx] of fields) {
      const channels: number[] = [];
      for (const f of idx)
        for (let c = inType.fieldsStart[f]!; c < inType.fieldsEnd[f]!; c++) channels.push(c);
      const consecutive = channels.every((c, k) => c === channels[0]! + k);
      branches.set(l, {
        type: inType.indexSelect(idx),
        channels: Int32Array.from(channels),
        start: consecutive ? channels[0]! : -1,
      });
    }
    this.#branches = branches;
    this.outType = new Map([...branches].map(([l, b]) => [l, b.type]));
  }

  /**
   * Splits `x` into its branches: fresh tensors the caller owns (slices for consecutive fields, a
   * channel gather otherwise).
   * @throws FieldTypeMismatchError if `x` is not of {@link BranchingModule.inType}.
   */
  forward(x: GeometricTensor): Map<string, GeometricTensor> {
    const fn = 'BranchingModule.forward';
    if (!(x instanceof GeometricTensor))
      throw new InvalidArgumentError(fn, 'x', x, 'must be a GeometricTensor');
    if (!x.type.equals(this.inType))
      throw new FieldTypeMismatchError(fn, 'x', String(this.inType), String(x.type));
    const labels = [...this.#branches.keys()];
    const tensors = tf.tidy(() =>
      labels.map((l) => {
        const b = this.#branches.get(l)!;
        if (b.start < 0) return gatherChannels(x.tensor, b.channels);
        if (b.channels.length === this.inType.size) return tf.clone(x.tensor);
        const begin = new Array<number>(x.tensor.rank).fill(0);
        const size = new Array<number>(x.tensor.rank).fill(-1);
        begin[x.tensor.rank - 1] = b.start;
        size[x.tensor.rank - 1] = b.channels.length;
        return tf.slice(x.tensor, begin, size);
      }),
    );
    return new Map(labels.map((l, i) => [l, new GeometricTensor(tensors[i]!, this.#branches.get(l)!.type)]));
  }

  /**
   * The shape of each branch for an input of shape `inputShape` (channels-last).
   * @throws InvalidArgumentError for a shape that does not fit {@link BranchingModule.inType}.
   */
  evaluateOutputShape(inputShape: readonly number[]): Map<string, number[]> {
    const rank = this.inType.gspace.dimensionality + 2;
    if (
      !Array.isArray(inputShape) ||
      inputShape.length !== rank ||
      inputShape[rank - 1] !== this.inType.size
    ) {
      throw new InvalidArgumentError(
        'BranchingModule.evaluateOutputShape',
        'inputShape',
        inputShape,
        `must be a channels-last shape of rank ${rank} with ${this.inType.size} channels`,
      );
    }
    return new Map([...this.outType].map(([l, t]) => [l, [...inputShape.slice(0, -1), t.size]]));
  }

  /**
   * Checks `branch_l(g·x) = g·branch_l(x)` for every label and element on a random input (escnn's
   * `check_equivariance`); returns the worst error over the branches per element (the mean over all of them).
   * Reads synchronously: on TF.js's WebGPU backend in Node use {@link BranchingModule.checkEquivarianceAsync}.
   * @throws EquivarianceError when an element fails (unless `throwOnFailure` is false).
   */
  checkEquivariance(options: CheckEquivarianceOptions = {}): EquivarianceResult[] {
    return checkEquivarianceSync('BranchingModule.checkEquivariance', this.#checkSubject(), options);
  }

  /**
   * {@link BranchingModule.checkEquivariance} with asynchronous reads only: runs on every backend, WebGPU in
   * Node included. Rejects with an EquivarianceError when an element fails (unless `throwOnFailure` is false).
   */
  checkEquivarianceAsync(options: CheckEquivarianceOptions = {}): Promise<EquivarianceResult[]> {
    return checkEquivarianceAsync('BranchingModule.checkEquivarianceAsync', this.#checkSubject(), options);
  }

  #checkSubject(): CheckSubject {
    return {
      inType: this.inType,
      group: this.inType.fibergroup,
      defaultElements: this.inType.testingElements,
      buffers: bufferVariables(this),
      inputElement: (g) => g,
      outputs: (x) => [...this.forward(x).values()],
    };
  }

  /** `BranchingModule(inType, labels)`. */
  override toString(): string {
    return `BranchingModule(${this.inType}, [${this.labels.join(', ')}], reshuffle=${this.reshuffle})`;
  }
}
