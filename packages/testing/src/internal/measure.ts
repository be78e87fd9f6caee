/**
 * One certification case: the errors `f(g·x)` against `g·f(x)` (or `f(x)`) of a module for a list of
 * elements on one input, computed on the active backend with asynchronous reads only (TF.js's WebGPU
 * backend cannot read synchronously in Node): field-types' `transformAsync` moves the fields.
 */
import { GeometricTensor } from '@steerable/field-types';
import type { GroupElement } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import type { CertifiableModule } from '../certify.js';
import { comparisonDisc, type InputSpec, inputShape, smoothInput, whiteInput } from './inputs.js';

/** A `[1, h, w, 1]` 0/1 mask of the comparison disc, or null for the whole tensor. */
function discMask(shape: readonly number[], inSide: number): tf.Tensor | null {
  if (shape.length !== 4) return null;
  const [, h, w] = shape as [number, number, number];
  const radius = comparisonDisc(Math.min(h, w), inSide);
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  const m = new Float32Array(h * w);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) m[y * w + x] = Math.hypot(y - cy, x - cx) <= radius ? 1 : 0;
  return tf.tensor(m, [1, h, w, 1], 'float32');
}

/**
 * Relative error of `a` against the reference `b` on the masked points: `max |a − b| / max |b|` when `norm`
 * is 'max', `‖a − b‖₂ / ‖b‖₂` when 'l2'.
 */
async function relativeError(
  a: tf.Tensor,
  b: tf.Tensor,
  mask: tf.Tensor | null,
  norm: 'max' | 'l2',
): Promise<number> {
  const stats = tf.tidy(() => {
    let diff = tf.sub(a, b);
    let ref = b;
    if (mask !== null) {
      diff = tf.mul(diff, mask);
      ref = tf.mul(ref, mask);
    }
    return norm === 'max'
      ? tf.stack([tf.max(tf.abs(diff)), tf.max(tf.abs(ref))])
      : tf.stack([tf.sqrt(tf.sum(tf.square(diff))), tf.sqrt(tf.sum(tf.square(ref)))]);
  });
  try {
    const [err, scale] = (await stats.data()) as Float32Array;
    if (!Number.isFinite(err!) || !Number.isFinite(scale!)) return Number.POSITIVE_INFINITY;
    return scale! > 0 ? err! / scale! : err!;
  } finally {
    stats.dispose();
  }
}

/** Spatial mean (over the mask when given) of a channels-last tensor; the tensor itself on R⁰. */
function pooled(t: tf.Tensor, mask: tf.Tensor | null): tf.Tensor {
  return tf.tidy(() => {
    if (t.rank !== 4) return tf.clone(t);
    if (mask === null) return tf.mean(t, [1, 2]);
    return tf.div(tf.sum(tf.mul(t, mask), [1, 2]), tf.maximum(tf.sum(mask), 1));
  });
}

/** An element to certify and whether it permutes the grid exactly. */
export interface Case {
  readonly element: GroupElement;
  readonly exact: boolean;
}

/** Its error on one input. */
export interface Measured extends Case {
  readonly error: number;
  readonly values: 'white' | 'smooth';
}

interface Stateful {
  stateDict(): Map<string, tf.Tensor>;
  loadStateDict(state: ReadonlyMap<string, tf.Tensor>): void;
}

/**
 * `module.forward`, always from the state the module had when certification began: a module that updates
 * buffers in its forward pass (a batch norm's running statistics in training mode) would otherwise compare
 * `f(g·x)` computed from another state than `f(x)`. Modules with `stateDict`/`loadStateDict` (every
 * `EquivariantModule`) are restored before each call; `release` frees the snapshot and restores it.
 */
function statelessForward(module: CertifiableModule): {
  forward: (x: GeometricTensor) => GeometricTensor;
  release: () => void;
} {
  const m = module as Partial<Stateful>;
  if (typeof m.stateDict !== 'function' || typeof m.loadStateDict !== 'function') {
    return { forward: (x) => module.forward(x), release: () => {} };
  }
  const snapshot = m.stateDict();
  const restore = () => (m as Stateful).loadStateDict(snapshot);
  return {
    forward: (x) => {
      restore();
      return module.forward(x);
    },
    release: () => {
      restore();
      tf.dispose([...snapshot.values()]);
    },
  };
}

/** The errors of every element on one input. */
export async function measure(
  module: CertifiableModule,
  cases: readonly Case[],
  spec: InputSpec,
  property: 'equivariance' | 'invariance',
  sigma: number,
): Promise<Measured[]> {
  const inType = module.inType;
  const outType = module.outType;
  const mapIn = (module as { inputElement?: (g: GroupElement) => GroupElement }).inputElement;
  const inputElement = (g: GroupElement) => (typeof mapIn === 'function' ? mapIn.call(module, g) : g);
  const out: Measured[] = [];
  const { forward, release } = statelessForward(module);
  try {
    for (const values of ['white', 'smooth'] as const) {
      const group = cases.filter((c) => c.exact === (values === 'white'));
      if (group.length === 0) continue;
      const data = values === 'white' ? whiteInput(inType, spec) : smoothInput(inType, spec, sigma);
      const x = new GeometricTensor(tf.tensor(data, inputShape(inType, spec, values), 'float32'), inType);
      const disposables: tf.Tensor[] = [x.tensor];
      try {
        const fx = forward(x);
        disposables.push(fx.tensor);
        const mask = values === 'smooth' ? discMask(fx.tensor.shape, x.tensor.shape[1] ?? 1) : null;
        if (mask !== null) disposables.push(mask);
        const pooledFx = property === 'invariance' ? pooled(fx.tensor, mask) : null;
        if (pooledFx !== null) disposables.push(pooledFx);
        for (const c of group) {
          const local: tf.Tensor[] = [];
          try {
            const gx = await inType.transformAsync(x.tensor, inputElement(c.element));
            local.push(gx);
            const fgx = forward(new GeometricTensor(gx, inType)).tensor;
            local.push(fgx);
            let error: number;
            if (pooledFx !== null) {
              const p = pooled(fgx, mask);
              local.push(p);
              error = await relativeError(p, pooledFx, null, c.exact ? 'max' : 'l2');
            } else {
              const gfx = await outType.transformAsync(fx.tensor, c.element);
              local.push(gfx);
              error = await relativeError(fgx, gfx, mask, c.exact ? 'max' : 'l2');
            }
            out.push({ ...c, error, values });
          } finally {
            tf.dispose(local);
          }
        }
      } finally {
        tf.dispose(disposables);
      }
    }
  } finally {
    release();
  }
  return out;
}
