import {
  cyclicGroup,
  dihedralGroup,
  InvalidArgumentError,
  type IrrepId,
  o2Group,
  so2Group,
  UnknownSubgroupError,
} from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStepsKeepTensorCount,
  maxDiff,
  positiveMean,
  randomInput,
  relativeFieldErrors,
} from '../test-utils/test-equivariance.js';
import { BACKENDS, exactElements, useBackend } from '../test-utils/test-fields.js';
import { QuotientFourierELU, QuotientFourierPointwise } from './fourier-quotient.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe('QuotientFourierPointwise', () => {
  it('samples the quotient function: on C8/C2 the sampled values are constant on cosets', () => {
    const G = cyclicGroup(8);
    const m = new QuotientFourierPointwise(noBaseSpace(G), 2, 1, G.blIrreps(4), { N: 8 });
    // L²(C8/C2) has the even frequencies 0, 2 (twice: 2-dim), 4: dimension 4
    expect(m.inType.size).toBe(4);
    const F = 4;
    // rows of A at g and g·r⁴ (same coset of C2 = {e, r⁴}) coincide
    for (let g = 0; g < 4; g++)
      for (let j = 0; j < F; j++) expect(m.A[g * F + j]).toBeCloseTo(m.A[(g + 4) * F + j]!, 10);
    m.dispose();
  });

  const exact = [
    { name: 'C8/C2 on R²', gs: rot2dOnR2(8), id: 2, L: 4 },
    { name: 'D4/flips on R²', gs: flipRot2dOnR2(4), id: [0, 1], L: 2 },
    { name: 'D6/C3 on a point', gs: noBaseSpace(dihedralGroup(6)), id: [null, 3], L: 3 },
    { name: 'O(2)/SO(2) on R²', gs: flipRot2dOnR2(-1, { maximumFrequency: 2 }), id: [null, -1], L: 2, N: 4 },
    { name: 'O(2)/flip on R²', gs: flipRot2dOnR2(-1, { maximumFrequency: 3 }), id: [0, 1], L: 3, N: 8 },
    { name: 'SO(2)/C2 on R²', gs: rot2dOnR2(-1, { maximumFrequency: 4 }), id: 2, L: 4, N: 8 },
    { name: 'flips/identity on R²', gs: flip2dOnR2(), id: 1, L: 1 },
  ];
  it.each(exact)('is exactly equivariant on $name for grid-invariant elements', ({ gs, id, L, N }) => {
    const G = gs.fibergroup as unknown as { blIrreps?(L: number): IrrepId[] };
    const ids = G.blIrreps?.(L) ?? gs.fibergroup.irreps().map((r) => r.id);
    const m = new QuotientFourierELU(gs, id, 2, ids, N === undefined ? {} : { N });
    const elements = gs.dimensionality === 0 ? gs.testingElements : exactElements(gs as never);
    m.checkEquivariance({ elements, atol: 1e-5, rtol: 1e-5, spatialSize: 6 });
    if (N === undefined) {
      // finite group, whole grid: every element on the fibers
      const x = randomInput(m.inType);
      expect(Math.max(...relativeFieldErrors(m, x, gs.testingElements, 0))).toBeLessThan(1e-5);
      x.dispose();
    }
    m.dispose();
  });

  // escnn's test_so2_quot_cn: SO(2)/C_n, band limit 5, a grid of N points on the quotient, rtol 3e-2
  const Ns: Record<number, number> = { 1: 6, 2: 11, 3: 15, 4: 19, 5: 24 };
  it.each([1, 2, 3, 5])('is approximately equivariant on SO(2)/C%i as in escnn', (n) => {
    const G = so2Group(10);
    const gs = noBaseSpace(G);
    const N = Ns[Math.floor(5 / n)]!;
    const grid = Array.from({ length: N }, (_, i) => G.element((i * 2 * Math.PI) / (n * N)));
    const irreps = Array.from({ length: 6 }, (_, l) => [l]);
    for (const outIrreps of [undefined, [[0]], irreps.slice(0, 4)]) {
      const m = new QuotientFourierELU(gs, n, 3, irreps, outIrreps ? { grid, outIrreps } : { grid });
      const x = positiveMean(randomInput(m.inType, 64, 1, 4));
      const errs = relativeFieldErrors(m, x, G.sample(20, { seed: 3 }));
      expect(Math.max(...errs)).toBeLessThan(3e-2);
      x.dispose();
      m.dispose();
    }
  });

  it('exports a model equal to forward', () => {
    const G = o2Group(3);
    const m = new QuotientFourierPointwise(noBaseSpace(G), [null, -1], 2, G.blIrreps(2), { N: 6 });
    const x = randomInput(m.inType);
    const y = m.forward(x);
    const model = m.export();
    const z = model.predict(x.tensor) as tf.Tensor;
    expect(maxDiff(y.tensor, z)).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor, z]);
    model.dispose();
    m.dispose();
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const gs = rot2dOnR2(8);
    const m = new QuotientFourierELU(gs, 2, 2, cyclicGroup(8).blIrreps(4));
    expectStepsKeepTensorCount(m);
    await useBackend('wasm');
  });

  it('rejects bad arguments with typed errors', () => {
    const gs = noBaseSpace(so2Group(4));
    expect(() => new QuotientFourierELU(gs, 2, 2, [[0], [2]])).toThrow(InvalidArgumentError); // no grid on SO(2)
    expect(() => new QuotientFourierELU(gs, 2, 2, [[1]], { N: 4 })).toThrow(InvalidArgumentError); // empty
    expect(() => new QuotientFourierELU(gs, 'x', 2, [[0]], { N: 4 })).toThrow(UnknownSubgroupError);
    expect(() => new QuotientFourierELU(gs, 2, 2, [[0]], { grid: [] })).toThrow(InvalidArgumentError);
  });
});
