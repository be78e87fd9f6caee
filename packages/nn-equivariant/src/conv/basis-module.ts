/**
 * The common part of the layers whose weights are coefficients on a basis of equivariant linear maps (escnn's
 * `_RdConv`, and its `Linear`): the `weights` and `bias` parameters and their initialization, the expansion
 * into a filter and a bias, the expanded pair cached in evaluation mode, the export with baked weights, and
 * the disposal.
 */

import type { FieldType } from '@steerable/field-types';
import type { LayerBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { generalizedHeInitValues } from '../init.js';
import { withBakedWeights } from '../internal/export-layer.js';
import { BlocksExpansion } from './basis-expansion.js';
import { ExpandedParameters } from './expanded-parameters.js';

/** The options of {@link BasisExpandedModule}'s parameters. */
export interface BasisParameterOptions {
  /**
   * Learn a bias on the output fields' trivial irreps (one parameter each, expanded through the field's
   * change of basis; fields without a trivial irrep get none).
   * @defaultValue true
   */
  readonly bias?: boolean;
  /**
   * Initialize the weights with escnn's generalized He initialization; with `false` they are zero (e.g.
   * before loading trained weights).
   * @defaultValue true
   */
  readonly initialize?: boolean;
  /** Seed of the initialization. @defaultValue a fresh random seed */
  readonly seed?: number;
}

/** What a subclass builds once its arguments are checked: the basis and how its filter is laid out. */
export interface BasisSetup<B extends LayerBasis> {
  /** The layer basis. */
  readonly basis: B;
  /** `'conv'` (`[k, k, in, out]`) or `'transposed'` (`[k, k, out, in]`), the TF.js filter layout. */
  readonly layout: 'conv' | 'transposed';
  /**
   * A bias expansion covering more fields than the basis (`[out][bias]`; grouped transposed convolutions).
   * @defaultValue the basis's own
   */
  readonly bias?: { readonly size: number; readonly outSize: number; readonly expansion: Float64Array };
}

/**
 * A module whose linear map is `Σ_b w_b K_b` over a basis `K_b` of equivariant maps, plus a bias on the output's
 * trivial irreps (escnn's `_RdConv` and `Linear`). `weights` is escnn's flat weight vector; training mode expands
 * the map on every forward, `eval()` expands it once and reuses it until `train()` or `loadStateDict`.
 */
export abstract class BasisExpandedModule<B extends LayerBasis = LayerBasis> extends EquivariantModule {
  /** The layer basis (escnn's `basisexpansion`). */
  readonly basis: B;
  /** The learnable expansion coefficients, escnn's `weights`. */
  readonly weights: tf.Variable;
  /** The bias parameters (one per trivial irrep of the output), escnn's `bias`, or null. */
  readonly bias: tf.Variable | null;
  readonly #params: ExpandedParameters;

  /**
   * @param setup - checks the subclass's arguments and builds its basis; runs after the field types are
   *   checked, so that errors keep their order.
   */
  protected constructor(
    inType: FieldType,
    outType: FieldType,
    options: BasisParameterOptions,
    setup: () => BasisSetup<B>,
  ) {
    super(inType, outType);
    const { basis, layout, bias } = setup();
    this.basis = basis;
    const init =
      (options.initialize ?? true)
        ? generalizedHeInitValues(basis, options.seed === undefined ? {} : { seed: options.seed })
        : new Float32Array(basis.dimension);
    // registerParameter takes ownership of the fresh initial tensors
    this.weights = this.registerParameter('weights', tf.tensor1d(init));
    const expansion = new BlocksExpansion(basis, layout, bias);
    if ((options.bias ?? true) && expansion.biasSize > 0) {
      this.bias = this.registerParameter('bias', tf.zeros([expansion.biasSize]));
    } else this.bias = null;
    this.#params = new ExpandedParameters(expansion, this.weights, this.bias);
  }

  /** A fresh expansion reshaped to `shape`: tensors the caller owns, differentiable in the parameters. */
  protected expandAs<T extends tf.Tensor>(shape: readonly number[]): { filter: T; bias: tf.Tensor1D | null } {
    const { filter, bias } = this.#params.expand();
    const shaped = filter.reshape([...shape]) as T;
    filter.dispose();
    return { filter: shaped, bias };
  }

  /**
   * The expansion for a forward pass (fresh in training mode, cached in evaluation mode): call inside the
   * forward's tidy and never dispose it.
   */
  protected currentExpansion(): { readonly filter: tf.Tensor1D; readonly bias: tf.Tensor1D | null } {
    return this.#params.current(this.training);
  }

  /**
   * `y + bias` (broadcast on the channel axis), or `y` without bias. Above rank 4 the sum runs on the
   * `[points, channels]` view: TF.js's WebGPU backend generates invalid WGSL (it indexes a `vec5`) for a rank-5
   * tensor plus a broadcast vector.
   */
  protected static addBias<T extends tf.Tensor>(y: T, bias: tf.Tensor1D | null): T {
    if (bias === null) return y;
    if (y.rank <= 4) return tf.add(y, bias) as T;
    return tf.tidy(() => tf.reshape(tf.add(tf.reshape(y, [-1, bias.size]), bias), y.shape) as T);
  }

  /** `layer` with the kernel `weight` (and the bias, if any) baked in, for `exportLayers`. */
  protected static baked<L extends tf.layers.Layer>(layer: L, weight: tf.Tensor, bias: tf.Tensor | null): L {
    return withBakedWeights(layer, bias === null ? [weight] : [weight, bias]);
  }

  protected override onModeChange(training: boolean): void {
    this.#params.follow(training);
  }

  protected override onStateLoaded(): void {
    this.#params.follow(this.training);
  }

  /** Frees the parameters, the basis tensors and the cached expansion. */
  override dispose(): void {
    this.#params.dispose();
    super.dispose();
  }
}
