import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionOf, fixtureRepr3, GROUPS, r3Repr } from './internal/test-reprs-r3.js';
import { r3ConvBasis } from './r3-conv-basis.js';

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
interface CountFixture {
  gspace: string;
  in: string;
  out: string;
  kernel_size: number;
  weights_numel: number | null;
  bias_numel: number | null;
  filter_shape: number[] | null;
  status?: string;
}

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8')) as T;

const isR3Full = (g: string) => g === 'rot3dOnR3()' || g === 'flipRot3dOnR3()';
// the octaOnR3() and icoOnR3() layers are compared in r3-subgroups.test.ts
const kernelBases = load<{ kernel_bases: KernelFixture[] }>('kernel_bases_3d.json').kernel_bases.filter((e) =>
  isR3Full(e.gspace),
);
const counts = [
  ...load<{ param_counts: CountFixture[] }>('param_counts.json').param_counts,
  ...load<{ param_counts: CountFixture[] }>('param_counts_r3.json').param_counts,
].filter((e) => isR3Full(e.gspace));

/** O(3)'s `irreps()[i]` in escnn's printout of the fixture. */
const fieldOf = (gspace: string, field: string) => {
  const m = /^gs\.fibergroup\.irreps\(\)\[(\d+)\]$/.exec(field);
  if (!m) return fixtureRepr3(gspace, field.replace(/^gs\.trivial_repr$/, 'trivial'));
  const G = GROUPS[actionOf(gspace)];
  const irrep = G.irreps()[Number(m[1])]!;
  return r3Repr(actionOf(gspace), irrep.name, [irrep.id]);
};

describe('r3ConvBasis against escnn', () => {
  it('has 3D parameter-count fixtures for SO(3) and O(3)', () => {
    expect(counts.filter((e) => e.gspace === 'rot3dOnR3()').length).toBeGreaterThanOrEqual(6);
    expect(counts.filter((e) => e.gspace === 'flipRot3dOnR3()').length).toBe(4);
  });

  it.each(counts.map((e) => [`${e.gspace} ${e.in} -> ${e.out} k=${e.kernel_size}`, e] as const))(
    'parameter count %s',
    (_, e) => {
      const build = () =>
        r3ConvBasis(actionOf(e.gspace), [fieldOf(e.gspace, e.in)], [fieldOf(e.gspace, e.out)], e.kernel_size);
      if (e.status === 'error') {
        // escnn refuses a layer with an empty basis; so do we
        expect(build).toThrow(/non-empty basis/);
        return;
      }
      const layer = build();
      expect(layer.dimension).toBe(e.weights_numel);
      expect(layer.biasSize).toBe(e.bias_numel);
      expect([...layer.filterShape]).toEqual(e.filter_shape);
    },
  );

  it.each(kernelBases.map((e) => [`${e.gspace} ${e.in} -> ${e.out} k=${e.kernel_size}`, e] as const))(
    'basis element by element %s',
    (_, e) => {
      const layer = r3ConvBasis(
        actionOf(e.gspace),
        e.in.map((f) => fixtureRepr3(e.gspace, f)),
        e.out.map((f) => fixtureRepr3(e.gspace, f)),
        e.kernel_size,
      );
      expect(layer.dimension).toBe(e.weights_numel);
      expect(layer.biasSize).toBe(e.bias_numel);
      expect(layer.inSize).toBe(e.in_size);
      expect(layer.outSize).toBe(e.out_size);
      const k = e.kernel_size;
      // escnn's reference ran without py3nj, so escnn solved SO(3)'s Clebsch–Gordan coefficients numerically;
      // each CG tensor there is fixed only up to its sign. For these layers escnn's signs agree with the closed
      // form used here, so every element is compared as is, sign included.
      for (let w = 0; w < layer.dimension; w++) {
        const onehot = new Float64Array(layer.dimension);
        onehot[w] = 1;
        const filter = layer.expand(onehot);
        const ref = e.basis[w]!.flat(4) as number[];
        expect(ref.length).toBe(layer.outSize * layer.inSize * k ** 3);
        let err = 0;
        for (let q = 0; q < ref.length; q++) err = Math.max(err, Math.abs(filter[q]! - ref[q]!));
        expect(err, `element ${w}`).toBeLessThan(1e-5);
      }
    },
  );
});
