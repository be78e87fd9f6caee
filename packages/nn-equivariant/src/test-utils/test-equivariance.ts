/**
 * Test helpers of the Fourier, gated, induced and tensor nonlinearities: escnn's relative field error for
 * approximately equivariant modules, inputs on a point or a grid (and the Fourier modules' positive-mean
 * input), and a forward+backward leak check.
 */
import { type FieldType, GeometricTensor } from '@steerable/field-types';
import { type GroupElement, o2Group, type RepresentationLike } from '@steerable/group-theory';
import { type GSpace, noBaseSpace } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { EquivariantModule } from '../equivariant-module.js';
import { elementsOf, gspaces2d } from './test-fields.js';

/** A seeded standard normal input of `type`: `[batch, C]` on R⁰, `[batch, side, side, C]` on R². */
export function randomInput(type: FieldType, batch = 3, side = 5, seed = 3): GeometricTensor {
  const d = type.gspace.dimensionality;
  const shape = [batch, ...Array<number>(d).fill(side), type.size];
  return new GeometricTensor(tf.randomNormal(shape, 0, 1, 'float32', seed), type);
}

/**
 * escnn's test input of the Fourier modules: the trivial coefficient (the first entry of each field, irrep
 * (0) or (0,0) first) made positive, so that ReLU/ELU of a low-frequency input is not zero everywhere.
 * Disposes `x`.
 */
export function positiveMean(x: GeometricTensor): GeometricTensor {
  const F0 = x.type.representations[0]!.size;
  const t = tf.tidy(() => {
    const mask = tf.tensor1d(Array.from({ length: x.type.size }, (_, i) => i % F0 === 0));
    return tf.where(mask, tf.abs(x.tensor), x.tensor);
  });
  x.dispose();
  return new GeometricTensor(t, x.type);
}

/**
 * escnn's `check_equivariance` of the Fourier and tensor-product modules: for each element `g`, the
 * per-field errors `e = ‖f(g·x) − g·f(x)‖` (set to 0 below `atol`), relative to `√(‖g·f(x)‖ ‖f(g·x)‖)`;
 * returns `mean + std` of the relative errors for each element (escnn asserts it below `rtol`).
 */
export function relativeFieldErrors(
  module: EquivariantModule,
  x: GeometricTensor,
  elements: readonly GroupElement[],
  atol = 1e-5,
): number[] {
  const out: number[] = [];
  // per field on a uniform output (escnn's modules here are uniform), else per pixel
  const size = module.outType.uniform ? module.outType.representations[0]!.size : module.outType.size;
  const fx = module.forward(x);
  for (const g of elements) {
    const v = tf.tidy(() => {
      const a = tf.reshape(fx.transformFibers(g).tensor, [-1, size]);
      const b = tf.reshape(module.forward(x.transformFibers(g)).tensor, [-1, size]);
      let e = tf.norm(tf.sub(a, b), 'euclidean', -1);
      e = tf.where(tf.less(e, atol), tf.zerosLike(e), e);
      const n = tf.sqrt(tf.mul(tf.norm(a, 'euclidean', -1), tf.norm(b, 'euclidean', -1)));
      const rel = tf.divNoNan(e, n); // 0/0 where both outputs vanish (e.g. after a ReLU)
      const { mean, variance } = tf.moments(rel);
      return tf.add(mean, tf.sqrt(variance)).dataSync()[0]!;
    });
    out.push(v);
  }
  fx.dispose();
  return out;
}

/** Runs forward+backward (gradient w.r.t. the input and all trainable variables) and returns tf.memory() counts. */
export function stepCounts(module: EquivariantModule, x: GeometricTensor, steps = 3): number[] {
  const counts: number[] = [];
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      const loss = (t: tf.Tensor) =>
        tf.sum(tf.square(module.forward(new GeometricTensor(t, x.type)).tensor)) as tf.Scalar;
      const dx = tf.grad(loss)(x.tensor);
      if (!Number.isFinite(tf.sum(dx).dataSync()[0]!)) throw new Error('non-finite input gradient');
      const vars = module.trainableVariables;
      if (vars.length > 0) {
        const { grads } = tf.variableGrads(() => loss(x.tensor), vars);
        for (const v of vars) if (!Number.isFinite(tf.sum(grads[v.name]!).dataSync()[0]!)) throw new Error();
      }
    });
    counts.push(tf.memory().numTensors);
  }
  return counts;
}

/** `max |a − b|` of two tensors. */
export function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/** The non-trivial irreps of a gspace's group (all of them for the trivial group). */
export function someIrreps(gs: GSpace): RepresentationLike[] {
  const irr = gs.fibergroup.irreps();
  return irr.length > 1 ? irr.slice(1, 3) : [irr[0]!];
}

/** The planar gspaces and O(2) on a point. */
export const SPACES = [...gspaces2d(), { name: 'O(2) on a point', gs: noBaseSpace(o2Group(3)) as GSpace }];

/** Three training steps of `m` on a random input keep the number of live tensors; disposes `m`. */
export function expectStepsKeepTensorCount(m: EquivariantModule): void {
  const x = randomInput(m.inType, 2, 4);
  const counts = stepCounts(m, x, 3);
  expect(counts[2]).toBe(counts[0]);
  x.dispose();
  m.dispose();
}

/**
 * `m` passes `checkEquivariance` on the exact elements of `gs` (6×6 inputs, tolerance 1e-5), and its fiber errors
 * on a random input stay below 1e-5 for every testing element; disposes `m`.
 */
export function expectEquivariantOn(m: EquivariantModule, gs: GSpace): void {
  m.checkEquivariance({ elements: elementsOf(gs), atol: 1e-5, rtol: 1e-5, spatialSize: 6 });
  const x = randomInput(m.inType);
  expect(Math.max(...relativeFieldErrors(m, x, gs.testingElements, 0))).toBeLessThan(1e-5);
  x.dispose();
  m.dispose();
}
