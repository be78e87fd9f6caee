/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same stream on every
 * platform, which is what `Group.sample(n, { seed })` promises. Not for cryptography.
 */

/** Returns a function drawing uniform numbers in `[0, 1)` from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in `[0, n)`. */
export function randomInt(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(rand() * n));
}
