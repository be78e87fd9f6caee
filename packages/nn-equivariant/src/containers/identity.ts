/**
 * The identity module.
 */
import type { FieldType, GeometricTensor } from '@steerable/field-types';
import type * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';

/**
 * The identity map on fields of type `inType` (escnn's `IdentityModule`): trivially equivariant; useful as a
 * placeholder in architectures. Its output is a fresh handle on the input's data.
 * @see escnn's `escnn.nn.IdentityModule`
 */
export class IdentityModule extends EquivariantModule {
  /** @param inType - the input (and output) field type. */
  constructor(inType: FieldType) {
    super(inType, inType);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    return x;
  }

  /** No layer: the identity. */
  override exportLayers(): tf.layers.Layer[] {
    return [];
  }
}
