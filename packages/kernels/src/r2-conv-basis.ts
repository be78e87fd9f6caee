/**
 * The basis of an R² convolution layer (escnn's `R2Conv`): escnn's rules for the rings and the band
 * limit, every block sampled on the k×k grid.
 */
import { checkO2SubgroupId, type O2SubgroupId } from '@steerable/group-theory';
import { computeBasisParams, keepElement, type R2BasisOptions, type R2BasisParams } from './basis-params.js';
import { gridPoints } from './grid.js';
import { actionTables } from './internal/irrep-pair.js';
import { type KernelRepresentation, r2KernelBasisWith } from './kernel-basis.js';
import { assembleLayer, type LayerBasis } from './layer-basis.js';
import { o2SubgroupAction } from './o2-action.js';

/** The R² layer basis: a {@link LayerBasis} on the k×k grid, with its parameters. */
export interface R2LayerBasis extends LayerBasis {
  /** Kernel size k. */
  readonly kernelSize: number;
  /** escnn's filter shape `[out, in, k, k]`. */
  readonly filterShape: readonly [number, number, number, number];
  /** The resolved rings, widths and band limit. */
  readonly params: R2BasisParams;
}

/**
 * The basis of an R² convolution layer (escnn's `R2Conv`) between fields `inReprs` and `outReprs` of
 * the subgroup `sgId` of O(2): rings, widths and band limit from escnn's rules for `kernelSize`,
 * every block sampled on the k×k grid, normalized and ordered as escnn's `BlocksBasisExpansion`, so
 * that escnn's weights give escnn's filters.
 *
 * @see escnn's `R2Conv`, `compute_basis_params`, `BlocksBasisExpansion`.
 * @throws InvalidArgumentError on a bad id, representations, kernel size or options.
 */
export function r2ConvBasis(
  sgId: O2SubgroupId,
  inReprs: readonly KernelRepresentation[],
  outReprs: readonly KernelRepresentation[],
  kernelSize: number,
  options: R2BasisOptions = {},
): R2LayerBasis {
  const fn = 'r2ConvBasis';
  const id = checkO2SubgroupId(fn, sgId);
  const params = computeBasisParams(kernelSize, options);
  const G = actionTables(o2SubgroupAction(id));
  const grid = gridPoints(kernelSize, options.dilation ?? 1);
  const P = kernelSize * kernelSize;
  const N = id[1];
  const layer = assembleLayer(
    fn,
    inReprs,
    outReprs,
    P,
    (irr) => G.irrep(irr)?.dimension ?? 1,
    (inRepr, outRepr) => {
      const basis = r2KernelBasisWith(id, G, inRepr, outRepr, params);
      const which: number[] = [];
      for (const a of basis.attributes) if (keepElement(params, a, N)) which.push(a.index);
      if (which.length === 0) return null;
      const { kept, data } = basis._sampleNormalized(grid, which);
      const attributes = kept.map((k, i) => Object.freeze({ ...basis.attributes[which[k]!]!, index: i }));
      return { sampled: data, attributes };
    },
    ({ inSize, outSize }) => ({
      kernelSize,
      filterShape: Object.freeze([outSize, inSize, kernelSize, kernelSize] as const),
      params,
    }),
  );
  return layer;
}
