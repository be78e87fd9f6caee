/**
 * escnn's `Linear`: the equivariant linear map between two field types on a single point (`noBaseSpace`).
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { GroupMismatchError, InvalidArgumentError } from '@steerable/group-theory';
import { GSpace0D } from '@steerable/gspaces';
import { type LayerBasis, r0LinearBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { BasisExpandedModule, type BasisParameterOptions } from './basis-module.js';

/** Options of {@link Linear}: escnn's keyword arguments. */
export interface LinearOptions extends BasisParameterOptions {}

/**
 * The equivariant linear map `y = W x + b` between feature vectors of `inType` and `outType` on
 * `noBaseSpace(G)` (escnn's `Linear`): `W = Σ_b w_b W_b` over a basis of the intertwiners
 * (`W ρ_in(g) = ρ_out(g) W`, Schur's lemma per pair of equal irreps) and `b` lives on the output's trivial
 * irreps, so `f(ρ_in(g) x) = ρ_out(g) f(x)`. Input and output are `[batch, size]`. `weights` is escnn's
 * flat weight vector.
 *
 * @see escnn's `escnn.nn.Linear`.
 */
export class Linear extends BasisExpandedModule<LayerBasis> {
  /**
   * @throws InvalidArgumentError for field types not on `noBaseSpace`, or no equivariant map between them;
   *   GroupMismatchError for field types of different groups.
   */
  constructor(inType: FieldType, outType: FieldType, options: LinearOptions = {}) {
    super(inType, outType, options, () => ({ basis: linearBasis(inType, outType), layout: 'conv' }));
  }

  /**
   * The matrix `[in, out]` (escnn's `matrix` `[out, in]` transposed, so that `y = x · M`) and the bias
   * `[out]` (or null): fresh tensors the caller owns, differentiable in the parameters.
   * @see escnn's `Linear.expand_parameters`.
   */
  expandParameters(): { matrix: tf.Tensor2D; bias: tf.Tensor1D | null } {
    const { filter, bias } = this.expandAs<tf.Tensor2D>([this.inType.size, this.outType.size]);
    return { matrix: filter, bias };
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const e = this.currentExpansion();
    const y = tf.matMul(x.tensor as tf.Tensor2D, e.filter.reshape([this.inType.size, this.outType.size]));
    return new GeometricTensor(BasisExpandedModule.addBias(y, e.bias), this.outType);
  }

  /** A `tf.layers.dense` with the matrix and bias baked in (escnn's `export` to `torch.nn.Linear`). */
  override exportLayers(): tf.layers.Layer[] {
    const { matrix, bias } = this.expandParameters();
    const dense = tf.layers.dense({ units: this.outType.size, useBias: bias !== null });
    return [BasisExpandedModule.baked(dense, matrix, bias)];
  }
}

/** escnn's `Linear` checks: both types on the same `noBaseSpace(G)`, and a non-empty basis of intertwiners. */
function linearBasis(inType: FieldType, outType: FieldType): LayerBasis {
  const fn = 'Linear';
  for (const [argument, t] of [
    ['inType', inType],
    ['outType', outType],
  ] as const) {
    if (!(t.gspace instanceof GSpace0D)) {
      throw new InvalidArgumentError(fn, argument, t.gspace.name, 'must be a field type on noBaseSpace(G)');
    }
  }
  if (!inType.gspace.equals(outType.gspace)) {
    throw new GroupMismatchError(fn, 'outType', inType.gspace.name, outType.gspace.name);
  }
  const basis = r0LinearBasis(inType.representations as never, outType.representations as never);
  if (basis.dimension === 0) {
    throw new InvalidArgumentError(
      fn,
      'outType',
      String(outType),
      `must share an irrep with the input ${inType} (no equivariant linear map otherwise)`,
    );
  }
  return basis;
}
