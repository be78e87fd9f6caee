/**
 * The validation of the radial options of `buildKernelBasis` on R² and R³: ring radii and their widths.
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import type { KernelBasisOptions } from '../gspace.js';

/**
 * The rings and one width per ring from the options (a single width is repeated).
 * @throws InvalidArgumentError for missing or negative radii, or widths that are not positive or do not match.
 */
export function ringsAndWidths(
  fn: string,
  options: KernelBasisOptions,
): { rings: number[]; sigma: number[] } {
  const rings = options.rings;
  if (!Array.isArray(rings) || rings.length === 0 || rings.some((r) => typeof r !== 'number' || !(r >= 0))) {
    throw new InvalidArgumentError(fn, 'options.rings', rings, 'must be a non-empty list of radii ≥ 0');
  }
  const sigmaOption = options.sigma;
  const sigma = typeof sigmaOption === 'number' ? rings.map(() => sigmaOption) : sigmaOption;
  if (
    !Array.isArray(sigma) ||
    sigma.length !== rings.length ||
    sigma.some((s) => typeof s !== 'number' || !(s > 0))
  ) {
    throw new InvalidArgumentError(
      fn,
      'options.sigma',
      sigmaOption,
      `must be a width > 0 or ${rings.length} of them (one per ring)`,
    );
  }
  return { rings: [...rings], sigma: [...sigma] };
}
