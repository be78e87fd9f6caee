/**
 * The equivariance check shared by `EquivariantModule` and `BranchingModule`, in a synchronous and an
 * asynchronous flavour. Not exported from the package.
 *
 * Both compute, for each element `g`, the errors `|f(g·x) − g·f(x)|` on one standard normal input `x`. The
 * synchronous one reads results with `dataSync` and transforms with `transform`, which TF.js's WebGPU backend
 * cannot do in Node (no synchronous read back: elements off the grid are resampled on the CPU); the
 * asynchronous one uses `transformAsync` and `await data()` and runs on every backend.
 */
import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { type Group, type GroupElement, InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import {
  type CheckEquivarianceOptions,
  EquivarianceError,
  type EquivarianceResult,
} from '../equivariance.js';
import type { Module } from '../equivariant-module.js';

/** What is checked: a map from `inType` fields to one or more output fields. */
export interface CheckSubject {
  readonly inType: FieldType;
  /** The group whose elements `g` act on the outputs. */
  readonly group: Group;
  /** The elements checked when the options name none. */
  readonly defaultElements: readonly GroupElement[];
  /** Buffers a training-mode forward pass may update: restored afterwards. */
  readonly buffers: readonly tf.Variable[];
  /** The element acting on the input together with `g` on the outputs. */
  inputElement(g: GroupElement): GroupElement;
  /** The outputs `f(x)`, in a fixed order; the caller disposes them. */
  outputs(x: GeometricTensor): GeometricTensor[];
}

interface Setup {
  readonly atol: number;
  readonly rtol: number;
  readonly elements: GroupElement[];
  /** The random input. */
  readonly x: GeometricTensor;
  /** Its outputs `f(x)`. */
  readonly fx: readonly GeometricTensor[];
  /** Frees `x` and `f(x)` and puts the buffers back. */
  restore(): void;
}

/** The variables of `module` (and its submodules) registered as buffers. */
export function bufferVariables(module: Module): tf.Variable[] {
  return module
    .namedVariables()
    .filter(([, , kind]) => kind === 'buffer')
    .map(([, v]) => v);
}

function setup(fn: string, subject: CheckSubject, options: CheckEquivarianceOptions): Setup {
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-5;
  const batch = options.batchSize ?? 3;
  const side = options.spatialSize ?? 10;
  for (const [k, v] of [
    ['batchSize', batch],
    ['spatialSize', side],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(fn, k, v, 'must be a positive integer');
  }
  const elements = (options.elements ?? subject.defaultElements).map((g) =>
    subject.group.checkElement(g, fn),
  );
  const d = subject.inType.gspace.dimensionality;
  const shape = [batch, ...Array<number>(d).fill(side), subject.inType.size];
  const x = new GeometricTensor(tf.randomNormal(shape, 0, 1, 'float32', options.seed ?? 0), subject.inType);
  // forward passes in training mode may update buffers (running statistics): put them back afterwards
  const saved = subject.buffers.map((v) => [v, tf.clone(v)] as const);
  const fx: GeometricTensor[] = [];
  const restore = () => {
    for (const t of [x, ...fx]) t.dispose();
    for (const [v, copy] of saved) {
      v.assign(copy);
      copy.dispose();
    }
  };
  try {
    fx.push(...subject.outputs(x));
  } catch (e) {
    restore();
    throw e;
  }
  return { atol, rtol, elements, x, fx, restore };
}

/** Per output, `[max err, sum err, max(err − bound), size]` with `err = |f(g·x) − g·f(x)|`: a `[k, 4]` tensor. */
function errorStats(
  fgx: readonly tf.Tensor[],
  gfx: readonly tf.Tensor[],
  atol: number,
  rtol: number,
): tf.Tensor {
  return tf.tidy(() =>
    tf.stack(
      fgx.map((a, i) => {
        const b = gfx[i]!;
        const err = tf.abs(tf.sub(a, b));
        const bound = tf.add(tf.scalar(atol), tf.mul(tf.scalar(rtol), tf.abs(b)));
        return tf.stack([tf.max(err), tf.sum(err), tf.max(tf.sub(err, bound)), tf.scalar(err.size)]);
      }),
    ),
  );
}

function toResult(element: GroupElement, stats: ArrayLike<number>): EquivarianceResult {
  let maxError = 0;
  let sum = 0;
  let count = 0;
  let passed = true;
  for (let i = 0; i < stats.length; i += 4) {
    maxError = Math.max(maxError, stats[i]!);
    sum += stats[i + 1]!;
    if (stats[i + 2]! > 0) passed = false;
    count += stats[i + 3]!;
  }
  return { element, maxError, meanError: sum / Math.max(count, 1), passed };
}

function finish(
  fn: string,
  options: CheckEquivarianceOptions,
  results: EquivarianceResult[],
): EquivarianceResult[] {
  if ((options.throwOnFailure ?? true) && results.some((r) => !r.passed)) {
    throw new EquivarianceError(fn, results);
  }
  return results;
}

/**
 * Runs `read`, a synchronous read back: `dataSync` (`direct`: any error is the read's), or a `transform` that may
 * resample on the CPU (field-types throws a plain SteerableError when it cannot read). When the backend cannot
 * read synchronously (TF.js's WebGPU backend in Node), says to use the asynchronous check.
 */
function syncRead<T>(fn: string, read: () => T, direct = false): T {
  try {
    return read();
  } catch (e) {
    const readFailed =
      direct ||
      (e instanceof SteerableError &&
        !(e instanceof InvalidArgumentError) &&
        e.functionName === 'FieldType.transform');
    if (!readFailed) throw e;
    throw new SteerableError(
      fn,
      `cannot read back synchronously on the '${tf.getBackend()}' backend ` +
        `(${e instanceof Error ? e.message : String(e)}); use checkEquivarianceAsync`,
    );
  }
}

/** The check with synchronous reads (WASM, CPU, WebGL, native TensorFlow). */
export function checkEquivarianceSync(
  fn: string,
  subject: CheckSubject,
  options: CheckEquivarianceOptions,
): EquivarianceResult[] {
  const s = setup(fn, subject, options);
  const results: EquivarianceResult[] = [];
  try {
    for (const h of s.elements) {
      const stats = tf.tidy(() => {
        const gfx = s.fx.map((y) => syncRead(fn, () => y.transform(h)).tensor);
        const gx = syncRead(fn, () => s.x.transform(subject.inputElement(h)));
        const fgx = subject.outputs(gx).map((y) => y.tensor);
        return errorStats(fgx, gfx, s.atol, s.rtol);
      });
      try {
        results.push(
          toResult(
            h,
            syncRead(fn, () => stats.dataSync(), true),
          ),
        );
      } finally {
        stats.dispose();
      }
    }
  } finally {
    s.restore();
  }
  return finish(fn, options, results);
}

/** The check with asynchronous reads only: every backend, WebGPU in Node included. */
export async function checkEquivarianceAsync(
  fn: string,
  subject: CheckSubject,
  options: CheckEquivarianceOptions,
): Promise<EquivarianceResult[]> {
  const s = setup(fn, subject, options);
  const results: EquivarianceResult[] = [];
  try {
    for (const h of s.elements) {
      // everything made for this element, freed once its errors are read
      const held: tf.TensorContainer[] = [];
      try {
        const gx = await s.x.transformAsync(subject.inputElement(h));
        held.push(gx.tensor);
        const gfx: tf.Tensor[] = [];
        for (const y of s.fx) {
          const t = (await y.transformAsync(h)).tensor;
          held.push(t);
          gfx.push(t);
        }
        const fgx = subject.outputs(gx).map((y) => y.tensor);
        held.push(fgx);
        const stats = errorStats(fgx, gfx, s.atol, s.rtol);
        held.push(stats);
        results.push(toResult(h, await stats.data()));
      } finally {
        tf.dispose(held);
      }
    }
  } finally {
    s.restore();
  }
  return finish(fn, options, results);
}
