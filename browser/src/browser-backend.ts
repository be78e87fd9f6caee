/**
 * Starts the fastest TF.js backend this browser offers: WebGL, else WebGPU, else WASM, else the pure-JS CPU
 * backend. The page reports the one it got. `?backend=<name>` in the page's address asks for one.
 */

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';

/** The order in which the page tries backends. */
const BACKEND_ORDER = ['webgl', 'webgpu', 'wasm', 'cpu'] as const;

/** What {@link startBackend} tried and got. */
export interface BackendChoice {
  readonly name: string;
  /** Backends that failed to start before it, with why. */
  readonly failed: readonly string[];
}

/**
 * Tries the backends in {@link BACKEND_ORDER} (or only `requested`, then the rest) and keeps the first that
 * starts and computes a small convolution correctly; `wasmPath` is the folder of the WASM binaries.
 */
export async function startBackend(wasmPath: string, requested?: string | null): Promise<BackendChoice> {
  setWasmPaths(wasmPath);
  const order: string[] = [...BACKEND_ORDER];
  if (requested && order.includes(requested)) order.unshift(...order.splice(order.indexOf(requested), 1));
  const failed: string[] = [];
  for (const name of order) {
    try {
      if (!(await tf.setBackend(name))) {
        failed.push(`${name}: unavailable`);
        continue;
      }
      await tf.ready();
      // a smoke test: some software renderers start a backend that then computes garbage
      const y = tf.tidy(() =>
        tf.conv2d(tf.ones([1, 3, 3, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, 'valid'),
      );
      const [v] = await y.data();
      y.dispose();
      if (v !== 9) {
        failed.push(`${name}: wrong result ${v}`);
        continue;
      }
      return { name, failed };
    } catch (e) {
      failed.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`no TF.js backend started (${failed.join('; ')})`);
}
