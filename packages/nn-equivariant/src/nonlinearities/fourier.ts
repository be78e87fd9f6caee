/**
 * Fourier nonlinearities on the group: fields are band-limited functions on `G` given by their Fourier
 * coefficients; the nonlinearity is applied to their samples on a grid of group elements.
 */

import { FieldType } from '@steerable/field-types';
import { type Group, InvalidArgumentError, type IrrepId } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import { spectralRegularRepresentation } from '@steerable/representations';
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

/** Options of {@link FourierPointwise}: the grid (escnn's `grid_args`) and escnn's keyword arguments. */
export type FourierPointwiseOptions = FourierCommonOptions;

/** Options of {@link FourierELU}: those of {@link FourierPointwise} without `function`. */
export type FourierELUOptions = Omit<FourierCommonOptions, 'function'>;

/**
 * escnn's `_build_kernel`: for each irrep `ψ` (size `d`, `s` endomorphisms), the first `d/s` columns of
 * `√d · ψ(e)` (unit vectors), each a copy of `ψ` in the band-limited regular representation. The sampled
 * function `g ↦ (ρ(g) k)` then has, per copy, the matrix coefficients of `ψ(g)`: the inverse Fourier transform.
 */
export function regularKernel(G: Group, irreps: readonly IrrepId[]): Float64Array {
  const out: number[] = [];
  for (const id of irreps) {
    const irr = G.irrep(...id);
    const d = irr.size;
    const c = Math.round(d / irr.endomorphismBasis().length);
    for (let j = 0; j < c; j++) for (let i = 0; i < d; i++) out.push(i === j ? Math.sqrt(d) : 0);
  }
  return Float64Array.from(out);
}

/**
 * Fourier-based pointwise nonlinearity (escnn's `FourierPointwise`): each of the `channels` fields is the
 * vector of Fourier coefficients `x̂` of a band-limited function on `G = gspace.fibergroup` (a field of
 * `spectralRegularRepresentation(G, irreps)`); the module samples it on a grid, `x(g_i) = (A x̂)_i` with
 * `A_i = (ρ(g_i) k)ᵀ`, applies `σ` there and transforms back with `A⁺ = (AᵀA + 10⁻⁸ I)⁻¹ Aᵀ`:
 * `y = A⁺ σ(A x̂)`. With `outIrreps` the output has another band limit (escnn solves the least-squares
 * projection with the input's missing irreps included, then keeps the output's rows).
 *
 * Exactly equivariant when the grid is a subgroup containing the transforming element (e.g. the whole
 * finite group with a 'regular' grid); on SO(2)/O(2), or with a coarser grid, only approximately, the error
 * depending on the grid size, `σ` and the band limit (as in escnn).
 *
 * @see escnn's `escnn.nn.FourierPointwise`
 */
export class FourierPointwise extends FourierSampledModule {
  /** The input irreps (escnn's `irreps`). */
  readonly irreps: readonly IrrepId[];
  /** The output irreps (escnn's `out_irreps`, or the input's). */
  readonly outIrreps: readonly IrrepId[];

  /**
   * @param gspace - the gspace; the Fourier transform is over its fiber group.
   * @param channels - the number of fields.
   * @param irreps - ids of the irreps of the band-limited regular representation (e.g. `G.blIrreps(L)`).
   * @throws InvalidArgumentError for a bad gspace, channel count, irrep id, grid or function.
   */
  constructor(
    gspace: GSpace,
    channels: number,
    irreps: readonly IrrepId[],
    options: FourierPointwiseOptions = {},
  ) {
    const fn = new.target.name;
    const gs = checkGSpace(fn, gspace);
    const C = checkChannels(fn, channels);
    const G = gs.fibergroup;
    const ids = readIrreps(fn, 'irreps', G, irreps);
    const outIds = options.outIrreps === undefined ? ids : readIrreps(fn, 'outIrreps', G, options.outIrreps);
    const rho = spectralRegularRepresentation(G, ids);
    const rhoOut = options.outIrreps === undefined ? rho : spectralRegularRepresentation(G, outIds);
    const grid = readGrid(fn, G, options);
    const normalize = options.normalize ?? true;
    if (typeof normalize !== 'boolean') {
      throw new InvalidArgumentError(fn, 'normalize', normalize, 'must be a boolean');
    }
    const A = samplingMatrix(rho, regularKernel(G, ids), grid, normalize);
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
      const extended = spectralRegularRepresentation(G, all);
      aOut = samplingMatrix(extended, regularKernel(G, all), grid, normalize);
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
    this.irreps = Object.freeze(ids);
    this.outIrreps = Object.freeze(outIds);
  }
}

/**
 * {@link FourierPointwise} with the ELU (escnn's `FourierELU`): `y = A⁺ ELU(A x̂)`.
 *
 * @see escnn's `escnn.nn.FourierELU`
 */
export class FourierELU extends FourierPointwise {
  /**
   * @param gspace - the gspace; the Fourier transform is over its fiber group.
   * @param channels - the number of fields.
   * @param irreps - ids of the irreps of the band-limited regular representation.
   * @throws InvalidArgumentError as {@link FourierPointwise}.
   */
  constructor(gspace: GSpace, channels: number, irreps: readonly IrrepId[], options: FourierELUOptions = {}) {
    super(gspace, channels, irreps, { ...options, function: 'p_elu' });
  }
}
