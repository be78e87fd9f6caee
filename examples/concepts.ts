/**
 * Concepts by use: which gspace, which group, which kind of feature field, and what each costs.
 * Printed output is shown in `docs/guides/01-concepts.md`. Run with `npm run example -- concepts`.
 */
import { FieldType } from '@steerable/field-types';
import { cyclicGroup } from '@steerable/group-theory';
import {
  flip2dOnR2,
  flipRot2dOnR2,
  type GSpace,
  noBaseSpace,
  rot2dOnR2,
  trivialOnR2,
} from '@steerable/gspaces';
import { initBackend, R2Conv } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { fmt, type Print } from './format.js';

/** Sizes the concepts example computes, returned for tests. */
export interface ConceptsResult {
  /** Weights of a 5×5 R2Conv between 64-channel field types of each kind, and of a plain convolution. */
  readonly weights: Record<string, number>;
}

function describeGspace(print: Print, label: string, gs: GSpace): void {
  const G = gs.fibergroup;
  const irreps = gs.irreps.map((psi) => psi.name).join(' ');
  const n = G.order();
  const order = n < 0 ? 'infinitely many elements' : n === 1 ? '1 element' : `${n} elements`;
  print(`${label.padEnd(24)} ${String(gs).padEnd(36)} ${G} (${order})`);
  print(`${''.padEnd(24)} irreps: ${irreps}`);
}

/** Runs the example, printing with `print`. */
export async function main(print: Print = (line) => console.log(line)): Promise<ConceptsResult> {
  await initBackend();

  print('== 1. gspaces: a group acting on a base space');
  describeGspace(print, 'rot2dOnR2(8)', rot2dOnR2(8));
  describeGspace(print, 'flipRot2dOnR2(4)', flipRot2dOnR2(4));
  describeGspace(print, 'flip2dOnR2()', flip2dOnR2());
  describeGspace(print, 'rot2dOnR2(-1)', rot2dOnR2(-1, { maximumFrequency: 3 }));
  describeGspace(print, 'flipRot2dOnR2(-1)', flipRot2dOnR2(-1, { maximumFrequency: 2 }));
  describeGspace(print, 'trivialOnR2()', trivialOnR2());
  describeGspace(print, 'noBaseSpace(C4)', noBaseSpace(cyclicGroup(4)));

  print('== 2. Three kinds of fields, one pixel, rotated by 90°');
  const gs = rot2dOnR2(8);
  const quarter = gs.fibergroup.element(2); // 2 · 45°
  const kinds = [
    { name: 'trivial (a scalar)', repr: gs.trivialRepr },
    { name: 'irrep_1 (an arrow)', repr: gs.irrep(1) },
    { name: 'regular (8 rotations)', repr: gs.regularRepr },
  ];
  for (const { name, repr } of kinds) {
    const type = new FieldType(gs, [repr]);
    const values = Array.from({ length: repr.size }, (_, i) => (i === 0 ? 1 : 0));
    const x = type.wrap(tf.tensor4d(values, [1, 1, 1, repr.size]));
    const y = x.transform(quarter);
    const before = values.map((v) => fmt(v, 0)).join(' ');
    const after = [...y.tensor.dataSync()].map((v) => fmt(v, 0)).join(' ');
    print(`${name.padEnd(22)} (${before}) -> (${after})`);
    tf.dispose([x.tensor, y.tensor]);
  }

  print('== 3. What a layer costs: a 5×5 convolution from 64 to 64 channels');
  const weights: Record<string, number> = { 'plain conv (no symmetry)': 5 * 5 * 64 * 64 };
  const c8 = rot2dOnR2(8);
  const so2 = rot2dOnR2(-1, { maximumFrequency: 3 });
  const types: [string, FieldType][] = [
    ['C8, 64 trivial fields', new FieldType(c8, Array(64).fill(c8.trivialRepr))],
    ['C8, 8 regular fields', new FieldType(c8, Array(8).fill(c8.regularRepr))],
    [
      'SO(2), 9 × irreps 0–3 (63)',
      new FieldType(so2, Array.from({ length: 9 }, () => [0, 1, 2, 3].map((k) => so2.irrep(k))).flat()),
    ],
  ];
  for (const [name, type] of types) {
    const conv = new R2Conv(type, type, 5, { initialize: false });
    weights[name] = conv.weights.size;
    conv.dispose();
  }
  for (const [name, count] of Object.entries(weights))
    print(`${name.padEnd(28)} ${String(count).padStart(6)} weights`);
  return { weights };
}
