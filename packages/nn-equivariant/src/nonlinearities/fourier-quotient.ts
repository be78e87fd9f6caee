/**
 * Fourier nonlinearities on a quotient space `G/H`: fields are band-limited functions on `G/H` (functions on
 * `G` constant on the cosets `gH`) given by their Fourier coefficients.
 */

import { FieldType } from '@steerable/field-types';
import { type Group, InvalidArgumentError, type IrrepId } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import { HomSpace, spectralQuotientRepresentation } from '@steerable/representations';
import type { Matrix } from 'ml-matrix';
import { checkChannels, checkGSpace } from '../internal/validation.js';
import {
  type FourierCommonOptions,
  FourierSampledModule,
  idKey,
  pseudoInverse,
  readGrid,
  readIrreps,
  samplingMatrix,
} from './fourier-core.js';

/** Options of {@link QuotientFourierPointwise}: the grid (escnn's `grid` or `grid_args`) and escnn's keywords. */
export type QuotientFourierPointwiseOptions = FourierCommonOptions;

/** Options of {@link QuotientFourierELU}: those of {@link QuotientFourierPointwise} without `function`. */
export type QuotientFourierELUOptions = Omit<FourierCommonOptions, 'function'>;

/**
 * escnn's `_build_kernel` of the quotient module: for each irrep `ρ`, the Fourier transform of the Dirac delta at
 * the coset `H` ({@link HomSpace.diracKernelFt} with the trivial irrep of `H`), its `m` copies one after the other:
 * the coefficients, in `spectralQuotientRepresentation`'s basis, of the function on `G/H` peaked at `eH`.
 */
export function quotientKernel(G: Group, subgroupId: unknown, irreps: readonly IrrepId[]): Float64Array {
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
    const gs = checkGSpace(fn, gspace);
    const C = checkChannels(fn, channels);
    const G = gs.fibergroup;
    const ids = readIrreps(fn, 'irreps', G, irreps);
    const outIds = options.outIrreps === undefined ? ids : readIrreps(fn, 'outIrreps', G, options.outIrreps);
    const rho = spectralQuotientRepresentation(G, subgroupId, ids);
    const rhoOut =
      options.outIrreps === undefined ? rho : spectralQuotientRepresentation(G, subgroupId, outIds);
    const grid = readGrid(fn, G, options);
    const normalize = options.normalize ?? true;
    if (typeof normalize !== 'boolean') {
      throw new InvalidArgumentError(fn, 'normalize', normalize, 'must be a boolean');
    }
    const A = samplingMatrix(rho, quotientKernel(G, subgroupId, ids), grid, normalize);
    let aOut: Matrix = A;
    if (options.outIrreps !== undefined) {
      const outKeys = new Set(outIds.map(idKey));
      const seen = new Set<string>();
      const missing = ids.filter((id) => {
        const k = idKey(id);
        if (outKeys.has(k) || seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      const all = [...outIds, ...missing];
      const extended = spectralQuotientRepresentation(G, subgroupId, all);
      aOut = samplingMatrix(extended, quotientKernel(G, subgroupId, all), grid, normalize);
    }
    super(fn, {
      inType: new FieldType(gs, Array(C).fill(rho)),
      outType: new FieldType(gs, Array(C).fill(rhoOut)),
      channels: C,
      grid,
      A,
      Ainv: pseudoInverse(aOut, rhoOut.size),
      options,
    });
    this.subgroupId = subgroupId;
    this.irreps = Object.freeze(ids);
    this.outIrreps = Object.freeze(outIds);
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
