/**
 * A small seeded pseudo-random generator (mulberry32) for reproducible data sets and shuffles: the same
 * seed gives the same digits, angles and batch order on every machine.
 */
import { mulberry32 } from '@steerable/group-theory';

/** A seeded uniform random source. */
export class SeededRandom {
  readonly #uniform: () => number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`SeededRandom: seed must be a finite number, got ${seed}`);
    this.#uniform = mulberry32(seed);
  }

  /** A uniform float in `[0, 1)` (32 random bits). */
  next(): number {
    return this.#uniform();
  }

  /** A uniform integer in `0 … n − 1`. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal sample (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A fresh uniformly random permutation of `0 … n − 1` (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }
}
