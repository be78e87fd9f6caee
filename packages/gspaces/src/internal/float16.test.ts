import { describe, expect, it } from 'vitest';
import { roundToFloat16 } from './float16.js';

describe('roundToFloat16', () => {
  it("agrees with numpy's float16 conversion", () => {
    // numpy: float(np.float16(v)) for each v
    const cases: [number, number][] = [
      [Math.SQRT1_2, 0.70703125],
      [-0.7071067811865475, -0.70703125],
      [6.123233995736766e-17, 0],
      [1e-4, 0.00010001659393310547],
      [0.5403023058681398, 0.54052734375],
      [0.8414709848078965, 0.84130859375],
      [1 - 1e-9, 1],
      [3e-5, 2.9981136322021484e-5],
      [6e-8, 2 ** -24],
      [2.9e-8, 0],
      [0.1, 0.0999755859375],
      [-0.3333333, -0.333251953125],
    ];
    for (const [x, expected] of cases) expect(roundToFloat16(x)).toBe(expected);
  });

  it('rounds ties to even and overflows to infinity', () => {
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: the even mantissa (1) wins
    expect(roundToFloat16(1 + 2 ** -11)).toBe(1);
    expect(roundToFloat16(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9);
    expect(roundToFloat16(1e6)).toBe(Number.POSITIVE_INFINITY);
    expect(roundToFloat16(-0.5)).toBe(-0.5);
  });
});
