/**
 * Starting the TensorFlow.js backend a certification runs on, including TF.js's WebGPU backend inside Node
 * through Dawn (the `webgpu` npm package), and naming the adapter it runs on.
 *
 * Backend selection itself is `@steerable/nn-equivariant`'s {@link initBackend}; this file adds what WebGPU
 * needs in Node (a `navigator.gpu` from Dawn, WebGPU's global constructors, `WEBGPU_CPU_FORWARD` off) and
 * the adapter report.
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import { BACKEND_ENV_VAR, type BackendName, initBackend } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';

/**
 * What to run on: a backend name, `'auto'` (nn-equivariant's default: WASM in Node) or `'fastest'` (native
 * TensorFlow, then WebGPU on a hardware adapter, then WASM, then CPU).
 */
export type TestingBackendRequest = BackendName | 'auto' | 'fastest';

/** Options of {@link initTestingBackend}. */
export interface TestingBackendOptions {
  /** The backend; `STEERABLE_BACKEND` overrides it. @defaultValue 'auto' */
  readonly backend?: TestingBackendRequest;
  /** Where `STEERABLE_BACKEND` is read from. @defaultValue `process.env` */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The backend a certification ran on, for reports. */
export interface BackendInfo {
  /** TF.js's backend name (`'wasm'`, `'cpu'`, `'webgpu'`, `'tensorflow'`, ...). */
  readonly name: string;
  /**
   * The device: the WebGPU adapter (vendor, architecture, device, description), `'CPU (WASM SIMD)'`, ...
   */
  readonly adapter: string;
  /** True when the WebGPU adapter is a software rasterizer (lavapipe/llvmpipe, SwiftShader, WARP). */
  readonly softwareAdapter: boolean;
}

interface GpuAdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
}
interface GpuLike {
  requestAdapter(options?: unknown): Promise<{ readonly info?: GpuAdapterInfoLike } | null>;
}

let adapterText: string | undefined;
let adapterIsSoftware = false;

function isNode(): boolean {
  return typeof process !== 'undefined' && process.versions?.node != null;
}

function describeAdapter(info: GpuAdapterInfoLike | undefined): string {
  if (info === undefined) return 'unknown WebGPU adapter';
  const parts = [info.vendor, info.architecture, info.device, info.description].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
  return parts.length > 0 ? [...new Set(parts)].join(' / ') : 'unnamed WebGPU adapter';
}

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|microsoft basic render|warp/i;

/**
 * Makes WebGPU available to TF.js: in Node, installs Dawn's `navigator.gpu` and WebGPU's globals (from the
 * optional `webgpu` package) unless a `navigator.gpu` exists; then asks for an adapter and remembers its
 * name. Returns the adapter's description, or `undefined` when there is no WebGPU (package missing, no
 * Vulkan/Metal/D3D12 driver). On a GPU-less Linux machine Mesa's lavapipe (Mesa ≥ 25, selected with
 * `VK_ICD_FILENAMES`) serves as the adapter.
 */
export async function setupWebGpu(): Promise<string | undefined> {
  const g = globalThis as { navigator?: { gpu?: GpuLike } };
  if (g.navigator?.gpu === undefined && isNode()) {
    try {
      // A variable specifier: `webgpu` is an optional peer, neither bundled nor type-checked.
      const specifier = 'webgpu';
      const dawn = (await import(/* @vite-ignore */ specifier)) as {
        create: (flags: string[]) => GpuLike;
        globals: Record<string, unknown>;
      };
      Object.assign(globalThis, dawn.globals);
      const gpu = dawn.create([]);
      if (g.navigator === undefined) {
        Object.defineProperty(globalThis, 'navigator', {
          value: { gpu },
          configurable: true,
          writable: true,
        });
      } else {
        Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
      }
    } catch {
      return undefined;
    }
  }
  const gpu = g.navigator?.gpu;
  if (gpu === undefined) return undefined;
  const adapter = await gpu.requestAdapter();
  if (adapter === null) return undefined;
  adapterText = describeAdapter(adapter.info);
  adapterIsSoftware = SOFTWARE.test(adapterText);
  return adapterText;
}

/** Starts TF.js's WebGPU backend (after {@link setupWebGpu}) with every op on the GPU. */
async function startWebGpu(env: Record<string, undefined>): Promise<void> {
  await initBackend({ backend: 'webgpu', env });
  // Without this, TF.js's WebGPU backend runs ops on small tensors on the CPU, and we would not test the GPU.
  // (The flag exists once the backend's package is loaded.)
  tf.env().set('WEBGPU_CPU_FORWARD', false);
}

function readRequest(options: TestingBackendOptions): TestingBackendRequest {
  const env = options.env ?? (isNode() ? process.env : {});
  const fromEnv = env[BACKEND_ENV_VAR];
  return fromEnv !== undefined && fromEnv !== ''
    ? (fromEnv as TestingBackendRequest)
    : (options.backend ?? 'auto');
}

/** The current backend and its device, for reports. */
export function backendInfo(): BackendInfo {
  const name = tf.getBackend();
  if (name === 'webgpu') {
    return { name, adapter: adapterText ?? 'unknown WebGPU adapter', softwareAdapter: adapterIsSoftware };
  }
  const adapter: Record<string, string> = {
    wasm: 'CPU (WASM SIMD)',
    cpu: 'CPU (JavaScript)',
    tensorflow: 'native TensorFlow (libtensorflow)',
    webgl: 'WebGL',
  };
  return { name, adapter: adapter[name] ?? name, softwareAdapter: false };
}

/**
 * Starts a backend for certification and reports it. `'webgpu'` sets WebGPU up first (Dawn in Node);
 * `'fastest'` tries native TensorFlow, then WebGPU when the adapter is real hardware (a software adapter is
 * slower than WASM), then WASM and CPU. Other requests go to nn-equivariant's {@link initBackend}.
 * `STEERABLE_BACKEND` overrides `options.backend`.
 *
 * @example
 * ```ts
 * const info = await initTestingBackend({ backend: 'webgpu' });
 * console.log(info.adapter); // 'mesa / llvmpipe-… / llvmpipe: Mesa 25.0.7 …' on lavapipe
 * ```
 * @throws InvalidArgumentError for an unknown backend, or WebGPU without an adapter.
 */
export async function initTestingBackend(options: TestingBackendOptions = {}): Promise<BackendInfo> {
  const fn = 'initTestingBackend';
  const request = readRequest(options);
  const env = { [BACKEND_ENV_VAR]: undefined };
  if (request === 'webgpu') {
    if ((await setupWebGpu()) === undefined) {
      throw new InvalidArgumentError(
        fn,
        'backend',
        request,
        'must have a WebGPU adapter (install the `webgpu` package in Node, and a Vulkan/Metal/D3D12 driver)',
      );
    }
    await startWebGpu(env);
    return backendInfo();
  }
  if (request === 'fastest') {
    try {
      await initBackend({ backend: 'tensorflow', env });
      return backendInfo();
    } catch {
      // native TensorFlow not installed
    }
    const adapter = await setupWebGpu();
    if (adapter !== undefined && !adapterIsSoftware) {
      try {
        await startWebGpu(env);
        return backendInfo();
      } catch {
        // the WebGPU backend is not installed or did not start
      }
    }
    await initBackend({ backend: 'auto', env });
    return backendInfo();
  }
  await initBackend({ backend: request, env });
  return backendInfo();
}
