/** Modules for this package's tests (not exported): one equivariant by construction, one planted broken. */
import { type FieldType, GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import type { CertifiableModule } from './certify.js';
import { normalGenerator } from './internal/random.js';

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

/** A plain convolution with a random (unconstrained) filter: not equivariant. */
export class PlainConv implements CertifiableModule {
  readonly inType: FieldType;
  readonly outType: FieldType;
  readonly #filter: tf.Tensor4D;
  constructor(inType: FieldType, outType: FieldType, kernelSize = 3, seed = 7) {
    this.inType = inType;
    this.outType = outType;
    const normal = normalGenerator(seed);
    const n = kernelSize * kernelSize * inType.size * outType.size;
    const w = Float32Array.from(
      { length: n },
      () => normal() / Math.sqrt(kernelSize * kernelSize * inType.size),
    );
    this.#filter = tf.tensor4d(w, [kernelSize, kernelSize, inType.size, outType.size]);
  }
  forward(x: GeometricTensor): GeometricTensor {
    return new GeometricTensor(
      tf.tidy(() => tf.conv2d(x.tensor as tf.Tensor4D, this.#filter, 1, 'same')),
      this.outType,
    );
  }
  dispose(): void {
    this.#filter.dispose();
  }
  toString(): string {
    return 'PlainConv';
  }
}
