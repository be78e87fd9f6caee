import { FieldType, GeometricTensor } from '@steerable/field-types';
import { cyclicGroup, so2Group } from '@steerable/group-theory';
import { noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { directSum } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import {
  FourierELU,
  GatedNonLinearity2,
  initBackend,
  QuotientFourierELU,
  TensorProductModule,
} from '../index.js';

it('runs the README example of the Fourier, gated and tensor-product nonlinearities', async () => {
  await initBackend({ env: {} });
  const G = so2Group(3);
  const gs = noBaseSpace(G);
  const elu = new FourierELU(gs, 8, G.blIrreps(2), { type: 'regular', N: 12 });
  const x = new GeometricTensor(tf.randomNormal([4, elu.inType.size]), elu.inType);
  const y = elu.forward(x);
  const q = new QuotientFourierELU(rot2dOnR2(8), 2, 4, cyclicGroup(8).blIrreps(4));
  const gates = new FieldType(gs, [gs.trivialRepr, gs.trivialRepr]);
  const gated = new GatedNonLinearity2([gates, new FieldType(gs, [G.irrep(1), G.irrep(2)])]);
  const tp = TensorProductModule.construct(gs, 4, directSum([G.irrep(0), G.irrep(1)]), G.irrep(2));
  expect(y.shape).toEqual([4, 8 * 5]);
  expect(q.inType.size).toBe(4 * 4); // L²(C8/C2): frequencies 0, 2 (2-dim), 4
  expect(gated.outType.size).toBe(4);
  expect(tp.outType.size).toBe(8);
  tf.dispose([x.tensor, y.tensor]);
  for (const m of [elu, q, gated, tp]) m.dispose();
});
