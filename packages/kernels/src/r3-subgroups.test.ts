import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '@steerable/group-theory';
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
