/**
 * The demo's models, for other code (the browser page imports this as `@steerable/demo/models`): the
 * builders the demo trains with, their shared shape, and saved models (pack, load, build from a manifest).
 * Nothing here needs Node; writing files is `../save-models.ts`.
 */

export {
  CLASSES,
  HEAD_HIDDEN,
  KERNELS,
  PADDINGS,
  POOL_AFTER,
  scaledFields,
  TUTORIAL_FIELDS,
} from './architecture.js';
export {
  type BaselineOptions,
  baselineParameterCount,
  buildBaselineModel,
  matchBaselineChannels,
} from './baseline.js';
export {
  buildEquivariantModel,
  type EquivariantOptions,
  type GroupChoice,
  groupId,
  groupName,
  parseGroup,
} from './equivariant.js';
export {
  type ClassifierModel,
  type ModelArchitecture,
  type ModelOutputs,
  type NamedVariable,
  parameterCount,
} from './model.js';
export {
  buildModel,
  loadModel,
  loadModelWeights,
  type ModelProvenance,
  packModel,
  SAVED_MODEL_FORMAT,
  SAVED_MODEL_VERSION,
  SavedModelError,
  type SavedModelManifest,
  type SavedVariable,
  WeightsMismatchError,
} from './saved.js';
