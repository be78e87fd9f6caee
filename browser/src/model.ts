/**
 * The page's two models are the demo's: `@steerable/demo/models` builds them (the same builders
 * `npm run demo` trains with) and loads the weights the demo saved, shipped in `public/models/<id>/`
 * (`weights.json`, the manifest with the run's provenance, and `weights.bin`). This file reads those files
 * and runs a model on one image for the page.
 */

import { type ClassifierModel, loadModel, parseGroup, type SavedModelManifest } from '@steerable/demo/models';
import * as tf from '@tensorflow/tfjs';

/** Side of the input images (MNIST's 28×28 with a zero row and column, so that there is a centre pixel). */
export const SIZE = 29;

/** The two models the page shows: the demo's steerable CNN and its conventional CNN. */
export const MODEL_IDS = ['equivariant', 'baseline'] as const;
/** One of {@link MODEL_IDS}. */
export type ModelId = (typeof MODEL_IDS)[number];

/** The folder of a shipped model, relative to the page. */
function modelFolder(id: ModelId): string {
  return `models/${id}/`;
}

/** A saved model's manifest and weights, as read from its folder. */
export interface ShippedModel {
  readonly manifest: SavedModelManifest;
  readonly bytes: Uint8Array;
}

/**
 * Reads a shipped model with `read` (e.g. the page's `fetch`): its manifest, then the weights file the
 * manifest names.
 */
export async function readShippedModel(
  id: ModelId,
  read: (path: string) => Promise<{ text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }>,
): Promise<ShippedModel> {
  const folder = modelFolder(id);
  const manifest = JSON.parse(await (await read(`${folder}weights.json`)).text()) as SavedModelManifest;
  const bytes = new Uint8Array(await (await read(`${folder}${manifest.weights.file}`)).arrayBuffer());
  return { manifest, bytes };
}

/** Builds the demo's model for a shipped manifest and loads its weights (see `loadModel`). */
export function buildShippedModel(shipped: ShippedModel): ClassifierModel {
  return loadModel(shipped.manifest, shipped.bytes);
}

/**
 * The order N of the cyclic group of a steerable CNN's manifest (its first block has regular C_N fields,
 * which the page draws).
 * @throws Error for another architecture (a dihedral group or SO(2): the page only draws regular C_N fields).
 */
export function cyclicOrder(manifest: SavedModelManifest): number {
  const a = manifest.architecture;
  const group = a.kind === 'equivariant' ? parseGroup(a.group) : null;
  if (group?.kind !== 'cyclic') {
    throw new Error(`page: the steerable CNN must have regular C_N fields, got ${JSON.stringify(a)}`);
  }
  return group.n;
}

/** What the page shows of a model for one input: its class probabilities and the first block's output. */
export interface Inspection {
  /** Softmax probabilities of the ten digits. */
  readonly probabilities: Float32Array;
  /** The first block's feature maps, `[side, side, channels]` row-major, channels last. */
  readonly features: Float32Array;
  /** Side of the feature maps. */
  readonly side: number;
  /** Channels of the feature maps. */
  readonly channels: number;
}

/**
 * Runs a model in evaluation mode on one 29×29 image (values in [0, 1], row-major) and reads what the page
 * shows.
 */
export async function inspect(model: ClassifierModel, image: Float32Array): Promise<Inspection> {
  const { probs, features } = tf.tidy(() => {
    const x = tf.tensor4d(image, [1, SIZE, SIZE, 1]);
    const out = model.applyWithFeatures(x, false);
    return { probs: tf.softmax(out.logits), features: out.features };
  });
  const [p, f] = await Promise.all([probs.data(), features.data()]);
  const [, side = 0, , channels = 0] = features.shape;
  tf.dispose([probs, features]);
  return { probabilities: p as Float32Array, features: f as Float32Array, side, channels };
}
