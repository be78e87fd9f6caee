import '@tensorflow/tfjs-backend-wasm';
import { InvalidArgumentError } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Conv2dPadding,
  type ConvGeometry2d,
  conv2dGeometry,
  conv2dTransposeGeometry,
} from './conv-geometry.js';
import { conv2dWithGrad } from './conv2d.js';
import { conv2dTransposeWithGrad } from './conv2d-transpose.js';
import {
  referenceConv2d,
  referenceConv2dFilterGrad,
  referenceConv2dInputGrad,
  relativeError,
  seededValues,
} from './test-conv-reference.js';

const runs = { numRuns: numRuns(100) };
/** float32 accumulation over at most a few hundred terms of size ≤ 1 stays far below this. */
const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const side = fc.integer({ min: 1, max: 3 });
const padding: fc.Arbitrary<Conv2dPadding> = fc.oneof(
  fc.constantFrom<Conv2dPadding>('same', 'valid'),
  fc.integer({ min: 0, max: 3 }),
  fc.tuple(fc.tuple(side, side), fc.tuple(side, side)).map(([h, w]) => [h, w] as const),
);
const caseArb = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  size: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })),
  kernel: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
  inChannels: fc.integer({ min: 1, max: 3 }),
  outChannels: fc.integer({ min: 1, max: 3 }),
  strides: fc.tuple(side, side),
  dilations: fc.tuple(side, side),
  padding,
  valueSeed: fc.integer({ min: 0, max: 1 << 30 }),
});

/** Runs `op` on wasm and returns its value and both gradients for the cotangent `w`. */
function valueAndGrads(
  op: (x: tf.Tensor4D, f: tf.Tensor4D) => tf.Tensor4D,
  x: tf.Tensor4D,
  f: tf.Tensor4D,
  w: Float32Array,
): { y: Float32Array; dx: Float32Array; df: Float32Array; shape: number[] } {
  return tf.tidy(() => {
    const y = op(x, f);
    const wt = tf.tensor(w, y.shape);
    const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D), wt)),
    )([x, f]);
    return {
      y: y.dataSync() as Float32Array,
      dx: dx!.dataSync() as Float32Array,
      df: df!.dataSync() as Float32Array,
      shape: y.shape,
    };
  });
}

/** Geometry of the case, or null when the input is too small for the kernel. */
function tryGeometry(make: () => ConvGeometry2d): ConvGeometry2d | null {
  try {
    return make();
  } catch (e) {
    if (e instanceof InvalidArgumentError) return null;
    throw e;
  }
}

describe('conv2dWithGrad against the float64 definition', () => {
  it('forward, input gradient and filter gradient, over random geometries', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const opts = { strides: c.strides, dilations: c.dilations, padding: c.padding };
        const g = tryGeometry(() => conv2dGeometry('test', c.size, c.kernel, opts));
        fc.pre(g !== null);
        const geometry = g as ConvGeometry2d;
        const rand = seededValues(c.valueSeed);
        const [H, W] = c.size;
        const xs = rand(c.batch * H * W * c.inChannels);
        const fs = rand(c.kernel[0] * c.kernel[1] * c.inChannels * c.outChannels);
        const ws = rand(c.batch * geometry[0].outSize * geometry[1].outSize * c.outChannels);
        const x = tf.tensor4d(xs, [c.batch, H, W, c.inChannels]);
        const f = tf.tensor4d(fs, [...c.kernel, c.inChannels, c.outChannels]);
        const got = valueAndGrads((a, b) => conv2dWithGrad(a, b, opts), x, f, ws);
        tf.dispose([x, f]);
        const dims = [c.batch, c.inChannels, c.outChannels] as const;
        expect(got.shape).toEqual([c.batch, geometry[0].outSize, geometry[1].outSize, c.outChannels]);
        expect(relativeError(got.y, referenceConv2d(xs, fs, geometry, ...dims))).toBeLessThan(TOLERANCE);
        expect(relativeError(got.dx, referenceConv2dInputGrad(ws, fs, geometry, ...dims))).toBeLessThan(
          TOLERANCE,
        );
        expect(relativeError(got.df, referenceConv2dFilterGrad(xs, ws, geometry, ...dims))).toBeLessThan(
          TOLERANCE,
        );
      }),
      runs,
    );
  });
});

describe('conv2dTransposeWithGrad against the float64 definition', () => {
  it('forward, input gradient and filter gradient, over random geometries', () => {
    const transposeCase = fc.record({
      base: caseArb,
      outputPadding: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
    });
    fc.assert(
      fc.property(transposeCase, ({ base: c, outputPadding }) => {
        const op: [number, number] = [
          Math.min(outputPadding[0], c.strides[0] - 1),
          Math.min(outputPadding[1], c.strides[1] - 1),
        ];
        const opts = {
          strides: c.strides,
          dilations: c.dilations,
          padding: c.padding,
          ...(c.padding === 'same' ? {} : { outputPadding: op }),
        };
        // `size` is the transposed convolution's input: the forward convolution's output.
        const g = tryGeometry(() => conv2dTransposeGeometry('test', c.size, c.kernel, opts));
        fc.pre(g !== null);
        const geometry = g as ConvGeometry2d;
        const rand = seededValues(c.valueSeed);
        const [H, W] = c.size;
        // Transposed layout: x has the forward convolution's O channels, filter is [kh, kw, C, O].
        const xs = rand(c.batch * H * W * c.outChannels);
        const fs = rand(c.kernel[0] * c.kernel[1] * c.inChannels * c.outChannels);
        const ws = rand(c.batch * geometry[0].inSize * geometry[1].inSize * c.inChannels);
        const x = tf.tensor4d(xs, [c.batch, H, W, c.outChannels]);
        const f = tf.tensor4d(fs, [...c.kernel, c.inChannels, c.outChannels]);
        const got = valueAndGrads((a, b) => conv2dTransposeWithGrad(a, b, opts), x, f, ws);
        tf.dispose([x, f]);
        const dims = [c.batch, c.inChannels, c.outChannels] as const;
        expect(got.shape).toEqual([c.batch, geometry[0].inSize, geometry[1].inSize, c.inChannels]);
        expect(relativeError(got.y, referenceConv2dInputGrad(xs, fs, geometry, ...dims))).toBeLessThan(
          TOLERANCE,
        );
        expect(relativeError(got.dx, referenceConv2d(ws, fs, geometry, ...dims))).toBeLessThan(TOLERANCE);
        expect(relativeError(got.df, referenceConv2dFilterGrad(ws, xs, geometry, ...dims))).toBeLessThan(
          TOLERANCE,
        );
      }),
      runs,
    );
  });
});
