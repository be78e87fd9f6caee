/**
 * escnn's sampling grid of a k×k filter.
 */
import { InvalidArgumentError } from '@steerable/group-theory';

/**
 * escnn's filter grid (`get_grid_coords`): point `ky·k + kx` is `(x, y) = (kx − c, c − ky)·dilation`
 * with `c = (k − 1)/2`: x grows to the right, y upwards, row 0 at the top. Returned as `[x0, y0, ...]`.
 */
export function gridPoints(kernelSize: number, dilation = 1): Float64Array {
  if (!Number.isInteger(kernelSize) || kernelSize < 1) {
    throw new InvalidArgumentError('gridPoints', 'kernelSize', kernelSize, 'must be a positive integer');
  }
  const origin = (dilation * (kernelSize - 1) + 1) / 2 - 0.5;
  const out = new Float64Array(2 * kernelSize * kernelSize);
  for (let i = 0; i < kernelSize * kernelSize; i++) {
    out[2 * i] = (i % kernelSize) * dilation - origin;
    out[2 * i + 1] = -(Math.floor(i / kernelSize) * dilation - origin);
  }
  return out;
}
