import { InvalidArgumentError } from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { describe, expect, it } from 'vitest';
import {
  arrayCoordinateMatrix,
  gridAxisPermutation,
  signedPermutation,
  transformGrid,
} from './grid-action.js';
import { loadTransformsFixture, nchwToNhwc, nhwcToNchw } from './test-utils.js';

interface ScipyCase {
  input_name: string;
  matrix_name: string;
  matrix: number[][];
  input_shape_nchw: [number, number, number, number];
  input: number[];
  output: number[];
}

const scipy = (await import('../test-data/scipy-interpolation.json', { with: { type: 'json' } }))
  .default as unknown as { cases: ScipyCase[] };
const fixture = await loadTransformsFixture();

/** Applies the fiber matrix `rho` to every pixel of a channels-last field. */
function applyFiber(x: Float64Array, channels: number, rho: number[][]): Float64Array {
  const out = new Float64Array(x.length);
  for (let p = 0; p < x.length / channels; p++) {
    for (let i = 0; i < channels; i++) {
      let s = 0;
      for (let j = 0; j < channels; j++) s += rho[i]![j]! * x[p * channels + j]!;
      out[p * channels + i] = s;
    }
  }
  return out;
}

describe('transformGrid on the exact cases of transforms.json', () => {
  for (const t of fixture.transforms) {
    const [n, c, h, w] = [
      t.input.length,
      t.input[0]!.length,
      t.input[0]![0]!.length,
      t.input[0]![0]![0]!.length,
    ];
    const nchw = Float64Array.from(t.input.flat(3));
    const nhwc = nchwToNhwc(nchw, n, c, h, w);
    for (const e of t.elements) {
      if (!e.transformed) continue;
      const expected = Float64Array.from(e.transformed.flat(3));
      it(`${t.gspace} element ${JSON.stringify(e.escnn_value)}: channels-last and channels-first`, () => {
        const fiber = applyFiber(nhwc, c, e.fiber_matrix);
        const last = transformGrid(fiber, [n, h, w, c], e.basespace_action);
        expect(maxAbsDifference(nhwcToNchw(last, n, c, h, w), expected)).toBeLessThan(1e-6);
        const first = transformGrid(nhwcToNchw(fiber, n, c, h, w), [n, c, h, w], e.basespace_action, {
          layout: 'channels-first',
        });
        expect(maxAbsDifference(first, expected)).toBeLessThan(1e-6);
        // the interpolation path reproduces the exact permutation on these elements
        const interpolated = transformGrid(fiber, [n, h, w, c], e.basespace_action, { exact: false });
        expect(maxAbsDifference(interpolated, last)).toBeLessThan(1e-9);
      });
    }
  }
});

describe('transformGrid interpolation matches scipy (order-2 spline, escnn conventions)', () => {
  for (const k of scipy.cases) {
    it(`${k.input_name}, ${k.matrix_name}`, () => {
      const [n, c, h, w] = k.input_shape_nchw;
      const x = Float32Array.from(k.input);
      // scipy resampled every case, the 90° one too: compare interpolation with interpolation
      const permute = !k.matrix_name.includes('exact');
      if (!permute && h !== w) {
        expect(() => transformGrid(x, [n, c, h, w], k.matrix, { layout: 'channels-first' })).toThrow(
          /square/,
        );
      }
      const y = transformGrid(x, [n, c, h, w], k.matrix, { layout: 'channels-first', exact: permute });
      expect(y).toBeInstanceOf(Float32Array);
      expect(maxAbsDifference(y, k.output)).toBeLessThan(2e-6);
      const last = transformGrid(nchwToNhwc(Float64Array.from(k.input), n, c, h, w), [n, h, w, c], k.matrix, {
        exact: permute,
      });
      expect(last).toBeInstanceOf(Float64Array);
      expect(maxAbsDifference(nhwcToNchw(last, n, c, h, w), k.output)).toBeLessThan(2e-6);
    });
  }
});

describe('array coordinates', () => {
  it('a rotation by 90° in (x, y) is a rotation by 90° in (row = -y, col = x)', () => {
    expect(
      arrayCoordinateMatrix([
        [0, -1],
        [1, 0],
      ]),
    ).toEqual([
      [0, -1],
      [1, 0],
    ]);
  });
  it('the flip x -> -x reverses the columns, y -> -y the rows', () => {
    expect(
      signedPermutation(
        arrayCoordinateMatrix([
          [-1, 0],
          [0, 1],
        ]),
      ),
    ).toEqual({ perm: [0, 1], sign: [1, -1] });
    expect(
      signedPermutation(
        arrayCoordinateMatrix([
          [1, 0],
          [0, -1],
        ]),
      ),
    ).toEqual({ perm: [0, 1], sign: [-1, 1] });
  });
  it('45° is not a permutation; float16 rounding makes 90° + 1e-9 one', () => {
    const c = Math.SQRT1_2;
    expect(
      signedPermutation(
        arrayCoordinateMatrix([
          [c, -c],
          [c, c],
        ]),
      ),
    ).toBeNull();
    const t = Math.PI / 2 + 1e-9;
    const m = [
      [Math.cos(t), -Math.sin(t)],
      [Math.sin(t), Math.cos(t)],
    ];
    expect(signedPermutation(arrayCoordinateMatrix(m))).not.toBeNull();
  });
  it('gridAxisPermutation is that test in one call, and names itself when the matrix is bad', () => {
    for (const t of [0, 0.5, 1, 1.5, 0.25, 0.75].map((k) => k * Math.PI)) {
      const m = [
        [Math.cos(t), -Math.sin(t)],
        [Math.sin(t), Math.cos(t)],
      ];
      expect(gridAxisPermutation(m)).toEqual(signedPermutation(arrayCoordinateMatrix(m)));
    }
    expect(
      gridAxisPermutation([
        [0, 1],
        [1, 0],
      ]),
    ).toEqual({ perm: [1, 0], sign: [-1, -1] });
    expect(() =>
      gridAxisPermutation([
        [1, Number.NaN],
        [0, 1],
      ]),
    ).toThrow(/gridAxisPermutation.*action/);
  });
  it('on a picture: rotating by 90° turns the top row into the left column, read bottom-up', () => {
    // 3×3 single-channel image, rows top to bottom; a counter-clockwise rotation sends the top edge left
    const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const y = transformGrid(
      x,
      [3, 3, 1],
      [
        [0, -1],
        [1, 0],
      ],
    );
    expect([...y]).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
  });
});

describe('transformGrid validation', () => {
  const x = new Float64Array(12);
  it('rejects a shape that does not match the input', () => {
    expect(() =>
      transformGrid(
        x,
        [2, 2, 2],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      transformGrid(
        x,
        [2, 2, 2],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/transformGrid: argument "shape"/);
    expect(() =>
      transformGrid(
        x,
        [12],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      transformGrid(
        x,
        [2, 6, 1.5],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(InvalidArgumentError);
  });
  it('rejects a 90° rotation of a non-square grid, accepts a flip', () => {
    expect(() =>
      transformGrid(
        x,
        [3, 4, 1],
        [
          [0, -1],
          [1, 0],
        ],
      ),
    ).toThrow(/square grid/);
    expect(
      transformGrid(
        x,
        [3, 4, 1],
        [
          [-1, 0],
          [0, 1],
        ],
      ),
    ).toHaveLength(12);
  });
  it('rejects bad matrices, arrays and layouts', () => {
    expect(() => transformGrid(x, [2, 2, 3], [[1, 0, 0]])).toThrow(/square matrix/);
    expect(() =>
      transformGrid(
        x,
        [2, 2, 3],
        [
          [1, Number.NaN],
          [0, 1],
        ],
      ),
    ).toThrow(/finite/);
    expect(() =>
      transformGrid(
        x,
        [1, 2, 2, 3],
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
      ),
    ).toThrow(/2×2/);
    expect(() =>
      transformGrid(
        [1, 2] as unknown as Float64Array,
        [1, 1, 2],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/Float32Array or a Float64Array/);
    expect(() =>
      transformGrid(
        x,
        [2, 2, 3],
        [
          [1, 0],
          [0, 1],
        ],
        { layout: 'nhwc' as 'channels-last' },
      ),
    ).toThrow(/layout/);
  });
  it('returns a fresh array and leaves the input alone', () => {
    const input = Float64Array.from({ length: 9 }, (_, i) => i);
    const out = transformGrid(
      input,
      [3, 3, 1],
      [
        [1, 0],
        [0, 1],
      ],
    );
    expect(out).not.toBe(input);
    expect([...input]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(transformGrid(input, [9], [])).not.toBe(input);
  });
});
