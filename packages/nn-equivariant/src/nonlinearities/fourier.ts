import type { Group, IrrepId } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import { spectralRegularRepresentation } from '@steerable/representations';
import { type FourierCommonOptions, FourierSampledModule, fourierArgs } from './fourier-core.js';

/** Options of {@link FourierPointwise}: the grid (escnn's `grid_args`) and escnn's keyword arguments. */
export type FourierPointwiseOptions = FourierCommonOptions;

/** Options of {@link FourierELU}: those of {@link FourierPointwise} without `function`. */
export type FourierELUOptions = Omit<FourierCommonOptions, 'function'>;

/**
 * escnn's `_build_kernel`: for each irrep `ψ` (size `d`, `s` endomorphisms), the first `d/s` columns of
 * `√d · ψ(e)` (unit vectors), each a copy of `ψ` in the band-limited regular representation. The sampled
 * function `g ↦ (ρ(g) k)` then has, per copy, the matrix coefficients of `ψ(g)`: the inverse Fourier transform.
 */
function regularKernel(G: Group, irreps: readonly IrrepId[]): Float64Array {
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
    const {
      args,
      irreps: ids,
      outIrreps,
    } = fourierArgs(fn, gspace, channels, irreps, options, (G) => ({
      representation: (ids) => spectralRegularRepresentation(G, ids),
      kernel: (ids) => regularKernel(G, ids),
    }));
    super(fn, args);
    this.irreps = ids;
    this.outIrreps = outIrreps;
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
