/**
 * Tensor products of representations, decomposed into irreps with Clebsch–Gordan coefficients.
 */
import {
  GroupMismatchError,
  InvalidArgumentError,
  type NonlinearityTag,
  type RepresentationLike,
} from '@steerable/group-theory';
import { Matrix } from 'ml-matrix';
import { changeBasis } from './direct-sum.js';
import { kron } from './internal/linalg.js';
import { asRepresentation, Representation } from './representation.js';

/**
 * The tensor product `rho1 ⊗ rho2: g ↦ rho1(g) ⊗ rho2(g)` (Kronecker product, index `a·dim2 + b`), decomposed as
 * escnn does: every pair of irreps `psi_i ⊗ psi_j` of the two decompositions is split with the group's
 * Clebsch–Gordan coefficients (`G.tensorProductIrreps`, `G.clebschGordan`), pairs ordered by `rho1`'s irrep then
 * `rho2`'s, and a permutation regroups the Kronecker indices; finally `Q = (Q1 ⊗ Q2) · CG`.
 *
 * Named `${rho1.name} X ${rho2.name}`; supports `gated`, `norm`, and `pointwise`/`gate` when both factors do.
 *
 * @throws GroupMismatchError if the representations belong to different groups.
 * @see escnn's `Representation.tensor` / `Group._tensor_product`
 */
export function tensorProduct(rho1: RepresentationLike, rho2: RepresentationLike): Representation {
  const fn = 'tensorProduct';
  for (const [arg, r] of [
    ['rho1', rho1],
    ['rho2', rho2],
  ] as const) {
    if (r === null || typeof r !== 'object' || !('group' in r)) {
      throw new InvalidArgumentError(fn, arg, r, 'must be a representation');
    }
  }
  if (!rho1.group.equals(rho2.group))
    throw new GroupMismatchError(fn, 'rho2', rho1.group.name, rho2.group.name);
  const r1 = asRepresentation(rho1);
  const r2 = asRepresentation(rho2);
  const G = r1.group;
  const D = r1.size * r2.size;
  const cob = Matrix.zeros(D, D);
  const irreps: (readonly number[])[] = [];
  let p = 0;
  for (const irr1 of r1.irrepInstances) {
    const blockSize = irr1.size * r2.size;
    const permutation = Matrix.zeros(blockSize, blockSize);
    let q = 0;
    for (const irr2 of r2.irrepInstances) {
      const terms = G.tensorProductIrreps(irr1.id, irr2.id);
      let size = 0;
      for (const t of terms) {
        size += G.irrep(...t.id).size * t.multiplicity;
        for (let s = 0; s < t.multiplicity; s++) irreps.push(t.id);
      }
      if (size !== irr1.size * irr2.size) {
        throw new Error(`tensorProduct: decomposition of ${irr1.name} ⊗ ${irr2.name} has the wrong size`);
      }
      let i = 0;
      for (const t of terms) {
        const cg = G.clebschGordan(irr1.id, irr2.id, t.id);
        cob.setSubMatrix(cg, p, p + i);
        i += cg.columns;
      }
      for (let a = 0; a < irr1.size; a++) {
        for (let b = 0; b < irr2.size; b++) {
          permutation.set(q + a * r2.size + b, q * irr1.size + a * irr2.size + b, 1);
        }
      }
      q += irr2.size;
      p += size;
    }
    const start = p - blockSize;
    const block = cob.subMatrix(start, p - 1, start, p - 1);
    cob.setSubMatrix(permutation.mmul(block), start, start);
  }
  const q = kron(r1.changeOfBasis, r2.changeOfBasis).mmul(cob);
  const name = `${r1.name} X ${r2.name}`;
  if (irreps.length === 1) {
    return changeBasis(G.irrep(...irreps[0]!), q, name);
  }
  const tags: NonlinearityTag[] = [];
  if (r1.supportedNonlinearities.has('pointwise') && r2.supportedNonlinearities.has('pointwise'))
    tags.push('pointwise');
  tags.push('gated', 'norm');
  if (r1.supportedNonlinearities.has('gate') && r2.supportedNonlinearities.has('gate')) tags.push('gate');
  return new Representation(G, name, irreps, q, {
    supportedNonlinearities: tags,
    character: (g) => r1.character(g) * r2.character(g),
  });
}
