/**
 * escnn's rules for the radial shells, their widths and the band limit of a k×k×k steerable filter
 * (`escnn.nn.modules.conv.r3convolution.compute_basis_params`), and its voxel grid.
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import type { FrequencyCutoff } from './basis-params.js';
import type { BasisElementAttributes } from './kernel-basis.js';

/** escnn's named band-limit policies for R³ (`'default1'` is R3Conv's default). */
export type R3CutoffPolicy = 'default1' | 'default2' | 'default3';

/** Options of an R³ basis; all default to escnn's R3Conv defaults. */
export interface R3BasisOptions {
  /**
   * Widths of the Gaussian shells, one per shell, or one for all.
   * @defaultValue 0.6 for every shell but the last (0.4), and 0.005 for the shell at radius 0.
   */
  readonly sigma?: number | readonly number[];
  /**
   * The band limit: the largest spherical-harmonic degree kept on a shell of radius r. A number f means
   * `f · r`, a function maps r to the degree, a policy name picks one of escnn's manual rules.
   * @defaultValue `'default1'`: `min(2r, floor(k/2) − r + 2)`.
   */
  readonly frequenciesCutoff?: FrequencyCutoff | R3CutoffPolicy;
  /**
   * Radii of the shells, each in `[0, √3 · dilation · (k − 1)/2]`.
   * @defaultValue `ceil(k/2)` radii evenly spaced from 0 to `floor((k−1)/2)` (times the dilation).
   */
  readonly rings?: readonly number[];
  /** Extra predicate on the attributes of each basis element (escnn's `basis_filter`). @defaultValue none */
  readonly basisFilter?: (attributes: BasisElementAttributes) => boolean;
  /** Dilation of the filter (grid spacing). @defaultValue 1 */
  readonly dilation?: number;
}

/** The resolved parameters of an R³ basis. */
export interface R3BasisParams {
  readonly rings: readonly number[];
  readonly sigma: readonly number[];
  /** Highest spherical-harmonic degree of the basis (escnn's `maximum_frequency`). */
  readonly maximumFrequency: number;
  /** Largest degree allowed on a shell of the given radius. */
  readonly frequencyCutoff: (radius: number) => number;
  readonly basisFilter?: (attributes: BasisElementAttributes) => boolean;
}

/**
 * escnn's manual R³ cutoffs for the outer radius `m = floor(k/2)`: `'default1'` `min(2r, m − r + 2)`;
 * `'default2'` 0 at the origin, else `min(2r, 1 on the outer shell, else 2r − (r + 1) mod 2)`; `'default3'`
 * 0 at the origin, 1 on the outer shell, else 2.
 */
function policy(name: R3CutoffPolicy, m: number): (r: number) => number {
  if (name === 'default1') return (r) => Math.min(2 * r, m - r + 2);
  if (name === 'default2') {
    return (r) => (r === 0 ? 0 : Math.min(2 * r, r === m ? 1 : 2 * r - ((((r + 1) % 2) + 2) % 2)));
  }
  return (r) => (r === 0 ? 0 : r === m ? 1 : 2);
}

/**
 * Resolves the shells, widths and band limit of a k×k×k filter as escnn's R3Conv does: `ceil(k/2)` radii
 * `linspace(0, floor((k−1)/2), ceil(k/2)) · dilation` (float32, as torch), widths 0.6 (0.4 for the last
 * shell, 0.005 at radius 0), band limit `'default1'`, maximum degree `trunc(max_r cutoff(r))`.
 *
 * @see escnn's `r3convolution.compute_basis_params`.
 * @throws InvalidArgumentError on a bad kernel size, dilation, radius, width, cutoff or filter.
 */
export function computeR3BasisParams(kernelSize: number, options: R3BasisOptions = {}): R3BasisParams {
  const fn = 'computeR3BasisParams';
  if (!Number.isInteger(kernelSize) || kernelSize < 1) {
    throw new InvalidArgumentError(fn, 'kernelSize', kernelSize, 'must be a positive integer');
  }
  const dilation = options.dilation ?? 1;
  if (!Number.isInteger(dilation) || dilation < 1) {
    throw new InvalidArgumentError(fn, 'dilation', dilation, 'must be a positive integer');
  }
  const maxRadius = ((dilation * (kernelSize - 1)) / 2) * Math.sqrt(3);
  let rings: number[];
  if (options.rings === undefined) {
    const n = Math.ceil(kernelSize / 2);
    const end = Math.floor((kernelSize - 1) / 2);
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
    sigma = Array.isArray(options.sigma) ? [...options.sigma] : [];
  }
  if (sigma.length !== rings.length || sigma.some((s) => typeof s !== 'number' || !(s > 0))) {
    throw new InvalidArgumentError(
      fn,
      'sigma',
      options.sigma,
      `must be widths > 0, one per shell (${rings.length})`,
    );
  }
  const fco = options.frequenciesCutoff ?? 'default1';
  let cutoff: (r: number) => number;
  if (fco === 'default1' || fco === 'default2' || fco === 'default3')
    cutoff = policy(fco, Math.floor(kernelSize / 2));
  else if (typeof fco === 'number') {
    if (!(Number.isFinite(fco) && fco >= 0)) {
      throw new InvalidArgumentError(fn, 'frequenciesCutoff', fco, 'must be a finite factor ≥ 0');
    }
    cutoff = (r) => fco * r;
  } else if (typeof fco === 'function') cutoff = fco;
  else {
    throw new InvalidArgumentError(
      fn,
      'frequenciesCutoff',
      fco,
      "must be a number, a function or 'default1', 'default2', 'default3'",
    );
  }
  const maximumFrequency = Math.trunc(Math.max(...rings.map((r) => cutoff(r))));
  if (!(maximumFrequency >= 0)) {
    throw new InvalidArgumentError(fn, 'frequenciesCutoff', fco, 'must give a non-negative maximum degree');
  }
  if (options.basisFilter !== undefined && typeof options.basisFilter !== 'function') {
    throw new InvalidArgumentError(fn, 'basisFilter', options.basisFilter, 'must be a function');
  }
  return Object.freeze({
    rings: Object.freeze(rings),
    sigma: Object.freeze(sigma),
    maximumFrequency,
    frequencyCutoff: cutoff,
    ...(options.basisFilter ? { basisFilter: options.basisFilter } : {}),
  });
}

/** escnn's `bandlimiting_filter` and the user's filter: keep when `|l| ≤ cutoff(radius)` (and the filter agrees). */
export function keepR3Element(params: R3BasisParams, attr: BasisElementAttributes): boolean {
  if (Math.abs(attr.frequency) > params.frequencyCutoff(attr.radius)) return false;
  return !params.basisFilter || params.basisFilter(attr);
}

/**
 * escnn's voxel grid of a k×k×k filter (`get_grid_coords(3, k, dilation)`): point `(kz·k + ky)·k + kx` is
 * `(x, y, z) = (kx − c, c − ky, c − kz) · dilation`, `c = (k − 1)/2`, so the filter `[z][y][x]` is indexed
 * along the axes (−Z, −Y, X). Returned as `[x0, y0, z0, ...]`.
 * @throws InvalidArgumentError on a bad kernel size or dilation.
 */
export function gridPoints3d(kernelSize: number, dilation = 1): Float64Array {
  const fn = 'gridPoints3d';
  if (!Number.isInteger(kernelSize) || kernelSize < 1) {
    throw new InvalidArgumentError(fn, 'kernelSize', kernelSize, 'must be a positive integer');
  }
  if (!Number.isInteger(dilation) || dilation < 1) {
    throw new InvalidArgumentError(fn, 'dilation', dilation, 'must be a positive integer');
  }
  const k = kernelSize;
  const origin = (dilation * (k - 1) + 1) / 2 - 0.5;
  const out = new Float64Array(3 * k * k * k);
  for (let i = 0; i < k * k * k; i++) {
    out[3 * i] = (i % k) * dilation - origin;
    out[3 * i + 1] = -((Math.floor(i / k) % k) * dilation - origin);
    out[3 * i + 2] = -(Math.floor(i / (k * k)) * dilation - origin);
  }
  return out;
}
