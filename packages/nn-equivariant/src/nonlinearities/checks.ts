/**
 * Argument checks of the modules built from a gspace and a channel count. Not exported from the package.
 */

import { InvalidArgumentError } from '@steerable/group-theory';
import { GSpace } from '@steerable/gspaces';

/** Checks that `gspace` is a GSpace. */
export function checkGSpace(fn: string, gspace: unknown): GSpace {
  if (!(gspace instanceof GSpace)) throw new InvalidArgumentError(fn, 'gspace', gspace, 'must be a GSpace');
  return gspace;
}

/** Checks a positive integer number of fields. */
export function checkChannels(fn: string, channels: unknown, argument = 'channels'): number {
  if (typeof channels !== 'number' || !Number.isInteger(channels) || channels < 1) {
    throw new InvalidArgumentError(fn, argument, channels, 'must be a positive integer');
  }
  return channels;
}
