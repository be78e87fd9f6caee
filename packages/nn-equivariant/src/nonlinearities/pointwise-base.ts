/**
 * The common part of the pointwise nonlinearities: one scalar function applied to every channel, which
 * commutes with `ρ(g)` exactly when `ρ(g)` permutes the channels.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import type * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType, checkSupport } from '../internal/validation.js';

/**
 * A module applying a scalar function `σ` to every channel, `f(x)_c = σ(x_c)`; input and output types are
 * equal. Equivariant because each `ρ(g)` of a field supporting 'pointwise' nonlinearities is a permutation
 * matrix `P`, and `σ(P x) = P σ(x)`; the pixels' permutation by the base-space action commutes too.
 */
export abstract class PointwiseActivation extends EquivariantModule {
  protected constructor(fn: string, inType: FieldType) {
    const type = checkFieldType(fn, inType);
    checkSupport(fn, type, 'pointwise');
    super(type, type);
  }

  /** The scalar function on a tensor (runs inside `tf.tidy`). */
  protected abstract activation(x: tf.Tensor): tf.Tensor;

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    return this.outType.wrap(this.activation(x.tensor));
  }
}
