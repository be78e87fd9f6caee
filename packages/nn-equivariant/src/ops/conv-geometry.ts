/**
 * Geometry of a 2D convolution: strides, dilations and padding reduced to explicit per-side pads and an
 * output size, with the conventions of `tf.conv2d` (NHWC) so that results match TensorFlow.js exactly.
 *
 * Along one axis with input length `H`, kernel size `k`, stride `s`, dilation `d` and pads `(p₀, p₁)`,
 * the effective kernel extent is `k̃ = (k − 1)·d + 1` and the output length is
 * `H_out = ⌊(H + p₀ + p₁ − k̃) / s⌋ + 1`; output `i` reads input rows `i·s + a·d − p₀`, `a = 0 … k−1`.
 */

import { InvalidArgumentError } from '@steerable/group-theory';

/** Explicit padding `[[top, bottom], [left, right]]` in pixels. */
export type ExplicitPadding2d = readonly [readonly [number, number], readonly [number, number]];

/**
 * Padding of a 2D convolution.
 * - `'valid'`: no padding;
 * - `'same'`: TensorFlow's rule, output length `⌈H / s⌉`, the odd pixel of padding at the end;
 * - a number `p`: `p` pixels on every side (PyTorch's and escnn's `padding=p`);
 * - `[[top, bottom], [left, right]]`: explicit pads.
 */
export type Conv2dPadding = 'same' | 'valid' | number | ExplicitPadding2d;

/** Options shared by the 2D convolutions. */
export interface Conv2dOptions {
  /** Stride along height and width (one number for both). @defaultValue 1 */
  readonly strides?: number | readonly [number, number];
  /** Padding, see {@link Conv2dPadding}. @defaultValue 'valid' */
  readonly padding?: Conv2dPadding;
  /** Dilation (spacing of the kernel taps) along height and width. @defaultValue 1 */
  readonly dilations?: number | readonly [number, number];
}

/** The geometry of one spatial axis. */
export interface AxisGeometry {
  /** Input length. */
  readonly inSize: number;
  /** Kernel size (number of taps). */
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  /** Zero padding before the first input pixel. */
  readonly padBefore: number;
  /** Zero padding after the last input pixel. */
  readonly padAfter: number;
  /** Output length. */
  readonly outSize: number;
}

/** The geometry of both spatial axes, `[height, width]`. */
export type ConvGeometry2d = readonly [AxisGeometry, AxisGeometry];

/** Effective extent `(k − 1)·d + 1` of a dilated kernel. */
export function effectiveKernel(g: AxisGeometry): number {
  return (g.kernel - 1) * g.dilation + 1;
}

function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Reads a `number | [number, number]` option of positive integers. */
function pair(fn: string, argument: string, value: unknown, fallback: number): [number, number] {
  if (value === undefined) return [fallback, fallback];
  if (isPositiveInteger(value)) return [value, value];
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    isPositiveInteger(value[0]) &&
    isPositiveInteger(value[1])
  ) {
    return [value[0], value[1]];
  }
  throw new InvalidArgumentError(fn, argument, value, 'must be a positive integer or a pair of them');
}

/** Reads a padding option into a tagged form, validating its values. */
function readPadding(
  fn: string,
  value: unknown,
): 'same' | 'valid' | readonly [readonly [number, number], readonly [number, number]] {
  if (value === undefined || value === 'valid') return 'valid';
  if (value === 'same') return 'same';
  if (isNonNegativeInteger(value)) {
    return [
      [value, value],
      [value, value],
    ];
  }
  if (Array.isArray(value) && value.length === 2) {
    const [h, w] = value as unknown[];
    if (
      Array.isArray(h) &&
      Array.isArray(w) &&
      h.length === 2 &&
      w.length === 2 &&
      [...h, ...w].every(isNonNegativeInteger)
    ) {
      return [
        [h[0], h[1]],
        [w[0], w[1]],
      ];
    }
  }
  throw new InvalidArgumentError(
    fn,
    'padding',
    value,
    "must be 'same', 'valid', a non-negative integer or [[top, bottom], [left, right]] of them",
  );
}

/** Pads of TensorFlow's `'same'` rule along one axis: output `⌈H/s⌉`, the odd pixel goes after. */
function samePads(inSize: number, stride: number, effK: number): [number, number] {
  const out = Math.ceil(inSize / stride);
  const total = Math.max(0, (out - 1) * stride + effK - inSize);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/**
 * Geometry of a forward convolution of an input of spatial size `inSize` with a kernel of spatial size
 * `kernel`. Throws {@link InvalidArgumentError} (naming `fn`) for invalid options or an empty output.
 */
export function conv2dGeometry(
  fn: string,
  inSize: readonly [number, number],
  kernel: readonly [number, number],
  options: Conv2dOptions = {},
): ConvGeometry2d {
  const strides = pair(fn, 'strides', options.strides, 1);
  const dilations = pair(fn, 'dilations', options.dilations, 1);
  const padding = readPadding(fn, options.padding);
  const axis = (i: 0 | 1): AxisGeometry => {
    const k = kernel[i];
    const s = strides[i];
    const d = dilations[i];
    const n = inSize[i];
    const effK = (k - 1) * d + 1;
    const [before, after] =
      padding === 'valid' ? [0, 0] : padding === 'same' ? samePads(n, s, effK) : padding[i];
    const outSize = Math.floor((n + before + after - effK) / s) + 1;
    if (outSize < 1) {
      throw new InvalidArgumentError(
        fn,
        'x',
        `spatial size ${inSize[0]}×${inSize[1]}`,
        `is too small for a ${kernel[0]}×${kernel[1]} kernel with dilations [${dilations.join(', ')}] and this padding`,
      );
    }
    return { inSize: n, kernel: k, stride: s, dilation: d, padBefore: before, padAfter: after, outSize };
  };
  return [axis(0), axis(1)];
}

/** Options of the transposed 2D convolution. */
export interface Conv2dTransposeOptions extends Conv2dOptions {
  /**
   * Extra rows/columns added at the end of the output (PyTorch's `output_padding`), resolving the
   * ambiguity of the output size when the stride is above 1; each must be smaller than its stride. Not
   * allowed with `'same'` padding. @defaultValue 0
   */
  readonly outputPadding?: number | readonly [number, number];
  /**
   * Spatial size `[H, W]` of the output (or a full NHWC shape, of which the middle two entries are used);
   * overrides `outputPadding`. @defaultValue PyTorch's `(H_in − 1)·s − p₀ − p₁ + (k − 1)·d + 1 +
   * outputPadding`, or `H_in·s` for `'same'` padding (TensorFlow's rule)
   */
  readonly outputShape?: readonly number[];
}

/**
 * Geometry of a transposed convolution of an input of spatial size `inSize`: the geometry of the forward
 * convolution it is the adjoint of, whose input is the transposed convolution's output.
 */
export function conv2dTransposeGeometry(
  fn: string,
  inSize: readonly [number, number],
  kernel: readonly [number, number],
  options: Conv2dTransposeOptions = {},
): ConvGeometry2d {
  const strides = pair(fn, 'strides', options.strides, 1);
  const dilations = pair(fn, 'dilations', options.dilations, 1);
  const padding = readPadding(fn, options.padding);
  let outSize: [number, number];
  if (options.outputShape !== undefined) {
    const shape = options.outputShape;
    const ok = Array.isArray(shape) && (shape.length === 2 || shape.length === 4);
    const hw = ok ? (shape.length === 2 ? shape : shape.slice(1, 3)) : [];
    if (!ok || !hw.every(isPositiveInteger)) {
      throw new InvalidArgumentError(
        fn,
        'outputShape',
        shape,
        'must be [H, W] or [N, H, W, C] of positive integers',
      );
    }
    outSize = [hw[0] as number, hw[1] as number];
  } else {
    const outputPadding =
      options.outputPadding === undefined || options.outputPadding === 0
        ? ([0, 0] as [number, number])
        : pair(fn, 'outputPadding', options.outputPadding, 0);
    const size = (i: 0 | 1): number => {
      if (padding === 'same') {
        if (outputPadding[i] !== 0) {
          throw new InvalidArgumentError(
            fn,
            'outputPadding',
            options.outputPadding,
            "must be 0 with 'same' padding",
          );
        }
        return inSize[i] * strides[i];
      }
      if (outputPadding[i] >= strides[i]) {
        throw new InvalidArgumentError(
          fn,
          'outputPadding',
          options.outputPadding,
          'must be smaller than the stride',
        );
      }
      const [before, after] = padding === 'valid' ? [0, 0] : padding[i];
      return (
        (inSize[i] - 1) * strides[i] - before - after + (kernel[i] - 1) * dilations[i] + 1 + outputPadding[i]
      );
    };
    outSize = [size(0), size(1)];
    if (outSize[0] < 1 || outSize[1] < 1) {
      throw new InvalidArgumentError(fn, 'padding', options.padding, 'leaves an empty output');
    }
  }
  const geometry = conv2dGeometry(fn, outSize, kernel, {
    strides,
    dilations,
    padding: options.padding ?? 'valid',
  });
  if (geometry[0].outSize !== inSize[0] || geometry[1].outSize !== inSize[1]) {
    throw new InvalidArgumentError(
      fn,
      'outputShape',
      outSize,
      `must be a size that the forward convolution maps to the input's ${inSize[0]}×${inSize[1]}`,
    );
  }
  return geometry;
}
