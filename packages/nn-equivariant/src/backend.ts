/**
 * Choosing and starting the TensorFlow.js backend that steerable's layers run on.
 *
 * In Node the default is TF.js's WASM backend (SIMD, 20–100× faster than the pure-JS `'cpu'` backend on
 * convolutions); native TensorFlow (`@tensorflow/tfjs-node` or `-node-gpu`) is used when asked for the
 * fastest backend and the user has installed it. steerable's convolutions compute their gradients with
 * forward convolutions, so training works on WASM, whose own `tf.conv2d` gradient throws.
 */

import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { registerWasmGradients } from './ops/conv-wasm-kernels.js';

export {
  registerWasmGradients,
  unregisterWasmGradients,
  wasmGradientsRegistered,
} from './ops/conv-wasm-kernels.js';

/** A TensorFlow.js backend steerable knows how to load. */
export type BackendName = 'wasm' | 'cpu' | 'tensorflow' | 'webgl' | 'webgpu';

/**
 * What to run on: a backend by name, `'auto'` (WASM in Node, WebGL in a browser, falling back to the
 * next available of WASM and CPU) or `'fastest'` (as `'auto'`, but native TensorFlow first in Node when
 * `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node` is installed).
 */
export type BackendRequest = BackendName | 'auto' | 'fastest';

/** Options of {@link selectBackend} and {@link initBackend}. */
export interface BackendOptions {
  /** The backend to use; the environment variable `STEERABLE_BACKEND` overrides it. @defaultValue 'auto' */
  readonly backend?: BackendRequest;
  /** Where `STEERABLE_BACKEND` is read from. @defaultValue `process.env` (none in a browser) */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * {@link initBackend} only: when the WASM backend starts, also call {@link registerWasmGradients} so
   * that plain `tf.conv2d` (e.g. in `tf.layers`) trains on it. steerable's own layers do not need it.
   * @defaultValue false
   */
  readonly wasmGradients?: boolean;
}

/** The environment variable that overrides the requested backend, e.g. `STEERABLE_BACKEND=cpu`. */
export const BACKEND_ENV_VAR = 'STEERABLE_BACKEND';

const BACKENDS: readonly BackendName[] = ['wasm', 'cpu', 'tensorflow', 'webgl', 'webgpu'];
const REQUESTS: readonly string[] = [...BACKENDS, 'auto', 'fastest'];

/** The optional packages that register each backend (`'cpu'` and `'webgl'` come with `@tensorflow/tfjs`). */
const PACKAGES: Readonly<Record<BackendName, readonly string[]>> = {
  wasm: ['@tensorflow/tfjs-backend-wasm'],
  cpu: [],
  tensorflow: ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'],
  webgl: [],
  webgpu: ['@tensorflow/tfjs-backend-webgpu'],
};

function isNode(): boolean {
  return typeof process !== 'undefined' && process.versions?.node != null;
}

/** Imports the first installed package registering `name`; false when none is installed. */
async function loadBackend(name: BackendName): Promise<boolean> {
  if (tf.findBackendFactory(name) != null) return true;
  for (const specifier of PACKAGES[name]) {
    try {
      // A variable specifier: bundlers and TypeScript must not resolve these optional peers.
      await import(/* @vite-ignore */ specifier);
      if (tf.findBackendFactory(name) != null) return true;
    } catch {
      // Not installed (or its native part failed to load): try the next package.
    }
  }
  return false;
}

function candidates(request: 'auto' | 'fastest'): BackendName[] {
  if (isNode()) return request === 'fastest' ? ['tensorflow', 'wasm', 'cpu'] : ['wasm', 'cpu'];
  return ['webgl', 'wasm', 'cpu'];
}

function readRequest(fn: string, options: BackendOptions): BackendRequest {
  const env = options.env ?? (isNode() ? process.env : {});
  const fromEnv = env[BACKEND_ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!REQUESTS.includes(fromEnv)) {
      throw new InvalidArgumentError(fn, BACKEND_ENV_VAR, fromEnv, `must be one of ${REQUESTS.join(', ')}`);
    }
    return fromEnv as BackendRequest;
  }
  const request = options.backend ?? 'auto';
  if (!REQUESTS.includes(request)) {
    throw new InvalidArgumentError(fn, 'backend', request, `must be one of ${REQUESTS.join(', ')}`);
  }
  return request;
}

/**
 * Decides which backend {@link initBackend} would start, loading (registering) its package if needed,
 * without switching to it. `STEERABLE_BACKEND` overrides `options.backend`.
 *
 * @throws InvalidArgumentError for an unknown name, or a named backend whose package is not installed.
 */
export async function selectBackend(options: BackendOptions = {}): Promise<BackendName> {
  const [first] = (await loadedCandidates('selectBackend', options)).names;
  return first ?? 'cpu';
}

/** The backends to try in order: the named one, or the installed candidates of 'auto' / 'fastest'. */
async function loadedCandidates(
  fn: string,
  options: BackendOptions,
): Promise<{ request: BackendRequest; names: BackendName[] }> {
  const request = readRequest(fn, options);
  if (request === 'auto' || request === 'fastest') {
    const names: BackendName[] = [];
    for (const name of candidates(request)) if (await loadBackend(name)) names.push(name);
    return { request, names };
  }
  if (!(await loadBackend(request))) {
    const packages = PACKAGES[request].join(' or ');
    throw new InvalidArgumentError(
      fn,
      'backend',
      request,
      `must name an installed backend (install ${packages})`,
    );
  }
  return { request, names: [request] };
}

/**
 * Selects a backend as {@link selectBackend} does, makes it TF.js's current backend and waits until it
 * is ready; returns its name. With `'auto'` or `'fastest'`, a backend that fails to start (WebGL without
 * a GPU context) is skipped for the next candidate. Call it once before building layers.
 *
 * @example
 * ```ts
 * const name = await initBackend(); // 'wasm' in Node
 * await initBackend({ backend: 'fastest' }); // 'tensorflow' where tfjs-node is installed
 * ```
 * @throws InvalidArgumentError for an unknown or uninstalled backend, or a named one that fails to start.
 */
export async function initBackend(options: BackendOptions = {}): Promise<BackendName> {
  const fn = 'initBackend';
  const { request, names } = await loadedCandidates(fn, options);
  for (const name of names) {
    if (await tf.setBackend(name)) {
      await tf.ready();
      if (name === 'wasm' && options.wasmGradients === true) registerWasmGradients();
      return name;
    }
  }
  throw new InvalidArgumentError(
    fn,
    'backend',
    request,
    `must name a backend that starts on this platform (tried ${names.join(', ') || 'none'})`,
  );
}
