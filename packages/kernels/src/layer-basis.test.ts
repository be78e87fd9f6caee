import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureRepr, parseGspace } from './internal/test-reprs.js';
import { r2ConvBasis } from './layer-basis.js';

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
    let worst = 0;
    const bad: number[] = [];
    for (let w = 0; w < layer.dimension; w++) {
      const onehot = new Float64Array(layer.dimension);
      onehot[w] = 1;
      const filter = layer.expand(onehot);
      const ref = e.basis[w]!.flat(3) as number[];
      let err = 0;
      for (let q = 0; q < ref.length; q++) err = Math.max(err, Math.abs(filter[q]! - ref[q]!));
      if (err > 1e-5) bad.push(w);
      worst = Math.max(worst, err);
      expect(ref.length).toBe(layer.outSize * layer.inSize * k * k);
    }
    expect(bad).toEqual([]);
    expect(worst).toBeLessThan(1e-5);
  });
});
