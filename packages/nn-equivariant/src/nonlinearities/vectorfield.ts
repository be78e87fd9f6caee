/**
 * The vector-field nonlinearity: a regular field of C_N becomes the vector pointing at its strongest rotation.
 */

import { FieldType, type GeometricTensor } from '@steerable/field-types';
import { CyclicGroup, InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { checkFieldType, checkSupport } from '../internal/validation.js';

/**
 * Vector-field nonlinearity (escnn's `VectorFieldNonLinearity`, Marcos et al. 2017, "Rotation equivariant
 * vector field networks"): each regular field of the cyclic group C_N (one value per rotation) becomes the
 * 2D vector `relu(max_i x_i) · (cos θ, sin θ)` with `θ = 2π·argmax_i x_i / N`, a field of the frequency-1 irrep.
 * Equivariant because rotating by `r^k` shifts the regular field cyclically, so the argmax by `k` and `θ` by
 * `2πk/N`, which is how the frequency-1 irrep rotates the vector. Ties take the first maximum; the gradient
 * flows through the maximum only.
 *
 * @see escnn's `escnn.nn.VectorFieldNonLinearity`
 */
export class VectorFieldNonLinearity extends EquivariantModule {
  readonly #n: number;
  readonly #cos: tf.Tensor1D;
  readonly #sin: tf.Tensor1D;

  /**
   * @param inType - regular fields of a cyclic group C_N with N ≥ 3.
   * @throws InvalidArgumentError if the fiber group is not cyclic of order ≥ 3 (escnn asserts order > 1; C_2's
   *   frequency-1 irrep is one-dimensional and cannot hold the vector) or a field is not its regular
   *   representation.
   */
  constructor(inType: FieldType) {
    const fn = 'VectorFieldNonLinearity';
    const type = checkFieldType(fn, inType);
    const G = type.fibergroup;
    if (!(G instanceof CyclicGroup) || G.order() < 3) {
      throw new InvalidArgumentError(
        fn,
        'inType',
        String(type),
        `must be of a cyclic group C_N with N ≥ 3, not ${G.name}`,
      );
    }
    checkSupport(fn, type, 'vectorfield');
    const N = G.order();
    type.representations.forEach((r, i) => {
      if (r.name !== 'regular' || r.size !== N) {
        throw new InvalidArgumentError(
          fn,
          'inType',
          String(type),
          `field ${i} ("${r.name}") must be the regular representation`,
        );
      }
    });
    super(type, new FieldType(type.gspace, Array(type.length).fill(G.irrep(1))));
    this.#n = N;
    const angles = Array.from({ length: N }, (_, i) => (2 * Math.PI * i) / N);
    this.#cos = tf.keep(tf.tensor1d(angles.map(Math.cos)));
    this.#sin = tf.keep(tf.tensor1d(angles.map(Math.sin)));
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const lead = x.tensor.shape.slice(0, -1);
    const F = this.inType.length;
    // A rank-3 view [pixels, F, N]: TF.js's WebGPU backend cannot compile rank-5 binary ops ([b, h, w, F, N]).
    const v = this.#vectors(tf.reshape(x.tensor, [-1, F, this.#n]));
    return this.outType.wrap(tf.reshape(v, [...lead, 2 * F]));
  }

  /**
   * `[..., F, N] → [..., F, 2]`: `relu(max) · (cos θ, sin θ)`. A custom gradient: TF.js differentiates through
   * the argmax's integer index and fails (a gather's index gradient must be float), while the true gradient only
   * reaches the maximal entry: `∂/∂x_argmax = relu'(max) · (dy₀ cos θ + dy₁ sin θ)`.
   */
  #vectors(fm: tf.Tensor): tf.Tensor {
    const cosT = this.#cos;
    const sinT = this.#sin;
    const n = this.#n;
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const t = args[0] as tf.Tensor;
      const save = args[1] as tf.GradSaveFunc;
      const max = tf.max(t, -1);
      // one-hot of the first maximum, as float32
      const onehot = tf.cast(
        tf.equal(tf.range(0, n, 1, 'int32'), tf.expandDims(tf.argMax(t, -1), -1)),
        'float32',
      );
      const c = tf.sum(tf.mul(onehot, cosT), -1);
      const s = tf.sum(tf.mul(onehot, sinT), -1);
      const len = tf.relu(max);
      save([onehot, c, s, max]);
      return {
        value: tf.stack([tf.mul(len, c), tf.mul(len, s)], -1),
        gradFunc: (dy, saved) => {
          const [oh, cs, sn, mx] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
          const g = dy as tf.Tensor;
          const last = g.rank - 1;
          const d0 = tf.squeeze(
            tf.slice(g, [...g.shape.slice(0, -1).map(() => 0), 0], [...g.shape.slice(0, -1), 1]),
            [last],
          );
          const d1 = tf.squeeze(
            tf.slice(g, [...g.shape.slice(0, -1).map(() => 0), 1], [...g.shape.slice(0, -1), 1]),
            [last],
          );
          const dmax = tf.mul(tf.add(tf.mul(d0, cs), tf.mul(d1, sn)), tf.step(mx));
          return [tf.mul(oh, tf.expandDims(dmax, -1))];
        },
      };
    }) as (t: tf.Tensor) => tf.Tensor;
    return f(fm);
  }

  /** Frees the constant tables together with the variables. */
  override dispose(): void {
    tf.dispose([this.#cos, this.#sin]);
    super.dispose();
  }
}
