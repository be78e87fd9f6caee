/**
 * The equivariant model: escnn's MNIST tutorial network (`C8SteerableCNN`) on @steerable/nn-equivariant's
 * layers, for a choice of symmetry group:
 *
 *     MaskModule(29, margin 1) →
 *     6 × [R2Conv(k = 7, 5, 5, 5, 5, 5; no bias) → batch norm → nonlinearity],
 *         antialiased average pooling (σ = 0.66, stride 2) after blocks 2 and 4, (stride 1, no padding) after 6
 *     → invariant pooling → Linear(64) → BatchNorm → ELU → Linear(10)
 *
 * - C_N, D_N: regular fields, InnerBatchNorm, ReLU, GroupPooling (escnn's tutorial for C8);
 * - SO(2), Fourier: fields of the band-limited regular representation (frequencies 0…3), IIDBatchNorm2d,
 *   FourierELU sampled on 16 rotations, NormPool;
 * - SO(2), norm: fields `ψ₀ ⊕ ψ₁ ⊕ ψ₂ ⊕ ψ₃` split per irrep, GNormBatchNorm, NormNonLinearity (`squash`,
 *   |v| ↦ |v| / (1 + |v|): continuous at the zero field, unlike `n_softplus`, so the model stays invariant
 *   in float32; with `n_relu` and its unit bias the small model died), NormPool.
 *
 * The spatial sizes go 29 → 25 → 25 ↓13 → 13 → 13 ↓7 → 7 → 5 ↓1 (the last pool's 5×5 blur reads the whole
 * map), so the output is invariant to the group's rotations of the input that are exact on the grid.
 */

import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { FieldType as FieldTypeClass } from '@steerable/field-types';
import { SO2 } from '@steerable/group-theory';
import type { GSpace2D } from '@steerable/gspaces';
import { flipRot2dOnR2, rot2dOnR2 } from '@steerable/gspaces';
import {
  type EquivariantModule,
  FourierELU,
  GNormBatchNorm,
  GroupPooling,
  IIDBatchNorm2d,
  InnerBatchNorm,
  MaskModule,
  NormNonLinearity,
  NormPool,
  PointwiseAvgPoolAntialiased2D,
  R2Conv,
  ReLU,
  SequentialModule,
} from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { CLASSES, HEAD_HIDDEN, KERNELS, PADDINGS, POOL_AFTER } from './architecture.js';
import { assignNamed, BatchNorm, Dense } from './layers.js';
import { type ClassifierModel, type ModelOutputs, type NamedVariable, tidyOutputs } from './model.js';

/** The symmetry of the steerable CNN. */
export type GroupChoice =
  | { readonly kind: 'cyclic'; readonly n: number }
  | { readonly kind: 'dihedral'; readonly n: number }
  | { readonly kind: 'so2'; readonly nonlinearity: 'fourier' | 'norm' };

/** Parses `C8`, `D4`, `SO2` (Fourier nonlinearity) or `SO2-norm` (norm nonlinearity), case-insensitive. */
export function parseGroup(text: string): GroupChoice {
  const t = text.trim().toUpperCase();
  const finite = /^([CD])(\d+)$/.exec(t);
  if (finite) {
    const n = Number(finite[2]);
    if (n >= 1 && n <= 64) return { kind: finite[1] === 'C' ? 'cyclic' : 'dihedral', n };
  }
  if (t === 'SO2' || t === 'SO2-FOURIER') return { kind: 'so2', nonlinearity: 'fourier' };
  if (t === 'SO2-NORM') return { kind: 'so2', nonlinearity: 'norm' };
  throw new Error(`--group must be C<N> or D<N> (1 ≤ N ≤ 64), SO2 or SO2-norm; got '${text}'`);
}

/** The text {@link parseGroup} reads back: `C8`, `D4`, `SO2` or `SO2-norm`. */
export function groupId(group: GroupChoice): string {
  if (group.kind === 'cyclic') return `C${group.n}`;
  if (group.kind === 'dihedral') return `D${group.n}`;
  return group.nonlinearity === 'fourier' ? 'SO2' : 'SO2-norm';
}

/** The group's name as in escnn, e.g. `C8`, `D4`, `SO(2)`. */
export function groupName(group: GroupChoice): string {
  if (group.kind === 'cyclic') return `C${group.n}`;
  if (group.kind === 'dihedral') return `D${group.n}`;
  return `SO(2) (${group.nonlinearity === 'fourier' ? 'Fourier' : 'norm'} nonlinearity)`;
}

/** Options of {@link buildEquivariantModel}. */
export interface EquivariantOptions {
  readonly group: GroupChoice;
  /** Number of fields of the six blocks (see ./architecture.ts). */
  readonly fields: readonly number[];
  /** Seed of the weight initialization. @defaultValue 1 */
  readonly seed?: number;
}

/** Band limit of the SO(2) models' fields. */
const SO2_FREQUENCY = 3;
/** Grid of rotations on which FourierELU samples its fields. */
const SO2_GRID = 16;
/** Blur of the antialiased pooling (escnn's tutorial). */
const POOL_SIGMA = 0.66;

/** What one kind of model uses for fields, normalization, nonlinearity and invariant pooling. */
interface Recipe {
  readonly gspace: GSpace2D;
  fieldType(fields: number): FieldType;
  /** Batch norm and nonlinearity of a block whose convolution outputs `type`. */
  normAndActivation(type: FieldType): EquivariantModule[];
  invariant(type: FieldType): EquivariantModule;
}

function recipe(group: GroupChoice): Recipe {
  if (group.kind !== 'so2') {
    const gspace = group.kind === 'cyclic' ? rot2dOnR2(group.n) : flipRot2dOnR2(group.n);
    return {
      gspace,
      fieldType: (n) => new FieldTypeClass(gspace, Array(n).fill(gspace.regularRepr)),
      normAndActivation: (type) => [new InnerBatchNorm(type), new ReLU(type)],
      invariant: (type) => new GroupPooling(type),
    };
  }
  const gspace = rot2dOnR2(-1, { maximumFrequency: 2 * SO2_FREQUENCY });
  const irreps = Array.from({ length: SO2_FREQUENCY + 1 }, (_, k) => gspace.irrep(k));
  if (group.nonlinearity === 'fourier') {
    const so2 = gspace.fibergroup;
    if (!(so2 instanceof SO2)) throw new Error(`buildEquivariantModel: expected SO(2), got ${so2}`);
    const ids = so2.blIrreps(SO2_FREQUENCY);
    return {
      gspace,
      fieldType: (n) => new FourierELU(gspace, n, ids, { N: SO2_GRID }).inType,
      normAndActivation: (type) => [
        new IIDBatchNorm2d(type),
        new FourierELU(gspace, type.length, ids, { N: SO2_GRID }),
      ],
      invariant: (type) => new NormPool(type),
    };
  }
  return {
    gspace,
    fieldType: (n) => new FieldTypeClass(gspace, Array.from({ length: n }, () => irreps).flat()),
    normAndActivation: (type) => [
      new GNormBatchNorm(type),
      new NormNonLinearity(type, { function: 'squash', bias: false }),
    ],
    invariant: (type) => new NormPool(type),
  };
}

function describeFields(group: GroupChoice, fields: readonly number[]): string {
  const kind =
    group.kind === 'so2'
      ? group.nonlinearity === 'fourier'
        ? `band-limited (≤ ${SO2_FREQUENCY}) regular fields, IIDBatchNorm, FourierELU on ${SO2_GRID} rotations, NormPool`
        : `ψ₀…ψ${SO2_FREQUENCY} fields, GNormBatchNorm, norm squash, NormPool`
      : 'regular fields, InnerBatchNorm, ReLU, GroupPooling';
  return `6 R2Conv blocks with [${fields.join(', ')}] ${kind}; antialiased avg pooling; MLP →${HEAD_HIDDEN}→${CLASSES}`;
}

/**
 * Builds the steerable CNN for `options.group` (see the module comment for the architecture). Its
 * variables are named `body.<module>.<name>` (the modules of the body in order: `body.0.mask`,
 * `body.1.weights`, `body.2.running_mean`, …) and `head.{hidden,norm,output}.<name>`.
 */
export function buildEquivariantModel(options: EquivariantOptions): ClassifierModel {
  const { group, fields, seed = 1 } = options;
  if (fields.length !== KERNELS.length || fields.some((f) => !Number.isInteger(f) || f < 1)) {
    throw new Error(
      `buildEquivariantModel: fields must be ${KERNELS.length} positive integers, got ${fields}`,
    );
  }
  const r = recipe(group);
  const inType = new FieldTypeClass(r.gspace, [r.gspace.trivialRepr]);
  const modules: EquivariantModule[] = [new MaskModule(inType, 29, { margin: 1 })];
  let type = inType;
  // index of the first block's last module (its nonlinearity): its output is what the page draws
  let firstBlockEnd = -1;
  fields.forEach((n, i) => {
    const out = r.fieldType(n);
    modules.push(
      new R2Conv(type, out, KERNELS[i]!, { padding: PADDINGS[i]!, bias: false, seed: seed * 1000 + i }),
      ...r.normAndActivation(out),
    );
    if (i === 0) firstBlockEnd = modules.length - 1;
    type = out;
    if (POOL_AFTER.has(i)) modules.push(new PointwiseAvgPoolAntialiased2D(type, POOL_SIGMA, 2));
  });
  modules.push(new PointwiseAvgPoolAntialiased2D(type, POOL_SIGMA, 1, { padding: 0 }));
  const invariant = r.invariant(type);
  modules.push(invariant);
  const body = new SequentialModule(...modules);
  const features = invariant.outType.size;
  const hidden = new Dense(features, HEAD_HIDDEN, seed * 1000 + 100);
  const headNorm = new BatchNorm(HEAD_HIDDEN);
  const output = new Dense(HEAD_HIDDEN, CLASSES, seed * 1000 + 101);
  const trainableVariables = [
    ...body.trainableVariables,
    ...hidden.variables,
    ...headNorm.variables,
    ...output.variables,
  ];
  const headVariables = (): NamedVariable[] => [
    ...hidden.namedVariables('head.hidden.'),
    ...headNorm.namedVariables('head.norm.'),
    ...output.namedVariables('head.output.'),
  ];
  // The body's modules one by one (what body.forward does), keeping the first block's output.
  const run = (images: tf.Tensor4D, training: boolean): ModelOutputs => {
    let y: GeometricTensor = inType.wrap(images);
    let first: tf.Tensor4D | undefined;
    modules.forEach((m, i) => {
      y = m.forward(y);
      if (i === firstBlockEnd) first = y.tensor as tf.Tensor4D;
    });
    const pooled = tf.reshape(y.tensor, [images.shape[0], features]) as tf.Tensor2D;
    const h = tf.elu(headNorm.apply(hidden.apply(pooled), training)) as tf.Tensor2D;
    return { logits: output.apply(h), features: first! };
  };
  const model: ClassifierModel = {
    name: `${groupName(group)} steerable CNN`,
    description: describeFields(group, fields),
    architecture: { kind: 'equivariant', group: groupId(group), fields: [...fields] },
    trainableVariables,
    apply(images, training) {
      if (body.training !== training) body.train(training);
      return tf.tidy(() => run(images, training).logits);
    },
    applyWithFeatures(images, training) {
      if (body.training !== training) body.train(training);
      return tidyOutputs(() => run(images, training));
    },
    namedVariables: () => [
      ...body
        .namedVariables('body.')
        .map(([name, variable, kind]): NamedVariable => ({ name, variable, kind })),
      ...headVariables(),
    ],
    loadVariables(values) {
      // through the body's loadStateDict, so that its convolutions drop their cached filters
      const state = new Map<string, tf.Tensor>();
      for (const [name, value] of values) if (name.startsWith('body.')) state.set(name.slice(5), value);
      body.loadStateDict(state, { strict: false });
      assignNamed(headVariables(), values);
    },
    dispose() {
      body.dispose();
      for (const layer of [hidden, output]) for (const v of layer.variables) v.dispose();
      headNorm.dispose();
    },
  };
  return model;
}
