/**
 * The product `G × G` of a group with itself (escnn's `DoubleGroup` / `double_group`): a direct product that
 * also has the diagonal subgroup `{(g, g)}`, isomorphic to G, with the id `'diagonal'`.
 */

import { DirectProductGroup } from './direct-product.js';
import { SteerableError, UnknownSubgroupError } from './errors.js';
import type { Group, SubgroupMap } from './group.js';
import { makeSubgroupMap } from './internal/subgroup.js';
import type { IrreducibleRepresentation } from './irrep.js';

/**
 * `G × G`; build it with {@link doubleGroup}. Everything of {@link DirectProductGroup}, plus the subgroup
 * `'diagonal'` (G itself, included as `g ↦ (g, g)`), on which an irrep `psi1 ⊗ psi2` restricts to G's tensor
 * product `psi1 ⊗ psi2`.
 * @see escnn's `escnn.group.DoubleGroup`
 */
export class DoubleGroup extends DirectProductGroup {
  /** @internal use {@link doubleGroup} */
  constructor(G: Group, name?: string) {
    super(G, G, name, 'doubleGroup');
  }

  /** escnn's `subgroup_diagonal_id`: `'diagonal'`. */
  get subgroupDiagonalId(): string {
    return 'diagonal';
  }

  protected override buildSubgroup(id: unknown, fn: string): SubgroupMap {
    if (id !== 'diagonal') {
      if (typeof id === 'string') throw new UnknownSubgroupError(fn, this.name, id);
      return super.buildSubgroup(id, fn);
    }
    const G = this.G1;
    return makeSubgroupMap(
      this,
      G,
      id,
      (h) => this.pairElements(h, h),
      (g) => {
        const [g1, g2] = this.splitElement(g);
        return g1.equals(g2) ? g1 : null;
      },
    );
  }

  /**
   * Subgroup ids combine factor by factor for the product subgroups; inside the diagonal there is no id for
   * the result (the diagonal of a subgroup is not a product), as escnn, which raises for this group.
   * @throws SteerableError when `id1` is `'diagonal'`.
   */
  protected override combineSubgroupIds(map: SubgroupMap, id2: unknown): unknown {
    if (map.id === 'diagonal') {
      throw new SteerableError(
        `${this.name}.combineSubgroups`,
        "the subgroups of the diagonal subgroup have no id in a double group (only 'diagonal' and pairs [id1, id2])",
      );
    }
    return super.combineSubgroupIds(map, id2);
  }

  /** On the diagonal, the terms of G's decomposition of `psi1 ⊗ psi2`. */
  protected override restrictionCandidates(
    irrep: IrreducibleRepresentation,
    map: SubgroupMap,
  ): IrreducibleRepresentation[] {
    if (map.id !== 'diagonal') return super.restrictionCandidates(irrep, map);
    const { id1, id2 } = this.splitIrrepId(irrep.id);
    return this.G1.tensorProductIrreps(id1, id2).map((t) => this.G1.irrep(...t.id));
  }
}

/**
 * `G × G` (escnn's `double_group(G, name=None)`), named `name` or `"<G> X <G>"`. A fresh instance.
 * @throws InvalidArgumentError unless `G` is a group and `name` a non-empty string when given.
 * @see escnn's `escnn.group.double_group`
 */
export function doubleGroup(G: Group, name?: string): DoubleGroup {
  return new DoubleGroup(G, name);
}
