/**
 * Training progress on a terminal: one live line per model (a bar over the epoch's batches, loss,
 * accuracy, samples per second) rewritten in place on a TTY, and plain log lines — a few per epoch — when
 * the output is a file or a pipe (CI logs stay readable).
 */

/** Where progress is written: a stream with an optional `isTTY` and `columns`, as `process.stdout`. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** One update: where training is and its running statistics over the current epoch. */
export interface ProgressUpdate {
  /** 1-based epoch. */
  readonly epoch: number;
  /** Batches done in this epoch. */
  readonly batch: number;
  /** Mean loss over the epoch's batches so far. */
  readonly loss: number;
  /** Training accuracy over the epoch's batches so far, in [0, 1]. */
  readonly accuracy: number;
  /** Training throughput over the epoch so far. */
  readonly samplesPerSecond: number;
}

/** Options of {@link Progress}. */
export interface ProgressOptions {
  /** Name shown in front, e.g. the model's. */
  readonly label: string;
  readonly epochs: number;
  readonly batchesPerEpoch: number;
  /** @defaultValue process.stdout */
  readonly stream?: ProgressStream;
  /** Force the TTY (live bar) or plain-line mode. @defaultValue `stream.isTTY` */
  readonly tty?: boolean;
  /** Plain mode: lines per epoch besides its last. @defaultValue 4 */
  readonly linesPerEpoch?: number;
  /** TTY mode: least milliseconds between redraws. @defaultValue 100 */
  readonly minIntervalMs?: number;
  /** Clock in milliseconds (for tests). @defaultValue performance.now */
  readonly now?: () => number;
}

function formatRate(rate: number): string {
  return rate >= 100 ? rate.toFixed(0) : rate.toFixed(1);
}

/** A progress display for one training run. */
export class Progress {
  private readonly stream: ProgressStream;
  private readonly tty: boolean;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private lastPlainStep = -1;
  private live = false;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stdout;
    this.tty = options.tty ?? this.stream.isTTY === true;
  }

  /** The statistics part of a line, e.g. `epoch 2/3  batch 40/188  loss 0.4123  acc 87.1%  512 samples/s`. */
  describe(u: ProgressUpdate): string {
    const { epochs, batchesPerEpoch } = this.options;
    const pad = String(batchesPerEpoch).length;
    return (
      `epoch ${u.epoch}/${epochs}  batch ${String(u.batch).padStart(pad)}/${batchesPerEpoch}  ` +
      `loss ${u.loss.toFixed(4)}  acc ${(100 * u.accuracy).toFixed(1).padStart(5)}%  ` +
      `${formatRate(u.samplesPerSecond)} samples/s`
    );
  }

  /** Reports progress; cheap to call after every batch (TTY redraws are throttled). */
  update(u: ProgressUpdate): void {
    const last = u.batch === this.options.batchesPerEpoch;
    if (this.tty) {
      const now = (this.options.now ?? (() => performance.now()))();
      if (!last && now - this.lastDraw < (this.options.minIntervalMs ?? 100)) return;
      this.lastDraw = now;
      const stats = this.describe(u);
      const width = Math.max(
        10,
        Math.min(30, (this.stream.columns ?? 100) - stats.length - this.options.label.length - 8),
      );
      const filled = Math.round((width * u.batch) / this.options.batchesPerEpoch);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
      this.stream.write(`\r\x1b[2K${this.options.label} ${bar} ${stats}`);
      this.live = true;
      if (last) this.endLine();
      return;
    }
    const lines = this.options.linesPerEpoch ?? 4;
    const step = Math.floor((u.batch * (lines + 1)) / this.options.batchesPerEpoch);
    const key = u.epoch * (lines + 2) + step;
    if (last || (step > 0 && key !== this.lastPlainStep)) {
      this.lastPlainStep = key;
      this.stream.write(`${this.options.label}: ${this.describe(u)}\n`);
    }
  }

  /** Writes a line of its own (e.g. an epoch's test accuracy), ending a live bar first. */
  log(text: string): void {
    if (this.live) this.endLine();
    this.stream.write(`${text}\n`);
  }

  private endLine(): void {
    this.stream.write('\n');
    this.live = false;
  }
}
