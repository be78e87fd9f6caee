import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import { type GSpace2D, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EquivariantModule } from '../equivariant-module.js';
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
import { ELU } from './elu.js';
import { LeakyReLU } from './leaky-relu.js';
import { PointwiseNonLinearity } from './pointwise.js';
import { ReLU } from './relu.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

/** A field type every pointwise module accepts: regular fields (finite groups) and trivial ones. */
function pointwiseType(gs: GSpace2D): FieldType {
  const finite = gs.fibergroup.order() > 0;
  const reps = finite ? [gs.regularRepr, gs.trivialRepr, gs.regularRepr] : [gs.trivialRepr, gs.trivialRepr];
  return new FieldType(gs, reps);
}

const elu = (x: number, a: number) => (x > 0 ? x : a * Math.expm1(x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Each module with the scalar function it must compute (float64). */
const MODULES: readonly {
  readonly name: string;
  readonly make: (t: FieldType) => EquivariantModule;
  readonly f: (x: number) => number;
}[] = [
  { name: 'ReLU', make: (t) => new ReLU(t), f: (x) => Math.max(x, 0) },
  { name: 'ELU', make: (t) => new ELU(t), f: (x) => elu(x, 1) },
  { name: 'ELU alpha 0.5', make: (t) => new ELU(t, { alpha: 0.5 }), f: (x) => elu(x, 0.5) },
  { name: 'LeakyReLU', make: (t) => new LeakyReLU(t), f: (x) => (x > 0 ? x : 0.01 * x) },
  {
    name: 'LeakyReLU 0.2',
    make: (t) => new LeakyReLU(t, { negativeSlope: 0.2 }),
    f: (x) => (x > 0 ? x : 0.2 * x),
  },
  { name: 'p_relu', make: (t) => new PointwiseNonLinearity(t), f: (x) => Math.max(x, 0) },
  { name: 'p_elu', make: (t) => new PointwiseNonLinearity(t, { function: 'p_elu' }), f: (x) => elu(x, 1) },
  { name: 'p_sigmoid', make: (t) => new PointwiseNonLinearity(t, { function: 'p_sigmoid' }), f: sigmoid },
  { name: 'p_tanh', make: (t) => new PointwiseNonLinearity(t, { function: 'p_tanh' }), f: Math.tanh },
];

describe.each(MODULES)('$name', ({ make, f }) => {
  const gs = rot2dOnR2(8);
  const type = pointwiseType(gs);

  it('applies its function to every channel, keeping shape and type', () => {
    const m = make(type);
    const x = randomField(type, 2, 5);
    const y = m.forward(x);
    expect(y.type.equals(type)).toBe(true);
    expect(y.shape).toEqual(x.shape);
    expect(m.evaluateOutputShape([2, 5, 5, type.size])).toEqual([2, 5, 5, type.size]);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    let err = 0;
    for (let i = 0; i < xs.length; i++) err = Math.max(err, Math.abs(ys[i]! - f(xs[i]!)));
    expect(err).toBeLessThan(1e-6);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it.each(gspaces2d())('is equivariant on $name', ({ gs }) => {
    const t = pointwiseType(gs);
    const m = make(t);
    // the whole action (pixels permuted, channels permuted) on the elements exact on the grid
    const results = m.checkEquivariance({
      elements: exactElements(gs),
      spatialSize: 7,
      atol: 1e-6,
      rtol: 1e-6,
    });
    expect(results.every((r) => r.maxError <= 1e-6)).toBe(true);
    // a pixel-wise module commutes with the fiber action of every element, 45° and SO(2)'s too
    const x = randomField(t, 2, 4);
    const { error } = fiberEquivarianceError(m, x, gs.testingElements);
    expect(error).toBeLessThan(1e-6);
    x.tensor.dispose();
    m.dispose();
  });

  it('rejects fields without pointwise support (an irrep of frequency 1)', () => {
    const t = new FieldType(gs, [gs.regularRepr, gs.irrep(1)]);
    expect(() => make(t)).toThrow(InvalidArgumentError);
    expect(() => make(t)).toThrow(/"inType".*pointwise.*field 1 \("irrep_1"\)/);
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const m = make(type);
    const x = randomField(type, 2, 4);
    const { dx } = inputAndParameterGradients(m, x);
    expect(dx.length).toBe(x.tensor.size);
    expect(dx.every(Number.isFinite)).toBe(true);
    const counts = tensorsAfter(4, () => m.forward(x).tensor);
    expect(new Set(counts).size).toBe(1);
    x.tensor.dispose();
    m.dispose();
    await useBackend('wasm');
  });

  it('exports a plain TF.js model equal to forward', () => {
    const m = make(type);
    const x = randomField(type, 2, 5);
    const model = m.export();
    const a = model.predict(x.tensor) as tf.Tensor;
    const b = m.forward(x).tensor;
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([a, b, x.tensor]);
    model.dispose();
    m.dispose();
  });
});

describe('option validation', () => {
  const type = pointwiseType(rot2dOnR2(4));
  it('names the function, argument and value', () => {
    expect(() => new ELU(type, { alpha: Number.NaN })).toThrow(/ELU: argument "alpha"/);
    expect(() => new LeakyReLU(type, { negativeSlope: 'x' as unknown as number })).toThrow(/negativeSlope/);
    expect(() => new PointwiseNonLinearity(type, { function: 'relu' as 'p_relu' })).toThrow(
      /PointwiseNonLinearity: argument "function" must be one of 'p_relu'/,
    );
    expect(() => new ReLU(type, { inplace: 1 as unknown as boolean })).toThrow(InvalidArgumentError);
    expect(() => new ReLU({} as FieldType)).toThrow(/ReLU: argument "inType" must be a FieldType/);
  });
});
