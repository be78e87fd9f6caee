import {
  cyclicGroup,
  dihedralGroup,
  InvalidArgumentError,
  type IrrepId,
  o2Group,
  so2Group,
} from '@steerable/group-theory';
import { flip2dOnR2, flipRot2dOnR2, noBaseSpace, rot2dOnR2, trivialOnR2 } from '@steerable/gspaces';
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
import { FourierELU, FourierPointwise } from './fourier.js';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('wasm'));

describe('FourierPointwise', () => {
  it('computes A⁺ σ(A x) with escnn matrices (C4, full band, regular grid: A is √|G|-scaled DFT)', () => {
    const G = cyclicGroup(4);
    const gs = noBaseSpace(G);
    const m = new FourierPointwise(gs, 2, G.blIrreps(2));
    // A has orthogonal columns and |A k| = 1 for the normalized kernel: AᵀA = (|G| / F) I here (F = 4)
    const n = m.grid.length;
    const F = m.inType.representations[0]!.size;
    expect(n).toBe(4);
    for (let i = 0; i < F; i++)
      for (let j = 0; j < F; j++) {
        let s = 0;
        for (let g = 0; g < n; g++) s += m.A[g * F + i]! * m.A[g * F + j]!;
        expect(s).toBeCloseTo(i === j ? n / F : 0, 10);
      }
    // forward against a float64 evaluation of A⁺ relu(A x)
    const x = randomInput(m.inType, 3);
    const y = m.forward(x);
    const xs = x.tensor.arraySync() as number[][];
    const ys = y.tensor.arraySync() as number[][];
    let err = 0;
    for (let b = 0; b < 3; b++)
      for (let c = 0; c < 2; c++) {
        const xc = xs[b]!.slice(c * F, c * F + F);
        const s = Array.from({ length: n }, (_, g) =>
          Math.max(
            0,
            xc.reduce((acc, v, i) => acc + m.A[g * F + i]! * v, 0),
          ),
        );
        for (let o = 0; o < F; o++) {
          const v = s.reduce((acc, sv, g) => acc + m.Ainv[o * n + g]! * sv, 0);
          err = Math.max(err, Math.abs(v - ys[b]![c * F + o]!));
        }
      }
    expect(err).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor]);
    m.dispose();
  });

  it('samples SO(2) functions as escnn: row θ of A is (1, √2 cos θ, √2 sin θ, …, √2 sin Lθ)/√(2L+1)', () => {
    const G = so2Group(4);
    const L = 3;
    const m = new FourierPointwise(noBaseSpace(G), 1, G.blIrreps(L), { N: 7 });
    const F = 2 * L + 1;
    m.grid.forEach((g, i) => {
      const theta = (2 * Math.PI * i) / 7;
      expect(g.equals(G.element(theta))).toBe(true);
      const want = [1];
      for (let k = 1; k <= L; k++)
        want.push(Math.SQRT2 * Math.cos(k * theta), Math.SQRT2 * Math.sin(k * theta));
      want.forEach((v, j) => {
        expect(m.A[i * F + j]).toBeCloseTo(v / Math.sqrt(F), 12);
      });
    });
    // without normalization the kernel keeps its √d scale
    const raw = new FourierPointwise(noBaseSpace(G), 1, G.blIrreps(L), { N: 7, normalize: false });
    expect(raw.A[0]).toBeCloseTo(1, 12);
    expect(raw.A[1]).toBeCloseTo(Math.SQRT2, 12);
    m.dispose();
    raw.dispose();
  });

  it("uses escnn's 'rand' grid reproducibly from its seed, or explicit elements", () => {
    const G = o2Group(2);
    const gs = noBaseSpace(G);
    const a = new FourierELU(gs, 1, G.blIrreps(1), { type: 'rand', N: 9, seed: 4 });
    const b = new FourierELU(gs, 1, G.blIrreps(1), { type: 'rand', N: 9, seed: 4 });
    const c = new FourierELU(gs, 1, G.blIrreps(1), { grid: G.grid('rand', 9, { seed: 4 }) });
    expect(a.grid.length).toBe(9);
    expect(Array.from(a.A)).toEqual(Array.from(b.A));
    expect(Array.from(a.A)).toEqual(Array.from(c.A));
    for (const m of [a, b, c]) m.dispose();
  });

  it('is the identity for the identity function on a full-band regular grid (A⁺A = I)', () => {
    const G = dihedralGroup(3);
    const m = new FourierPointwise(noBaseSpace(G), 1, G.blIrreps(1));
    const F = m.inType.size;
    const n = m.grid.length;
    for (let i = 0; i < F; i++)
      for (let j = 0; j < F; j++) {
        let s = 0;
        for (let g = 0; g < n; g++) s += m.Ainv[i * n + g]! * m.A[g * F + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 6);
      }
    m.dispose();
  });

  const finite = [
    { name: 'C4 on R²', gs: rot2dOnR2(4), L: 2 },
    { name: 'C8 on R² (band-limited L=2)', gs: rot2dOnR2(8), L: 2 },
    { name: 'D4 on R²', gs: flipRot2dOnR2(4), L: 2 },
    { name: 'flips on R²', gs: flip2dOnR2(), L: 1 },
    { name: 'trivial on R²', gs: trivialOnR2(), L: 0 },
    { name: 'C6 on a point', gs: noBaseSpace(cyclicGroup(6)), L: 3 },
    { name: 'D6 on a point (L=1)', gs: noBaseSpace(dihedralGroup(6)), L: 1 },
  ];
  it.each(finite)('is exactly equivariant on $name with the regular grid', ({ gs, L }) => {
    const G = gs.fibergroup as unknown as { blIrreps?(L: number): IrrepId[] };
    const ids = G.blIrreps?.(L) ?? gs.fibergroup.irreps().map((r) => r.id);
    for (const fnName of ['p_relu', 'p_elu', 'p_sigmoid', 'p_tanh'] as const) {
      const m = new FourierPointwise(gs, 2, ids, { function: fnName });
      const elements = gs.dimensionality === 0 ? gs.testingElements : exactElements(gs as never);
      const r = m.checkEquivariance({ elements, atol: 1e-5, rtol: 1e-5, spatialSize: 6 });
      expect(r.length).toBe(elements.length);
      // every group element on the fibers (pixel-wise module: no interpolation involved)
      const x = randomInput(m.inType);
      const errs = relativeFieldErrors(m, x, gs.testingElements, 0);
      expect(Math.max(...errs)).toBeLessThan(1e-5);
      x.dispose();
      m.dispose();
    }
  });

  it('rotations of the grid are exact symmetries on SO(2) and O(2) on R²', () => {
    for (const gs of [rot2dOnR2(-1, { maximumFrequency: 4 }), flipRot2dOnR2(-1, { maximumFrequency: 4 })]) {
      const G = gs.fibergroup as unknown as { blIrreps(L: number): IrrepId[] };
      // the grid of 8 rotations contains the quarter turns: those are exact symmetries of the grid
      const m = new FourierELU(gs, 2, G.blIrreps(2), { N: 8 });
      m.checkEquivariance({ elements: exactElements(gs), atol: 2e-5, rtol: 1e-5 });
      m.dispose();
    }
  });

  // escnn's test_fourier.py: (band limit F, grid size N) pairs and tolerances (3e-2 on SO(2), 2e-2 on O(2)).
  // These modules are only approximately equivariant on continuous groups: escnn bounds the mean + std of the
  // relative per-field error over random elements with an input whose frequency-0 coefficient is positive.
  const pairs: [number, number][] = [
    [1, 6],
    [2, 11],
    [3, 15],
  ];
  it.each(pairs)('is approximately equivariant on SO(2) and O(2) as in escnn (F=%i, N=%i)', (F, N) => {
    for (const [G, rtol, n] of [
      [so2Group(10), 3e-2, N],
      [o2Group(10), 2e-2, 2 * N],
    ] as const) {
      const gs = noBaseSpace(G);
      const m = new FourierELU(gs, 3, G.blIrreps(F), { type: 'regular', N: n });
      const x = positiveMean(randomInput(m.inType, 128, 1, 11));
      const errs = relativeFieldErrors(m, x, G.sample(30, { seed: 5 }));
      expect(Math.max(...errs)).toBeLessThan(rtol);
      // and it is not trivially exact: some error exists off the grid
      expect(Math.max(...errs)).toBeGreaterThan(1e-6);
      x.dispose();
      m.dispose();
    }
  });

  it('changes the band limit with outIrreps (escnn test_so2_different_out)', () => {
    const G = so2Group(10);
    const gs = noBaseSpace(G);
    for (const [inL, outL] of [
      [3, 0],
      [3, 1],
      [1, 3],
    ] as const) {
      const m = new FourierELU(gs, 3, G.blIrreps(inL), { N: 15, outIrreps: G.blIrreps(outL) });
      expect(m.outType.representations[0]!.size).toBe(1 + 2 * outL);
      expect(m.evaluateOutputShape([5, m.inType.size])).toEqual([5, 3 * (1 + 2 * outL)]);
      const x = positiveMean(randomInput(m.inType, 128, 1, 2));
      const errs = relativeFieldErrors(m, x, G.sample(10, { seed: 1 }));
      expect(Math.max(...errs)).toBeLessThan(2e-2);
      x.dispose();
      m.dispose();
    }
  });

  it('exports a model equal to forward', async () => {
    for (const gs of [rot2dOnR2(4), noBaseSpace(o2Group(4))]) {
      const G = gs.fibergroup as unknown as { blIrreps(L: number): IrrepId[] };
      for (const fnName of ['p_relu', 'p_elu', 'p_sigmoid', 'p_tanh'] as const) {
        const m = new FourierPointwise(gs, 2, G.blIrreps(1), {
          N: gs.dimensionality === 0 ? 6 : 4,
          function: fnName,
        });
        const x = randomInput(m.inType);
        const y = m.forward(x);
        const model = m.export();
        const z = model.predict(x.tensor) as tf.Tensor;
        expect(maxDiff(y.tensor, z)).toBeLessThan(1e-5);
        tf.dispose([x.tensor, y.tensor, z]);
        model.dispose();
        m.dispose();
      }
    }
  });

  it.each(BACKENDS)('runs forward and backward on %s without leaking', async (backend) => {
    await useBackend(backend);
    const gs = flipRot2dOnR2(-1, { maximumFrequency: 3 });
    const m = new FourierELU(gs, 2, (gs.fibergroup as ReturnType<typeof o2Group>).blIrreps(2), { N: 8 });
    expectStepsKeepTensorCount(m);
    await useBackend('wasm');
  });

  it('rejects bad arguments with typed errors', () => {
    const gs = noBaseSpace(so2Group(4));
    expect(() => new FourierELU(gs, 2, [[0], [1]])).toThrow(InvalidArgumentError); // N missing on SO(2)
    expect(() => new FourierELU(gs, 0, [[0]], { N: 4 })).toThrow(InvalidArgumentError);
    expect(() => new FourierELU(gs, 2, [], { N: 4 })).toThrow(InvalidArgumentError);
    expect(() => new FourierELU(gs, 2, [[0]], { N: 4, type: 'cube' as never })).toThrow(InvalidArgumentError);
    expect(() => new FourierPointwise(gs, 2, [[0]], { N: 4, function: 'p_gelu' as never })).toThrow(
      InvalidArgumentError,
    );
    expect(() => new FourierELU({} as never, 2, [[0]], { N: 4 })).toThrow(InvalidArgumentError);
    expect(() => new FourierELU(noBaseSpace(cyclicGroup(6)), 2, [[0]], { N: 4 })).toThrow(
      InvalidArgumentError,
    );
  });
});
