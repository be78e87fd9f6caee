/**
 * The field type (escnn's `FieldType`): the data type of a feature space, a gspace together with the
 * representations of its feature fields.
 */
import {
  blockDiagonal,
  type Group,
  type GroupElement,
  InvalidArgumentError,
  type IrrepId,
  type RepresentationLike,
} from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import { directSum, type Representation, restrict } from '@steerable/representations';
import type * as tf from '@tensorflow/tfjs';
import type { Matrix } from 'ml-matrix';
import { GeometricTensor } from './geometric-tensor.js';
import { checkTensor, transformTensor, transformTensorAsync } from './internal/tensor-ops.js';

/** Options of {@link FieldType.transform} and {@link FieldType.transformAsync}. */
export interface TransformOptions {
  /**
   * Permute pixels exactly (on the device) when the element maps the grid onto itself, as escnn does; with
   * `false` every element is resampled by interpolation on the CPU (to compare the two).
   * @defaultValue true
   */
  readonly exact?: boolean;
}

function sameRepresentation(a: RepresentationLike, b: RepresentationLike): boolean {
  if (a === b) return true;
  const eq = (a as { equals?: (o: RepresentationLike) => boolean }).equals;
  return typeof eq === 'function' ? eq.call(a, b) : false;
}

/**
 * The type of a feature space: feature fields on the base space of `gspace`, the `i`-th transforming under
 * `representations[i]`, so that the whole fiber transforms under the direct sum `ρ = ⊕_i ρ_i` and a field
 * `f: R^d → R^size` under `g` as `f'(x) = ρ(g) f(g⁻¹ x)` (the induced representation of the paper
 * "General E(2)-Equivariant Steerable CNNs"). Immutable; channels of a tensor of this type are ordered field
 * after field, channels-last.
 *
 * @see escnn's `escnn.nn.FieldType`
 */
export class FieldType implements Iterable<RepresentationLike> {
  /** The space the fields live on and its symmetries. */
  readonly gspace: GSpace;
  /** One representation per feature field (a frozen array). */
  readonly representations: readonly RepresentationLike[];
  /** Number of channels: the sum of the representations' sizes. */
  readonly size: number;
  /** Index of the first channel of each field (escnn's `fields_start`). */
  readonly fieldsStart: readonly number[];
  /** Index one past the last channel of each field (escnn's `fields_end`). */
  readonly fieldsEnd: readonly number[];
  /** True when every field has the same representation (escnn's `uniform`). */
  readonly uniform: boolean;
  #representation: Representation | undefined;

  /**
   * @param gspace - the gspace (e.g. `rot2dOnR2(4)`).
   * @param representations - a non-empty list of representations of `gspace.fibergroup` (irreps allowed).
   * @throws InvalidArgumentError for an empty list, something that is not a representation, or a
   *   representation of another group.
   */
  constructor(gspace: GSpace, representations: readonly RepresentationLike[]) {
    const fn = 'FieldType';
    if (gspace === null || typeof gspace !== 'object' || !gspace.fibergroup) {
      throw new InvalidArgumentError(fn, 'gspace', gspace, 'must be a GSpace');
    }
    if (!Array.isArray(representations) || representations.length === 0) {
      throw new InvalidArgumentError(
        fn,
        'representations',
        representations,
        'must be a non-empty list of representations',
      );
    }
    representations.forEach((r, i) => {
      if (r === null || typeof r !== 'object' || typeof r.at !== 'function' || !r.group) {
        throw new InvalidArgumentError(fn, `representations[${i}]`, r, 'must be a representation');
      }
      if (!r.group.equals(gspace.fibergroup)) {
        throw new InvalidArgumentError(
          fn,
          `representations[${i}]`,
          r.name,
          `must be a representation of ${gspace.fibergroup.name}, not of ${r.group.name}`,
        );
      }
    });
    this.gspace = gspace;
    this.representations = Object.freeze([...representations]);
    const start: number[] = [];
    const end: number[] = [];
    let p = 0;
    for (const r of representations) {
      start.push(p);
      p += r.size;
      end.push(p);
    }
    this.size = p;
    this.fieldsStart = Object.freeze(start);
    this.fieldsEnd = Object.freeze(end);
    const first = representations[0]!;
    this.uniform = representations.every((r) => sameRepresentation(r, first));
  }

  /** The fiber group of the gspace (escnn's `fibergroup`). */
  get fibergroup(): Group {
    return this.gspace.fibergroup;
  }

  /** Number of feature fields (escnn's `len(type)`); differs from {@link FieldType.size}. */
  get length(): number {
    return this.representations.length;
  }

  /** Iterates over the fields' representations. */
  [Symbol.iterator](): Iterator<RepresentationLike> {
    return this.representations[Symbol.iterator]();
  }

  /** The names of the fields' representations, in order (escnn's `fields_names`). */
  get fieldsNames(): string[] {
    return this.representations.map((r) => r.name);
  }

  /** The irreps of the whole fiber, the concatenation of each field's (escnn's `irreps`); fresh arrays. */
  get irreps(): IrrepId[] {
    return this.representations.flatMap((r) => r.irreps.map((id) => [...id]));
  }

  /**
   * The whole fiber's representation `⊕_i ρ_i` (escnn's `representation`), built on first use; named as
   * escnn names it, `FiberRepresentation:[size], [sorted unique names]`.
   */
  get representation(): Representation {
    if (this.#representation === undefined) {
      const names = [...new Set(this.fieldsNames)].sort().map((n) => `'${n}'`);
      this.#representation = directSum(this.representations, {
        name: `FiberRepresentation:[${this.size}], [[${names.join(', ')}]]`,
      });
    }
    return this.#representation;
  }

  /** The block-diagonal change of basis `⊕_i Q_i` to the irreps (escnn's `change_of_basis`, dense); fresh. */
  get changeOfBasis(): Matrix {
    return blockDiagonal(this.representations.map((r) => r.changeOfBasis));
  }

  /** The inverse change of basis `⊕_i Q_i⁻¹` (escnn's `change_of_basis_inv`, dense); fresh. */
  get changeOfBasisInv(): Matrix {
    return blockDiagonal(this.representations.map((r) => r.changeOfBasisInv));
  }

  /** Elements to test equivariance with: the gspace's (escnn's `testing_elements`). */
  get testingElements(): readonly GroupElement[] {
    return this.gspace.testingElements;
  }

  /**
   * The block-diagonal matrix `⊕_i ρ_i(g)` acting on the channels (escnn's `fiber_representation`), float64.
   * @throws GroupMismatchError if `g` is not an element of the fiber group.
   */
  fiberRepresentation(g: GroupElement): Matrix {
    const h = this.fibergroup.checkElement(g, 'FieldType.fiberRepresentation');
    const memo = new Map<RepresentationLike, Matrix>();
    return blockDiagonal(
      this.representations.map((r) => {
        let m = memo.get(r);
        if (m === undefined) {
          m = r.at(h);
          memo.set(r, m);
        }
        return m;
      }),
    );
  }

  /**
   * Transforms the channels only, `f'(x) = ρ(g) f(x)` (escnn's `transform_fibers`): a matmul on the last
   * axis. Returns a fresh tensor; the input is not disposed.
   * @throws InvalidArgumentError for a tensor that does not fit this type; GroupMismatchError for `g`.
   */
  transformFibers(tensor: tf.Tensor, g: GroupElement): tf.Tensor {
    const fn = 'FieldType.transformFibers';
    checkTensor(fn, 'tensor', tensor, this);
    return transformTensor(fn, tensor, this, this.#channelMatrix(this.fibergroup.checkElement(g, fn)), null);
  }

  /**
   * The action of `g` on a feature field of this type, `f'(x) = ρ(g) f(g⁻¹ x)` (escnn's `transform`). The
   * channels are mixed by a matmul with `ρ(g)`; the grid is permuted exactly by `tf.transpose`/`tf.reverse`
   * when the (float16-rounded) base-space action maps it onto itself (on R² rotations by multiples of 90° and
   * flips along the axes and diagonals, on R³ the 48 symmetries of the cube; see `gridPermutation`), and
   * otherwise resampled on the CPU by `@steerable/gspaces`' order-2 spline interpolation (`transformGrid`, or
   * `transformVoxels` on R³; not differentiable then, as escnn detaches too). Returns a fresh tensor.
   *
   * On R³ the tensor is `[batch, depth, height, width, size]` and its grid axes are escnn's voxel axes `−Z`, `−Y`,
   * `X`: escnn's `[batch][channel][z][y][x]` array is this layout after moving the channels last.
   *
   * Backends: the resampling reads the tensor back synchronously, which works on WASM, CPU, WebGL and native
   * TensorFlow but not on TF.js's WebGPU backend in Node (it has no synchronous read there): use
   * {@link FieldType.transformAsync} for elements off the grid on WebGPU. Exact elements and R⁰ never read back.
   *
   * @param tensor - float32, `[batch, h, w, size]` on R², `[batch, d, h, w, size]` on R³, `[batch, size]` on R⁰.
   * @throws InvalidArgumentError for a tensor that does not fit this type (rank, channels, dtype), or an element
   *   that exchanges grid axes of different extents (a 90° rotation of a non-square or non-cubic grid); GroupMismatchError if `g` is not in the fiber group; SteerableError when an element off the grid
   *   needs a synchronous read the backend cannot do (WebGPU in Node).
   */
  transform(tensor: tf.Tensor, g: GroupElement, options: TransformOptions = {}): tf.Tensor {
    const fn = 'FieldType.transform';
    checkTensor(fn, 'tensor', tensor, this);
    const h = this.fibergroup.checkElement(g, fn);
    return transformTensor(fn, tensor, this, this.#channelMatrix(h), {
      element: h,
      exact: options.exact ?? true,
    });
  }

  /**
   * {@link FieldType.transform} on every backend: the same result, but the resampling of elements off the grid
   * reads the tensor back asynchronously (`await tensor.data()`), which TF.js's WebGPU backend needs in Node.
   * Resolves to a fresh tensor; the input is not disposed.
   * @throws InvalidArgumentError, GroupMismatchError as {@link FieldType.transform} (synchronously, before any
   *   work starts).
   */
  transformAsync(tensor: tf.Tensor, g: GroupElement, options: TransformOptions = {}): Promise<tf.Tensor> {
    const fn = 'FieldType.transformAsync';
    checkTensor(fn, 'tensor', tensor, this);
    const h = this.fibergroup.checkElement(g, fn);
    return transformTensorAsync(fn, tensor, this, this.#channelMatrix(h), {
      element: h,
      exact: options.exact ?? true,
    });
  }

  /**
   * The matrix applied to rows of the `[-1, k]` view of the channels: `ρ_0(g)` alone (`k` its size) when every
   * field has the same representation — each row is then one field, far cheaper than the block diagonal —
   * and the whole `⊕_i ρ_i(g)` otherwise.
   */
  #channelMatrix(h: GroupElement): Matrix {
    return this.uniform ? this.representations[0]!.at(h) : this.fiberRepresentation(h);
  }

  /**
   * The same fields seen as fields of the subgroup with id `id` (escnn's `restrict`): each representation is
   * restricted, the gspace becomes the subgroup's.
   * @throws UnknownSubgroupError for an id the fiber group does not have.
   */
  restrict(id: unknown): FieldType {
    const { gspace } = this.gspace.restrict(id);
    return new FieldType(
      gspace,
      this.representations.map((r) => restrict(r, id)),
    );
  }

  /**
   * The field type of the direct sum `ρ ⊕ ρ'`: the fields of this type followed by those of `other`
   * (escnn's `+`).
   * @throws InvalidArgumentError if `other` lives on another gspace.
   */
  concat(...others: FieldType[]): FieldType {
    others.forEach((o, i) => {
      if (!(o instanceof FieldType) || !o.gspace.equals(this.gspace)) {
        throw new InvalidArgumentError(
          'FieldType.concat',
          `others[${i}]`,
          o,
          `must be a FieldType on ${this.gspace.name}`,
        );
      }
    });
    return new FieldType(this.gspace, [...this.representations, ...others.flatMap((o) => o.representations)]);
  }

  /**
   * The field type of the fields at `index`, in that order (escnn's `index_select`); repeats allowed.
   * @throws InvalidArgumentError for an index out of `[0, length)`.
   */
  indexSelect(index: readonly number[]): FieldType {
    if (
      !Array.isArray(index) ||
      index.length === 0 ||
      index.some((i) => !Number.isInteger(i) || i < 0 || i >= this.length)
    ) {
      throw new InvalidArgumentError(
        'FieldType.indexSelect',
        'index',
        index,
        `must be a non-empty list of field indices in [0, ${this.length})`,
      );
    }
    return new FieldType(
      this.gspace,
      index.map((i) => this.representations[i]!),
    );
  }

  /** The fields sorted by size, ties kept in order (escnn's `sorted`). */
  sorted(): FieldType {
    const order = this.representations.map((r, i) => [r.size, i] as const);
    order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return this.indexSelect(order.map(([, i]) => i));
  }

  /**
   * Groups the fields by a label per field (escnn's `group_by_labels`): a map from each label, in order of
   * first appearance, to the field type of its fields.
   * @throws InvalidArgumentError unless there is one string label per field.
   */
  groupByLabels(labels: readonly string[]): Map<string, FieldType> {
    if (
      !Array.isArray(labels) ||
      labels.length !== this.length ||
      labels.some((l) => typeof l !== 'string')
    ) {
      throw new InvalidArgumentError(
        'FieldType.groupByLabels',
        'labels',
        labels,
        `must be a list of ${this.length} strings (one per field)`,
      );
    }
    const fields = new Map<string, number[]>();
    labels.forEach((l, i) => {
      const list = fields.get(l);
      if (list === undefined) fields.set(l, [i]);
      else list.push(i);
    });
    return new Map([...fields].map(([l, idx]) => [l, this.indexSelect(idx)]));
  }

  /**
   * Wraps a tensor as a geometric tensor of this type (escnn's `type(tensor)`): `new GeometricTensor(tensor,
   * this)`. The tensor is not copied.
   * @throws InvalidArgumentError for a tensor that does not fit this type.
   */
  wrap(tensor: tf.Tensor): GeometricTensor {
    return new GeometricTensor(tensor, this);
  }

  /** escnn's equality: the same gspace and equal representations, in the same order. */
  equals(other: FieldType): boolean {
    if (other === this) return true;
    return (
      other instanceof FieldType &&
      other.gspace.equals(this.gspace) &&
      other.length === this.length &&
      other.representations.every((r, i) => sameRepresentation(r, this.representations[i]!))
    );
  }

  /** escnn's printable form, e.g. `[C4_on_R2[(None, 4)]: {regular (x3), irrep_1 (x1)}(14)]`. */
  toString(): string {
    const runs: [string, number][] = [];
    for (const r of this.representations) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[0] === r.name) last[1] += 1;
      else runs.push([r.name, 1]);
    }
    return `[${this.gspace.name}: {${runs.map(([n, k]) => `${n} (x${k})`).join(', ')}}(${this.size})]`;
  }
}
