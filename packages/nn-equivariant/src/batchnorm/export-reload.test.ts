import { FieldType, GeometricTensor } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import type { EquivariantModule } from '../equivariant-module.js';
import { GNormBatchNorm } from './gnorm.js';
import { InnerBatchNorm } from './inner.js';

beforeAll(async () => {
  await initBackend({ env: {} });
});

/** Saves a model to memory and loads it back, as a deployment would through files or IndexedDB. */
async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return tf.loadLayersModel(tf.io.fromMemory(saved!));
}

describe('exported batch norms survive save and reload', () => {
  const gs = rot2dOnR2(4);
  const type = new FieldType(gs, [gs.regularRepr, gs.regularRepr, gs.trivialRepr]);
  // InnerBatchNorm exports a batchNormalization layer; GNormBatchNorm on regular fields a 1×1 channel mix.
  const cases: [string, () => EquivariantModule][] = [
    ['InnerBatchNorm', () => new InnerBatchNorm(type)],
    ['GNormBatchNorm', () => new GNormBatchNorm(type)],
  ];
  for (const [name, build] of cases) {
    it(name, async () => {
      const bn = build();
      const x = new GeometricTensor(tf.randomNormal([4, 5, 5, type.size], 0.5, 2, 'float32', 7), type);
      bn.forward(x).dispose(); // updates the running statistics, so the exported values are not the defaults
      bn.eval();
      const model = bn.export();
      const reloaded = await roundTrip(model);
      const a = model.predict(x.tensor) as tf.Tensor;
      const b = reloaded.predict(x.tensor) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-6);
      tf.dispose([a, b, x.tensor]);
      model.dispose();
      reloaded.dispose();
      bn.dispose();
    });
  }
});
