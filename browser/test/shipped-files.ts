/** Test helper: the models shipped in public/models/, read from disk the way the page fetches them. */

import { readFile } from 'node:fs/promises';
import { type ModelId, readShippedModel, type ShippedModel } from '../src/model.js';

/** The folder the page serves. */
export const PUBLIC = new URL('../public/', import.meta.url);

/** Reads a shipped model's manifest and weights from browser/public/. */
export function readShippedFromDisk(id: ModelId): Promise<ShippedModel> {
  return readShippedModel(id, async (path) => {
    const b = await readFile(new URL(path, PUBLIC));
    return {
      text: async () => b.toString('utf8'),
      arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
    };
  });
}
