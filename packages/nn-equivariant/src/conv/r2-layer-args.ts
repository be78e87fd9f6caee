/**
 * Argument checks and basis construction shared by R2Conv and R2ConvTransposed (escnn's `_RdConv` and
 * `_RdConvTransposed` constructors), with typed errors instead of escnn's assertions.
 */

import type { FieldType } from '@steerable/field-types';
import { GroupMismatchError, InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import { GSpace2D } from '@steerable/gspaces';
import {
  type BasisElementAttributes,
  type FrequencyCutoff,
  type R2LayerBasis,
  r2ConvBasis,
} from '@steerable/kernels';
import { PADDING_MODES, type PaddingMode } from '../ops/spatial-padding.js';
import { groupReprs, positiveInt } from './layer-args.js';

/** The options of escnn's steerable basis shared by the R² layers. */
export interface R2BasisLayerOptions {
  /**
   * Width of each ring where the basis is sampled; one number for all rings.
   * @defaultValue escnn's: 0.6, 0.4 on the outermost ring, 0.005 for the ring at radius 0
   */
  readonly sigma?: number | readonly number[];
  /**
   * Band limit: a factor (the largest frequency on a ring of radius r is factor·r) or a function from a
   * radius to the largest frequency.
   * @defaultValue escnn's manual policy (`_manual_fco1`)
   */
  readonly frequenciesCutoff?: FrequencyCutoff;
  /**
   * Radii of the rings.
   * @defaultValue `ceil(k/2)` rings evenly spaced from 0 to `(k−1)/2`, times the dilation
   */
  readonly rings?: readonly number[];
  /**
   * For finite groups, the number of additional aliased frequencies kept (the offset t of the E(2)-CNN
   * paper). escnn's R2Conv accepts and ignores it; here it filters the basis, so a layer built with it
   * differs from escnn's.
   * @defaultValue none: every frequency the cutoff allows
   */
  readonly maximumOffset?: number;
  /**
   * Keeps a basis element when it returns true for its attributes (escnn's `basis_filter`).
   * @defaultValue keep all
   */
  readonly basisFilter?: (attributes: BasisElementAttributes) => boolean;
  /**
   * Initialize the weights with {@link generalizedHeInit} (escnn's default); with `false` they are zero
   * (e.g. before loading trained weights).
   * @defaultValue true
   */
  readonly initialize?: boolean;
  /**
   * Seed of the initialization.
   * @defaultValue a fresh random seed
   */
  readonly seed?: number;
}

/** escnn's `padding`: an integer or a pair `[height, width]` of non-negative integers. */
export function readPadding(fn: string, value: unknown): [number, number] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (value === undefined) return [0, 0];
  if (ok(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1])) return [value[0], value[1]];
  throw new InvalidArgumentError(fn, 'padding', value, 'must be a non-negative integer or a pair of them');
}

/** escnn's `padding_mode`. */
export function readPaddingMode(fn: string, value: unknown): PaddingMode {
  if (value === undefined) return 'zeros';
  if (!PADDING_MODES.includes(value as PaddingMode)) {
    throw new InvalidArgumentError(fn, 'paddingMode', value, `must be one of ${PADDING_MODES.join(', ')}`);
  }
  return value as PaddingMode;
}

/** Checks that both types live on the same 2D gspace; returns it. */
function checkR2Types(fn: string, inType: FieldType, outType: FieldType): GSpace2D {
  for (const [argument, t] of [
    ['inType', inType],
    ['outType', outType],
  ] as const) {
    if (t == null || !(t.gspace instanceof GSpace2D)) {
      throw new InvalidArgumentError(
        fn,
        argument,
        t?.gspace?.name ?? t,
        'must be a field type on a 2D gspace (rot2dOnR2, flipRot2dOnR2, flip2dOnR2, trivialOnR2)',
      );
    }
  }
  if (!inType.gspace.equals(outType.gspace)) {
    throw new GroupMismatchError(fn, 'outType', inType.gspace.name, outType.gspace.name);
  }
  return inType.gspace as GSpace2D;
}

/** The layer basis (escnn's `BlocksBasisExpansion` of `build_kernel_basis`); throws if empty. */
function buildR2Basis(
  fn: string,
  gspace: GSpace2D,
  inReprs: readonly RepresentationLike[],
  outReprs: readonly RepresentationLike[],
  kernelSize: number,
  dilation: number,
  options: R2BasisLayerOptions,
): R2LayerBasis {
  const basis = r2ConvBasis(gspace.sgId, inReprs, outReprs, kernelSize, {
    dilation,
    ...(options.sigma !== undefined ? { sigma: options.sigma } : {}),
    ...(options.frequenciesCutoff !== undefined ? { frequenciesCutoff: options.frequenciesCutoff } : {}),
    ...(options.rings !== undefined ? { rings: options.rings } : {}),
    ...(options.maximumOffset !== undefined ? { maximumOffset: options.maximumOffset } : {}),
    ...(options.basisFilter !== undefined ? { basisFilter: options.basisFilter } : {}),
  });
  if (basis.dimension === 0) {
    throw new InvalidArgumentError(
      fn,
      'kernelSize',
      kernelSize,
      'gives an empty steerable basis for these field types: tune frequenciesCutoff, kernelSize, rings, sigma or basisFilter',
    );
  }
  return basis;
}

/** The geometry and basis of an R² steerable layer, checked. */
export interface R2LayerArgs {
  readonly kernelSize: number;
  readonly padding: readonly [number, number];
  readonly stride: number;
  readonly dilation: number;
  readonly groups: number;
  readonly basis: R2LayerBasis;
}

/** The options every R² steerable layer reads besides the basis's. */
export interface R2GeometryOptions extends R2BasisLayerOptions {
  readonly padding?: number | readonly [number, number];
  readonly stride?: number;
  readonly dilation?: number;
  readonly groups?: number;
}

/**
 * Checks the field types and the geometry of an R² steerable layer and builds its basis between one of the
 * `groups` groups of fields of the `grouped` side and all fields of the other (escnn's `_RdConv` splits the
 * input, `_RdConvTransposed` the output). `extra` reads a layer's own options after the geometry.
 * @throws InvalidArgumentError for a bad kernel size or option, field types that are not on a 2D gspace,
 *   groups that do not split the fields, or an empty basis; GroupMismatchError for field types of different
 *   gspaces.
 */
export function readR2LayerArgs(
  fn: string,
  inType: FieldType,
  outType: FieldType,
  kernelSize: number,
  options: R2GeometryOptions,
  grouped: 'inType' | 'outType',
  extra: (geometry: { readonly stride: number }) => void = () => {},
): R2LayerArgs {
  const gspace = checkR2Types(fn, inType, outType);
  const k = positiveInt(fn, 'kernelSize', kernelSize, 1);
  const padding = Object.freeze(readPadding(fn, options.padding));
  const stride = positiveInt(fn, 'stride', options.stride, 1);
  const dilation = positiveInt(fn, 'dilation', options.dilation, 1);
  extra({ stride });
  const groups = positiveInt(fn, 'groups', options.groups, 1);
  const other = grouped === 'inType' ? 'outType' : 'inType';
  groupReprs(fn, other, other === 'inType' ? inType : outType, groups);
  const split = groupReprs(fn, grouped, grouped === 'inType' ? inType : outType, groups);
  const [inReprs, outReprs] =
    grouped === 'inType' ? [split, outType.representations] : [inType.representations, split];
  const basis = buildR2Basis(fn, gspace, inReprs, outReprs, k, dilation, options);
  return { kernelSize: k, padding, stride, dilation, groups, basis };
}
