/**
 * The tensor-product (quadratic) nonlinearity with a learnable equivariant projection.
 */

import { FieldType, type GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, normalStream, type RepresentationLike } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import { type LayerBasis, r0LinearBasis } from '@steerable/kernels';
import { type Representation, tensorProduct } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { generalizedHeInitValues } from '../init.js';
import { freshSeed } from '../internal/random.js';
import { checkChannels, checkFieldType, checkGSpace } from '../internal/validation.js';

/** Options of {@link TensorProductModule}. */
export interface TensorProductModuleOptions {
  /** Initialize the weights with escnn's generalized He initialization (else standard normal). @defaultValue true */
  readonly initialize?: boolean;
  /** Seed of the initialization. @defaultValue a fresh random seed */
  readonly seed?: number;
}

/**
 * Learnable quadratic nonlinearity (escnn's `TensorProductModule`): each input field `x_c` (all of one
 * representation `ρ`) gives the tensor product `x_c ⊗ x_c` (entries `x_i x_j` at `i·dim ρ + j`, a field of
 * `ρ ⊗ ρ`), which an equivariant linear map `W_c : ρ ⊗ ρ → ρ_out` projects to the output field `c`. The maps
 * are expanded from `weights` in the basis of intertwiners (escnn's `BlocksBasisExpansion` from one `ρ ⊗ ρ`
 * field to the output fields); equivariant since `(ρ(g)x) ⊗ (ρ(g)x) = (ρ ⊗ ρ)(g)(x ⊗ x)`.
 * A network of these alone is a polynomial whose degree doubles per layer (escnn's warning).
 *
 * escnn caches the expanded `matrix` as a buffer in eval mode; here it is expanded on each forward (one
 * small matmul) and not part of the state dict, which holds only `weights`.
 *
 * @see escnn's `escnn.nn.TensorProductModule`
 */
export class TensorProductModule extends EquivariantModule {
  /** The learnable weights (escnn's `weights`). */
  readonly weights: tf.Variable;
  /** The field type of the tensor products (escnn's `hidden_type`). */
  readonly hiddenType: FieldType;
  /** The intertwiner basis from one `ρ ⊗ ρ` field to the output fields (escnn's `basisexpansion`). */
  readonly basis: LayerBasis;
  readonly #basis: tf.Tensor2D;
  readonly #c: number;
  readonly #s: number;
  readonly #o: number;

  /**
   * @param inType - a uniform field type.
   * @param outType - a uniform field type with as many fields, on the same gspace.
   * @throws InvalidArgumentError for non-uniform types, different numbers of fields or gspaces, or when no
   *   equivariant projection exists (escnn: "The basis for the steerable matrix is empty").
   */
  constructor(inType: FieldType, outType: FieldType, options: TensorProductModuleOptions = {}) {
    const fn = 'TensorProductModule';
    const tin = checkFieldType(fn, inType);
    if (!(outType instanceof FieldType))
      throw new InvalidArgumentError(fn, 'outType', outType, 'must be a FieldType');
    if (!tin.gspace.equals(outType.gspace)) {
      throw new InvalidArgumentError(fn, 'outType', String(outType.gspace), `must be on ${tin.gspace}`);
    }
    if (!tin.uniform) throw new InvalidArgumentError(fn, 'inType', String(tin), 'must be uniform');
    if (!outType.uniform) throw new InvalidArgumentError(fn, 'outType', String(outType), 'must be uniform');
    if (tin.length !== outType.length) {
      throw new InvalidArgumentError(
        fn,
        'outType',
        String(outType),
        `must have ${tin.length} fields, as inType`,
      );
    }
    const rho = tin.representations[0]!;
    const hid: Representation = tensorProduct(rho, rho);
    const basis = r0LinearBasis([hid] as never, outType.representations as never);
    if (basis.dimension === 0) {
      throw new InvalidArgumentError(
        fn,
        'outType',
        String(outType),
        `must admit an equivariant map from ${hid.name} (the basis for the steerable matrix is empty)`,
      );
    }
    super(tin, outType);
    this.hiddenType = new FieldType(tin.gspace, Array(tin.length).fill(hid));
    this.basis = basis;
    this.#c = tin.length;
    this.#s = rho.size;
    this.#o = outType.representations[0]!.size;
    const initialize = options.initialize ?? true;
    if (typeof initialize !== 'boolean') {
      throw new InvalidArgumentError(fn, 'initialize', initialize, 'must be a boolean');
    }
    const seed = options.seed ?? freshSeed();
    if (typeof seed !== 'number' || !Number.isInteger(seed)) {
      throw new InvalidArgumentError(fn, 'seed', seed, 'must be an integer');
    }
    const init = initialize
      ? generalizedHeInitValues(basis, { seed })
      : Float32Array.from({ length: basis.dimension }, normalStream(seed));
    this.weights = this.registerParameter('weights', tf.tensor1d(init));
    // dense basis [weight, out·in]: the matrix is weightsᵀ · basis (escnn's expand_parameters)
    this.#basis = tf.keep(
      tf.tensor2d(Float32Array.from(basis.basisMatrix()), [basis.dimension, basis.outSize * basis.inSize]),
    );
  }

  /**
   * A convenience constructor (escnn's `construct`): `channels` copies of `inRepr` and of `outRepr` on `gspace`.
   * @throws InvalidArgumentError as the constructor, or for representations of another group.
   */
  static construct(
    gspace: GSpace,
    channels: number,
    inRepr: RepresentationLike,
    outRepr: RepresentationLike,
    options: TensorProductModuleOptions = {},
  ): TensorProductModule {
    const fn = 'TensorProductModule.construct';
    const gs = checkGSpace(fn, gspace);
    const C = checkChannels(fn, channels);
    for (const [arg, r] of [
      ['inRepr', inRepr],
      ['outRepr', outRepr],
    ] as const) {
      if (r == null || !r.group?.equals(gs.fibergroup)) {
        throw new InvalidArgumentError(
          fn,
          arg,
          r?.name ?? r,
          `must be a representation of ${gs.fibergroup.name}`,
        );
      }
    }
    return new TensorProductModule(
      new FieldType(gs, Array(C).fill(inRepr)),
      new FieldType(gs, Array(C).fill(outRepr)),
      options,
    );
  }

  /** The projection matrices `[fields·out, ρ⊗ρ size]` as a fresh float32 tensor (escnn's `expand_parameters`). */
  expandParameters(): tf.Tensor2D {
    return tf.tidy(() =>
      tf.reshape(tf.matMul(tf.reshape(this.weights, [1, -1]), this.#basis), [
        this.#c * this.#o,
        this.#s * this.#s,
      ]),
    );
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const lead = x.tensor.shape.slice(0, -1);
    const C = this.#c;
    const s = this.#s;
    const fields = tf.reshape(x.tensor, [-1, C, s]);
    // x ⊗ x per field: [n, C, s, 1] · [n, C, 1, s] → [n, C, s·s] (index i·s + j)
    const outer = tf.reshape(tf.mul(tf.expandDims(fields, 3), tf.expandDims(fields, 2)), [-1, C, s * s]);
    // per-field projection as a batched matmul over the fields: [C, n, s²] · [C, s², o]
    const m = tf.reshape(this.expandParameters(), [C, this.#o, s * s]);
    const y = tf.matMul(tf.transpose(outer, [1, 0, 2]), m, false, true);
    return this.outType.wrap(tf.reshape(tf.transpose(y, [1, 0, 2]), [...lead, C * this.#o]));
  }

  /** Frees the constant basis together with the variables. */
  override dispose(): void {
    this.#basis.dispose();
    super.dispose();
  }
}
