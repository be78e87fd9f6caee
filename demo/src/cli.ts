/**
 * The demo's command line: `npm run demo -- [options]` (or `node demo/dist/main.js [options]`).
 */

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BackendRequest } from '@steerable/nn-equivariant';
import { type GroupChoice, parseGroup } from './models/equivariant.js';

/** The demo's settings after defaults. */
export interface DemoOptions {
  readonly group: GroupChoice;
  readonly groupText: string;
  readonly epochs: number;
  /** Width factor of the steerable CNN: escnn's tutorial field counts `[24, 48, 48, 96, 96, 64]` times this. */
  readonly width: number;
  /** Explicit baseline channels (six numbers); default: matched to the steerable CNN's parameter count. */
  readonly baselineChannels?: readonly number[];
  readonly models: 'both' | 'equivariant' | 'baseline';
  readonly backend: BackendRequest;
  readonly trainSize: number;
  readonly testSize: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Digits whose rotated copies measure the invariance error. */
  readonly invarianceDigits: number;
  readonly outDir: string;
  /**
   * Where the trained models are saved, one folder per model (`equivariant/`, `baseline/`, each with
   * `weights.json` and `weights.bin`); `null` with `--no-save-models`.
   */
  readonly modelsDir: string | null;
  /** The command-line arguments the options came from (recorded with the saved models). */
  readonly argv: readonly string[];
  /** Live progress bar (true), plain lines (false), or the terminal decides (undefined). */
  readonly tty?: boolean;
  readonly full: boolean;
}

/** Defaults of a quick run (under 10 minutes on 2 cores) and of `--full` (MNIST-rot's protocol; hours). */
export const QUICK = { epochs: 2, width: 1 / 12, testSize: 10000 } as const;
export const FULL = { epochs: 30, width: 1, testSize: 50000 } as const;

export const USAGE = `Usage: npm run demo -- [options]

Trains a steerable (group-equivariant) CNN and a conventional CNN with about as many parameters on
rotated MNIST and writes out/demo.json, out/report.html and the trained models (out/models/).

Options:
  --group G          symmetry: C<N>, D<N>, SO2 (Fourier nonlinearity) or SO2-norm   [C8]
  --epochs N         training epochs                                   [${QUICK.epochs}; --full: ${FULL.epochs}]
  --width W          steerable CNN width: escnn tutorial fields × W     [${QUICK.width.toFixed(3)}; --full: ${FULL.width}]
  --baseline-channels a,b,c,d,e,f   conventional CNN channels         [matched parameter count]
  --models M         both | equivariant | baseline                     [both]
  --backend B        auto | wasm | cpu | tensorflow | fastest          [auto = wasm in Node]
  --train-size N     rotated training digits (≤ 60000)                 [12000]
  --test-size N      rotated test digits                               [${QUICK.testSize}; --full: ${FULL.testSize}]
  --batch-size N     mini-batch size                                   [64]
  --lr X             Adam learning rate                                [0.002]
  --seed N           seed of data, initialization and shuffles         [42]
  --invariance-digits N   test digits used for the invariance error    [500]
  --out DIR          output folder                                     [out]
  --models-out DIR   where the trained models are saved (weights.json + weights.bin
                     per model)                                        [<out>/models]
  --no-save-models   do not save the trained models
  --plain / --tty    force plain progress lines / a live progress bar  [the terminal decides]
  --full             MNIST-rot's full protocol: tutorial width, ${FULL.epochs} epochs, ${FULL.testSize} test digits
  -h, --help         this text
`;

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer, got '${text}'`);
  return v;
}

function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number, got '${text}'`);
  return v;
}

const BACKENDS = ['auto', 'fastest', 'wasm', 'cpu', 'tensorflow', 'webgl', 'webgpu'];

/** Parses the command line; `null` when help was asked for. Throws on a bad option. */
export function parseCli(argv: readonly string[]): DemoOptions | null {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      group: { type: 'string' },
      epochs: { type: 'string' },
      width: { type: 'string' },
      'baseline-channels': { type: 'string' },
      models: { type: 'string' },
      backend: { type: 'string' },
      'train-size': { type: 'string' },
      'test-size': { type: 'string' },
      'batch-size': { type: 'string' },
      lr: { type: 'string' },
      seed: { type: 'string' },
      'invariance-digits': { type: 'string' },
      out: { type: 'string' },
      'models-out': { type: 'string' },
      'no-save-models': { type: 'boolean' },
      plain: { type: 'boolean' },
      tty: { type: 'boolean' },
      full: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  const full = values.full === true;
  const defaults = full ? FULL : QUICK;
  const groupText = values.group ?? 'C8';
  const models = values.models ?? 'both';
  if (models !== 'both' && models !== 'equivariant' && models !== 'baseline') {
    throw new Error(`--models must be both, equivariant or baseline, got '${models}'`);
  }
  const backend = values.backend ?? 'auto';
  if (!BACKENDS.includes(backend))
    throw new Error(`--backend must be one of ${BACKENDS.join(', ')}, got '${backend}'`);
  let baselineChannels: number[] | undefined;
  if (values['baseline-channels'] !== undefined) {
    baselineChannels = values['baseline-channels']
      .split(',')
      .map((c) => positiveInt('baseline-channels', c.trim(), 1));
    if (baselineChannels.length !== 6)
      throw new Error(`--baseline-channels needs six numbers, got '${values['baseline-channels']}'`);
  }
  const trainSize = positiveInt('train-size', values['train-size'], 12000);
  if (trainSize > 60000) throw new Error(`--train-size must be at most 60000, got ${trainSize}`);
  if (values.plain && values.tty) throw new Error('--plain and --tty exclude each other');
  if (values['no-save-models'] && values['models-out'] !== undefined)
    throw new Error('--models-out and --no-save-models exclude each other');
  const outDir = values.out ?? 'out';
  return {
    group: parseGroup(groupText),
    groupText,
    epochs: positiveInt('epochs', values.epochs, defaults.epochs),
    width: positiveNumber('width', values.width, defaults.width),
    ...(baselineChannels === undefined ? {} : { baselineChannels }),
    models,
    backend: backend as BackendRequest,
    trainSize,
    testSize: positiveInt('test-size', values['test-size'], defaults.testSize),
    batchSize: positiveInt('batch-size', values['batch-size'], 64),
    learningRate: positiveNumber('lr', values.lr, 2e-3),
    seed: positiveInt('seed', values.seed, 42),
    invarianceDigits: positiveInt('invariance-digits', values['invariance-digits'], 500),
    outDir,
    modelsDir: values['no-save-models'] ? null : (values['models-out'] ?? join(outDir, 'models')),
    argv: [...argv],
    ...(values.plain ? { tty: false } : values.tty ? { tty: true } : {}),
    full,
  };
}
