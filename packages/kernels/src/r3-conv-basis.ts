/**
 * The basis of an R³ convolution layer (escnn's `R3Conv`) for a subgroup of O(3): escnn's rules for the shells
 * and the band limit, every block sampled on the k×k×k voxel grid.
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import type { KernelRepresentation } from './kernel-basis.js';
import { assembleLayer, type LayerBasis } from './layer-basis.js';
import { type O3SubgroupId, o3SubgroupAction } from './o3-action.js';
import {
  computeR3BasisParams,
  gridPoints3d,
  keepR3Element,
  type R3BasisOptions,
  type R3BasisParams,
} from './r3-basis-params.js';
import { r3ActionTables, r3KernelBasisWith, subgroupAction } from './r3-kernel-basis.js';

/** The R³ layer basis: a {@link LayerBasis} on the k×k×k grid (points `[z][y][x]`), with its parameters. */
export interface R3LayerBasis extends LayerBasis {
  /** Kernel size k. */
  readonly kernelSize: number;
  /** escnn's filter shape `[out, in, k, k, k]`. */
  readonly filterShape: readonly [number, number, number, number, number];
  /** The resolved shells, widths and band limit. */
  readonly params: R3BasisParams;
}

/**
 * The basis of an R³ convolution layer (escnn's `R3Conv` on the `GSpace3D` of the subgroup `sgId` of O(3):
 * `'so3'` for `rot3dOnR3()`, `'o3'` for `flipRot3dOnR3()`, `[false, 'octa']` for `octaOnR3()`, ...) between
 * fields `inReprs` and `outReprs` of that subgroup (see {@link o3SubgroupAction}): shells, widths and band limit
 * from escnn's rules for `kernelSize`, every block sampled on escnn's voxel grid ({@link gridPoints3d}),
 * normalized and ordered as escnn's `BlocksBasisExpansion`, so that escnn's weights give escnn's filters.
 *
 * @see escnn's `R3Conv`, `compute_basis_params`, `BlocksBasisExpansion`.
 * @throws InvalidArgumentError on a bad id, representations, kernel size or options, or an empty basis
 * (escnn refuses such a layer).
 */
export function r3ConvBasis(
  sgId: O3SubgroupId,
  inReprs: readonly KernelRepresentation[],
  outReprs: readonly KernelRepresentation[],
  kernelSize: number,
  options: R3BasisOptions = {},
): R3LayerBasis {
  const fn = 'r3ConvBasis';
  const action = subgroupAction(fn, sgId);
  const params = computeR3BasisParams(kernelSize, options);
  const G = r3ActionTables(fn, action, params.maximumFrequency);
  const grid = gridPoints3d(kernelSize, options.dilation ?? 1);
  const P = kernelSize ** 3;
  const layer = assembleLayer(
    fn,
    inReprs,
    outReprs,
    P,
    (irr) => G.irrep(irr)?.dimension ?? 1,
    (inRepr, outRepr) => {
      const basis = r3KernelBasisWith(G, inRepr, outRepr, params);
      const which: number[] = [];
      for (const a of basis.attributes) if (keepR3Element(params, a)) which.push(a.index);
      if (which.length === 0) return null;
      const { kept, data } = basis._sampleNormalized(grid, which);
      const attributes = kept.map((k, i) => Object.freeze({ ...basis.attributes[which[k]!]!, index: i }));
      return { sampled: data, attributes };
    },
    ({ inSize, outSize }) => ({
      kernelSize,
      filterShape: Object.freeze([outSize, inSize, kernelSize, kernelSize, kernelSize] as const),
      params,
    }),
  );
  if (layer.dimension === 0) {
    throw new InvalidArgumentError(
      fn,
      'outReprs',
      outReprs.map((r) => r.name),
      'must admit a non-empty basis of steerable filters with these inputs, kernel size and band limit',
    );
  }
  return layer;
}
