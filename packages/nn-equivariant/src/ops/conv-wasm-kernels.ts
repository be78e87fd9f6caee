/**
 * `Conv2DBackpropFilter` and `Conv2DBackpropInput` kernels for TF.js's WASM backend, written with the
 * forward convolutions of ./conv-kernels.ts. WASM 4.22 has no `Conv2DBackpropFilter` (so the gradient of
 * `tf.conv2d` throws there) and its `Conv2DBackpropInput` is a slow scalar loop. With these registered,
 * plain `tf.conv2d`, `tf.conv2dTranspose` and `tf.layers.conv2d` train on WASM at forward-convolution
 * speed. Registration is global to TF.js, so it only happens when the user asks for it.
 */

import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { type Conv2dPadding, type ConvGeometry2d, conv2dGeometry } from './conv-geometry.js';
import { convFilterGrad, convInputGrad } from './conv-kernels.js';

type Shape4 = [number, number, number, number];

interface BackpropAttrs {
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid' | number | number[][];
  readonly dataFormat?: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: string;
}

/** The kernel names, as TF.js spells them. */
const FILTER_KERNEL = 'Conv2DBackpropFilter';
const INPUT_KERNEL = 'Conv2DBackpropInput';
const BACKEND = 'wasm';

/**
 * The geometry of the forward convolution behind a backprop kernel call. TF.js's explicit padding is
 * `[[0, 0], [top, bottom], [left, right], [0, 0]]` (NHWC). The output size is taken from `dy`, which also
 * covers `dimRoundingMode` (the maps of ./conv-kernels.ts hold for any output size).
 */
function geometryOf(
  kernel: string,
  attrs: BackpropAttrs,
  xShape: Shape4,
  filterShape: Shape4,
  dyShape: Shape4,
) {
  if (attrs.dataFormat === 'NCHW') {
    throw new InvalidArgumentError(
      kernel,
      'dataFormat',
      attrs.dataFormat,
      "must be 'NHWC' on the wasm backend",
    );
  }
  const { pad } = attrs;
  const padding: Conv2dPadding = Array.isArray(pad)
    ? [
        [pad[1]?.[0] ?? 0, pad[1]?.[1] ?? 0],
        [pad[2]?.[0] ?? 0, pad[2]?.[1] ?? 0],
      ]
    : pad;
  // A rounding mode only changes the output size; size the geometry with floor, then take dy's size.
  const [gh, gw] = conv2dGeometry(kernel, [xShape[1], xShape[2]], [filterShape[0], filterShape[1]], {
    strides: attrs.strides,
    padding,
  });
  return [
    { ...gh, outSize: dyShape[1] },
    { ...gw, outSize: dyShape[2] },
  ] as ConvGeometry2d;
}

/** Runs `f` on the kernel's inputs as tensors, inside a tidy scope, and returns its result. */
function withTensors(
  inputs: readonly tf.TensorInfo[],
  f: (...t: tf.Tensor4D[]) => tf.Tensor4D,
): tf.TensorInfo {
  return tf.tidy(() => {
    const tensors = inputs.map((info) =>
      info instanceof tf.Tensor ? info : tf.engine().makeTensorFromTensorInfo(info),
    ) as tf.Tensor4D[];
    return f(...tensors);
  });
}

const filterKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as BackpropAttrs & { filterShape: Shape4 };
  const g = geometryOf(FILTER_KERNEL, a, x.shape as Shape4, a.filterShape, dy.shape as Shape4);
  return withTensors([x, dy], (xt, dyt) => convFilterGrad(xt, dyt, g));
};

const inputKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as unknown as BackpropAttrs & { inputShape: Shape4 };
  const g = geometryOf(INPUT_KERNEL, a, a.inputShape, filter.shape as Shape4, dy.shape as Shape4);
  return withTensors([dy, filter], (dyt, ft) => convInputGrad(dyt, ft, g));
};

/** Whether our kernels are the registered ones. */
export function wasmGradientsRegistered(): boolean {
  return (
    tf.getKernel(FILTER_KERNEL, BACKEND)?.kernelFunc === filterKernel &&
    tf.getKernel(INPUT_KERNEL, BACKEND)?.kernelFunc === inputKernel
  );
}

/** The kernels ours replaced, restored by {@link unregisterWasmGradients}. */
const replaced: tf.KernelConfig[] = [];

/**
 * Registers the WASM backend's `Conv2DBackpropFilter` (missing in TF.js 4.22) and replaces its slow
 * `Conv2DBackpropInput`, both computed with forward convolutions. Idempotent. Afterwards `tf.grad`
 * through plain `tf.conv2d` works on WASM (for dilation 1: TF.js's own conv2d gradient refuses
 * dilations; steerable's convolutions do not need this and support them).
 */
export function registerWasmGradients(): void {
  if (wasmGradientsRegistered()) return;
  for (const [name, kernelFunc] of [
    [FILTER_KERNEL, filterKernel],
    [INPUT_KERNEL, inputKernel],
  ] as const) {
    const existing = tf.getKernel(name, BACKEND);
    if (existing !== undefined) {
      replaced.push(existing);
      tf.unregisterKernel(name, BACKEND);
    }
    tf.registerKernel({ kernelName: name, backendName: BACKEND, kernelFunc });
  }
}

/** Undoes {@link registerWasmGradients}, restoring the kernels it replaced. */
export function unregisterWasmGradients(): void {
  for (const name of [FILTER_KERNEL, INPUT_KERNEL]) {
    const current = tf.getKernel(name, BACKEND)?.kernelFunc;
    if (current === filterKernel || current === inputKernel) tf.unregisterKernel(name, BACKEND);
  }
  for (const config of replaced.splice(0)) tf.registerKernel(config);
}
