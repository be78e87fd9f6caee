import { FieldType, GeometricTensor } from '@steerable/field-types';
import { cyclicGroup, InvalidArgumentError } from '@steerable/group-theory';
import { flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactElements, randomField, useBackend } from '../test-utils/test-fields.js';
import { inducedType } from '../test-utils/test-normalization.js';
import { maxDiff } from '../test-utils/test-pooling.js';
import { InducedNormBatchNorm } from './induced-norm-batch-norm.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

const NORM_GSPACES = [
  { name: 'C4', gs: rot2dOnR2(4) },
  { name: 'C8', gs: rot2dOnR2(8) },
  { name: 'D4', gs: flipRot2dOnR2(4) },
  { name: 'O(2)', gs: flipRot2dOnR2(-1, { maximumFrequency: 3 }) },
];

describe('InducedNormBatchNorm', () => {
  it("updates the running variance first and scales by it (escnn's order), with Bessel's correction", () => {
    const gs = flipRot2dOnR2(-1, { maximumFrequency: 3 });
    const { type, sub } = inducedType(gs);
    const m = new InducedNormBatchNorm(type, { momentum: 0.25, eps: 1e-3 });
    expect(m.subfieldSizes).toEqual(sub);
    // one group (size 4, dim ψ 2): escnn's key "(4, 2)"
    expect(m.namedVariables().map(([n, v]) => `${n}:${v.shape}`)).toEqual([
      '_4__2__weight:4',
      '_4__2__running_var:4',
      'num_batches_tracked:',
    ]);
    const w = [0.5, 1.5, 2, 0.75];
    m.loadStateDict({ _4__2__weight: w }, { strict: false });
    const x = randomField(type, 2, 3, 4);
    const y = m.forward(x);
    const xd = x.tensor.dataSync();
    const n = xd.length / type.size; // batch × pixels
    const running = type.representations.map((r, f) => {
      let s = 0;
      for (let p = 0; p < n; p++)
        for (let i = 0; i < r.size; i++) s += xd[p * type.size + type.fieldsStart[f]! + i]! ** 2;
      const samples = (n * r.size) / sub[f]!;
      const v = (s / (samples * sub[f]!)) * (samples / (samples - 1));
      return 0.75 + 0.25 * v;
    });
    expect(maxDiff(m.stateDict().get('_4__2__running_var')!.dataSync(), running)).toBeLessThan(1e-5);
    const want = Array.from(xd, (v, i) => {
      const f = Math.floor((i % type.size) / 4);
      return (v * w[f]!) / Math.sqrt(running[f]! + 1e-3);
    });
    expect(maxDiff(y.tensor.dataSync(), want)).toBeLessThan(1e-5);
    // evaluation: no update, same scale; export computes it
    m.eval();
    const z = m.forward(x);
    expect(maxDiff(z.tensor.dataSync(), want)).toBeLessThan(1e-5);
    const model = m.export();
    const e = model.predict(x.tensor) as tf.Tensor;
    expect(maxDiff(e.dataSync(), z.tensor.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor, z.tensor, e]);
    model.dispose();
    m.dispose();
  });

  it('averages cumulatively with momentum null', () => {
    const gs = rot2dOnR2(8);
    const { type } = inducedType(gs);
    const m = new InducedNormBatchNorm(type, { momentum: null });
    const x1 = randomField(type, 2, 3, 1);
    const x2 = randomField(type, 2, 3, 2);
    const vars = (x: GeometricTensor) => {
      const probe = new InducedNormBatchNorm(type, { momentum: 1 });
      tf.dispose(probe.forward(x).tensor);
      const v = Array.from(probe.stateDict().get('_4__1__running_var')!.dataSync());
      probe.dispose();
      return v;
    };
    tf.dispose([m.forward(x1).tensor, m.forward(x2).tensor]);
    const v1 = vars(x1);
    const v2 = vars(x2);
    expect(
      maxDiff(
        m.stateDict().get('_4__1__running_var')!.dataSync(),
        v1.map((a, i) => (a + v2[i]!) / 2),
      ),
    ).toBeLessThan(1e-5);
    expect(m.stateDict().get('num_batches_tracked')!.dataSync()[0]).toBe(2);
    tf.dispose([x1.tensor, x2.tensor]);
  });

  it.each(NORM_GSPACES)(
    'is equivariant on $name (training statistics on grid elements, eval on all)',
    ({ gs }) => {
      const { type } = inducedType(gs);
      // training: the batch variance of g·x equals that of x (norms are invariant, pixels permuted)
      const x = randomField(type, 2, 5, 3);
      for (const g of exactElements(gs)) {
        const a = new InducedNormBatchNorm(type);
        const b = new InducedNormBatchNorm(type);
        const gx = x.transform(g);
        const y1 = a.forward(gx).tensor;
        const fx = b.forward(x);
        const y2 = fx.transform(g).tensor;
        expect(maxDiff(y1.dataSync(), y2.dataSync())).toBeLessThan(1e-5);
        tf.dispose([gx.tensor, y1, fx.tensor, y2]);
        a.dispose();
        b.dispose();
      }
      const m = new InducedNormBatchNorm(type);
      tf.dispose(m.forward(x).tensor);
      m.eval();
      // evaluation: a fixed scale per field commutes with ρ(g) and with resampling
      m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
      x.tensor.dispose();
      m.dispose();
    },
  );

  it('works on noBaseSpace', () => {
    const gs = noBaseSpace(cyclicGroup(8));
    const { type } = inducedType(gs);
    const m = new InducedNormBatchNorm(type);
    const x = new GeometricTensor(tf.randomNormal([6, type.size], 0, 1, 'float32', 2), type);
    const y = m.forward(x);
    expect(y.shape).toEqual([6, type.size]);
    m.eval();
    m.checkEquivariance({ atol: 1e-5, rtol: 1e-5 });
    tf.dispose([x.tensor, y.tensor]);
  });

  it('rejects fields that are not induced or contain a trivial irrep', () => {
    const gs = rot2dOnR2(8);
    expect(() => new InducedNormBatchNorm(new FieldType(gs, [gs.regularRepr]))).toThrow(/'induced_norm'/);
    expect(() => new InducedNormBatchNorm(new FieldType(gs, [gs.quotientRepr(4)]))).toThrow(/trivial irrep/);
    expect(() => new InducedNormBatchNorm(inducedType(gs).type, { momentum: 2 })).toThrow(
      InvalidArgumentError,
    );
  });
});
