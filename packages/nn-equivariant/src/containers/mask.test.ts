import { FieldType } from '@steerable/field-types';
import { cyclicGroup, InvalidArgumentError } from '@steerable/group-theory';
import { noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactElements, gspaces2d, isGridExact, useBackend } from '../test-utils/test-fields.js';
import { discError, smooth, typeOf } from '../test-utils/test-resampling.js';
import { buildMask, MaskModule } from './mask.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe('MaskModule', () => {
  it("builds escnn's mask: 1 inside the radius, exp((t − r²)/σ²) outside", () => {
    const m = buildMask(5, 2, 0, 2);
    // c = 2, t = 4: the centre and the axis points at distance 2 are 1, the corner has r = 8
    expect(m[2 * 5 + 2]).toBe(1);
    expect(m[0 * 5 + 2]).toBe(1);
    expect(m[0]).toBeCloseTo(Math.exp((4 - 8) / 4), 14);
    const margin = buildMask(5, 2, 50, 1);
    // t = (2 − 1)² = 1: distance-2 axis point has r = 4
    expect(margin[2]).toBeCloseTo(Math.exp(1 - 4), 14);
    expect(buildMask(3, 3, 0, 2)).toHaveLength(27);
  });

  it('multiplies every channel by the mask and keeps the shape', () => {
    const gs = rot2dOnR2(4);
    const type = typeOf(gs);
    const m = new MaskModule(type, 7, { margin: 10, sigma: 1.5 });
    const x = smooth(type, 7);
    const y = m.forward(x);
    const mask = buildMask(7, 2, 10, 1.5);
    const xd = x.tensor.dataSync();
    const yd = y.tensor.dataSync();
    let err = 0;
    for (let p = 0; p < 49; p++)
      for (let k = 0; k < type.size; k++) {
        err = Math.max(err, Math.abs(yd[p * type.size + k]! - xd[p * type.size + k]! * mask[p]!));
      }
    expect(err).toBeLessThan(1e-6);
    expect(m.stateDict().get('mask')?.shape).toEqual([1, 7, 7, 1]);
    tf.dispose([...m.stateDict().values(), x.tensor, y.tensor]);
    expect(m.trainableVariables).toHaveLength(0);
  });

  it.each(gspaces2d())(
    'on $name: exact on the grid elements, and on the central disc for the others',
    ({ gs }) => {
      const type = typeOf(gs);
      const S = 21;
      const m = new MaskModule(type, S);
      // exact elements: the mask is invariant under the grid's symmetries
      m.checkEquivariance({ elements: exactElements(gs), spatialSize: S, atol: 1e-6, rtol: 0 });
      const x = smooth(type, S);
      const fx = m.forward(x);
      const scale = tf.max(tf.abs(x.tensor)).dataSync()[0]!;
      // on the disc of radius S/4 the stencil (±1.5 px) sees mask 1; masked pixels (r > c = 10) are at least
      // c − S/4 − 1.5 px away, and the quadratic spline's prefilter leaks |z|^distance of them (z = 2√2 − 3), both
      // sides: bound 2·max|x|·|z|^distance (≈ 8e-3 here)
      const z = Math.abs(2 * Math.SQRT2 - 3);
      const bound = 2 * scale * z ** ((S - 1) / 2 - S / 4 - 1.5);
      for (const g of gs.testingElements.filter((e) => !isGridExact(gs, e))) {
        const a = m.forward(x.transform(g)).tensor;
        const b = fx.transform(g).tensor;
        expect(discError(a, b, S / 4)).toBeLessThan(bound);
        tf.dispose([a, b]);
      }
      tf.dispose([x.tensor, fx.tensor]);
      m.dispose();
    },
  );

  it('is not equivariant near the edge for a 45° rotation (the masking is what differs)', () => {
    const gs = rot2dOnR2(8);
    const type = typeOf(gs);
    const m = new MaskModule(type, 21);
    const x = smooth(type, 21);
    const g = gs.testingElements.find((e) => !isGridExact(gs, e))!;
    const a = m.forward(x.transform(g)).tensor;
    const b = m.forward(x).transform(g).tensor;
    expect(discError(a, b, 100)).toBeGreaterThan(1e-2);
    tf.dispose([a, b, x.tensor]);
  });

  it('rejects grids of another size, R⁰ and bad options', () => {
    const gs = rot2dOnR2(4);
    const m = new MaskModule(typeOf(gs), 5);
    const x = smooth(typeOf(gs), 6);
    expect(() => m.forward(x)).toThrow(/MaskModule.forward: argument "x"/);
    expect(() => m.evaluateOutputShape([1, 6, 6, typeOf(gs).size])).toThrow(InvalidArgumentError);
    expect(() => new MaskModule(new FieldType(noBaseSpace(cyclicGroup(2)), []), 5)).toThrow(
      InvalidArgumentError,
    );
    expect(() => new MaskModule(typeOf(gs), 0)).toThrow(/argument "S"/);
    expect(() => new MaskModule(typeOf(gs), 5, { sigma: 0 })).toThrow(/options.sigma/);
    x.tensor.dispose();
  });
});
