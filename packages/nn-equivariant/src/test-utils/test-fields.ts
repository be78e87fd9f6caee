/**
 * Test helpers of the nonlinearity, pooling, invariant and dropout modules: the 2D gspaces, which testing
 * elements act exactly on the pixel grid, fiber-only equivariance, leak checks and both backends.
 */
import '@tensorflow/tfjs-backend-wasm';
import { FieldType, GeometricTensor } from '@steerable/field-types';
import type { GroupElement, RepresentationLike } from '@steerable/group-theory';
import {
  flip2dOnR2,
  flipRot2dOnR2,
  type GSpace,
  type GSpace2D,
  rot2dOnR2,
  trivialOnR2,
} from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import type { EquivariantModule } from '../equivariant-module.js';

/** The backends every module must run forward and backward on. */
export const BACKENDS = ['wasm', 'cpu'] as const;

/** Switches TF.js to `name` and waits until it is ready. */
export async function useBackend(name: string): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

/** The 2D gspaces of the tests, by name. */
export function gspaces2d(): { readonly name: string; readonly gs: GSpace2D }[] {
  return [
    { name: 'C4', gs: rot2dOnR2(4) },
    { name: 'C8', gs: rot2dOnR2(8) },
    { name: 'D4', gs: flipRot2dOnR2(4) },
    { name: 'SO(2)', gs: rot2dOnR2(-1, { maximumFrequency: 3 }) },
    { name: 'O(2)', gs: flipRot2dOnR2(-1, { maximumFrequency: 3 }) },
    { name: 'flip', gs: flip2dOnR2() },
    { name: 'trivial', gs: trivialOnR2() },
  ];
}

/**
 * True when `g` maps the pixel grid onto itself: its base-space action is a signed permutation matrix
 * (multiples of 90°, flips along the axes). Other elements need interpolation.
 */
export function isGridExact(gs: GSpace2D, g: GroupElement): boolean {
  const a = gs.basespaceAction(g);
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++) {
      const v = a.get(i, j);
      if (Math.abs(v) > 1e-9 && Math.abs(Math.abs(v) - 1) > 1e-9) return false;
    }
  return true;
}

/**
 * The testing elements of a gspace that move the pixel grid onto itself (multiples of 90°, axis flips: an integer
 * base-space action); all of them on a point.
 */
export function exactElements(gs: GSpace): GroupElement[] {
  return gs.testingElements.filter((g) =>
    gs
      .basespaceAction(g)
      .to1DArray()
      .every((v) => Math.abs(v - Math.round(v)) < 1e-9),
  );
}

/** A field type of `n` copies of `repr`. */
export function fieldsOf(gs: GSpace2D, repr: RepresentationLike, n: number): FieldType {
  return new FieldType(gs, Array<RepresentationLike>(n).fill(repr));
}

/** A seeded standard normal geometric tensor of `type` on a `[batch, side, side]` grid. */
export function randomField(type: FieldType, batch = 2, side = 6, seed = 1): GeometricTensor {
  return new GeometricTensor(tf.randomNormal([batch, side, side, type.size], 0, 1, 'float32', seed), type);
}

/**
 * `max |f(ρ(g) x) − ρ'(g) f(x)|` over every element: the equivariance of a module acting pixel by pixel,
 * for which the fiber action alone is the whole test (exact for every element, 45° included, since no
 * pixel is resampled). Also returns `max |f(x)|` to scale tolerances.
 */
export function fiberEquivarianceError(
  module: EquivariantModule,
  x: GeometricTensor,
  elements: readonly GroupElement[],
): { error: number; scale: number } {
  let error = 0;
  let scale = 0;
  tf.tidy(() => {
    const fx = module.forward(x);
    for (const g of elements) {
      const a = module.forward(x.transformFibers(g)).tensor;
      const b = fx.transformFibers(g).tensor;
      error = Math.max(error, tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
    }
    scale = tf.max(tf.abs(fx.tensor)).dataSync()[0]!;
  });
  return { error, scale };
}

/** The number of live tensors after running `f` (disposing what it returns) `times` times. */
export function tensorsAfter(times: number, f: () => tf.TensorContainer): number[] {
  const counts: number[] = [];
  for (let i = 0; i < times; i++) {
    tf.dispose(f());
    counts.push(tf.memory().numTensors);
  }
  return counts;
}

/**
 * The gradient of `sum(module(x) ⊙ w)` with respect to the input and to every trainable variable of the
 * module, for a fixed random `w`: whether backward runs, and its values.
 */
export function inputAndParameterGradients(
  module: EquivariantModule,
  x: GeometricTensor,
): { dx: Float32Array; dvars: Float32Array[] } {
  let dx: Float32Array = new Float32Array();
  let dvars: Float32Array[] = [];
  tf.tidy(() => {
    const vars = module.trainableVariables;
    const shape = module.evaluateOutputShape(x.shape);
    const w = tf.randomNormal(shape, 0, 1, 'float32', 7);
    const loss = (t: tf.Tensor) =>
      tf.sum(tf.mul(module.forward(new GeometricTensor(t, x.type)).tensor, w)) as tf.Scalar;
    dx = tf.grad(loss)(x.tensor).dataSync() as Float32Array;
    if (vars.length > 0) {
      const { grads } = tf.variableGrads(() => loss(x.tensor), vars);
      dvars = vars.map((v) => grads[v.name]!.dataSync() as Float32Array);
    }
  });
  return { dx, dvars };
}

/**
 * The largest gap, over `count` entries of `x`, between the input gradient of `sum(module(x) ⊙ w)` and its
 * central difference with step `h` in float32, relative to the largest gradient entry. With `h = 1e-2` the
 * truncation error `O(h²)` and the rounding error `O(ε/h) ≈ 1e-5` keep a correct gradient below ~1e-3.
 */
export function gradientCheck(module: EquivariantModule, x: GeometricTensor, count = 12, h = 1e-2): number {
  const { dx } = inputAndParameterGradients(module, x);
  const base = x.tensor.dataSync();
  const w = tf.tidy(() =>
    tf.randomNormal(module.evaluateOutputShape(x.shape), 0, 1, 'float32', 7).dataSync(),
  );
  const loss = (values: Float32Array): number =>
    tf.tidy(() => {
      const y = module.forward(new GeometricTensor(tf.tensor(values, x.shape), x.type)).tensor.dataSync();
      let s = 0;
      for (let i = 0; i < y.length; i++) s += y[i]! * w[i]!;
      return s;
    });
  const scale = Math.max(...Array.from(dx, Math.abs));
  let gap = 0;
  for (let k = 0; k < count; k++) {
    const i = Math.floor(((k + 0.5) / count) * base.length);
    const plus = Float32Array.from(base);
    const minus = Float32Array.from(base);
    plus[i] = plus[i]! + h;
    minus[i] = minus[i]! - h;
    const fd = (loss(plus) - loss(minus)) / (2 * h);
    gap = Math.max(gap, Math.abs(fd - dx[i]!) / scale);
  }
  return gap;
}

/** The elements to test a module on: exact grid elements on R², the testing elements on a point. */
export function elementsOf(gs: GSpace) {
  return gs.dimensionality === 0 ? gs.testingElements : exactElements(gs);
}
