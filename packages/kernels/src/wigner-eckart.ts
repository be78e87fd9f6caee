/**
 * The Wigner–Eckart kernel solver for one pair of irreps of a planar group G ≤ O(2), exposed on its own
 * (escnn's `WignerEckartBasis` for O(2), `RestrictedWignerEckartBasis` for its subgroups).
 */
import {
  checkO2SubgroupId,
  InvalidArgumentError,
  type IrrepId,
  type O2SubgroupId,
} from '@steerable/group-theory';
import { actionTables, solveIrrepPair } from './internal/irrep-pair.js';
import { o2SubgroupAction } from './o2-action.js';

/**
 * One angular solution of the kernel constraint: the kernel
 * `κ(r, φ) = Σ_y C[o][i][y] · Y_l(φ)[y]` with `Y_0 = 1` and `Y_l = (cos l(φ − phase), sin l(φ − phase))`,
 * to be multiplied by any radial profile.
 */
export interface AngularSolution {
  /** O(2) id of the circular harmonic `[0, 0]` or `[1, l]` (escnn's `j`). */
  readonly harmonic: readonly [number, number];
  /** The G-irrep of ψ_in ⊗ ψ_out it goes through (escnn's `_j`). */
  readonly subgroupIrrep: IrrepId;
  /** Index of the endomorphism (escnn's `k`). */
  readonly endomorphism: number;
  /** Index of the copy of the G-irrep in ψ_in ⊗ ψ_out (escnn's `s`). */
  readonly multiplicity: number;
  /** Index of the copy of the G-irrep in the restricted harmonic (escnn's `t`). */
  readonly copy: number;
  /** Coefficients `[out][in][y]`, y over the harmonic's 1 or 2 components (a fresh array). */
  readonly coefficients: Float64Array;
}

/** The solutions for one pair of irreps, in escnn's order. */
export interface IrrepPairBasis {
  /** The phase of the harmonics (π/2 for rotation groups, the axis for O(2), 0 for other subgroups). */
  readonly phase: number;
  /** Output and input irrep sizes. */
  readonly outSize: number;
  /** Input irrep size. */
  readonly inSize: number;
  /** Solutions ordered by harmonic frequency, then G-irrep, endomorphism, multiplicity, copy. */
  readonly solutions: readonly AngularSolution[];
}

/**
 * Solves κ(g·x) = ψ_out(g) κ(x) ψ_in(g)⁻¹ for the irreps `inIrrep`, `outIrrep` of the subgroup `sgId` of O(2),
 * over circular harmonics up to frequency `maximumFrequency`: by the Wigner–Eckart theorem every solution is
 * `CG · E · Q⁻¹ · Y_l` for a G-irrep J of ψ_in ⊗ ψ_out, an endomorphism E of J and a copy of J in the
 * restriction of the harmonic Y_l to G (Thm 2.1 and Eq. 5 of "A Program to Build E(N)-Equivariant Steerable
 * CNNs", Cesa, Lang, Weiler 2022).
 *
 * @see escnn's `WignerEckartBasis`, `RestrictedWignerEckartBasis`.
 * @throws InvalidArgumentError for a bad id, irreps the group does not have, or a negative frequency.
 */
export function irrepPairBasis(
  sgId: O2SubgroupId,
  inIrrep: IrrepId,
  outIrrep: IrrepId,
  maximumFrequency: number,
): IrrepPairBasis {
  const fn = 'irrepPairBasis';
  const id = checkO2SubgroupId(fn, sgId);
  const action = o2SubgroupAction(id);
  const G = actionTables(action);
  for (const [argument, irr] of [
    ['inIrrep', inIrrep],
    ['outIrrep', outIrrep],
  ] as const) {
    if (!Array.isArray(irr) || !G.irrep(irr)) {
      throw new InvalidArgumentError(fn, argument, irr, 'must be the id of an irrep of the group');
    }
  }
  if (!Number.isInteger(maximumFrequency) || maximumFrequency < 0) {
    throw new InvalidArgumentError(fn, 'maximumFrequency', maximumFrequency, 'must be an integer ≥ 0');
  }
  const sol = solveIrrepPair(G, inIrrep, outIrrep, maximumFrequency);
  const solutions: AngularSolution[] = [];
  sol.byHarmonic.forEach((list, l) => {
    for (const el of list) {
      solutions.push(
        Object.freeze({
          harmonic: Object.freeze([l > 0 ? 1 : 0, l] as const),
          subgroupIrrep: el.subgroupIrrep,
          endomorphism: el.k,
          multiplicity: el.s,
          copy: el.t,
          coefficients: el.coeff.slice(),
        }),
      );
    }
  });
  return Object.freeze({
    phase: action.phase,
    outSize: sol.outSize,
    inSize: sol.inSize,
    solutions: Object.freeze(solutions),
  });
}
