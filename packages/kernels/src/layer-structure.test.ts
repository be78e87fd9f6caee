import { readFileSync } from 'node:fs';
import { cyclicGroup, dihedralGroup } from '@steerable/group-theory';
import { regularRepresentation } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import { gridPoints } from './grid.js';
import { fixtureRepr, irrepRepr, regularRepr } from './internal/test-reprs.js';
import { r2KernelBasis } from './kernel-basis.js';
import { r2ConvBasis } from './r2-conv-basis.js';

describe('gridPoints (escnn get_grid_coords)', () => {
  it('puts point ky·k + kx at (kx − c, c − ky): x right, y up, row 0 on top', () => {
    const g = gridPoints(3);
    expect([...g.slice(0, 6)]).toEqual([-1, 1, 0, 1, 1, 1]);
    expect([...g.slice(12, 18)]).toEqual([-1, -1, 0, -1, 1, -1]);
    expect([...gridPoints(2)]).toEqual([-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5]);
    expect([...gridPoints(3, 2).slice(0, 2)]).toEqual([-2, 2]);
  });
});

describe('r2ConvBasis layer structure (escnn BlocksBasisExpansion)', () => {
  const sgId = [null, 4] as const;
  const reg = regularRepr(sgId);
  const triv = irrepRepr(sgId, [0]);
  const irr1 = irrepRepr(sgId, [1]);

  it('orders blocks by (input name, output name) and copies weights per pair of fields', () => {
    const layer = r2ConvBasis(sgId, [reg, triv, reg], [irr1, reg], 5);
    expect(layer.blocks.map((b) => [b.inRepr, b.outRepr])).toEqual([
      ['irrep_0', 'irrep_1'],
      ['irrep_0', 'regular'],
      ['regular', 'irrep_1'],
      ['regular', 'regular'],
    ]);
    const single = (i: typeof reg, o: typeof reg) => r2ConvBasis(sgId, [i], [o], 5).dimension;
    expect(layer.dimension).toBe(
      single(triv, irr1) + single(triv, reg) + 2 * single(reg, irr1) + 2 * single(reg, reg),
    );
    const rr = layer.blocks[3]!;
    expect(rr.inFields).toEqual([0, 2]);
    expect(rr.inOffsets).toEqual([0, 5]);
    expect(rr.outFields).toEqual([1]);
    expect(rr.outOffsets).toEqual([2]);
    // weights of a block: [outFieldCopy][inFieldCopy][element]
    const a = layer.attributes[rr.weightOffset + rr.dimension]!;
    expect([a.inField, a.outField, a.blockIndex, a.weightIndex]).toEqual([
      2,
      1,
      0,
      rr.weightOffset + rr.dimension,
    ]);
    expect(layer.filterShape).toEqual([6, 9, 5, 5]);
    expect(layer.biasSize).toBe(1);
  });

  it('expands a one-hot weight into its block element at its fields', () => {
    const layer = r2ConvBasis(sgId, [triv, reg], [reg, reg], 3);
    const b = layer.blocks.find((x) => x.inRepr === 'regular')!;
    const w = b.weightOffset + 1 * b.dimension + 2; // second output copy, element 2
    const onehot = new Float64Array(layer.dimension);
    onehot[w] = 1;
    const filter = layer.expand(onehot);
    const P = 9;
    for (let o = 0; o < 8; o++)
      for (let i = 0; i < 5; i++)
        for (let q = 0; q < P; q++) {
          const inBlock = o >= 4 && i >= 1;
          const expected = inBlock ? b.sampled[((2 * 4 + (o - 4)) * 4 + (i - 1)) * P + q]! : 0;
          expect(filter[(o * 5 + i) * P + q]! + 0).toBe(expected + 0);
        }
    // the dense basis holds the same filter in row w
    const dense = layer.basisMatrix();
    const stride = 8 * 5 * P;
    expect([...dense.subarray(w * stride, (w + 1) * stride)].map((v) => v + 0)).toEqual(
      [...filter].map((v) => v + 0),
    );
    expect(dense.length).toBe(layer.dimension * stride);
  });

  it('normalizes each element as escnn: Σ values² = size of its output irrep', () => {
    const layer = r2ConvBasis(
      [Math.PI, 4],
      [fixtureRepr('flipRot2dOnR2(N=4)', 'regular')],
      [irrepRepr([Math.PI, 4], [1, 1])],
      5,
    );
    const b = layer.blocks[0]!;
    const stride = b.outSize * b.inSize * 25;
    for (let e = 0; e < b.dimension; e++) {
      let sq = 0;
      for (let q = 0; q < stride; q++) sq += b.sampled[e * stride + q]! ** 2;
      expect(sq).toBeCloseTo(b.attributes[e]!.outIrrepSize, 10);
    }
  });

  it('gives escnn’s generalized He scales 1/sqrt(#input irreps · #weights from that irrep)', () => {
    // the scales of nn-equivariant's generalizedHeStd, from the attributes it reads (input irrep and
    // output irrep position of every weight)
    const generalizedHeScales = (l: typeof layer): number[] => {
      const inputs = new Map<number, Set<string>>();
      const counts = new Map<string, number>();
      for (const a of l.attributes) {
        const set = inputs.get(a.outIrrepPosition) ?? new Set<string>();
        set.add(String(a.inIrrep));
        inputs.set(a.outIrrepPosition, set);
        const k = `${a.inIrrep}|${a.outIrrepPosition}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      return l.attributes.map((a) => {
        const n = inputs.get(a.outIrrepPosition)!.size;
        return 1 / Math.sqrt(n * counts.get(`${a.inIrrep}|${a.outIrrepPosition}`)!);
      });
    };
    const layer = r2ConvBasis(sgId, [triv], [irr1], 5);
    const scales = generalizedHeScales(layer);
    // one input irrep, every weight from it to the single output irrep
    expect([...scales]).toEqual(
      layer.attributes.map(() => expect.closeTo(1 / Math.sqrt(layer.dimension), 12)),
    );
    const two = r2ConvBasis(sgId, [triv, irr1], [irr1], 5);
    const s2 = generalizedHeScales(two);
    const fromTriv = two.attributes.filter((a) => a.inField === 0).length;
    two.attributes.forEach((a, w) => {
      const m = a.inField === 0 ? fromTriv : two.dimension - fromTriv;
      expect(s2[w]).toBeCloseTo(1 / Math.sqrt(2 * m), 12);
    });
  });

  it('expands the bias through the trivial irreps of the output fields', () => {
    const layer = r2ConvBasis(sgId, [triv], [reg, irr1, triv], 3);
    expect(layer.biasSize).toBe(2);
    expect([...layer.expandBias([2, 3])]).toEqual([1, 1, 1, 1, 0, 0, 3].map((v) => expect.closeTo(v, 12)));
  });

  it('applies basisFilter and agrees with the analytical basis it samples', () => {
    const all = r2ConvBasis(sgId, [reg], [reg], 5);
    const some = r2ConvBasis(sgId, [reg], [reg], 5, { basisFilter: (a) => a.frequency <= 1 });
    expect(some.dimension).toBeLessThan(all.dimension);
    expect(some.attributes.every((a) => a.frequency <= 1)).toBe(true);
    const analytic = r2KernelBasis(sgId, reg, reg, all.params);
    expect(analytic.dimension).toBeGreaterThanOrEqual(all.dimension);
  });

  it('rejects bad inputs, naming function, argument and value', () => {
    expect(() => r2ConvBasis([null, 0], [reg], [reg], 3)).toThrow(/r2ConvBasis: argument "sgId"/);
    expect(() => r2ConvBasis(sgId, [], [reg], 3)).toThrow(/r2ConvBasis: argument "inReprs"/);
    expect(() => r2ConvBasis(sgId, [reg], [reg], 2.5)).toThrow(/argument "kernelSize"/);
    const d4irrep = irrepRepr([Math.PI, 4], [1, 1]);
    expect(() => r2ConvBasis(sgId, [d4irrep], [reg], 3)).toThrow(
      /argument "inReprs".*not an irrep of the group/,
    );
    const layer = r2ConvBasis(sgId, [reg], [reg], 3);
    expect(() => layer.expand([1, 2])).toThrow(/LayerBasis.expand: argument "weights" must have length/);
    expect(() => r2KernelBasis(sgId, reg, reg, { rings: [1], sigma: [], maximumFrequency: 2 })).toThrow(
      /r2KernelBasis: argument "params"/,
    );
  });
});

describe('r2ConvBasis with the representations package (integration)', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('../../../fixtures/kernel_bases.json', import.meta.url), 'utf8'),
  ) as {
    kernel_bases: {
      gspace: string;
      in: string[];
      out: string[];
      kernel_size: number;
      basis: number[][][][][];
    }[];
  };

  it('reproduces escnn’s C4 regular→regular 5×5 basis with regularRepresentation(cyclicGroup(4))', () => {
    const e = fixture.kernel_bases[0]!;
    expect(e.gspace).toBe('rot2dOnR2(N=4)');
    const reg = regularRepresentation(cyclicGroup(4));
    const layer = r2ConvBasis([null, 4], [reg], [reg], 5);
    expect(layer.dimension).toBe(e.basis.length);
    for (let w = 0; w < layer.dimension; w++) {
      const onehot = new Float64Array(layer.dimension);
      onehot[w] = 1;
      const f = layer.expand(onehot);
      const ref = e.basis[w]!.flat(3) as number[];
      for (let q = 0; q < ref.length; q++) expect(Math.abs(f[q]! - ref[q]!)).toBeLessThan(1e-5);
    }
  });

  it('refuses representations of another group', () => {
    const reg8 = regularRepresentation(cyclicGroup(8));
    expect(() => r2ConvBasis([null, 4], [reg8], [reg8], 3)).toThrow(
      /argument "inReprs" belongs to C8, expected C4/,
    );
  });

  it('gives the weight count of escnn’s D4 irrep(1,1)→regular layer with dihedralGroup(4)', () => {
    const G = dihedralGroup(4);
    const layer = r2ConvBasis([Math.PI, 4], [G.irrep(1, 1)], [regularRepresentation(G)], 5);
    expect(layer.dimension).toBe(22);
    expect(layer.biasSize).toBe(1);
  });
});
