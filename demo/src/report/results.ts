/** The figures of one demo run, as written to `out/demo.json` and drawn in `out/report.html`. */

import type { AngleBin, InvarianceAtAngle } from '../training/evaluate.js';
import type { TrainHistory } from '../training/train.js';

/** Everything measured for one model. */
export interface ModelResult {
  readonly name: string;
  readonly description: string;
  readonly parameterCount: number;
  readonly training: TrainHistory;
  /** Accuracy on the whole rotated test set. */
  readonly testAccuracy: number;
  readonly accuracyByAngle: readonly AngleBin[];
  readonly invariance: readonly InvarianceAtAngle[];
  /** Digits used for the invariance measurement. */
  readonly invarianceDigits: number;
  readonly evaluationSeconds: number;
  /** CPU seconds of the evaluation (see {@link TrainHistory.cpuSeconds}). */
  readonly evaluationCpuSeconds: number;
}

/** One demo run. */
export interface DemoResults {
  readonly createdAt: string;
  /** The options the run used (after defaults). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly environment: {
    readonly backend: string;
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
  };
  readonly data: {
    readonly source: string;
    readonly trainCount: number;
    readonly testCount: number;
    readonly imageSize: number;
    readonly interpolation: string;
    readonly seed: number;
    readonly seconds: number;
  };
  readonly models: readonly ModelResult[];
  /** Where the trained models were saved (weights.json + weights.bin in each folder); empty when not. */
  readonly savedModels?: readonly { readonly name: string; readonly dir: string }[];
  /** Models that were asked for but could not be built, and why. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  readonly totalSeconds: number;
  /** CPU seconds of the whole run (user + system). */
  readonly totalCpuSeconds: number;
}
