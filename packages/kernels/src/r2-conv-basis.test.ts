import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureRepr, parseGspace } from './internal/test-reprs.js';
import { r2ConvBasis } from './r2-conv-basis.js';

interface KernelFixture {
  gspace: string;
  in: string[];
  out: string[];
  kernel_size: number;
  options: { sigma?: number; frequencies_cutoff?: number };
  in_size: number;
  out_size: number;
  weights_numel: number;
  bias_numel: number;
  basis: number[][][][][];
}
interface CountFixture {
  gspace: string;
  in: string;
  out: string;
  kernel_size: number;
  weights_numel: number;
  bias_numel: number;
  filter_shape: number[];
}

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8')) as T;

const kernelBases = load<{ kernel_bases: KernelFixture[] }>('kernel_bases.json').kernel_bases;
const counts = load<{ param_counts: CountFixture[] }>('param_counts.json').param_counts.filter(
  (e) => !e.gspace.includes('OnR3'),
);

describe('r2ConvBasis against escnn', () => {
  it.each(counts.map((e) => [`${e.gspace} ${e.in}->${e.out} k=${e.kernel_size}`, e] as const))(
    'parameter count %s',
    (_, e) => {
      const { sgId } = parseGspace(e.gspace);
      const layer = r2ConvBasis(
        sgId,
        [fixtureRepr(e.gspace, e.in)],
        [fixtureRepr(e.gspace, e.out)],
        e.kernel_size,
      );
      expect(layer.dimension).toBe(e.weights_numel);
      expect(layer.biasSize).toBe(e.bias_numel);
      expect([...layer.filterShape]).toEqual(e.filter_shape);
    },
  );

  it.each(
    kernelBases.map(
      (e) => [`${e.gspace} ${e.in}->${e.out} k=${e.kernel_size} ${JSON.stringify(e.options)}`, e] as const,
    ),
  )('basis element by element %s', (_, e) => {
    const { sgId } = parseGspace(e.gspace);
    const layer = r2ConvBasis(
      sgId,
      e.in.map((f) => fixtureRepr(e.gspace, f)),
      e.out.map((f) => fixtureRepr(e.gspace, f)),
      e.kernel_size,
      {
        ...(e.options.sigma !== undefined ? { sigma: e.options.sigma } : {}),
        ...(e.options.frequencies_cutoff !== undefined
          ? { frequenciesCutoff: e.options.frequencies_cutoff }
          : {}),
      },
    );
    expect(layer.dimension).toBe(e.weights_numel);
    expect(layer.biasSize).toBe(e.bias_numel);
    const k = e.kernel_size;
    // escnn solves the Clebsch–Gordan coefficients of D_N and O(2) numerically with a randomized SVD
    // (sklearn's randomized_svd, random_state=None) and caches them on disk: the sign of each CG tensor
    // is an accident of that cache. For those groups an element may differ by the sign of its CG, but
    // then with the same sign for every element going through that CG.
    const numericCG = sgId[0] !== null && sgId[1] !== 1;
    const signs = new Map<string, number>();
    for (let w = 0; w < layer.dimension; w++) {
      const onehot = new Float64Array(layer.dimension);
      onehot[w] = 1;
      const filter = layer.expand(onehot);
      const ref = e.basis[w]!.flat(3) as number[];
      expect(ref.length).toBe(layer.outSize * layer.inSize * k * k);
      let errPlus = 0;
      let errMinus = 0;
      for (let q = 0; q < ref.length; q++) {
        errPlus = Math.max(errPlus, Math.abs(filter[q]! - ref[q]!));
        errMinus = Math.max(errMinus, Math.abs(filter[q]! + ref[q]!));
      }
      const a = layer.attributes[w]!;
      const key = `${a.outIrrep}|${a.inIrrep}|${a.subgroupIrrep}`;
      if (!numericCG || errPlus <= 1e-5) {
        expect(errPlus, `element ${w}`).toBeLessThan(1e-5);
        if (numericCG) {
          expect(signs.get(key) ?? 1, `sign of CG ${key}`).toBe(1);
          signs.set(key, 1);
        }
      } else {
        expect(errMinus, `element ${w}`).toBeLessThan(1e-5);
        expect(signs.get(key) ?? -1, `sign of CG ${key}`).toBe(-1);
        signs.set(key, -1);
      }
    }
  });
});
