/**
 * The sampled basis of a layer (escnn's `BlocksBasisExpansion`) turned into TensorFlow.js tensors laid out
 * for TF.js's filter layouts, so that a forward pass expands the filter with one matmul per block and one
 * precomputed permutation, with no per-forward transposes.
 *
 * Why not one dense `[numWeights, kh·kw·in·out]` matrix: its size is the product of the number of weights
 * and the filter size. For escnn's usual C8 layer with 16 regular fields in and out, 5×5, that is
 * ~12,000 × 409,600 floats (20 GB), while the blocks hold each distinct sampled basis once (a few kB):
 * every (output field, input field) pair of the same two representations shares its block's basis.
 */

import type { LayerBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { runWithGradients } from '../ops/conv-op.js';

/**
 * Where the filter's axes go: `'conv'` is `tf.conv2d`'s `[kh, kw, in, out]` (with P = kh·kw points, a
 * `[P, in, out]` array; P = 1 gives a Linear layer's `[in, out]`), `'transposed'` is
 * `tf.conv2dTranspose`'s `[kh, kw, out, in]`.
 */
export type FilterLayout = 'conv' | 'transposed';

/** The float32 data of an expansion, computed once from a {@link LayerBasis}; holds no tensors. */
export class BlocksExpansion {
  /** The layer basis (escnn's weight order and normalization). */
  readonly basis: LayerBasis;
  readonly layout: FilterLayout;
  /** Number of weights. */
  readonly dimension: number;
  /** `[nCopies, dim]` shape of each block's weights and its sampled basis `[dim, outS·inS·P]`. */
  readonly blocks: readonly {
    readonly weightOffset: number;
    readonly copies: number;
    readonly dim: number;
    readonly values: Float32Array;
  }[];
  /** `source[filterPosition]`: position in the concatenated block outputs (the last one is a zero). */
  readonly gatherIndex: Int32Array;
  /** `filterPosition[source]`, the inverse permutation, for the gradient. */
  readonly scatterIndex: Int32Array;
  /** Whether some filter entries belong to no block (pairs of fields with no equivariant kernel). */
  readonly hasZeros: boolean;
  /** Whether the permutation is the identity (then the gather is skipped). */
  readonly identity: boolean;
  /**
   * For a basis that is one block over all pairs of fields, in order (every input field of one
   * representation and every output field of one: the usual regular → regular layer), the permutation
   * is a transpose. `'conv'`: with the block's sampled columns reordered from `(o, i, p)` to `(i, p, o)`
   * (`values`), the block's output `[FO, FI, i, p, o]` read as `[FO, FI·inS, P, outS]` (`shape`) goes by
   * one rank-4 transpose `[2, 1, 0, 3]` to `[P, FI·inS, FO, outS]`, the `[P, in, out]` layout.
   * `'transposed'`: the weights' copies are first swapped to `[FI, FO]` (`swapCopies`, a transpose of the
   * few weights) and the columns reordered to `(o, p, i)`, so that the output `[FI, FO·outS, P, inS]` goes
   * by the same transpose to `[P, out, in]`. On TF.js's WASM backend the transpose (and its gradient, the
   * inverse transpose) runs 20–80× faster than the element-wise gather of the general case. Null where the
   * general gather applies.
   */
  readonly transposePlan: {
    readonly shape: readonly [number, number, number, number];
    readonly values: Float32Array;
    readonly swapCopies: boolean;
  } | null;
  /** Number of bias parameters. */
  readonly biasSize: number;
  /** Length of the expanded bias (the output channels). */
  readonly biasOutSize: number;
  /** `[biasSize, out]`, the transposed bias expansion, or null without bias parameters. */
  readonly biasExpansion: Float32Array | null;

  /**
   * @param bias - a bias expansion replacing the basis's (`[out][bias]`, escnn's `bias_expansion`), for
   *   layers whose bias covers more fields than their basis (grouped transposed convolutions)
   */
  constructor(
    basis: LayerBasis,
    layout: FilterLayout,
    bias?: { readonly size: number; readonly outSize: number; readonly expansion: Float64Array },
  ) {
    this.basis = basis;
    this.layout = layout;
    this.dimension = basis.dimension;
    const { inSize: I, outSize: O, points: P } = basis;
    const total = I * O * P;
    const gather = new Int32Array(total);
    let source = 0;
    const covered = new Uint8Array(total);
    const blocks: {
      weightOffset: number;
      copies: number;
      dim: number;
      values: Float32Array;
    }[] = [];
    for (const b of basis.blocks) {
      const copies = b.outFields.length * b.inFields.length;
      blocks.push({
        weightOffset: b.weightOffset,
        copies,
        dim: b.dimension,
        values: Float32Array.from(b.sampled),
      });
      // the block's output for copy (fo, fi) is `[out][in][point]` of that pair of fields
      for (let fo = 0; fo < b.outFields.length; fo++) {
        for (let fi = 0; fi < b.inFields.length; fi++) {
          const o0 = b.outOffsets[fo]!;
          const i0 = b.inOffsets[fi]!;
          for (let o = 0; o < b.outSize; o++)
            for (let i = 0; i < b.inSize; i++)
              for (let p = 0; p < P; p++, source++) {
                const pos = layout === 'conv' ? (p * I + i0 + i) * O + o0 + o : (p * O + o0 + o) * I + i0 + i;
                gather[pos] = source;
                covered[pos] = 1;
              }
        }
      }
    }
    const zero = source;
    let hasZeros = false;
    for (let q = 0; q < total; q++)
      if (!covered[q]) {
        gather[q] = zero;
        hasZeros = true;
      }
    const scatter = new Int32Array(zero + (hasZeros ? 1 : 0));
    for (let q = 0; q < total; q++) if (gather[q]! < zero) scatter[gather[q]!] = q;
    let identity = !hasZeros;
    for (let q = 0; identity && q < total; q++) identity = gather[q] === q;
    this.blocks = Object.freeze(blocks.map((b) => Object.freeze(b)));
    this.gatherIndex = gather;
    this.scatterIndex = scatter;
    this.hasZeros = hasZeros;
    this.identity = identity;
    this.transposePlan = identity ? null : transposePlanOf(basis, layout);
    const B = bias?.size ?? basis.biasSize;
    const BO = bias?.outSize ?? O;
    const E = bias?.expansion ?? basis.biasExpansion;
    this.biasSize = B;
    this.biasOutSize = BO;
    if (B > 0) {
      const t = new Float32Array(B * BO);
      for (let c = 0; c < BO; c++) for (let j = 0; j < B; j++) t[j * BO + c] = E[c * B + j]!;
      this.biasExpansion = t;
    } else this.biasExpansion = null;
    Object.freeze(this);
  }

  /** Number of filter entries `in · out · P`. */
  get filterSize(): number {
    return this.basis.inSize * this.basis.outSize * this.basis.points;
  }

  /** Uploads the basis to the current backend: tensors the caller owns (kept out of any tidy). */
  createTensors(): ExpansionTensors {
    // kept: a layer built inside a user's tf.tidy owns these beyond it
    const plan = this.transposePlan;
    const permuted = !this.identity && plan === null;
    const blocks = this.blocks.map((b) => {
      const values = plan === null ? b.values : plan.values;
      return tf.keep(tf.tensor2d(values, [b.dim, values.length / b.dim]));
    });
    return {
      blocks,
      blocksTransposed: blocks.map((b) => tf.keep(tf.transpose(b))),
      gather: permuted ? tf.keep(tf.tensor1d(this.gatherIndex, 'int32')) : null,
      scatter: permuted ? tf.keep(tf.tensor1d(this.scatterIndex, 'int32')) : null,
      bias: this.biasExpansion
        ? tf.keep(tf.tensor2d(this.biasExpansion, [this.biasSize, this.biasOutSize]))
        : null,
    };
  }

  /**
   * The flat filter (length {@link filterSize}, in this expansion's layout) for `weights`: for each block,
   * `reshape(weights[block], [copies, dim]) · basis_block`, concatenated, then permuted into place (by
   * one transpose where {@link transposePlan} applies). Differentiable in `weights` on every backend (the
   * permutation's gradient is the inverse gather, or the inverse transpose).
   */
  expand(weights: tf.Tensor1D, t: ExpansionTensors): tf.Tensor1D {
    const plan = this.transposePlan;
    if (plan !== null) {
      const b = this.blocks[0]!;
      return tf.tidy(() => {
        // the block's weights are all the weights (one block over all pairs of fields)
        const FO = this.basis.blocks[0]!.outFields.length;
        const w = (
          plan.swapCopies
            ? tf.transpose(weights.reshape([FO, b.copies / FO, b.dim]), [1, 0, 2]).reshape([b.copies, b.dim])
            : weights.reshape([b.copies, b.dim])
        ) as tf.Tensor2D;
        const out = blockProduct(w, t, 0).reshape(plan.shape as [number, number, number, number]);
        return tf.transpose(out, [2, 1, 0, 3]).reshape([-1]) as tf.Tensor1D;
      });
    }
    return tf.tidy(() => {
      const parts: tf.Tensor1D[] = this.blocks.map((b, k) => {
        const w = weights.slice(b.weightOffset, b.copies * b.dim).reshape([b.copies, b.dim]);
        return blockProduct(w as tf.Tensor2D, t, k).reshape([-1]) as tf.Tensor1D;
      });
      if (this.hasZeros) parts.push(tf.zeros([1]) as tf.Tensor1D);
      const flat = parts.length === 1 ? parts[0]! : tf.concat(parts);
      if (t.gather === null || t.scatter === null) return flat;
      return permute(flat, t.gather, t.scatter);
    });
  }

  /** The bias `[out]` for the bias parameters `[biasSize]` (throws without bias parameters). */
  expandBias(bias: tf.Tensor1D, t: ExpansionTensors): tf.Tensor1D {
    if (t.bias === null) throw new Error('BlocksExpansion.expandBias: the layer has no bias parameters');
    const b = t.bias;
    return tf.tidy(() => tf.matMul(bias.reshape([1, -1]), b).reshape([-1]) as tf.Tensor1D);
  }
}

/**
 * The {@link BlocksExpansion.transposePlan} of a basis (see there); null unless the basis is one block
 * covering every pair of fields in their order.
 */
function transposePlanOf(
  basis: LayerBasis,
  layout: FilterLayout,
): { shape: [number, number, number, number]; values: Float32Array; swapCopies: boolean } | null {
  if (basis.blocks.length !== 1) return null;
  const b = basis.blocks[0]!;
  const { inSize: I, outSize: O, points: P } = basis;
  const FO = b.outFields.length;
  const FI = b.inFields.length;
  const inOrder = b.inOffsets.every((offset, f) => offset === f * b.inSize);
  const outOrder = b.outOffsets.every((offset, f) => offset === f * b.outSize);
  if (b.weightOffset !== 0 || FO * b.outSize !== O || FI * b.inSize !== I || !inOrder || !outOrder)
    return null;
  const [oS, iS, D] = [b.outSize, b.inSize, b.dimension];
  const column = oS * iS * P;
  const values = new Float32Array(D * column);
  const conv = layout === 'conv';
  for (let d = 0; d < D; d++)
    for (let o = 0; o < oS; o++)
      for (let i = 0; i < iS; i++)
        for (let p = 0; p < P; p++) {
          const to = conv ? (i * P + p) * oS + o : (o * P + p) * iS + i;
          values[d * column + to] = b.sampled[d * column + (o * iS + i) * P + p]!;
        }
  return conv
    ? { shape: [FO, FI * iS, P, oS], values, swapCopies: false }
    : { shape: [FI, FO * oS, P, iS], values, swapCopies: true };
}

/**
 * `w · basis_k` for the weights `[copies, dim]` of block `k`, whose gradient `dy · basis_kᵀ` multiplies by
 * the stored transposed basis: TF.js's own `matMul` gradient asks for `matMul(dy, basis, false, true)`,
 * which TF.js's WASM backend runs ~10× slower than a product with an explicitly transposed matrix.
 */
function blockProduct(w: tf.Tensor2D, t: ExpansionTensors, k: number): tf.Tensor2D {
  const basis = t.blocks[k]!;
  const transposed = t.blocksTransposed[k]!;
  return runWithGradients([w], () => tf.matMul(w, basis), [(dy) => tf.matMul(dy as tf.Tensor2D, transposed)]);
}

/** The tensors of a {@link BlocksExpansion} on one backend. */
export interface ExpansionTensors {
  readonly blocks: readonly tf.Tensor2D[];
  /** `blocks[k]ᵀ`, `[columns, dim]`, for the gradient (see blockProduct). */
  readonly blocksTransposed: readonly tf.Tensor2D[];
  readonly gather: tf.Tensor1D | null;
  readonly scatter: tf.Tensor1D | null;
  readonly bias: tf.Tensor2D | null;
}

/** Disposes the tensors of an expansion. */
export function disposeExpansionTensors(t: ExpansionTensors): void {
  for (const b of [...t.blocks, ...t.blocksTransposed]) b.dispose();
  t.gather?.dispose();
  t.scatter?.dispose();
  t.bias?.dispose();
}

/**
 * `y = x[gather]` for a permutation (with possibly one extra constant source entry): its gradient is the
 * inverse gather `dx = dy[scatter]`, which, unlike `tf.gather`'s own gradient (`unsortedSegmentSum`,
 * missing on the WASM backend), works everywhere.
 */
function permute(x: tf.Tensor1D, gather: tf.Tensor1D, scatter: tf.Tensor1D): tf.Tensor1D {
  return runWithGradients([x], () => tf.gather(x, gather) as tf.Tensor1D, [(dy) => tf.gather(dy, scatter)]);
}
