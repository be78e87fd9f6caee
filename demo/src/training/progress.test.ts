import { describe, expect, it } from 'vitest';
import { Progress, type ProgressUpdate } from './progress.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 120, write: (t: string) => chunks.push(t) } };
}

const update = (epoch: number, batch: number): ProgressUpdate => ({
  epoch,
  batch,
  loss: 1 / batch,
  accuracy: batch / 100,
  samplesPerSecond: 321.4,
});

describe('Progress', () => {
  it('prints a few plain lines per epoch when not on a terminal', () => {
    const { chunks, stream } = sink(false);
    const p = new Progress({ label: 'cnn', epochs: 2, batchesPerEpoch: 100, stream, linesPerEpoch: 4 });
    for (let e = 1; e <= 2; e++) for (let b = 1; b <= 100; b++) p.update(update(e, b));
    expect(chunks.length).toBe(10);
    expect(chunks.every((c) => c.endsWith('\n') && !c.includes('\r'))).toBe(true);
    expect(chunks.at(-1)).toBe('cnn: epoch 2/2  batch 100/100  loss 0.0100  acc 100.0%  321 samples/s\n');
  });

  it('redraws one line in place on a terminal, throttled, ending it after the epoch', () => {
    const { chunks, stream } = sink(true);
    let clock = 0;
    const p = new Progress({
      label: 'cnn',
      epochs: 1,
      batchesPerEpoch: 50,
      stream,
      minIntervalMs: 100,
      now: () => clock,
    });
    for (let b = 1; b <= 50; b++) {
      clock += 30; // a redraw every fourth batch at most
      p.update(update(1, b));
    }
    const draws = chunks.filter((c) => c.startsWith('\r'));
    expect(draws.length).toBeGreaterThanOrEqual(12);
    expect(draws.length).toBeLessThanOrEqual(14);
    expect(draws.at(-1)).toContain('[##############################]');
    expect(draws.at(-1)).toContain('batch 50/50');
    expect(chunks.at(-1)).toBe('\n');
    p.log('done');
    expect(chunks.at(-1)).toBe('done\n');
  });
});
