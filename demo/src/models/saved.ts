/**
 * Saved models: every variable of a trained {@link ClassifierModel} — trainable parameters and buffers
 * (batch-norm running statistics, the input mask, the pooling filters) — by its stable name in one binary
 * file, with a JSON manifest saying what to build (the architecture), the names, shapes, dtypes and byte
 * offsets, and where the weights came from (the demo's options, test accuracy, date, commit, command).
 *
 * This file runs anywhere TF.js does (Node and the browser page): it packs to and loads from bytes; writing
 * and reading files is `../save-models.ts` (Node).
 */

import { SteerableError } from '@steerable/group-theory';
import * as tf from '@tensorflow/tfjs';
import { buildBaselineModel } from './baseline.js';
import { buildEquivariantModel, parseGroup } from './equivariant.js';
import { type ClassifierModel, type ModelArchitecture, parameterCount } from './model.js';

/** The `format` field of a saved model's manifest. */
export const SAVED_MODEL_FORMAT = 'steerable-demo-model';
/** The manifest version this code writes and reads. */
export const SAVED_MODEL_VERSION = 1;

/** One variable in the weights file. */
export interface SavedVariable {
  /** Stable dotted name (see {@link ClassifierModel.namedVariables}). */
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly kind: 'parameter' | 'buffer';
  /** Where its values start in the weights file, in bytes (4 bytes per value, little-endian). */
  readonly byteOffset: number;
}

/** Where a saved model came from: the demo run that trained it. */
export interface ModelProvenance {
  /** What produced it, e.g. `'steerable demo (demo/, npm run demo)'`. */
  readonly source: string;
  /** The command line of the run, e.g. `npm run demo -- --epochs 3`. */
  readonly command: string;
  /** When the weights were saved (ISO 8601). */
  readonly date: string;
  /** The commit the demo ran at, when it ran in a git checkout. */
  readonly gitCommit?: string;
  /** Whether the checkout had uncommitted changes. */
  readonly gitDirty?: boolean;
  /** The demo's options that shaped the model and its training. */
  readonly options: {
    readonly group: string;
    readonly width: number;
    readonly epochs: number;
    readonly seed: number;
    readonly trainSize: number;
    readonly testSize: number;
    readonly batchSize: number;
    readonly learningRate: number;
    readonly backend: string;
  };
  /** Accuracy on the demo's rotated test set, and its size. */
  readonly testAccuracy: number;
  readonly testDigits: number;
}

/** The JSON manifest next to a weights file. */
export interface SavedModelManifest {
  readonly format: typeof SAVED_MODEL_FORMAT;
  readonly version: typeof SAVED_MODEL_VERSION;
  /** The model's name, e.g. `C8 steerable CNN`. */
  readonly name: string;
  readonly description: string;
  /** What {@link buildModel} builds to load the weights into. */
  readonly architecture: ModelArchitecture;
  /** Trainable scalars. */
  readonly parameterCount: number;
  /** The weights file (relative to the manifest) and its length. */
  readonly weights: { readonly file: string; readonly byteLength: number };
  readonly variables: readonly SavedVariable[];
  readonly provenance?: ModelProvenance;
  /** Set when the files were copied somewhere else (e.g. into the browser page): from where, when. */
  readonly shipped?: { readonly from: string; readonly date: string; readonly by: string };
}

/** A saved model that cannot be read: not a manifest of this format, or a weights file of the wrong size. */
export class SavedModelError extends SteerableError {}

/** A saved model whose variables do not match the model's: a name missing or unknown, or a shape or dtype. */
export class WeightsMismatchError extends SavedModelError {
  /** The variable's name. */
  readonly variable: string;
  /** What the model has (shape and dtype, or `absent`). */
  readonly expected: string;
  /** What the weights file has (shape and dtype, or `absent`). */
  readonly found: string;
  constructor(functionName: string, variable: string, expected: string, found: string) {
    super(
      functionName,
      `variable "${variable}" is ${found} in the saved model but ${expected} in the model (not the architecture it was saved from?)`,
    );
    this.variable = variable;
    this.expected = expected;
    this.found = found;
  }
}

const describe = (shape: readonly number[], dtype: string) => `${dtype} [${shape.join(', ')}]`;

/**
 * Packs every variable of `model` into a little-endian byte buffer and its manifest. Reads the values
 * synchronously; creates no tensors.
 */
export function packModel(
  model: ClassifierModel,
  provenance?: ModelProvenance,
  weightsFile = 'weights.bin',
): { manifest: SavedModelManifest; bytes: Uint8Array } {
  const named = model.namedVariables();
  const variables: SavedVariable[] = [];
  let byteOffset = 0;
  for (const { name, variable, kind } of named) {
    if (variable.dtype !== 'float32' && variable.dtype !== 'int32') {
      throw new SavedModelError('packModel', `variable "${name}" has dtype ${variable.dtype}`);
    }
    variables.push({ name, shape: [...variable.shape], dtype: variable.dtype, kind, byteOffset });
    byteOffset += 4 * variable.size;
  }
  const bytes = new Uint8Array(byteOffset);
  const view = new DataView(bytes.buffer);
  named.forEach(({ variable }, i) => {
    const values = variable.dataSync();
    const at = variables[i]!.byteOffset;
    if (variable.dtype === 'int32')
      for (let k = 0; k < values.length; k++) view.setInt32(at + 4 * k, values[k]!, true);
    else for (let k = 0; k < values.length; k++) view.setFloat32(at + 4 * k, values[k]!, true);
  });
  const manifest: SavedModelManifest = {
    format: SAVED_MODEL_FORMAT,
    version: SAVED_MODEL_VERSION,
    name: model.name,
    description: model.description,
    architecture: model.architecture,
    parameterCount: parameterCount(model),
    weights: { file: weightsFile, byteLength: bytes.byteLength },
    variables,
    ...(provenance === undefined ? {} : { provenance }),
  };
  return { manifest, bytes };
}

function checkManifest(fn: string, manifest: SavedModelManifest): void {
  const m = manifest as Partial<SavedModelManifest> | null;
  if (m === null || typeof m !== 'object' || m.format !== SAVED_MODEL_FORMAT) {
    throw new SavedModelError(fn, `not a saved demo model (format ${JSON.stringify(m?.format)})`);
  }
  if (m.version !== SAVED_MODEL_VERSION) {
    throw new SavedModelError(fn, `manifest version ${m.version}, this code reads ${SAVED_MODEL_VERSION}`);
  }
  if (!Array.isArray(m.variables)) throw new SavedModelError(fn, 'the manifest has no variables');
}

/**
 * Assigns the saved values to `model`'s variables. Every variable of the model must be in the manifest
 * with its shape and dtype, and the manifest must name no other; the bytes must be the whole weights file.
 * The model's cached filters are dropped (see {@link ClassifierModel.loadVariables}).
 * @throws WeightsMismatchError naming the first variable that does not match; SavedModelError for a
 *   manifest of another format or a weights file of the wrong length.
 */
export function loadModelWeights(
  model: ClassifierModel,
  manifest: SavedModelManifest,
  bytes: Uint8Array | ArrayBuffer,
): void {
  const fn = 'loadModelWeights';
  checkManifest(fn, manifest);
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (data.byteLength !== manifest.weights.byteLength) {
    throw new SavedModelError(
      fn,
      `the weights file has ${data.byteLength} bytes, the manifest says ${manifest.weights.byteLength}`,
    );
  }
  const saved = new Map(manifest.variables.map((v) => [v.name, v]));
  const named = model.namedVariables();
  const known = new Set(named.map((v) => v.name));
  for (const v of manifest.variables) {
    if (!known.has(v.name)) throw new WeightsMismatchError(fn, v.name, 'absent', describe(v.shape, v.dtype));
  }
  for (const { name, variable } of named) {
    const s = saved.get(name);
    const expected = describe(variable.shape, variable.dtype);
    if (s === undefined) throw new WeightsMismatchError(fn, name, expected, 'absent');
    if (s.dtype !== variable.dtype || s.shape.join() !== variable.shape.join()) {
      throw new WeightsMismatchError(fn, name, expected, describe(s.shape, s.dtype));
    }
    if (
      !(
        Number.isInteger(s.byteOffset) &&
        s.byteOffset >= 0 &&
        s.byteOffset + 4 * variable.size <= data.byteLength
      )
    ) {
      throw new SavedModelError(
        fn,
        `variable "${name}" lies outside the weights file (byte ${s.byteOffset})`,
      );
    }
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const values = new Map<string, tf.Tensor>();
  try {
    for (const { name, variable } of named) {
      const at = saved.get(name)!.byteOffset;
      if (variable.dtype === 'int32') {
        const a = new Int32Array(variable.size);
        for (let k = 0; k < a.length; k++) a[k] = view.getInt32(at + 4 * k, true);
        values.set(name, tf.tensor(a, variable.shape, 'int32'));
      } else {
        const a = new Float32Array(variable.size);
        for (let k = 0; k < a.length; k++) a[k] = view.getFloat32(at + 4 * k, true);
        values.set(name, tf.tensor(a, variable.shape, 'float32'));
      }
    }
    model.loadVariables(values);
  } finally {
    tf.dispose([...values.values()]);
  }
}

/**
 * Builds the demo's model for `architecture` with the demo's own builders ({@link buildEquivariantModel},
 * {@link buildBaselineModel}); `seed` only sets the initial weights.
 * @throws Error for an architecture the builders reject (an unknown group, bad field counts).
 */
export function buildModel(architecture: ModelArchitecture, seed = 1): ClassifierModel {
  if (architecture?.kind === 'equivariant') {
    return buildEquivariantModel({
      group: parseGroup(architecture.group),
      fields: architecture.fields,
      seed,
    });
  }
  if (architecture?.kind === 'baseline') return buildBaselineModel({ channels: architecture.channels, seed });
  throw new SavedModelError('buildModel', `unknown architecture ${JSON.stringify(architecture)}`);
}

/**
 * The saved model: {@link buildModel} of its manifest's architecture, with the saved weights loaded. The
 * caller owns it (`dispose()`).
 * @throws as {@link loadModelWeights} (nothing is left allocated).
 */
export function loadModel(manifest: SavedModelManifest, bytes: Uint8Array | ArrayBuffer): ClassifierModel {
  checkManifest('loadModel', manifest);
  const model = buildModel(manifest.architecture);
  try {
    loadModelWeights(model, manifest, bytes);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
