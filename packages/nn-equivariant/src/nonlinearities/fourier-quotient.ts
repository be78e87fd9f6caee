import type { Group, IrrepId } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import { HomSpace, spectralQuotientRepresentation } from '@steerable/representations';
import { type FourierCommonOptions, FourierSampledModule, fourierArgs } from './fourier-core.js';

/** Options of {@link QuotientFourierPointwise}: the grid (escnn's `grid` or `grid_args`) and escnn's keywords. */
export type QuotientFourierPointwiseOptions = FourierCommonOptions;

/** Options of {@link QuotientFourierELU}: those of {@link QuotientFourierPointwise} without `function`. */
export type QuotientFourierELUOptions = Omit<FourierCommonOptions, 'function'>;

/**
 * escnn's `_build_kernel` of the quotient module: for each irrep `ρ`, the Fourier transform of the Dirac delta at
 * the coset `H` ({@link HomSpace.diracKernelFt} with the trivial irrep of `H`), its `m` copies one after the other:
 * the coefficients, in `spectralQuotientRepresentation`'s basis, of the function on `G/H` peaked at `eH`.
 */
function quotientKernel(G: Group, subgroupId: unknown, irreps: readonly IrrepId[]): Float64Array {
  const X = new HomSpace(G, subgroupId);
  const out: number[] = [];
  for (const id of irreps) {
    const b = X.diracKernelFt(G.irrep(...id), X.H.trivialRepresentation);
    const m = b[0]?.length ?? 0;
    for (let j = 0; j < m; j++) for (let o = 0; o < b.length; o++) out.push(b[o]![j]![0]!);
  }
  return Float64Array.from(out);
}

/**
 * Fourier-based pointwise nonlinearity on the quotient space `X = G/H` (escnn's `QuotientFourierPointwise`):
 * each of the `channels` fields holds the Fourier coefficients of a band-limited function on `X` (a field of
 * `spectralQuotientRepresentation(G, subgroupId, irreps)`); the module samples it at the grid points `g_i H`,
 * applies `σ` and transforms back, `y = A⁺ σ(A x̂)` with `A_i = (ρ(g_i) k)ᵀ` and `A⁺ = (AᵀA + 10⁻⁸ I)⁻¹ Aᵀ`.
 *
 * A grid on `G` projects to a grid on `X`; elements in the same coset are redundant, so escnn advises a grid
 * built directly on `X` (pass it as `grid`, e.g. the rotations by `2πi/(nN)` for SO(2)/C_n). Only
 * approximately equivariant on continuous groups, exactly when the grid is invariant under the element.
 *
 * @see escnn's `escnn.nn.QuotientFourierPointwise`
 */
export class QuotientFourierPointwise extends FourierSampledModule {
  /** escnn's id of the subgroup `H`. */
  readonly subgroupId: unknown;
  /** The input irreps. */
  readonly irreps: readonly IrrepId[];
  /** The output irreps. */
  readonly outIrreps: readonly IrrepId[];

  /**
   * @param gspace - the gspace; the Fourier transform is over its fiber group `G`.
   * @param subgroupId - escnn's id of the subgroup `H` of `G` (e.g. `2` for C_2 in SO(2), `[null, -1]` for SO(2)
   *   in O(2)).
   * @param channels - the number of fields.
   * @param irreps - ids of the irreps of the band-limited quotient representation.
   * @throws InvalidArgumentError for a bad gspace, channel count, irrep list (none occurring in `L²(G/H)`), grid
   *   or function; UnknownSubgroupError for an unknown subgroup id.
   */
  constructor(
    gspace: GSpace,
    subgroupId: unknown,
    channels: number,
    irreps: readonly IrrepId[],
    options: QuotientFourierPointwiseOptions = {},
  ) {
    const fn = new.target.name;
    const {
      args,
      irreps: ids,
      outIrreps,
    } = fourierArgs(fn, gspace, channels, irreps, options, (G) => ({
      representation: (ids) => spectralQuotientRepresentation(G, subgroupId, ids),
      kernel: (ids) => quotientKernel(G, subgroupId, ids),
    }));
    super(fn, args);
    this.subgroupId = subgroupId;
    this.irreps = ids;
    this.outIrreps = outIrreps;
  }
}

/**
 * {@link QuotientFourierPointwise} with the ELU (escnn's `QuotientFourierELU`).
 *
 * @see escnn's `escnn.nn.QuotientFourierELU`
 */
export class QuotientFourierELU extends QuotientFourierPointwise {
  /**
   * @param gspace - the gspace; the Fourier transform is over its fiber group.
   * @param subgroupId - escnn's id of the subgroup `H`.
   * @param channels - the number of fields.
   * @param irreps - ids of the irreps of the band-limited quotient representation.
   * @throws InvalidArgumentError as {@link QuotientFourierPointwise}.
   */
  constructor(
    gspace: GSpace,
    subgroupId: unknown,
    channels: number,
    irreps: readonly IrrepId[],
    options: QuotientFourierELUOptions = {},
  ) {
    super(gspace, subgroupId, channels, irreps, { ...options, function: 'p_elu' });
  }
}
