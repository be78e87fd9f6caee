/**
 * Tensor-level helpers shared by FieldType and GeometricTensor: validation and the group action on a
 * channels-last float32 tensor.
 */
import { type GroupElement, InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from 'ml-matrix';
import type { FieldType } from '../field-type.js';
import { type GridPermutation, gridPermutation } from '../grid-permutation.js';

/** Expected layout, for messages: `[batch, h, w, C]` or `[batch, C]`. */
function layoutText(type: FieldType): string {
  const d = type.gspace.dimensionality;
  const spatial = d === 2 ? ['h', 'w'] : d === 3 ? ['d', 'h', 'w'] : [];
  return `[${['batch', ...spatial, String(type.size)].join(', ')}]`;
}

/**
 * Checks that `tensor` is a live float32 tf.Tensor of rank `2 + d` whose last axis has `type.size` channels.
 * @throws InvalidArgumentError otherwise.
 */
export function checkTensor(fn: string, argument: string, tensor: unknown, type: FieldType): tf.Tensor {
  if (!(tensor instanceof tf.Tensor)) {
    throw new InvalidArgumentError(fn, argument, tensor, 'must be a tf.Tensor');
  }
  if (tensor.isDisposed) {
    throw new InvalidArgumentError(fn, argument, 'a disposed tensor', 'must not be disposed');
  }
  if (tensor.dtype !== 'float32') {
    throw new InvalidArgumentError(fn, argument, `a ${tensor.dtype} tensor`, 'must be float32');
  }
  const rank = type.gspace.dimensionality + 2;
  if (tensor.rank !== rank || tensor.shape[rank - 1] !== type.size) {
    throw new InvalidArgumentError(
      fn,
      argument,
      `a tensor of shape [${tensor.shape.join(', ')}]`,
      `must have shape ${layoutText(type)} (channels-last, ${type.size} channels of ${type})`,
    );
  }
  return tensor;
}

function isIdentity(m: Matrix): boolean {
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.columns; j++) if (m.get(i, j) !== (i === j ? 1 : 0)) return false;
  }
  return true;
}

/**
 * `x ↦ ρ x` on the channel (last) axis: a matmul with `ρᵀ` on the `[-1, k]` view, `k = ρ`'s size (the whole
 * channel count, or one field's size when all fields share `ρ`).
 */
function mixChannels(x: tf.Tensor, rho: Matrix): tf.Tensor {
  if (isIdentity(rho)) return tf.clone(x);
  const c = rho.rows;
  const rhoT = tf.tensor2d(rho.transpose().to1DArray(), [c, c], 'float32');
  return tf.reshape(tf.matMul(tf.reshape(x, [-1, c]), rhoT), x.shape);
}

/**
 * The transposition of the spatial axes of `x` (channels-last, batch first): on a pixel grid the two axes swap,
 * on a voxel grid output axis `i` reads input axis `perm.axes[i]`.
 * @throws InvalidArgumentError when an exchanged pair of axes has different extents (the grid would change).
 */
function permuteAxes(fn: string, tensor: tf.Tensor, x: tf.Tensor, perm: GridPermutation): tf.Tensor {
  const spatial = perm.axes ?? [1, 0];
  const shape = tensor.shape;
  if (spatial.some((j, i) => shape[1 + j] !== shape[1 + i])) {
    throw new InvalidArgumentError(
      fn,
      'tensor',
      `a tensor of shape [${shape.join(', ')}]`,
      spatial.length === 2
        ? 'must have a square grid for an element that swaps the grid axes (a rotation by ±90°)'
        : 'must have equal extents along the grid axes the element exchanges (a cubic grid)',
    );
  }
  return tf.transpose(x, [0, ...spatial.map((j) => 1 + j), spatial.length + 1]);
}

/** Where `transformTensor` moves the grid: the element, and whether exact permutations are allowed. */
export type GridStep = { readonly element: GroupElement; readonly exact: boolean } | null;

/**
 * The device part of `f'(x) = ρ f(g⁻¹ x)`: the channels mixed by `rho` and, when `grid.element` permutes the
 * pixels exactly, the permutation; `interpolate` is true when the grid still has to be resampled on the CPU.
 */
function onDevice(
  fn: string,
  tensor: tf.Tensor,
  type: FieldType,
  rho: Matrix,
  grid: GridStep,
): { moved: tf.Tensor; interpolate: boolean } {
  const fibers = mixChannels(tensor, rho);
  if (grid === null || type.gspace.dimensionality === 0) return { moved: fibers, interpolate: false };
  const perm = grid.exact ? gridPermutation(type.gspace, grid.element) : null;
  if (perm === null) return { moved: fibers, interpolate: true };
  let out = fibers;
  if (perm.transpose) out = permuteAxes(fn, tensor, out, perm);
  if (perm.reverse.length > 0)
    out = tf.reverse(
      out,
      perm.reverse.map((a) => a + 1),
    );
  return { moved: out, interpolate: false };
}

/** The CPU part: `data` (of `shape`) resampled by the gspace's order-2 spline interpolation, uploaded. */
function resample(
  type: FieldType,
  data: Float32Array,
  shape: number[],
  grid: NonNullable<GridStep>,
): tf.Tensor {
  const moved = type.gspace.transformGrid(data, shape, grid.element, { exact: grid.exact });
  return tf.tensor(moved, shape, 'float32');
}

/**
 * `f'(x) = ρ f(g⁻¹ x)`: the fiber matrix `rho` on the channels, then, when `grid` is given, the base-space
 * action of `grid.element` on the spatial axes (exact on the device, or interpolated on the CPU). Fresh tensor.
 * Interpolation reads the tensor back synchronously (`dataSync`), which TF.js's WebGPU backend cannot do in Node:
 * see {@link transformTensorAsync}.
 * @throws SteerableError when the backend cannot read synchronously.
 */
export function transformTensor(
  fn: string,
  tensor: tf.Tensor,
  type: FieldType,
  /** `⊕_i ρ_i(g)`, or `ρ_0(g)` when every field has the representation `ρ_0`. */
  rho: Matrix,
  grid: GridStep,
): tf.Tensor {
  const { moved, interpolate } = tf.tidy(() => onDevice(fn, tensor, type, rho, grid));
  if (!interpolate || grid === null) return moved;
  try {
    let data: Float32Array;
    try {
      data = moved.dataSync() as Float32Array;
    } catch (e) {
      throw new SteerableError(
        fn,
        `cannot read the tensor back synchronously on the '${tf.getBackend()}' backend to interpolate ` +
          `(${e instanceof Error ? e.message : String(e)}); use the asynchronous transformAsync`,
      );
    }
    return resample(type, data, moved.shape, grid);
  } finally {
    moved.dispose();
  }
}

/**
 * {@link transformTensor} reading back asynchronously (`await data()`) for the interpolation, so it runs on every
 * backend, WebGPU in Node included. Exact elements never read back.
 */
export async function transformTensorAsync(
  fn: string,
  tensor: tf.Tensor,
  type: FieldType,
  rho: Matrix,
  grid: GridStep,
): Promise<tf.Tensor> {
  const { moved, interpolate } = tf.tidy(() => onDevice(fn, tensor, type, rho, grid));
  if (!interpolate || grid === null) return moved;
  try {
    return resample(type, (await moved.data()) as Float32Array, moved.shape, grid);
  } finally {
    moved.dispose();
  }
}
