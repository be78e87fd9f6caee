import { FieldType } from '@steerable/field-types';
import { type GSpace2D, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequentialModule } from '../containers/sequential.js';
import { ELU } from '../nonlinearities/elu.js';
import { PointwiseMaxPool2D } from '../pooling/max.js';
import {
  BACKENDS,
  exactElements,
  fiberEquivarianceError,
  gspaces2d,
  inputAndParameterGradients,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { GroupPooling } from './group-pooling.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

function pointwiseType(gs: GSpace2D): FieldType {
  const finite = gs.fibergroup.order() > 0;
  return new FieldType(
    gs,
    finite ? [gs.regularRepr, gs.trivialRepr, gs.regularRepr] : [gs.trivialRepr, gs.trivialRepr],
  );
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let e = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return e;
}

describe('GroupPooling', () => {
  const gs = rot2dOnR2(8);
  // sizes 8, 1, 1, 8
  const type = new FieldType(gs, [gs.regularRepr, gs.trivialRepr, gs.trivialRepr, gs.regularRepr]);

  it('takes the maximum of each field; the output fields are trivial', () => {
    const m = new GroupPooling(type);
    expect(m.outType.length).toBe(4);
    expect(m.outType.representations.every((r) => r.isTrivial())).toBe(true);
    const x = randomField(type, 2, 3);
    const y = m.forward(x);
    expect(y.shape).toEqual([2, 3, 3, 4]);
    expect(m.evaluateOutputShape([2, 3, 3, 18])).toEqual([2, 3, 3, 4]);
    const xs = x.tensor.dataSync();
    const want: number[] = [];
    for (let p = 0; p < 18; p++)
      type.representations.forEach((_, f) => {
        want.push(
          Math.max(...Array.from(xs.slice(p * 18 + type.fieldsStart[f]!, p * 18 + type.fieldsEnd[f]!))),
        );
      });
    expect(maxDiff(y.tensor.dataSync(), want)).toBe(0);
    tf.dispose([x.tensor, y.tensor]);
  });

  it.each(gspaces2d())('is invariant on $name', ({ gs }) => {
    const t = pointwiseType(gs);
    const m = new GroupPooling(t);
    // output fibers are trivial: g acts by moving pixels only
    m.checkEquivariance({ elements: exactElements(gs), spatialSize: 6, atol: 0, rtol: 0 });
    const x = randomField(t, 2, 4);
    expect(fiberEquivarianceError(m, x, gs.testingElements).error).toBe(0);
    x.tensor.dispose();
  });

  it('works without a base space', () => {
    const gs0 = noBaseSpace(rot2dOnR2(6).fibergroup);
    const t = new FieldType(gs0, [gs0.regularRepr, gs0.regularRepr]);
    const m = new GroupPooling(t);
    const x = t.wrap(tf.randomNormal([5, 12], 0, 1, 'float32', 2));
    const y = m.forward(x);
    expect(y.shape).toEqual([5, 2]);
    m.checkEquivariance({ atol: 0, rtol: 0 });
    tf.dispose([x.tensor, y.tensor]);
  });

  it('rejects fields that do not support pointwise maxima', () => {
    expect(() => new GroupPooling(new FieldType(gs, [gs.regularRepr, gs.irrep(1)]))).toThrow(
      /GroupPooling: argument "inType".*pointwise.*field 1 \("irrep_1"\)/,
    );
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = new GroupPooling(type);
    const x = randomField(type, 2, 4);
    const { dx } = inputAndParameterGradients(m, x);
    expect(dx.every(Number.isFinite)).toBe(true);
    // the gradient reaches exactly one channel per field and pixel
    expect(dx.filter((v) => v !== 0).length).toBe(2 * 16 * 4);
    expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
    x.tensor.dispose();
    await useBackend('wasm');
  });

  it.each([
    { name: 'mixed sizes on C8', t: type },
    {
      name: 'odd sizes (C3 regular)',
      t: new FieldType(rot2dOnR2(3), [rot2dOnR2(3).regularRepr, rot2dOnR2(3).trivialRepr]),
    },
    { name: 'trivial fields only', t: new FieldType(gs, [gs.trivialRepr, gs.trivialRepr]) },
  ])('exports dense/ReLU layers equal to forward: $name', ({ t }) => {
    const m = new GroupPooling(t);
    const x = randomField(t, 2, 5);
    const model = m.export();
    const a = model.predict(x.tensor) as tf.Tensor;
    const b = m.forward(x).tensor;
    expect(a.shape).toEqual(b.shape);
    expect(maxDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
    tf.dispose([a, b, x.tensor]);
    model.dispose();
  });

  it('exports inside a SequentialModule (ELU, max pooling, group pooling) equal to forward', () => {
    const net = new SequentialModule(
      new ELU(type, { alpha: 0.7 }),
      new PointwiseMaxPool2D(type, 2),
      new GroupPooling(type),
    );
    const x = randomField(type, 2, 8);
    const model = net.export();
    const a = model.predict(x.tensor) as tf.Tensor;
    const b = net.forward(x).tensor;
    expect(a.shape).toEqual([2, 4, 4, 4]);
    expect(maxDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
    tf.dispose([a, b, x.tensor]);
    model.dispose();
    net.dispose();
  });
});
