/**
 * Restriction of a representation to a subgroup.
 */
import { blockDiagonal, InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import { idKey } from './internal/linalg.js';
import { asRepresentation, Representation } from './representation.js';

/**
 * The restriction `Res_H^G rho: h ↦ rho(inclusion(h))` of `rho` to the subgroup `H` with escnn's id
 * `subgroupId` (see the group's `subgroup`; Python's `None` is `null`, tuples are arrays).
 *
 * Built as escnn does: each irrep `psi_i` of `rho` restricts to subgroup irreps with an orthogonal change of basis
 * `Q_i` (the group's `restrictIrrep`), so `Res rho = (Q ⊕_i Q_i) (⊕ subgroup irreps) (…)^-1`; the irreps are the
 * concatenation of the restricted irreps in order. Named `${G.name}:${rho.name}`; keeps `rho`'s nonlinearities,
 * adding `pointwise` when the result is trivial. The result is memoized inside `rho`.
 *
 * @throws UnknownSubgroupError if the group has no subgroup with that id.
 * @see escnn's `Representation.restrict` / `Group.restrict_representation`
 */
export function restrict(rho: RepresentationLike, subgroupId: unknown): Representation {
  if (rho === null || typeof rho !== 'object' || !('group' in rho)) {
    throw new InvalidArgumentError('restrict', 'rho', rho, 'must be a representation');
  }
  const rep = asRepresentation(rho);
  return rep._restrictedMemo(idKey(subgroupId), () => {
    const G = rep.group;
    const map = G.subgroup(subgroupId);
    const cobs = [];
    const irreps = [];
    for (const id of rep.irreps) {
      const r = G.restrictIrrep(id, subgroupId);
      cobs.push(r.changeOfBasis);
      irreps.push(...r.irreps);
    }
    const q = rep.changeOfBasis.mmul(blockDiagonal(cobs));
    const qInv = blockDiagonal(cobs.map((c) => c.transpose())).mmul(rep.changeOfBasisInv);
    const tags = new Set(rep.supportedNonlinearities);
    const draft = new Representation(map.subgroup, `${G.name}:${rep.name}`, irreps, q, {
      supportedNonlinearities: tags,
      changeOfBasisInv: qInv,
    });
    if (draft.isTrivial() && !tags.has('pointwise')) {
      tags.add('pointwise');
      return new Representation(map.subgroup, draft.name, irreps, q, {
        supportedNonlinearities: tags,
        changeOfBasisInv: qInv,
      });
    }
    return draft;
  });
}
