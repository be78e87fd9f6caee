import '@tensorflow/tfjs-backend-wasm';
import { cyclicGroup, InvalidArgumentError, o2Group, so2Group } from '@steerable/group-theory';
import { flipRot2dOnR2, noBaseSpace, rot2dOnR2, trivialOnR2 } from '@steerable/gspaces';
import { type LayerBasis, r0LinearBasis, r2ConvBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deltaOrthonormalInit,
  deltaOrthonormalInitValues,
  generalizedHeInit,
  generalizedHeInitValues,
  generalizedHeStd,
} from './init.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const c8 = rot2dOnR2(8);
const d4 = flipRot2dOnR2(4);
const so2 = rot2dOnR2(-1, { maximumFrequency: 3 });
const layers: [string, LayerBasis][] = [
  [
    'C8 2 regular + trivial -> regular + 2 irrep1, 5x5',
    r2ConvBasis(
      c8.sgId,
      [c8.regularRepr, c8.regularRepr, c8.trivialRepr],
      [c8.regularRepr, c8.irrep(1), c8.irrep(1)],
      5,
    ),
  ],
  [
    'D4 regular + irrep(1,1) -> 2 regular, 3x3',
    r2ConvBasis(d4.sgId, [d4.regularRepr, d4.irrep(1, 1)], [d4.regularRepr, d4.regularRepr], 3),
  ],
  [
    'SO(2) irreps 0-3 -> irreps 0-3, 7x7',
    r2ConvBasis(
      so2.sgId,
      [0, 1, 2, 3].map((k) => so2.irrep(k)),
      [0, 1, 2, 3].map((k) => so2.irrep(k)),
      7,
    ),
  ],
];

describe('generalizedHeStd (escnn generalized_he_init)', () => {
  it('gives 1/√n to each of the n weights of a trivial → trivial layer', () => {
    const g = trivialOnR2();
    const basis = r2ConvBasis(g.sgId, [g.trivialRepr], [g.trivialRepr], 5);
    expect(basis.dimension).toBe(11); // escnn's count (fixtures/param_counts.json)
    for (const s of generalizedHeStd(basis)) expect(s).toBeCloseTo(1 / Math.sqrt(11), 12);
  });

  it.each(layers)(
    'gives every output irrep unit variance, equally from each input irrep type: %s',
    (_, basis) => {
      const std = generalizedHeStd(basis);
      expect(std.length).toBe(basis.dimension);
      const byOut = new Map<string, number>();
      const byPair = new Map<string, Set<number>>();
      basis.attributes.forEach((a, w) => {
        const o = `${a.outField}:${a.outIrrepIndex}`;
        byOut.set(o, (byOut.get(o) ?? 0) + std[w]! ** 2);
        const pair = `${a.inIrrep}|${o}`;
        byPair.set(pair, (byPair.get(pair) ?? new Set()).add(std[w]!));
      });
      for (const v of byOut.values()) expect(v).toBeCloseTo(1, 12);
      for (const values of byPair.values()) expect(values.size).toBe(1);
    },
  );

  it('returns a fresh copy (the memo cannot be mutated from outside)', () => {
    const basis = layers[0]![1];
    const a = generalizedHeStd(basis);
    a[0] = 1234;
    expect(generalizedHeStd(basis)[0]).not.toBe(1234);
  });

  it('is fast on a wide layer (C8, 16 regular → 16 regular, 5×5)', () => {
    const basis = r2ConvBasis(c8.sgId, Array(16).fill(c8.regularRepr), Array(16).fill(c8.regularRepr), 5);
    const t0 = performance.now();
    const std = generalizedHeStd(basis);
    const ms = performance.now() - t0;
    expect(std.length).toBe(basis.dimension);
    expect(ms).toBeLessThan(500);
  });

  it('draws seeded weights with those deviations', () => {
    const basis = layers[2]![1];
    const a = generalizedHeInitValues(basis, { seed: 5 });
    expect([...generalizedHeInitValues(basis, { seed: 5 })]).toEqual([...a]);
    expect([...generalizedHeInitValues(basis, { seed: 6 })]).not.toEqual([...a]);
    // Σ (w/σ)² over n independent standard normals: mean n, standard deviation √(2n); 6σ bound
    const std = generalizedHeStd(basis);
    let chi2 = 0;
    let n = 0;
    for (let seed = 0; seed < 20; seed++) {
      const w = generalizedHeInitValues(basis, { seed });
      w.forEach((v, i) => {
        chi2 += (v / std[i]!) ** 2;
        n++;
      });
    }
    expect(Math.abs(chi2 - n)).toBeLessThan(6 * Math.sqrt(2 * n));
  });

  it('assigns a tf.Variable and rejects one of the wrong size', () => {
    const basis = layers[1]![1];
    const v = tf.variable(tf.zeros([basis.dimension]));
    generalizedHeInit(v, basis, { seed: 1 });
    expect([...v.dataSync()]).toEqual([...generalizedHeInitValues(basis, { seed: 1 })]);
    const bad = tf.variable(tf.zeros([basis.dimension + 1]));
    expect(() => generalizedHeInit(bad, basis)).toThrow(InvalidArgumentError);
    expect(() => generalizedHeInit(bad, basis)).toThrow(/generalizedHeInit.*weights/);
    expect(() => generalizedHeStd({} as LayerBasis)).toThrow(InvalidArgumentError);
    v.dispose();
    bad.dispose();
  });
});

/** The `[out][in]` matrix at the filter's centre (or the Linear matrix). */
function centre(basis: LayerBasis, w: ArrayLike<number>): number[][] {
  const f = basis.expand(w);
  const P = basis.points;
  const c = (P - 1) / 2;
  return Array.from({ length: basis.outSize }, (_, o) =>
    Array.from({ length: basis.inSize }, (_, i) => f[(o * basis.inSize + i) * P + c]!),
  );
}

function expectOrthogonal(M: number[][]): void {
  const n = M.length;
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const dot = M[a]!.reduce((s, v, k) => s + v * M[b]![k]!, 0);
      expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
    }
}

describe('deltaOrthonormalInit (escnn deltaorthonormal_init)', () => {
  it('sets only radius-0 maps of an irrep to itself', () => {
    const basis = layers[0]![1];
    const w = deltaOrthonormalInitValues(basis, { seed: 3 });
    let nonzero = 0;
    basis.attributes.forEach((a, k) => {
      if (w[k] !== 0) {
        nonzero++;
        expect(a.radius).toBe(0);
        expect(a.inIrrep).toEqual(a.outIrrep);
      }
    });
    expect(nonzero).toBeGreaterThan(0);
  });

  it.each([
    ['C4', rot2dOnR2(4)],
    ['D4', flipRot2dOnR2(4)],
    ['C8', c8],
  ] as const)('makes the centre of a regular → regular filter orthogonal and nothing else (%s)', (_, g) => {
    const basis = r2ConvBasis(g.sgId, Array(3).fill(g.regularRepr), Array(3).fill(g.regularRepr), 3);
    const w = deltaOrthonormalInitValues(basis, { seed: 9 });
    expectOrthogonal(centre(basis, w));
    const f = basis.expand(w);
    const P = basis.points;
    for (let q = 0; q < f.length; q++) if (q % P !== (P - 1) / 2) expect(Math.abs(f[q]!)).toBeLessThan(1e-6);
  });

  it.each([
    ['C5', cyclicGroup(5)],
    ['SO(2)', so2Group(3)],
    ['O(2)', o2Group(3)],
  ] as const)('makes a Linear map between equal field types orthogonal (%s)', (_, G) => {
    const gs = noBaseSpace(G);
    const reprs = [
      gs.irrep(...gs.irreps[1]!.id),
      gs.trivialRepr,
      gs.irrep(...gs.irreps[1]!.id),
      gs.irrep(...gs.irreps[2]!.id),
    ];
    const basis = r0LinearBasis(reprs, reprs);
    const w = deltaOrthonormalInitValues(basis, { seed: 4 });
    expectOrthogonal(centre(basis, w));
    const v = tf.variable(tf.zeros([basis.dimension]));
    deltaOrthonormalInit(v, basis, { seed: 4 });
    expect([...v.dataSync()]).toEqual([...w]);
    v.dispose();
  });

  it('rejects a basis escnn rejects (unequal numbers of elements per pair of copies)', () => {
    const element = (inField: number, k: number) => ({
      index: k,
      radius: 0,
      inIrrep: [0],
      outIrrep: [0],
      inField,
      outField: 0,
      inIrrepIndex: 0,
      outIrrepIndex: 0,
    });
    // input copy 0 reaches the output copy through 2 elements, input copy 1 through 1
    const uneven = { dimension: 3, attributes: [element(0, 0), element(0, 1), element(1, 2)] };
    expect(() => deltaOrthonormalInitValues(uneven as unknown as LayerBasis)).toThrow(InvalidArgumentError);
    expect(() => deltaOrthonormalInitValues(uneven as unknown as LayerBasis)).toThrow(/irrep \(0\)/);
  });
});
