import { InvalidArgumentError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { backendInfo, initTestingBackend } from './backend.js';

describe('initTestingBackend', () => {
  afterAll(async () => {
    await initTestingBackend();
  });
  it('starts the requested backend and names its device', async () => {
    const info = await initTestingBackend({ backend: 'cpu', env: {} });
    expect(info).toEqual({ name: 'cpu', adapter: 'CPU (JavaScript)', softwareAdapter: false });
    expect(tf.getBackend()).toBe('cpu');
    expect(backendInfo().name).toBe('cpu');
  });
  it('lets STEERABLE_BACKEND override the option', async () => {
    const info = await initTestingBackend({ backend: 'cpu', env: { STEERABLE_BACKEND: 'wasm' } });
    expect(info.name).toBe('wasm');
    expect(info.adapter).toBe('CPU (WASM SIMD)');
  });
  it("falls back from 'fastest' to an installed backend", async () => {
    const info = await initTestingBackend({ backend: 'fastest', env: {} });
    expect(['tensorflow', 'webgpu', 'wasm']).toContain(info.name);
    // a software WebGPU adapter (lavapipe) is slower than WASM: 'fastest' must not pick it
    if (info.name === 'webgpu') expect(info.softwareAdapter).toBe(false);
  });
  it('rejects unknown backends', async () => {
    await expect(initTestingBackend({ backend: 'nope' as never, env: {} })).rejects.toThrow(
      InvalidArgumentError,
    );
  });
});
