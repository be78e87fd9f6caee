// The README's "certify your own layer" example, as written there (so the README cannot go stale).
import { FieldType, GeometricTensor } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import { EquivariantModule } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { CertificationError, certifyEquivariance, initTestingBackend } from './index.js';

class Tanh extends EquivariantModule {
  constructor(type: FieldType) {
    super(type, type);
  }
  protected forwardImpl(x: GeometricTensor) {
    return new GeometricTensor(tf.tanh(x.tensor), this.outType);
  }
}

it('certifies the README custom layer, and rejects it on a type it is not equivariant for', async () => {
  await initTestingBackend();
  const gs = rot2dOnR2(8);
  const report = await certifyEquivariance(new Tanh(new FieldType(gs, [gs.regularRepr, gs.regularRepr])));
  expect(report.passed).toBe(true);
  expect(report.worst.error).toBeLessThan(report.worst.tolerance);
  expect(report.backend.adapter).not.toBe('');
  // tanh does not commute with the rotation matrices of a frequency-1 field
  await expect(certifyEquivariance(new Tanh(new FieldType(gs, [gs.irrep(1)])))).rejects.toThrow(
    CertificationError,
  );
});
