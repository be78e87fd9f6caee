import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  exactElements,
  gspaces2d,
  inputAndParameterGradients,
  randomField,
  tensorsAfter,
  useBackend,
} from '../test-utils/test-fields.js';
import { FieldDropout } from './field.js';
import { PointwiseDropout } from './pointwise.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

const gs = rot2dOnR2(8);

describe('PointwiseDropout', () => {
  const type = new FieldType(gs, [gs.regularRepr, gs.trivialRepr]);

  it('zeroes a fraction p of the entries and scales the others by 1/(1 − p) in training', () => {
    const m = new PointwiseDropout(type, { p: 0.3 });
    expect(m.training).toBe(true);
    const x = randomField(type, 4, 20); // 4·400·9 = 14,400 entries
    const y = m.forward(x);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    let dropped = 0;
    let err = 0;
    for (let i = 0; i < xs.length; i++) {
      if (ys[i] === 0) dropped++;
      else err = Math.max(err, Math.abs(ys[i]! - xs[i]! / 0.7));
    }
    // binomial: std √(n·p·(1 − p)) ≈ 55 entries; allow 5 standard deviations
    expect(Math.abs(dropped - 0.3 * xs.length)).toBeLessThan(5 * Math.sqrt(xs.length * 0.21));
    expect(err).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor]);
  });

  it('is the identity in evaluation mode, and exactly equivariant there', () => {
    const m = new PointwiseDropout(type).eval();
    const x = randomField(type, 2, 4);
    const y = m.forward(x);
    expect(Array.from(y.tensor.dataSync())).toEqual(Array.from(x.tensor.dataSync()));
    m.checkEquivariance({ elements: exactElements(gs), spatialSize: 5, atol: 0, rtol: 0 });
    tf.dispose([x.tensor, y.tensor]);
  });

  it('handles p = 0 and p = 1', () => {
    const x = randomField(type, 1, 3);
    const y0 = new PointwiseDropout(type, { p: 0 }).forward(x);
    const y1 = new PointwiseDropout(type, { p: 1 }).forward(x);
    expect(Array.from(y0.tensor.dataSync())).toEqual(Array.from(x.tensor.dataSync()));
    expect(y1.tensor.dataSync().every((v) => v === 0)).toBe(true);
    tf.dispose([x.tensor, y0.tensor, y1.tensor]);
  });

  it('validates p and the fields', () => {
    expect(() => new PointwiseDropout(type, { p: 1.5 })).toThrow(
      /PointwiseDropout: argument "p" must be a finite number ≥ 0 and ≤ 1/,
    );
    expect(() => new PointwiseDropout(new FieldType(gs, [gs.irrep(1)]))).toThrow(InvalidArgumentError);
  });

  it('exports tf.layers.dropout, the identity at inference', () => {
    const m = new PointwiseDropout(type, { p: 0.4 });
    const x = randomField(type, 2, 3);
    const model = m.export();
    const a = model.predict(x.tensor) as tf.Tensor;
    expect(Array.from(a.dataSync())).toEqual(Array.from(x.tensor.dataSync()));
    tf.dispose([a, x.tensor]);
    model.dispose();
  });
});

describe('FieldDropout', () => {
  // fields of sizes 2, 8, 1, 2: non-contiguous sizes
  const type = new FieldType(gs, [gs.irrep(1), gs.regularRepr, gs.trivialRepr, gs.irrep(3)]);

  it('drops whole fields per sample and pixel with probability p', () => {
    const m = new FieldDropout(type, { p: 0.25 });
    const x = randomField(type, 4, 25); // 4·625·4 = 10,000 field draws
    const y = m.forward(x);
    const xs = x.tensor.dataSync();
    const ys = y.tensor.dataSync();
    let dropped = 0;
    let draws = 0;
    let err = 0;
    for (let p = 0; p < xs.length / type.size; p++)
      type.representations.forEach((_, f) => {
        const zero = [];
        for (let c = type.fieldsStart[f]!; c < type.fieldsEnd[f]!; c++) {
          const i = p * type.size + c;
          zero.push(ys[i] === 0);
          if (ys[i] !== 0) err = Math.max(err, Math.abs(ys[i]! - xs[i]! / 0.75));
        }
        // all or nothing within a field
        expect(new Set(zero).size).toBe(1);
        draws++;
        if (zero[0]) dropped++;
      });
    expect(Math.abs(dropped - 0.25 * draws)).toBeLessThan(5 * Math.sqrt(draws * 0.1875));
    expect(err).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor]);
  });

  it.each(gspaces2d())('accepts any field type and is the identity in evaluation mode on $name', ({ gs }) => {
    const t = new FieldType(gs, [...gs.irreps]);
    const m = new FieldDropout(t).eval();
    m.checkEquivariance({ elements: exactElements(gs), spatialSize: 4, atol: 0, rtol: 0 });
    const x = randomField(t, 1, 2);
    const y = m.forward(x);
    expect(Array.from(y.tensor.dataSync())).toEqual(Array.from(x.tensor.dataSync()));
    tf.dispose([x.tensor, y.tensor]);
  });

  it('validates p', () => {
    expect(() => new FieldDropout(type, { p: -0.1 })).toThrow(/FieldDropout: argument "p"/);
  });

  it('exports the identity (dropout does nothing at inference)', () => {
    const x = randomField(type, 1, 3);
    const model = new FieldDropout(type).export();
    const a = model.predict(x.tensor) as tf.Tensor;
    expect(Array.from(a.dataSync())).toEqual(Array.from(x.tensor.dataSync()));
    tf.dispose([a, x.tensor]);
    model.dispose();
  });
});

describe.each(BACKENDS)('dropout backward on %s', (backend) => {
  it('runs forward and backward in training mode without leaking', async () => {
    await useBackend(backend);
    const pointwiseType = new FieldType(gs, [gs.regularRepr]);
    const anyType = new FieldType(gs, [gs.irrep(1), gs.regularRepr]);
    for (const [m, t] of [
      [new PointwiseDropout(pointwiseType), pointwiseType],
      [new FieldDropout(anyType), anyType],
    ] as const) {
      const x = randomField(t, 2, 4);
      const { dx } = inputAndParameterGradients(m, x);
      expect(dx.every(Number.isFinite)).toBe(true);
      expect(dx.some((v) => v === 0) && dx.some((v) => v !== 0)).toBe(true);
      expect(new Set(tensorsAfter(4, () => m.forward(x).tensor)).size).toBe(1);
      x.tensor.dispose();
    }
    await useBackend('wasm');
  });
});
