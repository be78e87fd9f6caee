/**
 * The weights file of the page: one little-endian float32 buffer holding every model's trainable variables,
 * and a JSON manifest naming them (model, variable name, shape, offset in floats).
 */

import type { PageModel } from './model.js';

/** One variable in the weights buffer. */
export interface WeightEntry {
  readonly model: string;
  readonly name: string;
  readonly shape: readonly number[];
  /** Offset in float32 values. */
  readonly offset: number;
}

/** The manifest of the weights buffer, with what training measured. */
export interface WeightsManifest {
  readonly entries: readonly WeightEntry[];
  /** Free-form facts about the training run (data, epochs, accuracies). */
  readonly training: Readonly<Record<string, unknown>>;
}

/** Packs the trainable variables of `models` (keyed by model id) into a buffer and its manifest. */
export function packWeights(
  models: Readonly<Record<string, PageModel>>,
  training: Readonly<Record<string, unknown>>,
): { manifest: WeightsManifest; buffer: Float32Array } {
  const entries: WeightEntry[] = [];
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (const [id, model] of Object.entries(models)) {
    for (const [name, v] of model.variables) {
      if (!v.trainable) continue;
      entries.push({ model: id, name, shape: [...v.shape], offset });
      chunks.push(v.dataSync() as Float32Array);
      offset += v.size;
    }
  }
  const buffer = new Float32Array(offset);
  let at = 0;
  for (const c of chunks) {
    buffer.set(c, at);
    at += c.length;
  }
  return { manifest: { entries, training }, buffer };
}

/**
 * Assigns the values of model `id` from a weights buffer; every trainable variable of the model must be in
 * the manifest with its shape.
 */
export function loadWeights(
  model: PageModel,
  id: string,
  manifest: WeightsManifest,
  buffer: Float32Array,
): void {
  const entries = new Map(manifest.entries.filter((e) => e.model === id).map((e) => [e.name, e]));
  const values = new Map<string, Float32Array>();
  for (const [name, v] of model.variables) {
    if (!v.trainable) continue;
    const e = entries.get(name);
    if (e === undefined) throw new Error(`loadWeights: ${id}.${name} is missing from the weights file`);
    if (e.shape.length !== v.shape.length || e.shape.some((s, i) => s !== v.shape[i])) {
      throw new Error(
        `loadWeights: ${id}.${name} has shape [${e.shape}] in the file, [${v.shape}] in the model`,
      );
    }
    const slice = buffer.subarray(e.offset, e.offset + v.size);
    if (slice.length !== v.size) throw new Error(`loadWeights: the weights file ends inside ${id}.${name}`);
    values.set(name, slice);
  }
  model.load(values);
}
