import { readFileSync } from 'node:fs';
import { type Group, InvalidArgumentError } from '@steerable/group-theory';
import { regularRepresentation } from '@steerable/representations';
import { describe, expect, it } from 'vitest';
import { GSPACE_IDS, gspaceField } from './internal/test-reprs-r3.js';
import { o3SubgroupAction } from './o3-action.js';
import { r3ConvBasis } from './r3-conv-basis.js';

interface CountFixture {
  gspace: string;
  in: string;
  out: string;
  kernel_size: number;
  weights_numel: number | null;
  bias_numel: number | null;
  filter_shape: number[] | null;
  construction_seconds: number | null;
  status: 'ok' | 'error' | 'timeout';
  error?: string;
}

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8')) as T;

interface KernelFixture {
  gspace: string;
  in: string[];
  out: string[];
  kernel_size: number;
  in_size: number;
  out_size: number;
  weights_numel: number;
  bias_numel: number;
  basis: number[][][][][][];
  escnn_construction_seconds: number;
}

const kernelBases = load<{ kernel_bases: KernelFixture[] }>('kernel_bases_3d.json').kernel_bases.filter(
  (e) => e.gspace === 'octaOnR3()' || e.gspace === 'icoOnR3()',
);

/** A field of kernel_bases_3d.json (`trivial`, `regular`, `irrepN`) on the group H. */
const kernelField = (H: Group, field: string) => {
  if (field === 'trivial') return H.trivialRepresentation;
  if (field === 'regular') return regularRepresentation(H);
  const m = /^irrep(\d+)$/.exec(field);
  if (!m) throw new Error(`unknown fixture field ${field}`);
  return H.irrep(Number(m[1]));
};

const counts = load<{ param_counts: CountFixture[] }>('param_counts_r3.json').param_counts;
const isFull = (g: string) => g === 'rot3dOnR3()' || g === 'flipRot3dOnR3()';

describe('r3ConvBasis on every R³ gspace against escnn', () => {
  it('covers the fourteen gspaces', () => {
    const gspaces = new Set(counts.map((e) => e.gspace.replace(/\(.*\)$/, '')));
    expect(gspaces.size).toBe(14);
    for (const g of counts) expect(GSPACE_IDS[g.gspace], g.gspace).toBeDefined();
  });

  it.each(
    counts
      .filter((e) => !isFull(e.gspace) && e.status !== 'timeout')
      .map(
        (e) =>
          [`${e.gspace} ${e.in.split(' = ')[0]} -> ${e.out.split(' = ')[0]} k=${e.kernel_size}`, e] as const,
      ),
  )('parameter count %s', (_, e) => {
    const id = GSPACE_IDS[e.gspace];
    const H = o3SubgroupAction(id).group;
    const build = () => r3ConvBasis(id, [gspaceField(H, e.in)], [gspaceField(H, e.out)], e.kernel_size);
    if (e.status === 'error') {
      // escnn refuses the layer (an empty basis, or a field its group lacks); so do we, with a typed error
      expect(build).toThrow(InvalidArgumentError);
      if (e.error?.includes('empty')) expect(build).toThrow(/non-empty basis/);
      return;
    }
    const t0 = performance.now();
    const layer = build();
    const seconds = (performance.now() - t0) / 1000;
    if (process.env.STEERABLE_TIMINGS)
      console.log(
        `${e.gspace} ${e.out.split(' = ')[0]}: ${seconds.toFixed(3)} s (escnn ${e.construction_seconds} s)`,
      );
    expect(layer.dimension).toBe(e.weights_numel);
    expect(layer.biasSize).toBe(e.bias_numel);
    expect([...layer.filterShape]).toEqual(e.filter_shape);
  });
});

describe('r3ConvBasis on octaOnR3() and icoOnR3() against escnn', () => {
  it('has the octahedral and icosahedral layers', () => {
    expect(kernelBases.map((e) => e.gspace).sort()).toEqual([
      'icoOnR3()',
      'icoOnR3()',
      'octaOnR3()',
      'octaOnR3()',
    ]);
  });

  it.each(kernelBases.map((e) => [`${e.gspace} ${e.in} -> ${e.out} k=${e.kernel_size}`, e] as const))(
    'basis element by element %s',
    (_, e) => {
      const id = GSPACE_IDS[e.gspace];
      const H = o3SubgroupAction(id).group;
      const layer = r3ConvBasis(
        id,
        e.in.map((f) => kernelField(H, f)),
        e.out.map((f) => kernelField(H, f)),
        e.kernel_size,
      );
      expect(layer.dimension).toBe(e.weights_numel);
      expect(layer.biasSize).toBe(e.bias_numel);
      expect(layer.inSize).toBe(e.in_size);
      expect(layer.outSize).toBe(e.out_size);
      // escnn solves the Clebsch–Gordan coefficients of the octahedral and icosahedral groups numerically: each
      // CG tensor is a null-space vector of the intertwiner constraint on the generators, from sklearn's
      // randomized_svd with random_state=None (LAPACK's SVD without sklearn), cached on disk; its sign is an
      // accident of that cache (ours comes from another SVD). So an element may differ from escnn's by the sign of
      // its CG tensor, and then every element through the same tensor (same out irrep, in irrep and J) differs by
      // that sign. Everything else (harmonics, restrictions, normalization, order) is compared as is.
      const k = e.kernel_size;
      const signs = new Map<string, number>();
      for (let w = 0; w < layer.dimension; w++) {
        const onehot = new Float64Array(layer.dimension);
        onehot[w] = 1;
        const filter = layer.expand(onehot);
        const ref = e.basis[w]!.flat(4) as number[];
        expect(ref.length).toBe(layer.outSize * layer.inSize * k ** 3);
        let errPlus = 0;
        let errMinus = 0;
        for (let q = 0; q < ref.length; q++) {
          errPlus = Math.max(errPlus, Math.abs(filter[q]! - ref[q]!));
          errMinus = Math.max(errMinus, Math.abs(filter[q]! + ref[q]!));
        }
        const a = layer.attributes[w]!;
        const key = `${a.outIrrep}|${a.inIrrep}|${a.subgroupIrrep}`;
        const sign = errPlus < 1e-5 ? 1 : -1;
        expect(Math.min(errPlus, errMinus), `element ${w}`).toBeLessThan(1e-5);
        expect(signs.get(key) ?? sign, `sign of CG ${key}`).toBe(sign);
        signs.set(key, sign);
      }
    },
  );
});
