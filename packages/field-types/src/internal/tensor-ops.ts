/**
 * Tensor-level helpers shared by FieldType and GeometricTensor: validation and the group action on a
 * channels-last float32 tensor.
 */
import { type GroupElement, InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from 'ml-matrix';
import type { FieldType } from '../field-type.js';
import { gridPermutation } from '../grid-permutation.js';

/** Expected layout, for messages: `[batch, h, w, C]` or `[batch, C]`. */
export function layoutText(type: FieldType): string {
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
 * `f'(x) = ρ f(g⁻¹ x)`: the fiber matrix `rho` on the channels, then, when `grid` is given, the base-space
 * action of `grid.element` on the spatial axes (exact on the device, or interpolated on the CPU). Fresh tensor.
 */
export function transformTensor(
  tensor: tf.Tensor,
  type: FieldType,
  /** `⊕_i ρ_i(g)`, or `ρ_0(g)` when every field has the representation `ρ_0`. */
  rho: Matrix,
  grid: { element: GroupElement; exact: boolean } | null,
): tf.Tensor {
  return tf.tidy(() => {
    const fibers = mixChannels(tensor, rho);
    if (grid === null || type.gspace.dimensionality === 0) return fibers;
    const fn = 'FieldType.transform';
    const perm = grid.exact ? gridPermutation(type.gspace, grid.element) : null;
    if (perm !== null) {
      let out = fibers;
      if (perm.transpose) {
        if (out.shape[1] !== out.shape[2]) {
          throw new InvalidArgumentError(
            fn,
            'tensor',
            `a tensor of shape [${tensor.shape.join(', ')}]`,
            'must have a square grid for an element that swaps the grid axes (a rotation by ±90°)',
          );
        }
        out = tf.transpose(out, [0, 2, 1, 3]);
      }
      if (perm.reverse.length > 0)
        out = tf.reverse(
          out,
          perm.reverse.map((a) => a + 1),
        );
      return out;
    }
    // interpolation: on the CPU with the gspace's resampling (not differentiable, like escnn's)
    const data = fibers.dataSync() as Float32Array;
    const moved = type.gspace.transformGrid(data, fibers.shape, grid.element, { exact: grid.exact });
    return tf.tensor(moved, fibers.shape, 'float32');
  });
}
