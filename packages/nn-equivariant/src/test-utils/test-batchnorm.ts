/**
 * Test helpers of the batch normalizations: float64 references written from escnn's formulas field by
 * field (no shared code with the modules' matrix formulation), random inputs and state. Not exported.
 */
import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { mulberry32, type RepresentationLike } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { Matrix } from 'ml-matrix';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import type { EquivariantModule } from '../equivariant-module.js';

/** Rows `[N][C]` of a channels-last tensor, in float64. */
export function rowsOf(t: tf.Tensor): number[][] {
  const c = t.shape[t.shape.length - 1]!;
  const data = Array.from(t.dataSync());
  return Array.from({ length: data.length / c }, (_, i) => data.slice(i * c, (i + 1) * c));
}

/** The field indices of each label group, groups in order of first appearance (escnn's grouping). */
export function fieldsByLabel(
  type: FieldType,
  labelOf: (r: RepresentationLike) => string,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  type.representations.forEach((r, i) => {
    const l = labelOf(r);
    out.set(l, [...(out.get(l) ?? []), i]);
  });
  return out;
}

/** Channels of field `f`. */
function channels(type: FieldType, f: number): number[] {
  return Array.from(
    { length: type.fieldsEnd[f]! - type.fieldsStart[f]! },
    (_, i) => type.fieldsStart[f]! + i,
  );
}

function trivialPositions(
  type: FieldType,
  r: RepresentationLike,
): { trivials: number[]; blocks: [number, number, boolean][] } {
  const trivials: number[] = [];
  const blocks: [number, number, boolean][] = [];
  let p = 0;
  for (const id of r.irreps) {
    const irr = type.fibergroup.irrep(...id);
    if (irr.isTrivial()) trivials.push(p);
    blocks.push([p, irr.size, irr.isTrivial()]);
    p += irr.size;
  }
  return { trivials, blocks };
}

const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;

/** Parameters of a reference, per field in the type's order. */
export interface ReferenceOptions {
  eps: number;
  momentum: number;
}

/** InnerBatchNorm: mean/biased variance per field over rows and the field's channels; running stats. */
export function innerReference(
  x: number[][],
  type: FieldType,
  o: ReferenceOptions & { weight: number[]; bias: number[] },
): { train: number[][]; eval: number[][]; runningMean: number[]; runningVar: number[] } {
  const train = x.map((r) => [...r]);
  const evalOut = x.map((r) => [...r]);
  const runningMean: number[] = [];
  const runningVar: number[] = [];
  type.representations.forEach((_, f) => {
    const cs = channels(type, f);
    const vals = x.flatMap((row) => cs.map((c) => row[c]!));
    const mu = mean(vals);
    const v = mean(vals.map((a) => (a - mu) ** 2));
    const k = vals.length;
    runningMean.push(o.momentum * mu);
    runningVar.push(1 - o.momentum + (o.momentum * v * k) / (k - 1));
    for (let i = 0; i < x.length; i++) {
      for (const c of cs) {
        train[i]![c] = ((x[i]![c]! - mu) / Math.sqrt(v + o.eps)) * o.weight[f]! + o.bias[f]!;
        evalOut[i]![c] =
          ((x[i]![c]! - runningMean[f]!) / Math.sqrt(runningVar[f]! + o.eps)) * o.weight[f]! + o.bias[f]!;
      }
    }
  });
  return { train, eval: evalOut, runningMean, runningVar };
}

/** IIDBatchNorm: projected mean `Q S Q⁻¹ m`, mean of unbiased channel variances per field. */
export function iidReference(
  x: number[][],
  type: FieldType,
  o: ReferenceOptions & { weight: number[]; bias: number[][] },
): { train: number[][]; eval: number[][]; runningMean: number[][]; runningVar: number[] } {
  const n = x.length;
  const train = x.map((r) => [...r]);
  const evalOut = x.map((r) => [...r]);
  const runningMean: number[][] = [];
  const runningVar: number[] = [];
  type.representations.forEach((r, f) => {
    const cs = channels(type, f);
    const { trivials } = trivialPositions(type, r);
    const m = cs.map((c) => mean(x.map((row) => row[c]!)));
    const s = Matrix.zeros(r.size, r.size);
    for (const t of trivials) s.set(t, t, 1);
    const p = r.changeOfBasis.mmul(s).mmul(r.changeOfBasisInv);
    const mu = p.mmul(Matrix.columnVector(m)).to1DArray();
    const v = mean(cs.map((c, j) => x.reduce((acc, row) => acc + (row[c]! - m[j]!) ** 2, 0) / (n - 1)));
    const q = r.changeOfBasis;
    const bias = cs.map((_, i) =>
      trivials.reduce((acc, t, k) => acc + q.get(i, t) * (o.bias[f]![k] ?? 0), 0),
    );
    const rm = mu.map((a) => o.momentum * a);
    const rv = 1 - o.momentum + o.momentum * v;
    runningMean.push(rm);
    runningVar.push(rv);
    for (let i = 0; i < n; i++) {
      cs.forEach((c, j) => {
        train[i]![c] = ((x[i]![c]! - mu[j]!) / Math.sqrt(v + o.eps)) * o.weight[f]! + bias[j]!;
        evalOut[i]![c] = ((x[i]![c]! - rm[j]!) / Math.sqrt(rv + o.eps)) * o.weight[f]! + bias[j]!;
      });
    }
  });
  return { train, eval: evalOut, runningMean, runningVar };
}

/** GNormBatchNorm: per irrep block in the basis `z = Q⁻¹x`. Weights per field and irrep; biases per trivial. */
export function gnormReference(
  x: number[][],
  type: FieldType,
  o: ReferenceOptions & { weight: number[][]; bias: number[][] },
): { train: number[][]; eval: number[][]; runningMean: number[][]; runningVar: number[][] } {
  const n = x.length;
  const train = x.map((r) => [...r]);
  const evalOut = x.map((r) => [...r]);
  const runningMean: number[][] = [];
  const runningVar: number[][] = [];
  type.representations.forEach((r, f) => {
    const cs = channels(type, f);
    const { blocks } = trivialPositions(type, r);
    const qInv = r.changeOfBasisInv;
    const q = r.changeOfBasis;
    const z = x.map((row) => qInv.mmul(Matrix.columnVector(cs.map((c) => row[c]!))).to1DArray());
    const mus: number[] = [];
    const vars: number[] = [];
    for (const [p, size, trivial] of blocks) {
      const mu = trivial ? mean(z.map((zz) => zz[p]!)) : 0;
      let acc = 0;
      for (let j = p; j < p + size; j++)
        acc += Math.max(0, mean(z.map((zz) => zz[j]! ** 2)) - (trivial ? mu * mu : 0));
      if (trivial) mus.push(mu);
      vars.push(((acc / size) * n) / (n - 1));
    }
    const rm = mus.map((a) => o.momentum * a);
    const rv = vars.map((v) => 1 - o.momentum + o.momentum * v);
    runningMean.push(rm);
    runningVar.push(rv);
    const apply = (zz: number[], means: number[], variances: number[]): number[] => {
      const out = [...zz];
      let t = 0;
      blocks.forEach(([p, size, trivial], b) => {
        const scale = o.weight[f]![b]! / Math.sqrt(variances[b]! + o.eps);
        for (let j = p; j < p + size; j++) out[j] = (zz[j]! - (trivial ? means[t]! : 0)) * scale;
        if (trivial) out[p] = out[p]! + o.bias[f]![t++]!;
      });
      return q.mmul(Matrix.columnVector(out)).to1DArray();
    };
    for (let i = 0; i < n; i++) {
      const a = apply(z[i]!, mus, vars);
      const b = apply(z[i]!, rm, rv);
      cs.forEach((c, j) => {
        train[i]![c] = a[j]!;
        evalOut[i]![c] = b[j]!;
      });
    }
  });
  return { train, eval: evalOut, runningMean, runningVar };
}

/** NormBatchNorm: `σ² = E|f|²/s·N/(N−1)` per field; the running variance normalizes in both modes. */
export function normReference(
  x: number[][],
  type: FieldType,
  o: ReferenceOptions & { weight: number[] },
): { train: number[][]; runningVar: number[] } {
  const n = x.length;
  const train = x.map((r) => [...r]);
  const runningVar: number[] = [];
  type.representations.forEach((_, f) => {
    const cs = channels(type, f);
    const v =
      (mean(x.map((row) => cs.reduce((acc, c) => acc + row[c]! ** 2, 0))) / cs.length) * (n / (n - 1));
    const rv = 1 - o.momentum + o.momentum * v;
    runningVar.push(rv);
    for (let i = 0; i < n; i++)
      for (const c of cs) train[i]![c] = (x[i]![c]! * o.weight[f]!) / Math.sqrt(rv + o.eps);
  });
  return { train, runningVar };
}

/** Largest absolute difference of two equally shaped nested arrays. */
export function maxAbsDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => {
    row.forEach((v, j) => {
      m = Math.max(m, Math.abs(v - b[i]![j]!));
    });
  });
  return m;
}

/** A deterministic pseudo-random generator in [0, 1): group-theory's mulberry32 from the raw seed. */
export const rng = (seed: number): (() => number) => mulberry32(seed);

export { exactElements } from './test-fields.js';

/**
 * Runs `steps` Adam steps minimizing the mean square of the module's output on `x`; returns
 * `tf.memory().numTensors` after each step, and whether every trainable variable moved.
 */
export function tensorCounts(
  module: EquivariantModule,
  x: GeometricTensor,
  steps: number,
): { counts: number[]; changed: boolean } {
  const optimizer = tf.train.adam(0.01);
  const counts: number[] = [];
  const vars = module.trainableVariables;
  const initial = vars.map((v) => Array.from(v.dataSync()));
  try {
    for (let i = 0; i < steps; i++) {
      const loss = optimizer.minimize(
        () => {
          // minimize runs this inside tf.tidy: the output is freed after the gradient.
          const y = module.forward(x);
          return tf.mean(tf.square(tf.sub(y.tensor, 1))) as tf.Scalar;
        },
        true,
        vars,
      );
      loss?.dispose();
      counts.push(tf.memory().numTensors);
    }
  } finally {
    optimizer.dispose();
  }
  const changed = vars.every((v, i) => Array.from(v.dataSync()).some((a, j) => a !== initial[i]![j]));
  return { counts, changed };
}

/** A seeded input `2·N(0, 1) + 1.5` of shape `[...shape, type.size]` (an offset, so that means matter). */
export function input(type: FieldType, shape: readonly number[], seed: number): GeometricTensor {
  const t = tf.tidy(() => tf.add(tf.randomNormal([...shape, type.size], 0, 2, 'float32', seed), 1.5));
  return new GeometricTensor(t, type);
}

/**
 * The leak test every batch norm runs, on wasm and on cpu: six Adam steps on a `[2, 4, 4]` input of `type()` move
 * the module's variables and leave `tf.memory().numTensors` constant after the first step.
 */
export function itKeepsTensorCountOverAdamSteps(
  type: () => FieldType,
  build: (type: FieldType) => EquivariantModule,
): void {
  for (const backend of ['wasm', 'cpu'] as const) {
    it(`keeps the tensor count constant over Adam steps (${backend})`, async () => {
      await initBackend({ backend, env: {} });
      const t = type();
      const bn = build(t);
      const x = input(t, [2, 4, 4], 5);
      const { counts, changed } = tensorCounts(bn, x, 6);
      expect(changed).toBe(true);
      expect(new Set(counts.slice(1)).size).toBe(1);
      x.dispose();
      bn.dispose();
    });
  }
}

/** Runs the file on the default backend, and restores it after (each test file starts and ends there). */
export function useDefaultBackend(): void {
  beforeAll(async () => {
    await initBackend({ env: {} });
  });
  afterAll(async () => {
    await initBackend({ env: {} });
  });
}

/** Our state-dict key of a representation name (`irrep_1,2` → `irrep_1_2`); escnn's key replaces only `.`, by `^`. */
export const escnnKey = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');

/**
 * Puts `bn` in eval mode and checks it against the reference's eval output (`tol`, float32 vs float64),
 * and its exported Keras model against its own eval output (1e-5). Disposes what it creates, not `x` or `bn`.
 */
export function expectEvalAndExport(
  bn: EquivariantModule,
  x: GeometricTensor,
  refEval: number[][],
  tol = 1e-4,
): void {
  bn.eval();
  const z = bn.forward(x);
  expect(maxAbsDiff(rowsOf(z.tensor), refEval)).toBeLessThan(tol);
  const model = bn.export();
  const e = model.predict(x.tensor) as tf.Tensor;
  expect(maxAbsDiff(rowsOf(e), rowsOf(z.tensor))).toBeLessThan(1e-5);
  tf.dispose([z.tensor, e]);
  model.dispose();
}

/**
 * With the batch statistics detached (as escnn does), the gradient of `Σ bn(x)` is the constant `1/√(σ² + ε)` on
 * every entry: checks it against `expected(bn.stateDict())` to `digits` digits on an input of seed `seed`, then
 * disposes `bn`.
 */
export function expectDetachedStatisticsGradient(
  bn: EquivariantModule,
  type: FieldType,
  seed: number,
  expected: (state: Map<string, tf.Tensor>) => number,
  digits: number,
): void {
  const x = input(type, [2, 2, 2], seed);
  const g = tf.grad((t: tf.Tensor) => tf.sum(bn.forward(new GeometricTensor(t, type)).tensor))(x.tensor);
  const sd = bn.stateDict();
  const value = expected(sd);
  for (const v of g.dataSync()) expect(v).toBeCloseTo(value, digits);
  tf.dispose([...sd.values(), g, x.tensor]);
  bn.dispose();
}
