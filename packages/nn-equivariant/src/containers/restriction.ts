/**
 * Restriction of the symmetry group of a feature space.
 */

import { FieldType, GeometricTensor } from '@steerable/field-types';
import { type GroupElement, InvalidArgumentError } from '@steerable/group-theory';
import type { GSpaceRestriction } from '@steerable/gspaces';
import type * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';

/**
 * Sees the input fields as fields of a subgroup `H ⊂ G` (escnn's `RestrictionModule`): the data is unchanged,
 * the output type is `inType.restrict(id)`, each representation restricted to `H`, so the following layers
 * need only be `H`-equivariant (e.g. to go from D₈ to C₈, or from C₈ to C₄, deeper in a network). Equivariant
 * in the sense `f(inclusion(h)·x) = h·f(x)` for `h ∈ H`.
 * @see escnn's `escnn.nn.RestrictionModule`
 */
export class RestrictionModule extends EquivariantModule {
  /** The subgroup id (an id of `inType.fibergroup.subgroup`). */
  readonly id: unknown;
  readonly #restriction: GSpaceRestriction;

  /**
   * @param inType - the input field type.
   * @param id - the subgroup's id, as the gspace's `restrict` takes it (e.g. `4` for C₄ in C₈, `[null, 4]`).
   * @throws InvalidArgumentError if `inType` is not a FieldType; UnknownSubgroupError for an unknown id.
   */
  constructor(inType: FieldType, id: unknown) {
    if (!(inType instanceof FieldType)) {
      throw new InvalidArgumentError('RestrictionModule', 'inType', inType, 'must be a FieldType');
    }
    const outType = inType.restrict(id);
    super(inType, outType);
    this.id = id;
    this.#restriction = inType.gspace.restrict(id);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    return new GeometricTensor(x.tensor, this.outType);
  }

  /** Maps `h ∈ H` into `G`, so the check compares `f(inclusion(h)·x)` with `h·f(x)`. */
  override inputElement(g: GroupElement): GroupElement {
    return this.#restriction.inclusion(g);
  }

  /** No layer: the data is unchanged. */
  override exportLayers(): tf.layers.Layer[] {
    return [];
  }

  override toString(): string {
    return `RestrictionModule(${this.inType}, id=${JSON.stringify(this.id)})`;
  }
}
