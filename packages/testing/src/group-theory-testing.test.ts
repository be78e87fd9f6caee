/**
 * The low test helpers of `@steerable/group-theory/testing` that this package builds on: closeness with its
 * messages, the exact-element test, and the fast-check parameters read from the environment.
 */
import { cyclicGroup, so2Group } from '@steerable/group-theory';
import {
  assertClose,
  checkIrrepLaws,
  DEFAULT_PROPERTY_SEED,
  GroupLawViolation,
  globalPropertyParameters,
  isSignedPermutation,
  maxAbsDifference,
  NotCloseError,
  numRuns,
  propertySeed,
} from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

const C4 = cyclicGroup(4);

describe('closeness', () => {
  it('measures the largest entrywise difference, Infinity on a shape mismatch, NaN through', () => {
    expect(maxAbsDifference([1, 2, 3], Float64Array.of(1, 2.5, 2))).toBe(1);
    expect(maxAbsDifference(C4.irrep(0).at(C4.identity), [[1.25]])).toBe(0.25);
    expect(maxAbsDifference([[1, 2]], [1, 2])).toBe(Number.POSITIVE_INFINITY);
    expect(maxAbsDifference([1, 2], [1, 2, 3])).toBe(Number.POSITIVE_INFINITY);
    expect(maxAbsDifference([1, Number.NaN, 0], [1, 2, 0])).toBeNaN();
  });

  it('asserts closeness inclusively and names the first entry out of tolerance', () => {
    expect(() => assertClose([[0, 0.5]], [[0, 0.25]], 0.25)).not.toThrow();
    expect(() =>
      assertClose(
        C4.irrep(1).at(C4.identity),
        [
          [1, 0],
          [0.1, 1],
        ],
        1e-9,
        'irrep_1 at e',
      ),
    ).toThrow(
      /^irrep_1 at e: entry \[1, 0\] is 0, expected 0\.1 \(difference 0\.1 > tolerance 1e-9; largest difference 0\.1\)$/,
    );
    expect(() => assertClose([1, 2], [[1, 2]], 1)).toThrow(/shape 2 differs from the expected 1×2/);
    expect(() => assertClose([Number.NaN], [0], 1)).toThrow(NotCloseError);
  });
});

describe('exact elements', () => {
  it('are those whose base-space matrix is a signed permutation', () => {
    const rotation = (t: number) => [
      [Math.cos(t), -Math.sin(t)],
      [Math.sin(t), Math.cos(t)],
    ];
    expect(isSignedPermutation(rotation(Math.PI / 2))).toBe(true);
    expect(isSignedPermutation(C4.irrep(1).at(C4.element(1)))).toBe(true);
    expect(isSignedPermutation(rotation(Math.PI / 4))).toBe(false);
    expect(isSignedPermutation(rotation(Math.PI / 2 + 1e-6))).toBe(false);
  });
});

describe('irrep laws', () => {
  it('name the law that fails', () => {
    const G = cyclicGroup(4);
    const [a, b] = [G.element(1), G.element(2)];
    const loose = { homomorphism: 1e-9, orthogonality: 1e-12, inverse: 1e-9, endomorphisms: 1e-12 };
    expect(() => checkIrrepLaws(G, G.irrep(1), a, b, loose)).not.toThrow();
    const S = so2Group(2);
    // a negative tolerance fails on any error, exact zero included: the first law checked is named
    expect(() =>
      checkIrrepLaws(S, S.irrep(1), S.element(0.3), S.element(0.4), { ...loose, homomorphism: -1 }),
    ).toThrow(GroupLawViolation);
    expect(() =>
      checkIrrepLaws(S, S.irrep(1), S.element(0.3), S.element(0.4), { ...loose, homomorphism: -1 }),
    ).toThrow(
      /^SO\(2\): rho\(ab\) = rho\(a\) rho\(b\) fails: irrep_1 at SO\(2\)\[0\.3000\], SO\(2\)\[0\.4000\]/,
    );
  });
});

describe('property parameters', () => {
  const saved = { seed: process.env.FC_SEED, runs: process.env.FC_NUM_RUNS };
  afterEach(() => {
    if (saved.seed === undefined) delete process.env.FC_SEED;
    else process.env.FC_SEED = saved.seed;
    if (saved.runs === undefined) delete process.env.FC_NUM_RUNS;
    else process.env.FC_NUM_RUNS = saved.runs;
  });

  it('take the seed from FC_SEED and the runs from FC_NUM_RUNS, else the defaults', () => {
    delete process.env.FC_SEED;
    delete process.env.FC_NUM_RUNS;
    expect(propertySeed()).toBe(DEFAULT_PROPERTY_SEED);
    expect(numRuns(30)).toBe(30);
    expect(globalPropertyParameters()).toEqual({ seed: DEFAULT_PROPERTY_SEED });
    process.env.FC_SEED = '17';
    process.env.FC_NUM_RUNS = '3';
    expect(propertySeed()).toBe(17);
    expect(numRuns(30)).toBe(3);
    expect(globalPropertyParameters()).toEqual({ seed: 17, numRuns: 3 });
  });

  it("reach fast-check's global configuration through the vitest setup", () => {
    expect(fc.readConfigureGlobal()).toMatchObject(globalPropertyParameters());
  });

  it('reject values that are not integers, and runs below one', () => {
    process.env.FC_SEED = 'abc';
    expect(() => propertySeed()).toThrow(/argument "FC_SEED" must be an integer, got "abc"/);
    delete process.env.FC_SEED;
    process.env.FC_NUM_RUNS = '0';
    expect(() => numRuns(5)).toThrow(/argument "FC_NUM_RUNS" must be a positive integer, got 0/);
  });
});
