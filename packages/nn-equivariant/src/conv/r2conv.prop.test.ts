import '@tensorflow/tfjs-backend-wasm';
import { FieldType } from '@steerable/field-types';
import type { RepresentationLike } from '@steerable/group-theory';
import { numRuns } from '@steerable/group-theory/testing';
import { flip2dOnR2, flipRot2dOnR2, type GSpace2D, rot2dOnR2, trivialOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PaddingMode } from '../ops/spatial-padding.js';
import { R2Conv } from './r2conv.js';

const params = { numRuns: numRuns(40) };

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const gspaces: GSpace2D[] = [
  trivialOnR2(),
  flip2dOnR2(),
  rot2dOnR2(2),
  rot2dOnR2(3),
  rot2dOnR2(4),
  rot2dOnR2(6),
  rot2dOnR2(8),
  flipRot2dOnR2(1),
  flipRot2dOnR2(3),
  flipRot2dOnR2(4),
  rot2dOnR2(-1, { maximumFrequency: 3 }),
  flipRot2dOnR2(-1, { maximumFrequency: 3 }),
];

/** Field representations to draw from: trivial, regular (finite groups), the first irreps. */
function pool(gs: GSpace2D): RepresentationLike[] {
  const finite = gs.rotationsOrder !== -1;
  return [gs.trivialRepr, ...(finite ? [gs.regularRepr] : []), ...gs.irreps.slice(1, 4)];
}

const layerArb = fc
  .record({
    g: fc.nat({ max: gspaces.length - 1 }),
    ins: fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 3 }),
    outs: fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 3 }),
    k: fc.integer({ min: 1, max: 5 }),
    padding: fc.integer({ min: 0, max: 2 }),
    stride: fc.integer({ min: 1, max: 2 }),
    dilation: fc.integer({ min: 1, max: 2 }),
    mode: fc.constantFrom<PaddingMode>('zeros', 'zeros', 'reflect', 'replicate', 'circular'),
    seed: fc.nat(),
  })
  .map((r) => {
    const gs = gspaces[r.g]!;
    const p = pool(gs);
    return {
      ...r,
      gs,
      inReprs: r.ins.map((i) => p[i % p.length]!),
      outReprs: r.outs.map((i) => p[i % p.length]!),
    };
  });

describe('R2Conv properties', () => {
  it('expands escnn’s filter (LayerBasis.expand, transposed) and commutes with exact group elements', () => {
    fc.assert(
      fc.property(layerArb, (c) => {
        const inType = new FieldType(c.gs, c.inReprs);
        const outType = new FieldType(c.gs, c.outReprs);
        let conv: R2Conv;
        try {
          conv = new R2Conv(inType, outType, c.k, {
            padding: c.padding,
            stride: c.stride,
            dilation: c.dilation,
            paddingMode: c.mode,
            seed: c.seed,
          });
        } catch (e) {
          // no equivariant kernel for these fields at this size (escnn raises too)
          expect(String(e)).toMatch(/empty steerable basis/);
          return;
        }
        try {
          // the filter equals the float64 reference expansion of the same weights
          const w = conv.weights.dataSync();
          const ref = conv.basis.expand(w);
          const { filter, bias } = conv.expandParameters();
          const f = filter.dataSync();
          tf.dispose([filter, bias ?? []]);
          const [I, O, P] = [inType.size, outType.size, c.k * c.k];
          for (let o = 0; o < O; o++)
            for (let i = 0; i < I; i++)
              for (let q = 0; q < P; q++)
                expect(Math.abs(f[(q * I + i) * O + o]! - ref[(o * I + i) * P + q]!)).toBeLessThan(1e-5);
          // a spatial size whose strided output grid is centred ((side + 2p − d(k−1) − 1) divisible by s)
          // and larger than the padding (reflect and circular padding need it)
          const side = (4 + 2 * c.padding) * c.stride + c.dilation * (c.k - 1) + 1 - 2 * c.padding;
          const elements = c.gs.testingElements.filter((g) =>
            c.gs
              .basespaceAction(g)
              .to1DArray()
              .every((v) => Math.abs(v - Math.round(v)) < 1e-9),
          );
          if (conv.bias) conv.bias.assign(tf.randomNormal([conv.bias.size], 0, 1, 'float32', c.seed));
          const results = conv.checkEquivariance({
            elements,
            spatialSize: side,
            atol: 1e-4,
            rtol: 1e-4,
            seed: c.seed,
          });
          expect(results.every((r) => r.passed)).toBe(true);
        } finally {
          conv.dispose();
        }
      }),
      params,
    );
  });
});
