/**
 * Splitting each field into independent blocks by a permutation of its channels.
 */

import { FieldType, GeometricTensor, gatherChannels } from '@steerable/field-types';
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import { disentangle } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';

/**
 * Permutes the channels of every field so that its representation `ρ` becomes a direct sum of smaller
 * representations, `P ρ(g) Pᵀ = ⊕_k ρ_k(g)` with `P` a permutation (escnn's `DisentangleModule`, built on
 * `disentangle` of @steerable/representations). The output type lists, for each input field in order, the
 * blocks `ρ_k`. Equivariant since `P ρ(g) = (⊕_k ρ_k(g)) P`.
 * @see escnn's `escnn.nn.DisentangleModule`
 */
export class DisentangleModule extends EquivariantModule {
  /** `perm[i]`: the input channel that output channel `i` takes. */
  readonly #perm: Int32Array;

  /**
   * @param inType - the input field type.
   * @throws InvalidArgumentError if `inType` is not a FieldType.
   */
  constructor(inType: FieldType) {
    if (!(inType instanceof FieldType)) {
      throw new InvalidArgumentError('DisentangleModule', 'inType', inType, 'must be a FieldType');
    }
    const memo = new Map<RepresentationLike, { perm: number[]; reprs: RepresentationLike[] }>();
    const reprs: RepresentationLike[] = [];
    const perm: number[] = [];
    inType.representations.forEach((r, f) => {
      let d = memo.get(r);
      if (d === undefined) {
        const { changeOfBasis, representations } = disentangle(r);
        // P is a permutation: row i has its 1 in column perm[i], so (P v)_i = v_perm[i]
        const rows = changeOfBasis.to2DArray();
        d = {
          perm: rows.map((row) => row.findIndex((v) => Math.abs(v - 1) < 1e-9)),
          reprs: [...representations],
        };
        memo.set(r, d);
      }
      const start = inType.fieldsStart[f]!;
      for (const j of d.perm) perm.push(start + j);
      reprs.push(...d.reprs);
    });
    super(inType, new FieldType(inType.gspace, reprs));
    this.#perm = Int32Array.from(perm);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    // gatherChannels: differentiable on WASM too (tf.gather's gradient is not)
    return new GeometricTensor(gatherChannels(x.tensor, this.#perm), this.outType);
  }

  /** A bias-free dense layer whose kernel is the permutation `Pᵀ` (acts on the channel axis). */
  override exportLayers(): tf.layers.Layer[] {
    const c = this.inType.size;
    const kernel = new Float32Array(c * c);
    // dense computes y = x K, so K[perm[i], i] = 1 gives y_i = x_perm[i]
    this.#perm.forEach((j, i) => {
      kernel[j * c + i] = 1;
    });
    return [
      tf.layers.dense({ units: c, useBias: false, weights: [tf.tensor2d(kernel, [c, c])], trainable: false }),
    ];
  }
}
