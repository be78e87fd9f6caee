/**
 * R3Conv against escnn 1.0.13: parameter counts (fixtures/param_counts_r3.json) and the expanded filter of each
 * one-hot weight vector, element for element (fixtures/kernel_bases_3d.json), after the layout conversion
 * escnn `[out][in][z][y][x]` → TF.js `[d][h][w][in][out]` (the voxel axes are escnn's −Z, −Y, X on both sides).
 */
import '@tensorflow/tfjs-backend-wasm';
import { FieldType } from '@steerable/field-types';
import type { RepresentationLike } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import { escnnFieldReprs, gspaceOfEscnnCall } from '@steerable/gspaces/testing';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../test-utils/test-fixtures.js';
import { R3Conv } from './r3conv.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

interface BasisCase {
  gspace: string;
  in: string[];
  out: string[];
  kernel_size: number;
  in_size: number;
  out_size: number;
  weights_numel: number;
  bias_numel: number;
  basis: number[][][][][][];
}
interface CountCase {
  gspace: string;
  in: string;
  out: string;
  kernel_size: number;
  weights_numel: number | null;
  bias_numel: number | null;
  filter_shape: number[] | null;
  status: string;
}

const bases = loadFixture<{ kernel_bases: BasisCase[] }>('kernel_bases_3d.json').kernel_bases;
const counts = loadFixture<{ param_counts: CountCase[] }>('param_counts_r3.json').param_counts;

/** escnn's field names of kernel_bases_3d.json (`trivial`, `regular`, `irrep1`, `irrep0,1`). */
function reprs(gs: GSpace, names: readonly string[]): RepresentationLike[] {
  return names.map((n) => (n === 'trivial' ? gs.trivialRepr : escnnFieldReprs(gs, [n])[0]!));
}

/** The field of a param_counts_r3.json entry (escnn's printout), or null for one this test does not build. */
function countField(gs: GSpace, printed: string): RepresentationLike | null {
  const call = printed.split(' = ')[0]!;
  if (call === 'gs.trivial_repr') return gs.trivialRepr;
  if (call === 'gs.regular_repr') return gs.regularRepr;
  if (call === 'gs.fibergroup.irreps()[1]') return gs.fibergroup.irreps()[1]!;
  return null;
}

// the layers escnn built (or refused) within its time limit, between fields this test builds (the band-limited
// regular representations are compared in @steerable/kernels)
const countCases = counts
  .filter((e) => e.status !== 'timeout')
  .map((e) => {
    const gs = gspaceOfEscnnCall(e.gspace);
    return { e, gs, inRepr: countField(gs, e.in), outRepr: countField(gs, e.out) };
  })
  .filter((c) => c.inRepr !== null && c.outRepr !== null);

describe('R3Conv against escnn 1.0.13', () => {
  it('covers the fixtures', () => {
    expect(bases).toHaveLength(8);
    expect(countCases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(
    countCases.map(
      (c) =>
        [
          `${c.e.gspace} ${c.e.in.split(' = ')[0]} → ${c.e.out.split(' = ')[0]}, k=${c.e.kernel_size}`,
          c,
        ] as const,
    ),
  )('parameter count of %s', (_, { e, gs, inRepr, outRepr }) => {
    const build = () =>
      new R3Conv(new FieldType(gs, [inRepr!]), new FieldType(gs, [outRepr!]), e.kernel_size, {
        initialize: false,
      });
    if (e.status === 'error') {
      // escnn refuses a layer with an empty basis; so does R3Conv
      expect(build).toThrow(/empty steerable basis/);
      return;
    }
    const conv = build();
    expect(conv.weights.size).toBe(e.weights_numel);
    expect(conv.bias?.size ?? 0).toBe(e.bias_numel);
    const [o, i, k] = e.filter_shape!;
    expect(conv.filterShape).toEqual([k, k, k, i, o]);
    conv.dispose();
  });

  it.each(bases.map((e) => [`${e.gspace} ${e.in} → ${e.out}, k=${e.kernel_size}`, e] as const))(
    'one-hot weights expand to escnn’s basis elements, in escnn’s order: %s',
    (_, e) => {
      const gs = gspaceOfEscnnCall(e.gspace);
      const conv = new R3Conv(
        new FieldType(gs, reprs(gs, e.in)),
        new FieldType(gs, reprs(gs, e.out)),
        e.kernel_size,
        {
          initialize: false,
        },
      );
      expect(conv.weights.size).toBe(e.weights_numel);
      expect(conv.bias?.size ?? 0).toBe(e.bias_numel);
      const [k, I, O] = [e.kernel_size, e.in_size, e.out_size];
      expect(conv.filterShape).toEqual([k, k, k, I, O]);
      // escnn solves the Clebsch–Gordan coefficients of the octahedral and icosahedral groups numerically, each
      // CG tensor up to its sign (see @steerable/kernels' r3-subgroups test): there an element may differ from
      // escnn's by the sign of its CG tensor, the same for every element through that tensor. SO(3) and O(3) use
      // the closed form, whose signs escnn's agree with: compared as is.
      const signFree = e.gspace === 'octaOnR3()' || e.gspace === 'icoOnR3()';
      const signs = new Map<string, number>();
      for (let w = 0; w < e.weights_numel; w++) {
        const onehot = new Float32Array(e.weights_numel);
        onehot[w] = 1;
        conv.loadStateDict({ weights: onehot }, { strict: false });
        const { filter, bias } = conv.expandParameters();
        const ours = filter.dataSync();
        const ref = e.basis[w]!;
        let errPlus = 0;
        let errMinus = 0;
        // ours[z][y][x][i][o] = escnn[o][i][z][y][x]
        for (let o = 0; o < O; o++)
          for (let i = 0; i < I; i++)
            for (let z = 0; z < k; z++)
              for (let y = 0; y < k; y++)
                for (let x = 0; x < k; x++) {
                  const v = ours[(((z * k + y) * k + x) * I + i) * O + o]!;
                  const r = ref[o]![i]![z]![y]![x]!;
                  errPlus = Math.max(errPlus, Math.abs(v - r));
                  errMinus = Math.max(errMinus, Math.abs(v + r));
                }
        if (!signFree) expect(errPlus, `element ${w}`).toBeLessThan(1e-5);
        else {
          const a = conv.basis.attributes[w]!;
          const key = `${a.outIrrep}|${a.inIrrep}|${a.subgroupIrrep}`;
          const sign = errPlus < 1e-5 ? 1 : -1;
          expect(Math.min(errPlus, errMinus), `element ${w}`).toBeLessThan(1e-5);
          expect(signs.get(key) ?? sign, `sign of CG ${key}`).toBe(sign);
          signs.set(key, sign);
        }
        tf.dispose([filter, ...(bias ? [bias] : [])]);
      }
      conv.dispose();
    },
  );
});
