/**
 * The seeded pseudo-random streams of the project (mulberry32, Box–Muller): the same seed gives the same
 * stream on every platform and backend. `Group.sample(n, { seed })`, the seeded initializations of
 * nn-equivariant and the testing package's inputs all draw from these. Not for cryptography.
 */

/**
 * The mulberry32 generator started from the 32-bit state `state` as given: uniform numbers in `[0, 1)`.
 * {@link uniformStream} scrambles its seed first; this form reproduces streams of other mulberry32 users.
 */
export function mulberry32(state: number): () => number {
  let a = Math.trunc(state) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform numbers in `[0, 1)` from a seed: {@link mulberry32} from the seed scrambled by the golden ratio. */
export function uniformStream(seed: number): () => number {
  return mulberry32(Math.trunc(seed) ^ 0x9e3779b9);
}

/** Standard normal numbers (Box–Muller on {@link uniformStream}; two per pair of uniform draws). */
export function normalStream(seed: number): () => number {
  const u = uniformStream(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u1 = 1 - u(); // in (0, 1]: log is finite
    const u2 = u();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
}

/** Uniform integer in `[0, n)` from a uniform stream. */
export function randomInt(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(rand() * n));
}
