import { FieldType, GeometricTensor } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { ReLU } from '../nonlinearities/relu.js';
import { PointwiseMaxPool2D } from '../pooling/max.js';
import { GroupPooling } from './group-pooling.js';

it("runs the README's nonlinearity/pooling example", async () => {
  await initBackend();
  const gs = rot2dOnR2(8);
  const type = new FieldType(gs, Array(4).fill(gs.regularRepr));
  const x = new GeometricTensor(tf.randomNormal([2, 16, 16, type.size]), type);
  const y = new GroupPooling(type).forward(
    new PointwiseMaxPool2D(type, 2).forward(new ReLU(type).forward(x)),
  );
  expect(y.shape).toEqual([2, 8, 8, 4]);
});
