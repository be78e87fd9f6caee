/**
 * Argument checks and basis construction of the steerable convolution on R³ (escnn's `_RdConv` constructor with
 * `d = 3` and `R3Conv`'s basis options), with typed errors instead of escnn's assertions.
 */

import type { FieldType } from '@steerable/field-types';
import { GroupMismatchError, InvalidArgumentError } from '@steerable/group-theory';
import { GSpace3D } from '@steerable/gspaces';
import {
  type BasisElementAttributes,
  type FrequencyCutoff,
  type O3SubgroupId,
  type R3CutoffPolicy,
  type R3LayerBasis,
  r3ConvBasis,
} from '@steerable/kernels';
import { groupReprs, positiveInt } from './layer-args.js';

/** The options of escnn's steerable basis of an R³ layer (escnn's `R3Conv` keyword arguments). */
export interface R3BasisLayerOptions {
  /**
   * Width of each Gaussian shell where the basis is sampled; one number for all shells.
   * @defaultValue escnn's: 0.6, 0.4 on the outermost shell, 0.005 for the shell at radius 0
   */
  readonly sigma?: number | readonly number[];
  /**
   * Band limit: a factor (the largest spherical-harmonic degree on a shell of radius r is factor·r), a function
   * from a radius to the largest degree, or one of escnn's manual policies.
   * @defaultValue escnn's `'default1'`: `min(2r, ⌊k/2⌋ − r + 2)`
   */
  readonly frequenciesCutoff?: FrequencyCutoff | R3CutoffPolicy;
  /**
   * Radii of the shells.
   * @defaultValue `ceil(k/2)` radii evenly spaced from 0 to `⌊(k−1)/2⌋`, times the dilation
   */
  readonly rings?: readonly number[];
  /**
   * Keeps a basis element when it returns true for its attributes (escnn's `basis_filter`).
   * @defaultValue keep all
   */
  readonly basisFilter?: (attributes: BasisElementAttributes) => boolean;
  /**
   * Initialize the weights with escnn's generalized He initialization; with `false` they are zero (e.g. before
   * loading trained weights).
   * @defaultValue true
   */
  readonly initialize?: boolean;
  /** Seed of the initialization. @defaultValue a fresh random seed */
  readonly seed?: number;
}

/** escnn's `padding` of a 3D convolution: an integer or a triple `[depth, height, width]` of them, ≥ 0. */
function readPadding3d(fn: string, value: unknown): [number, number, number] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (value === undefined) return [0, 0, 0];
  if (ok(value)) return [value, value, value];
  if (Array.isArray(value) && value.length === 3 && value.every(ok)) return [value[0]!, value[1]!, value[2]!];
  throw new InvalidArgumentError(fn, 'padding', value, 'must be a non-negative integer or a triple of them');
}

/** Checks that both types live on the same R³ gspace; returns it. */
function checkR3Types(fn: string, inType: FieldType, outType: FieldType): GSpace3D {
  for (const [argument, t] of [
    ['inType', inType],
    ['outType', outType],
  ] as const) {
    if (t == null || !(t.gspace instanceof GSpace3D)) {
      throw new InvalidArgumentError(
        fn,
        argument,
        t?.gspace?.name ?? t,
        'must be a field type on an R³ gspace (rot3dOnR3, flipRot3dOnR3, octaOnR3, icoOnR3, ...)',
      );
    }
  }
  if (!inType.gspace.equals(outType.gspace)) {
    throw new GroupMismatchError(fn, 'outType', inType.gspace.name, outType.gspace.name);
  }
  return inType.gspace as GSpace3D;
}

/** The geometry and basis of an R³ steerable layer, checked. */
export interface R3LayerArgs {
  readonly kernelSize: number;
  readonly padding: readonly [number, number, number];
  readonly stride: number;
  readonly dilation: number;
  readonly groups: number;
  readonly basis: R3LayerBasis;
}

/** The options an R³ steerable layer reads besides the basis's. */
export interface R3GeometryOptions extends R3BasisLayerOptions {
  readonly padding?: number | readonly [number, number, number];
  readonly stride?: number;
  readonly dilation?: number;
  readonly groups?: number;
}

/**
 * Checks the field types and the geometry of an R³ steerable layer and builds its basis between one of the
 * `groups` groups of input fields and all output fields (escnn's `_RdConv`). `extra` reads the layer's own
 * options after the geometry.
 * @throws InvalidArgumentError for a bad kernel size or option, field types that are not on an R³ gspace,
 *   groups that do not split the fields, or an empty basis; GroupMismatchError for field types of different
 *   gspaces.
 */
export function readR3LayerArgs(
  fn: string,
  inType: FieldType,
  outType: FieldType,
  kernelSize: number,
  options: R3GeometryOptions,
  extra: () => void = () => {},
): R3LayerArgs {
  const gspace = checkR3Types(fn, inType, outType);
  const k = positiveInt(fn, 'kernelSize', kernelSize, 1);
  const padding = Object.freeze(readPadding3d(fn, options.padding));
  const stride = positiveInt(fn, 'stride', options.stride, 1);
  const dilation = positiveInt(fn, 'dilation', options.dilation, 1);
  extra();
  const groups = positiveInt(fn, 'groups', options.groups, 1);
  groupReprs(fn, 'outType', outType, groups);
  const inReprs = groupReprs(fn, 'inType', inType, groups);
  let basis: R3LayerBasis;
  try {
    basis = r3ConvBasis(gspace.sgId as O3SubgroupId, inReprs, outType.representations, k, {
      dilation,
      ...(options.sigma !== undefined ? { sigma: options.sigma } : {}),
      ...(options.frequenciesCutoff !== undefined ? { frequenciesCutoff: options.frequenciesCutoff } : {}),
      ...(options.rings !== undefined ? { rings: options.rings } : {}),
      ...(options.basisFilter !== undefined ? { basisFilter: options.basisFilter } : {}),
    });
  } catch (e) {
    // kernels names its own argument; an empty basis is a property of this layer's arguments
    if (e instanceof InvalidArgumentError && /non-empty basis/.test(e.message)) {
      throw new InvalidArgumentError(
        fn,
        'kernelSize',
        k,
        'gives an empty steerable basis for these field types: tune frequenciesCutoff, kernelSize, rings, sigma or basisFilter',
      );
    }
    throw e;
  }
  return { kernelSize: k, padding, stride, dilation, groups, basis };
}
