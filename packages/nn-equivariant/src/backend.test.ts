import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKEND_ENV_VAR,
  initBackend,
  selectBackend,
  unregisterWasmGradients,
  wasmGradientsRegistered,
} from './backend.js';

/** Whether native TensorFlow is installed here (never in CI; a user may have it). */
async function hasNativeTensorflow(): Promise<boolean> {
  for (const specifier of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await import(/* @vite-ignore */ specifier);
      return true;
    } catch {}
  }
  return false;
}

function argumentOfRejection(error: unknown): string {
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return (error as InvalidArgumentError).argument;
}

afterAll(async () => {
  await tf.setBackend('wasm');
});

describe('initBackend / selectBackend', () => {
  it("defaults to 'wasm' in Node and makes it current", async () => {
    expect(await initBackend({ env: {} })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0])).toBe(3);
  });

  it('registers the wasm convolution gradients only when asked', async () => {
    await initBackend({ env: {} });
    expect(wasmGradientsRegistered()).toBe(false);
    await initBackend({ backend: 'wasm', wasmGradients: true, env: {} });
    expect(wasmGradientsRegistered()).toBe(true);
    unregisterWasmGradients();
    expect(wasmGradientsRegistered()).toBe(false);
  });

  it('starts a backend named in the options', async () => {
    expect(await initBackend({ backend: 'cpu', env: {} })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it(`lets ${BACKEND_ENV_VAR} override the options`, async () => {
    await tf.setBackend('wasm');
    expect(await initBackend({ backend: 'wasm', env: { [BACKEND_ENV_VAR]: 'cpu' } })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    // An empty variable does not override.
    expect(await selectBackend({ backend: 'wasm', env: { [BACKEND_ENV_VAR]: '' } })).toBe('wasm');
  });

  it('selectBackend decides without switching', async () => {
    await tf.setBackend('cpu');
    expect(await selectBackend({ env: {} })).toBe('wasm');
    expect(tf.getBackend()).toBe('cpu');
  });

  it("'fastest' prefers native TensorFlow when installed, WASM otherwise", async () => {
    const expected = (await hasNativeTensorflow()) ? 'tensorflow' : 'wasm';
    expect(await selectBackend({ backend: 'fastest', env: {} })).toBe(expected);
  });

  it("rejects 'tensorflow' with a typed error when tfjs-node is not installed", async () => {
    if (await hasNativeTensorflow()) {
      expect(await selectBackend({ backend: 'tensorflow', env: {} })).toBe('tensorflow');
      return;
    }
    const error = await selectBackend({ backend: 'tensorflow', env: {} }).catch((e: unknown) => e);
    expect(argumentOfRejection(error)).toBe('backend');
    expect((error as Error).message).toMatch(/^selectBackend: .*@tensorflow\/tfjs-node/);
  });

  it('rejects unknown names with typed errors naming the function and where the name came from', async () => {
    const fromOptions = await initBackend({ backend: 'gpu' as 'cpu', env: {} }).catch((e: unknown) => e);
    expect(argumentOfRejection(fromOptions)).toBe('backend');
    expect((fromOptions as Error).message).toMatch(/^initBackend: argument "backend" .*got "gpu"/);
    const fromEnv = await selectBackend({ env: { [BACKEND_ENV_VAR]: 'tpu' } }).catch((e: unknown) => e);
    expect(argumentOfRejection(fromEnv)).toBe(BACKEND_ENV_VAR);
  });
});
