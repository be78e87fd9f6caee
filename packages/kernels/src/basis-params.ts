/**
 * escnn's rules for the radial rings, their widths and the band limit of a k×k steerable filter
 * (`escnn.nn.modules.conv.r2convolution.compute_basis_params`).
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import type { BasisElementAttributes } from './kernel-basis.js';

/** A frequency cutoff: a factor (max frequency = factor · radius) or a function radius → max frequency. */
export type FrequencyCutoff = number | ((radius: number) => number);

/** Options shared by every R² basis builder; all default to escnn's R2Conv defaults. */
export interface R2BasisOptions {
  /**
   * Widths of the Gaussian rings, one per ring, or a single width for all.
   * @defaultValue 0.6 for every ring but the last (0.4), and 0.005 for the ring at radius 0.
   */
  readonly sigma?: number | readonly number[];
  /**
   * The band limit: the largest circular-harmonic frequency kept on a ring of radius r. A number f
   * means `f · r`; a function maps r to the maximum frequency.
   * @defaultValue escnn's manual policy (`_manual_fco1`): 0 at the origin, then `min(2r, 2r − (r+1) mod 2)`,
   * and 2 on the outermost ring.
   */
  readonly frequenciesCutoff?: FrequencyCutoff;
  /**
   * Radii of the rings.
   * @defaultValue `ceil(k/2)` rings evenly spaced from 0 to `(k−1)/2` (times the dilation).
   */
  readonly rings?: readonly number[];
  /**
   * Extra predicate on the attributes of each basis element (escnn's `basis_filter`): an element is
   * kept when it returns true and the band limit allows it.
   * @defaultValue none
   */
  readonly basisFilter?: (attributes: BasisElementAttributes) => boolean;
  /**
   * Dilation of the filter: the grid spacing, which scales the rings.
   * @defaultValue 1
   */
  readonly dilation?: number;
  /**
   * For finite groups: keep only basis elements whose circular frequency is within `maximumOffset · N`
   * of the subgroup irrep's frequency (the offset t of the E(2)-CNN paper's Tables 11–12).
   * escnn's R2Conv accepts this argument but does not use it.
   * @defaultValue none (every frequency allowed by the band limit)
   */
  readonly maximumOffset?: number;
}

/** The resolved parameters of an R² basis. */
export interface R2BasisParams {
  /** Radii of the rings. */
  readonly rings: readonly number[];
  /** Width of each ring. */
  readonly sigma: readonly number[];
  /** Largest circular-harmonic frequency of the basis (escnn's `maximum_frequency`). */
  readonly maximumFrequency: number;
  /** Largest frequency allowed on a ring of the given radius. */
  readonly frequencyCutoff: (radius: number) => number;
  /** The user's extra filter, if any. */
  readonly basisFilter?: (attributes: BasisElementAttributes) => boolean;
  /** See {@link R2BasisOptions.maximumOffset}. */
  readonly maximumOffset?: number;
}

/** escnn's `_manual_fco1(max_radius)`: 0 at the origin, 2 on the outer ring, else `min(2r, 2r − (r+1) mod 2)`. */
function manualCutoff(maxRadius: number): (r: number) => number {
  return (r) => {
    if (r === 0) return 0;
    return Math.min(2 * r, r === maxRadius ? 2 : 2 * r - ((((r + 1) % 2) + 2) % 2));
  };
}

/**
 * Resolves the rings, widths and band limit of a k×k filter as escnn's R2Conv does.
 *
 * Rings: `ceil(k/2)` radii `linspace(0, floor((k−1)/2), ceil(k/2)) · dilation`; widths 0.6 (0.4 for the
 * last ring, 0.005 for radius 0); band limit `_manual_fco1(floor(k/2))`; maximum frequency
 * `floor(max_r cutoff(r))`.
 *
 * @see escnn's `compute_basis_params`.
 * @throws InvalidArgumentError on a bad kernel size, ring, width or cutoff.
 */
export function computeBasisParams(kernelSize: number, options: R2BasisOptions = {}): R2BasisParams {
  const fn = 'computeBasisParams';
  if (!Number.isInteger(kernelSize) || kernelSize < 1) {
    throw new InvalidArgumentError(fn, 'kernelSize', kernelSize, 'must be a positive integer');
  }
  const dilation = options.dilation ?? 1;
  if (!Number.isInteger(dilation) || dilation < 1) {
    throw new InvalidArgumentError(fn, 'dilation', dilation, 'must be a positive integer');
  }
  const width = (dilation * (kernelSize - 1)) / 2;
  const maxRadius = width * Math.SQRT2;
  let rings: number[];
  if (options.rings === undefined) {
    const n = Math.ceil(kernelSize / 2);
    const end = Math.floor((kernelSize - 1) / 2);
    // torch.linspace in float32, as escnn
    rings = Array.from({ length: n }, (_, i) => Math.fround(n === 1 ? 0 : (end * i) / (n - 1)) * dilation);
  } else {
    rings = [...options.rings];
    if (
      rings.length === 0 ||
      rings.some((r) => typeof r !== 'number' || !(r >= 0 && r <= maxRadius + 1e-12))
    ) {
      throw new InvalidArgumentError(fn, 'rings', options.rings, `must be radii in [0, ${maxRadius}]`);
    }
  }
  let sigma: number[];
  if (options.sigma === undefined) {
    sigma = rings.map((r, i) => (r === 0 ? 0.005 : i === rings.length - 1 ? 0.4 : 0.6));
  } else if (typeof options.sigma === 'number') {
    sigma = rings.map(() => options.sigma as number);
  } else {
    sigma = [...options.sigma];
  }
  if (sigma.length !== rings.length || sigma.some((s) => typeof s !== 'number' || !(s > 0))) {
    throw new InvalidArgumentError(
      fn,
      'sigma',
      options.sigma,
      `must be positive widths, one per ring (${rings.length})`,
    );
  }
  const fco = options.frequenciesCutoff;
  let cutoff: (r: number) => number;
  if (fco === undefined) cutoff = manualCutoff(Math.floor(kernelSize / 2));
  else if (typeof fco === 'number') {
    if (!Number.isFinite(fco)) throw new InvalidArgumentError(fn, 'frequenciesCutoff', fco, 'must be finite');
    cutoff = (r) => fco * r;
  } else if (typeof fco === 'function') cutoff = fco;
  else throw new InvalidArgumentError(fn, 'frequenciesCutoff', fco, 'must be a number or a function');
  const maximumFrequency = Math.trunc(Math.max(...rings.map((r) => cutoff(r))));
  if (!(maximumFrequency >= 0)) {
    throw new InvalidArgumentError(
      fn,
      'frequenciesCutoff',
      fco,
      'must give a non-negative maximum frequency',
    );
  }
  if (options.basisFilter !== undefined && typeof options.basisFilter !== 'function') {
    throw new InvalidArgumentError(fn, 'basisFilter', options.basisFilter, 'must be a function');
  }
  if (
    options.maximumOffset !== undefined &&
    !(Number.isInteger(options.maximumOffset) && options.maximumOffset >= 0)
  ) {
    throw new InvalidArgumentError(
      fn,
      'maximumOffset',
      options.maximumOffset,
      'must be a non-negative integer',
    );
  }
  return Object.freeze({
    rings: Object.freeze(rings),
    sigma: Object.freeze(sigma),
    maximumFrequency,
    frequencyCutoff: cutoff,
    ...(options.basisFilter ? { basisFilter: options.basisFilter } : {}),
    ...(options.maximumOffset !== undefined ? { maximumOffset: options.maximumOffset } : {}),
  });
}

/**
 * escnn's band-limiting rule (`bandlimiting_filter`) combined with the user's filter: keep an element
 * when `|frequency| ≤ cutoff(radius)` (and the filter accepts it).
 */
export function keepElement(params: R2BasisParams, attr: BasisElementAttributes, N: number): boolean {
  if (Math.abs(attr.frequency) > params.frequencyCutoff(attr.radius)) return false;
  if (params.maximumOffset !== undefined && N > 0) {
    const f = attr.frequency;
    const g = attr.subgroupIrrepFrequency;
    // smallest |t| with f = ±g + t·N
    const t = Math.min(Math.abs(f - g), Math.abs(f + g)) / N;
    if (t > params.maximumOffset + 1e-9) return false;
  }
  if (params.basisFilter && !params.basisFilter(attr)) return false;
  return true;
}
