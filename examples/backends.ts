/**
 * Choosing a backend: what `initBackend` / `selectBackend` pick, how `STEERABLE_BACKEND` overrides the
 * code, and the same layer giving the same numbers on WASM and on the pure-JavaScript CPU backend.
 * Printed output is shown in `docs/guides/05-backends.md`. Run with `npm run example -- backends`.
 */
import { FieldType } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import { initBackend, R2Conv, selectBackend } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import type { Print } from './format.js';

/** Runs the example, printing with `print`; returns the largest WASM/CPU difference of one layer. */
export async function main(print: Print = (line) => console.log(line)): Promise<{ difference: number }> {
  print('== 1. What gets picked');
  print(`default ('auto') in Node:        ${await selectBackend({ env: {} })}`);
  print(`named:                           ${await selectBackend({ backend: 'cpu', env: {} })}`);
  const env = { STEERABLE_BACKEND: 'cpu' };
  print(`STEERABLE_BACKEND=cpu overrides: ${await selectBackend({ backend: 'wasm', env })}`);
  try {
    await selectBackend({ backend: 'gpu' as never, env: {} });
  } catch (e) {
    print(`an unknown name throws ${(e as Error).name}`);
  }

  print('== 2. The same layer on two backends');
  const gs = rot2dOnR2(8);
  const inType = new FieldType(gs, [gs.trivialRepr]);
  const outType = new FieldType(gs, Array(4).fill(gs.regularRepr));
  const results: Float32Array[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    const started = await initBackend({ backend, env: {} });
    const conv = new R2Conv(inType, outType, 5, { seed: 1 });
    const x = inType.wrap(tf.randomNormal([2, 17, 17, 1], 0, 1, 'float32', 3));
    const y = conv.forward(x);
    results.push(y.tensor.dataSync() as Float32Array);
    print(`${started.padEnd(5)} output ${JSON.stringify(y.shape)}`);
    tf.dispose([x.tensor, y.tensor]);
    conv.dispose();
  }
  const [a, b] = results as [Float32Array, Float32Array];
  const difference = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
  print(`largest difference < 1e-5: ${difference < 1e-5}`);
  await initBackend({ env: {} });
  return { difference };
}
