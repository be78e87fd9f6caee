/**
 * escnn's `Linear`: the equivariant linear map between two field types on a single point (`noBaseSpace`).
 */

import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { GroupMismatchError, InvalidArgumentError } from '@steerable/group-theory';
import { GSpace0D } from '@steerable/gspaces';
import { type LayerBasis, r0LinearBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from './equivariant-module.js';
import { generalizedHeInitValues } from './init.js';
import { BlocksExpansion } from './internal/basis-expansion.js';
import { ExpandedParameters } from './internal/expanded-parameters.js';
import { withBakedWeights } from './internal/export-layer.js';

/** Options of {@link Linear}: escnn's keyword arguments. */
export interface LinearOptions {
  /**
   * Learn a bias on the output fields' trivial irreps (one parameter each, expanded through the field's
   * change of basis).
   * @defaultValue true
   */
  readonly bias?: boolean;
  /**
   * Initialize the weights with escnn's generalized He initialization; with `false` they are zero.
   * @defaultValue true
   */
  readonly initialize?: boolean;
  /** Seed of the initialization. @defaultValue a fresh random seed */
  readonly seed?: number;
}

/**
 * The equivariant linear map `y = W x + b` between feature vectors of `inType` and `outType` on
 * `noBaseSpace(G)` (escnn's `Linear`): `W = Σ_b w_b W_b` over a basis of the intertwiners
 * (`W ρ_in(g) = ρ_out(g) W`, Schur's lemma per pair of equal irreps) and `b` lives on the output's trivial
 * irreps, so `f(ρ_in(g) x) = ρ_out(g) f(x)`. Input and output are `[batch, size]`. `weights` is escnn's
 * flat weight vector.
 *
 * @see escnn's `escnn.nn.Linear`.
 */
export class Linear extends EquivariantModule {
  /** The layer basis (escnn's `basisexpansion`). */
  readonly basis: LayerBasis;
  /** escnn's `weights`. */
  readonly weights: tf.Variable;
  /** escnn's `bias`, or null. */
  readonly bias: tf.Variable | null;
  readonly #params: ExpandedParameters;

  /**
   * @throws InvalidArgumentError for field types not on `noBaseSpace`, or no equivariant map between them;
   *   GroupMismatchError for field types of different groups.
   */
  constructor(inType: FieldType, outType: FieldType, options: LinearOptions = {}) {
    super(inType, outType);
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
    this.basis = r0LinearBasis(inType.representations as never, outType.representations as never);
    if (this.basis.dimension === 0) {
      throw new InvalidArgumentError(
        fn,
        'outType',
        String(outType),
        `must share an irrep with the input ${inType} (no equivariant linear map otherwise)`,
      );
    }
    const init =
      (options.initialize ?? true)
        ? generalizedHeInitValues(this.basis, options.seed === undefined ? {} : { seed: options.seed })
        : new Float32Array(this.basis.dimension);
    // registerParameter takes ownership of the fresh initial tensors
    this.weights = this.registerParameter('weights', tf.tensor1d(init));
    if ((options.bias ?? true) && this.basis.biasSize > 0) {
      this.bias = this.registerParameter('bias', tf.zeros([this.basis.biasSize]));
    } else this.bias = null;
    this.#params = new ExpandedParameters(new BlocksExpansion(this.basis, 'conv'), this.weights, this.bias);
  }

  /**
   * The matrix `[in, out]` (escnn's `matrix` `[out, in]` transposed, so that `y = x · M`) and the bias
   * `[out]` (or null): fresh tensors the caller owns, differentiable in the parameters.
   * @see escnn's `Linear.expand_parameters`.
   */
  expandParameters(): { matrix: tf.Tensor2D; bias: tf.Tensor1D | null } {
    const { filter, bias } = this.#params.expand();
    const matrix = filter.reshape([this.inType.size, this.outType.size]) as tf.Tensor2D;
    filter.dispose();
    return { matrix, bias };
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const e = this.#params.current(this.training);
    const y = tf.matMul(x.tensor as tf.Tensor2D, e.filter.reshape([this.inType.size, this.outType.size]));
    return new GeometricTensor(e.bias === null ? y : tf.add(y, e.bias), this.outType);
  }

  protected override onModeChange(training: boolean): void {
    this.#params.follow(training);
  }

  protected override onStateLoaded(): void {
    this.#params.follow(this.training);
  }

  /** A `tf.layers.dense` with the matrix and bias baked in (escnn's `export` to `torch.nn.Linear`). */
  override exportLayers(): tf.layers.Layer[] {
    const { matrix, bias } = this.expandParameters();
    const dense = tf.layers.dense({ units: this.outType.size, useBias: bias !== null });
    return [withBakedWeights(dense, bias === null ? [matrix] : [matrix, bias])];
  }

  /** Frees the parameters, the basis tensors and the cached matrix. */
  override dispose(): void {
    this.#params.dispose();
    super.dispose();
  }
}
