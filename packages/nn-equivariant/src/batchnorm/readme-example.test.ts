import { FieldType, GeometricTensor } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { IIDBatchNorm2d, InnerBatchNorm, initBackend } from '../index.js';

it('runs the README example of batch normalization', async () => {
  await initBackend({ env: {} });
  const gs = rot2dOnR2(8);
  const type = new FieldType(gs, Array(4).fill(gs.regularRepr));
  const bn = new InnerBatchNorm(type, { momentum: 0.1, eps: 1e-5 });
  const x = new GeometricTensor(tf.randomNormal([8, 16, 16, type.size]), type);
  const y = bn.forward(x);
  bn.eval();
  const model = bn.export();
  const mixed = new IIDBatchNorm2d(new FieldType(gs, [gs.regularRepr, gs.irrep(1)]));
  // the batch statistics normalize each field to mean 0 and variance 1 in training mode
  const { mean, variance } = tf.moments(y.tensor);
  expect(mean.dataSync()[0]).toBeCloseTo(0, 4);
  expect(variance.dataSync()[0]).toBeCloseTo(1, 3);
  expect(model.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'BatchNormalization']);
  tf.dispose([x.tensor, y.tensor, mean, variance]);
  model.dispose();
  mixed.dispose();
  bn.dispose();
});
