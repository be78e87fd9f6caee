/**
 * The group laws as reusable property assertions: for any {@link Group}, fast-check checks associativity,
 * identity and inverses, that every irrep is an orthogonal homomorphism `rho(gh) = rho(g) rho(h)` whose
 * endomorphisms commute with it, and that the Clebsch–Gordan matrices block-diagonalize tensor products of
 * irreps with an orthogonal change of basis. The laws themselves are group-theory's
 * (`@steerable/group-theory/testing`); this module draws the elements.
 */
import type { Group, IrrepId } from '@steerable/group-theory';
import {
  checkClebschGordan,
  checkElementLaws,
  checkIrrepAtIdentity,
  checkIrrepLaws,
  clebschGordanDecomposition,
  FLOAT64_TOLERANCE,
  GroupLawViolation,
} from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { arbitraryElement } from './arbitraries/groups.js';
import { type PropertyParameters, propertyParameters } from './arbitraries/parameters.js';

export { GroupLawViolation };

/** Options of {@link assertGroupLaws}. */
export interface GroupLawOptions extends Partial<PropertyParameters> {
  /**
   * Largest entrywise error accepted in matrix identities and in element equality.
   * @defaultValue 1e-9
   */
  readonly tolerance?: number;
  /**
   * Ids of the irreps to check.
   * @defaultValue `G.irreps()`
   */
  readonly irreps?: readonly IrrepId[];
  /**
   * Whether to check the Clebsch–Gordan decomposition of every pair of checked irreps.
   * @defaultValue true
   */
  readonly clebschGordan?: boolean;
}

/**
 * Asserts the group laws of `G` with fast-check (seed from `FC_SEED`, runs from `FC_NUM_RUNS` unless given):
 * associativity `(ab)c = a(bc)`, identity `ea = ae = a`, inverses `a a⁻¹ = a⁻¹ a = e`; for each irrep `rho`:
 * `rho(e) = I`, `rho(ab) = rho(a) rho(b)`, `rho(a) rho(a)ᵀ = I` and `E rho(a) = rho(a) E` for its endomorphisms;
 * and for each pair of irreps `(psi_m ⊗ psi_n)(a) Q = Q (⊕_j psi_j(a))` with `Q` the orthogonal matrix of
 * Clebsch–Gordan coefficients of `G.tensorProductIrreps`.
 * @throws {@link GroupLawViolation} naming the failing law and the counterexample, inside fast-check's report
 * with the seed.
 */
export function assertGroupLaws(G: Group, options: GroupLawOptions = {}): void {
  const tolerance = options.tolerance ?? FLOAT64_TOLERANCE;
  const params = { ...propertyParameters(options), includeErrorInReport: true };
  const irreps = (options.irreps ?? G.irreps().map((irr) => irr.id)).map((id) => G.irrep(...id));
  const element = arbitraryElement(G);
  const irrepTolerances = { homomorphism: tolerance, orthogonality: tolerance, endomorphisms: tolerance };

  for (const irrep of irreps) checkIrrepAtIdentity(G, irrep);

  fc.assert(
    fc.property(element, element, element, (a, b, c) => {
      checkElementLaws(G, a, b, c, tolerance);
      for (const irrep of irreps) checkIrrepLaws(G, irrep, a, b, irrepTolerances);
    }),
    params,
  );

  if (options.clebschGordan === false) return;
  const decompositions = irreps.flatMap((m) =>
    irreps.map((n) => clebschGordanDecomposition(G, m, n, tolerance)),
  );
  fc.assert(
    fc.property(element, (a) => {
      for (const decomposition of decompositions) checkClebschGordan(G, decomposition, a, tolerance);
    }),
    params,
  );
}
