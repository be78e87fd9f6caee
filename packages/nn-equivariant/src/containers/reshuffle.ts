/**
 * Permuting the fields of a feature map (escnn's `ReshuffleModule`).
 */
import { FieldType, GeometricTensor, gatherChannels } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { withBakedWeights } from '../internal/export-layer.js';

/**
 * Permutes the fields of the input: output field `i` is input field `permutation[i]` (escnn's
 * `ReshuffleModule`; the output type is `inType.indexSelect(permutation)`). A permutation `P` of whole fields
 * commutes with the block-diagonal action: `P (⊕_i ρ_i(g)) = (⊕_i ρ_{π(i)}(g)) P`, pixel by pixel, so the module is
 * exactly equivariant for every element.
 *
 * @example
 * ```ts
 * const shuffle = new ReshuffleModule(new FieldType(gs, [gs.trivialRepr, gs.regularRepr]), [1, 0]);
 * ```
 * @see escnn's `escnn.nn.ReshuffleModule`
 */
export class ReshuffleModule extends EquivariantModule {
  /** The permutation of the fields, as given. */
  readonly permutation: readonly number[];
  /** `channels[k]`: the input channel that output channel `k` takes. */
  readonly #channels: Int32Array;

  /**
   * @param inType - the input field type.
   * @param permutation - a permutation of `0, …, inType.length − 1`.
   * @throws InvalidArgumentError if `inType` is not a FieldType or `permutation` is not a permutation of its
   *   fields.
   */
  constructor(inType: FieldType, permutation: readonly number[]) {
    const fn = 'ReshuffleModule';
    if (!(inType instanceof FieldType))
      throw new InvalidArgumentError(fn, 'inType', inType, 'must be a FieldType');
    const n = inType.length;
    if (
      !Array.isArray(permutation) ||
      permutation.length !== n ||
      permutation.some((p) => !Number.isInteger(p) || p < 0 || p >= n) ||
      new Set(permutation).size !== n
    ) {
      throw new InvalidArgumentError(
        fn,
        'permutation',
        permutation,
        `must be a permutation of 0, …, ${n - 1}`,
      );
    }
    super(inType, inType.indexSelect(permutation));
    this.permutation = Object.freeze([...permutation]);
    const channels: number[] = [];
    for (const f of permutation) {
      for (let c = inType.fieldsStart[f]!; c < inType.fieldsEnd[f]!; c++) channels.push(c);
    }
    this.#channels = Int32Array.from(channels);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    // gatherChannels: its gradient runs on WASM too (tf.gather's does not)
    return new GeometricTensor(gatherChannels(x.tensor, this.#channels), this.outType);
  }

  /** A bias-free dense layer whose kernel is the channel permutation (escnn has no `export` here). */
  override exportLayers(): tf.layers.Layer[] {
    const c = this.inType.size;
    const kernel = new Float32Array(c * c);
    // dense computes y = x K: K[channels[k], k] = 1 gives y_k = x_channels[k]
    this.#channels.forEach((j, k) => {
      kernel[j * c + k] = 1;
    });
    // no inputDim: the layer acts on the last axis of [b, h, w, C] inputs
    return [withBakedWeights(tf.layers.dense({ units: c, useBias: false }), [tf.tensor2d(kernel, [c, c])])];
  }

  /** `ReshuffleModule(inType, [permutation])`. */
  override toString(): string {
    return `ReshuffleModule(${this.inType}, [${this.permutation.join(', ')}])`;
  }
}
