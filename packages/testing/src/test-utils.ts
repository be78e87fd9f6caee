/** Modules for this package's tests (not exported): one equivariant by construction, one planted broken. */
import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { normalStream } from '@steerable/group-theory';
import { EquivariantModule } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import type { CertifiableModule } from './certify.js';

/**
 * The same isotropic (radial Gaussian) filter on every channel, 'same' padding: it commutes with any
 * channel mixing and with every rotation and reflection of the grid (exactly for the grid's own symmetries,
 * up to sampling for the others), so it is equivariant for any field type.
 */
export class IsotropicBlur implements CertifiableModule {
  readonly inType: FieldType;
  readonly outType: FieldType;
  readonly #filter: tf.Tensor4D;
  constructor(type: FieldType, sigma = 1, radius = 2) {
    this.inType = type;
    this.outType = type;
    const k = 2 * radius + 1;
    const w = new Float32Array(k * k * type.size);
    for (let y = 0; y < k; y++)
      for (let x = 0; x < k; x++) {
        const v = Math.exp(-((y - radius) ** 2 + (x - radius) ** 2) / (2 * sigma * sigma));
        for (let c = 0; c < type.size; c++) w[(y * k + x) * type.size + c] = v;
      }
    this.#filter = tf.tensor4d(w, [k, k, type.size, 1]);
  }
  forward(x: GeometricTensor): GeometricTensor {
    const y = tf.tidy(() => {
      const t = x.tensor as tf.Tensor4D;
      return this.inType.gspace.dimensionality === 0
        ? tf.mul(t, 2)
        : tf.depthwiseConv2d(t, this.#filter, 1, 'same');
    });
    return new GeometricTensor(y, this.outType);
  }
  dispose(): void {
    this.#filter.dispose();
  }
  toString(): string {
    return `IsotropicBlur(${this.inType})`;
  }
}

/**
 * The planted broken layer: a plain convolution with a random, unconstrained filter, wrapped as an
 * `EquivariantModule` (it claims `inType → outType` but ignores the group).
 */
export class PlainConv extends EquivariantModule {
  readonly filter: tf.Variable;
  constructor(inType: FieldType, outType: FieldType, kernelSize = 3, seed = 7) {
    super(inType, outType);
    const normal = normalStream(seed);
    const n = kernelSize * kernelSize * inType.size * outType.size;
    const w = Float32Array.from(
      { length: n },
      () => normal() / Math.sqrt(kernelSize * kernelSize * inType.size),
    );
    this.filter = this.registerParameter(
      'filter',
      tf.tensor4d(w, [kernelSize, kernelSize, inType.size, outType.size]),
    );
  }
  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    return new GeometricTensor(
      tf.conv2d(x.tensor as tf.Tensor4D, this.filter as tf.Tensor4D, 1, 'same'),
      this.outType,
    );
  }
}

/** Global average pooling of trivial fields to a 1×1 grid: invariant. */
export class GlobalAverage implements CertifiableModule {
  readonly inType: FieldType;
  readonly outType: FieldType;
  constructor(type: FieldType) {
    this.inType = type;
    this.outType = type;
  }
  forward(x: GeometricTensor): GeometricTensor {
    return new GeometricTensor(tf.mean(x.tensor, [1, 2], true), this.outType);
  }
}

/** The value at the top-left pixel, as a 1×1 grid: not invariant (a planted broken invariant map). */
export class CornerPixel implements CertifiableModule {
  readonly inType: FieldType;
  readonly outType: FieldType;
  constructor(type: FieldType) {
    this.inType = type;
    this.outType = type;
  }
  forward(x: GeometricTensor): GeometricTensor {
    const [b, , , c] = x.tensor.shape as [number, number, number, number];
    return new GeometricTensor(tf.slice(x.tensor, [0, 0, 0, 0], [b, 1, 1, c]), this.outType);
  }
}

/**
 * On regular fields of C8, swaps channels 2k ↔ 2k+1: commutes with the cyclic shift by 2 (the quarter turns,
 * exact on the grid) but not with the shift by 1 (45°, interpolated). Only the interpolated certification can
 * catch it.
 */
export class PairSwap implements CertifiableModule {
  readonly inType: FieldType;
  readonly outType: FieldType;
  constructor(type: FieldType) {
    this.inType = type;
    this.outType = type;
  }
  forward(x: GeometricTensor): GeometricTensor {
    const c = this.inType.size;
    const index = Array.from({ length: c }, (_, i) => (i % 2 === 0 ? i + 1 : i - 1));
    return new GeometricTensor(
      tf.tidy(() => tf.gather(x.tensor, tf.tensor1d(index, 'int32'), x.tensor.rank - 1)),
      this.outType,
    );
  }
}
