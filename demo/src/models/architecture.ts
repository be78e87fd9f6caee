/**
 * The shape shared by both models, after escnn's MNIST tutorial (`C8SteerableCNN`): six convolution
 * blocks (7×7 then 5×5 kernels) with a stride-2 pooling after the second and the fourth, an invariant
 * pooling, then a two-layer head. escnn's tutorial uses `[24, 48, 48, 96, 96, 64]` regular C8 fields; the
 * demo scales those counts by a width factor.
 */

/** escnn's tutorial: number of fields of the six convolution blocks. */
export const TUTORIAL_FIELDS: readonly number[] = [24, 48, 48, 96, 96, 64];
/** Kernel sizes of the six blocks. */
export const KERNELS: readonly number[] = [7, 5, 5, 5, 5, 5];
/** Zero padding of the six blocks (29 → 25 → 25 ↓13 → 13 → 13 ↓7 → 7 → 5). */
export const PADDINGS: readonly number[] = [1, 2, 2, 2, 2, 1];
/** Blocks followed by a stride-2 pooling (0-based). */
export const POOL_AFTER: ReadonlySet<number> = new Set([1, 3]);
/** Hidden units of the head. */
export const HEAD_HIDDEN = 64;
/** Number of classes. */
export const CLASSES = 10;

/** The tutorial's field counts scaled by `width` (at least one field per block). */
export function scaledFields(width: number): number[] {
  if (!(width > 0) || !Number.isFinite(width))
    throw new Error(`scaledFields: width must be positive, got ${width}`);
  return TUTORIAL_FIELDS.map((n) => Math.max(1, Math.round(n * width)));
}
