/**
 * The geometric tensor (escnn's `GeometricTensor`): a TensorFlow.js tensor together with its field type.
 */
import { type GroupElement, InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { FieldTypeMismatchError } from './errors.js';
import { FieldType, type TransformOptions } from './field-type.js';
import { gatherChannels } from './gather-channels.js';
import { checkTensor } from './internal/tensor-ops.js';

/**
 * A feature field sampled on a grid, with its transformation law: a float32 tf.Tensor, channels-last
 * (`[batch, h, w, C]` on R², `[batch, C]` on R⁰), and the {@link FieldType} saying how its `C` channels
 * transform. The channel axis holds the fields in order, so slicing is by fields, never by channels.
 *
 * Ownership: the constructor takes the tensor as is (not copied); every method returns a geometric tensor
 * with a fresh tensor handle that the caller owns and disposes ({@link GeometricTensor.dispose}), even when
 * the data is shared (`restrict` clones the handle, which costs no copy).
 *
 * @see escnn's `escnn.nn.GeometricTensor`
 */
export class GeometricTensor {
  /** The data, float32, channels-last. */
  readonly tensor: tf.Tensor;
  /** The field type of the channels. */
  readonly type: FieldType;

  /**
   * @param tensor - float32, rank `2 + d` (`d` the gspace's dimensionality), last axis `type.size`:
   *   `[batch, size]` on R⁰, `[batch, h, w, size]` on R², `[batch, d, h, w, size]` on R³ (escnn's voxel axes
   *   `−Z`, `−Y`, `X`).
   * @param type - its field type.
   * @throws InvalidArgumentError for a tensor that does not fit the type (rank, channels, dtype, disposed).
   */
  constructor(tensor: tf.Tensor, type: FieldType) {
    if (!(type instanceof FieldType)) {
      throw new InvalidArgumentError('GeometricTensor', 'type', type, 'must be a FieldType');
    }
    checkTensor('GeometricTensor', 'tensor', tensor, type);
    this.tensor = tensor;
    this.type = type;
    Object.freeze(this);
  }

  /** The tensor's shape, e.g. `[batch, h, w, C]`. */
  get shape(): number[] {
    return [...this.tensor.shape];
  }

  /**
   * The transformed field `f'(x) = ρ(g) f(g⁻¹ x)` (escnn's `transform`); see {@link FieldType.transform}.
   * Elements off the grid read the tensor back synchronously: on WebGPU in Node use
   * {@link GeometricTensor.transformAsync}.
   * @throws GroupMismatchError if `g` is not in the fiber group.
   */
  transform(g: GroupElement, options: TransformOptions = {}): GeometricTensor {
    return new GeometricTensor(this.type.transform(this.tensor, g, options), this.type);
  }

  /**
   * {@link GeometricTensor.transform} on every backend: elements off the grid read the tensor back
   * asynchronously, as TF.js's WebGPU backend needs in Node; see {@link FieldType.transformAsync}.
   * @throws GroupMismatchError if `g` is not in the fiber group (synchronously).
   */
  transformAsync(g: GroupElement, options: TransformOptions = {}): Promise<GeometricTensor> {
    return this.type.transformAsync(this.tensor, g, options).then((t) => new GeometricTensor(t, this.type));
  }

  /** The channels transformed only, `f'(x) = ρ(g) f(x)` (escnn's `transform_fibers`, `g @ x`). */
  transformFibers(g: GroupElement): GeometricTensor {
    return new GeometricTensor(this.type.transformFibers(this.tensor, g), this.type);
  }

  /**
   * The same data seen as a field of the subgroup with id `id` (escnn's `restrict`); a new handle on the
   * same data.
   * @throws UnknownSubgroupError for an id the fiber group does not have.
   */
  restrict(id: unknown): GeometricTensor {
    const type = this.type.restrict(id);
    return new GeometricTensor(tf.clone(this.tensor), type);
  }

  /**
   * Splits the fields at the indices `breaks` (escnn's `split`): `[0, b₀), [b₀, b₁), …, [b_last, length)`;
   * by default every field on its own.
   * @throws InvalidArgumentError unless `breaks` is strictly increasing within `(0, length)`.
   */
  split(breaks?: readonly number[]): GeometricTensor[] {
    const n = this.type.length;
    const b = breaks === undefined ? Array.from({ length: n - 1 }, (_, i) => i + 1) : [...breaks];
    if (b.some((v, i) => !Number.isInteger(v) || v <= (i === 0 ? 0 : b[i - 1]!) || v >= n)) {
      throw new InvalidArgumentError(
        'GeometricTensor.split',
        'breaks',
        breaks,
        `must be a strictly increasing list of field indices in (0, ${n})`,
      );
    }
    const edges = [0, ...b, n];
    return edges.slice(0, -1).map((start, i) => this.sliceFields(start, edges[i + 1]!));
  }

  /**
   * The fields `start, …, end - 1` (escnn's `x[:, start:end]`): a contiguous slice of the channels.
   * @throws InvalidArgumentError unless `0 ≤ start < end ≤ length`.
   */
  sliceFields(start: number, end: number = this.type.length): GeometricTensor {
    const n = this.type.length;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start >= end) {
      throw new InvalidArgumentError(
        'GeometricTensor.sliceFields',
        'start, end',
        [start, end],
        `must satisfy 0 ≤ start < end ≤ ${n}`,
      );
    }
    const c0 = this.type.fieldsStart[start]!;
    const c1 = this.type.fieldsEnd[end - 1]!;
    const type =
      start === 0 && end === n
        ? this.type
        : new FieldType(this.type.gspace, this.type.representations.slice(start, end));
    const axis = this.tensor.rank - 1;
    const begin = this.tensor.shape.map((_, i) => (i === axis ? c0 : 0));
    const size = this.tensor.shape.map((s, i) => (i === axis ? c1 - c0 : s));
    return new GeometricTensor(tf.slice(this.tensor, begin, size), type);
  }

  /**
   * The fields at `indices`, in that order (escnn's `x[:, [i, j, ...]]`): a gather of their channels.
   * @throws InvalidArgumentError for an index out of range.
   */
  selectFields(indices: readonly number[]): GeometricTensor {
    const type = (() => {
      try {
        return this.type.indexSelect(indices);
      } catch {
        throw new InvalidArgumentError(
          'GeometricTensor.selectFields',
          'indices',
          indices,
          `must be a non-empty list of field indices in [0, ${this.type.length})`,
        );
      }
    })();
    const channels = indices.flatMap((f) => {
      const out: number[] = [];
      for (let c = this.type.fieldsStart[f]!; c < this.type.fieldsEnd[f]!; c++) out.push(c);
      return out;
    });
    const t = gatherChannels(this.tensor, channels);
    return new GeometricTensor(t, type);
  }

  /**
   * The samples `start, …, end - 1` of the batch (escnn's `x[start:end]`).
   * @throws InvalidArgumentError unless `0 ≤ start < end ≤ batch`.
   */
  sliceBatch(start: number, end: number = this.tensor.shape[0]!): GeometricTensor {
    const b = this.tensor.shape[0]!;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > b || start >= end) {
      throw new InvalidArgumentError(
        'GeometricTensor.sliceBatch',
        'start, end',
        [start, end],
        `must satisfy 0 ≤ start < end ≤ ${b}`,
      );
    }
    const begin = this.tensor.shape.map((_, i) => (i === 0 ? start : 0));
    const size = this.tensor.shape.map((s, i) => (i === 0 ? end - start : s));
    return new GeometricTensor(tf.slice(this.tensor, begin, size), this.type);
  }

  /**
   * The sum `x + y` of two tensors of the same type and shape (escnn's `+`).
   * @throws FieldTypeMismatchError for another type; InvalidArgumentError for another shape.
   */
  add(other: GeometricTensor): GeometricTensor {
    this.#checkCompatible('GeometricTensor.add', other);
    return new GeometricTensor(tf.add(this.tensor, other.tensor), this.type);
  }

  /**
   * The difference `x - y` of two tensors of the same type and shape (escnn's `-`).
   * @throws FieldTypeMismatchError for another type; InvalidArgumentError for another shape.
   */
  sub(other: GeometricTensor): GeometricTensor {
    this.#checkCompatible('GeometricTensor.sub', other);
    return new GeometricTensor(tf.sub(this.tensor, other.tensor), this.type);
  }

  /**
   * The product with a scalar (a number or a one-element tensor; escnn's `*`), which commutes with `ρ(g)`.
   * @throws InvalidArgumentError for anything else.
   */
  mul(scalar: number | tf.Tensor): GeometricTensor {
    const ok =
      (typeof scalar === 'number' && Number.isFinite(scalar)) ||
      (scalar instanceof tf.Tensor && !scalar.isDisposed && scalar.size === 1);
    if (!ok) {
      throw new InvalidArgumentError(
        'GeometricTensor.mul',
        'scalar',
        scalar,
        'must be a finite number or a one-element tensor',
      );
    }
    const t = tf.tidy(() =>
      typeof scalar === 'number'
        ? tf.mul(this.tensor, tf.scalar(scalar, 'float32'))
        : tf.mul(this.tensor, tf.reshape(tf.cast(scalar, 'float32'), [])),
    );
    return new GeometricTensor(t, this.type);
  }

  /** Releases the tensor's memory (the data is freed once no other handle refers to it). */
  dispose(): void {
    this.tensor.dispose();
  }

  /** A short description: `g_tensor(shape [2, 5, 5, 12], [C4_on_R2[(None, 4)]: {regular (x3)}(12)])`. */
  toString(): string {
    return `g_tensor(shape [${this.tensor.shape.join(', ')}], ${this.type})`;
  }

  #checkCompatible(fn: string, other: GeometricTensor): void {
    if (!(other instanceof GeometricTensor)) {
      throw new InvalidArgumentError(fn, 'other', other, 'must be a GeometricTensor');
    }
    if (!other.type.equals(this.type)) {
      throw new FieldTypeMismatchError(fn, 'other', String(this.type), String(other.type));
    }
    const a = this.tensor.shape;
    const b = other.tensor.shape;
    if (a.length !== b.length || a.some((s, i) => s !== b[i])) {
      throw new InvalidArgumentError(
        fn,
        'other',
        `a tensor of shape [${b.join(', ')}]`,
        `must have shape [${a.join(', ')}]`,
      );
    }
  }

  /**
   * The direct sum of geometric tensors (escnn's `tensor_directsum`): their fields concatenated along the
   * channels, the type the concatenation of their types.
   * @throws InvalidArgumentError for an empty list, different gspaces, or different batch/spatial shapes.
   */
  static directSum(tensors: readonly GeometricTensor[]): GeometricTensor {
    const fn = 'GeometricTensor.directSum';
    if (
      !Array.isArray(tensors) ||
      tensors.length === 0 ||
      tensors.some((t) => !(t instanceof GeometricTensor))
    ) {
      throw new InvalidArgumentError(fn, 'tensors', tensors, 'must be a non-empty list of GeometricTensors');
    }
    const first = tensors[0]!;
    const rank = first.tensor.rank;
    tensors.forEach((t, i) => {
      if (!t.type.gspace.equals(first.type.gspace)) {
        throw new InvalidArgumentError(
          fn,
          `tensors[${i}]`,
          String(t.type),
          `must live on ${first.type.gspace.name}`,
        );
      }
      const s: number[] = t.tensor.shape;
      if (
        s.length !== rank ||
        s.some((v: number, k: number) => k < rank - 1 && v !== first.tensor.shape[k])
      ) {
        throw new InvalidArgumentError(
          fn,
          `tensors[${i}]`,
          `a tensor of shape [${s.join(', ')}]`,
          `must have the batch and spatial shape of tensors[0], [${first.tensor.shape.slice(0, -1).join(', ')}]`,
        );
      }
    });
    const type = first.type.concat(...tensors.slice(1).map((t) => t.type));
    const data =
      tensors.length === 1
        ? tf.clone(first.tensor)
        : tf.concat(
            tensors.map((t) => t.tensor),
            rank - 1,
          );
    return new GeometricTensor(data, type);
  }
}

/**
 * The direct sum of geometric tensors (escnn's `tensor_directsum`); see {@link GeometricTensor.directSum}.
 */
export function tensorDirectsum(tensors: readonly GeometricTensor[]): GeometricTensor {
  return GeometricTensor.directSum(tensors);
}
