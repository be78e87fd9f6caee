/**
 * Bases of intertwiners (equivariant linear maps) between representations.
 */
import { GroupMismatchError, InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import { Matrix } from 'ml-matrix';
import { asRepresentation, irrepIdKey } from './representation.js';

function checkRep(fn: string, argument: string, rep: unknown): void {
  if (rep === null || typeof rep !== 'object' || !('group' in rep) || !('irreps' in rep)) {
    throw new InvalidArgumentError(fn, argument, rep, 'must be a representation');
  }
}

/**
 * A basis of the space of intertwiners `H` with `H rhoIn(g) = rhoOut(g) H` for all `g` (size
 * `rhoOut.size × rhoIn.size`). By Schur's lemma it is assembled blockwise: every pair of equal irreps
 * `psi` in `rhoIn` and `rhoOut` contributes the endomorphisms of `psi` (1, 2 or 4 of them for real, complex or
 * quaternionic type) in that block, then `H = Q_out · blocks · Q_in^-1`. The order is escnn's (input irrep,
 * output irrep, endomorphism).
 *
 * @throws GroupMismatchError if the representations belong to different groups.
 * @see escnn's `escnn.group.representation.homomorphism_space`
 */
export function homomorphismBasis(rhoIn: RepresentationLike, rhoOut: RepresentationLike): Matrix[] {
  const fn = 'homomorphismBasis';
  checkRep(fn, 'rhoIn', rhoIn);
  checkRep(fn, 'rhoOut', rhoOut);
  if (!rhoIn.group.equals(rhoOut.group)) {
    throw new GroupMismatchError(fn, 'rhoOut', rhoIn.group.name, rhoOut.group.name);
  }
  const inRep = asRepresentation(rhoIn);
  const outRep = asRepresentation(rhoOut);
  const blocks: Matrix[] = [];
  let i = 0;
  for (const irrIn of inRep.irrepInstances) {
    let j = 0;
    const endo = irrIn.endomorphismBasis();
    for (const irrOut of outRep.irrepInstances) {
      if (irrepIdKey(irrOut.id) === irrepIdKey(irrIn.id)) {
        for (const e of endo) {
          const b = Matrix.zeros(outRep.size, inRep.size);
          b.setSubMatrix(e, j, i);
          blocks.push(b);
        }
      }
      j += irrOut.size;
    }
    i += irrIn.size;
  }
  const qOut = outRep.changeOfBasis;
  const qInInv = inRep.changeOfBasisInv;
  return blocks.map((b) => qOut.mmul(b).mmul(qInInv));
}

/**
 * A basis of the endomorphisms of `rho` (the matrices commuting with every `rho(g)`): escnn's
 * `Representation.endomorphism_basis()`, equal to {@link homomorphismBasis}`(rho, rho)`.
 */
export function endomorphismBasis(rho: RepresentationLike): Matrix[] {
  checkRep('endomorphismBasis', 'rho', rho);
  return homomorphismBasis(rho, rho);
}
