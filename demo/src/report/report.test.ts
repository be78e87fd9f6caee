import { describe, expect, it } from 'vitest';
import { movingAverage, renderReport } from './html.js';
import type { DemoResults, ModelResult } from './results.js';
import { escapeXml, lineChart, niceTicks } from './svg.js';

function modelResult(name: string, acc: number): ModelResult {
  return {
    name,
    description: `a <model> & more`,
    parameterCount: 12345,
    training: {
      epochs: [
        { epoch: 1, loss: 1, accuracy: 0.5, seconds: 10, samplesPerSecond: 100, testAccuracy: 0.6 },
        { epoch: 2, loss: 0.5, accuracy: 0.8, seconds: 10, samplesPerSecond: 110, testAccuracy: acc },
      ],
      batchLoss: [2, 1.5, 1, 0.8],
      batchAccuracy: [0.1, 0.4, 0.6, 0.7],
      batchesPerEpoch: 2,
      seconds: 20,
      cpuSeconds: 18,
    },
    testAccuracy: acc,
    accuracyByAngle: [0, 1, 2, 3].map((b) => ({
      angle: 45 + 90 * b,
      from: 90 * b,
      to: 90 * b + 90,
      count: 5,
      accuracy: acc,
    })),
    invariance: [0, 45, 90].map((angle) => ({
      angle,
      exact: angle % 90 === 0,
      meanTotalVariation: angle === 45 ? 0.1 : 0,
      maxTotalVariation: 0.2,
      changedPredictions: 0,
    })),
    invarianceDigits: 10,
    evaluationSeconds: 1,
    evaluationCpuSeconds: 1,
  };
}

const results: DemoResults = {
  createdAt: '2026-01-01T00:00:00.000Z',
  config: {},
  environment: { backend: 'wasm', node: 'v20', platform: 'linux x64', cpus: 2 },
  data: {
    source: 'MNIST',
    trainCount: 100,
    testCount: 50,
    imageSize: 29,
    interpolation: 'bicubic',
    seed: 1,
    seconds: 1,
  },
  models: [modelResult('C8 steerable CNN', 0.95), modelResult('conventional CNN', 0.9)],
  skipped: [{ name: 'SO(2)', reason: 'not <yet>' }],
  totalSeconds: 42,
  totalCpuSeconds: 40,
};

describe('SVG charts', () => {
  it('draws one polyline per series with points inside the plot, and escapes text', () => {
    const svg = lineChart({
      title: 'a < b',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        {
          name: 'one',
          color: 'red',
          points: [
            [0, 0],
            [1, 1],
            [2, Number.NaN],
          ],
        },
        {
          name: 'two',
          color: 'blue',
          points: [
            [0, 1],
            [2, 0],
          ],
        },
      ],
    });
    expect(svg.match(/<polyline/g)?.length).toBe(2);
    expect(svg).toContain('a &#60; b');
    const coords = [...svg.matchAll(/points="([^"]+)"/g)].flatMap((m) =>
      m[1]!.split(' ').map((p) => p.split(',').map(Number)),
    );
    for (const [x, y] of coords) {
      expect(x).toBeGreaterThanOrEqual(62);
      expect(x).toBeLessThanOrEqual(560 - 16);
      expect(y).toBeGreaterThanOrEqual(34);
      expect(y).toBeLessThanOrEqual(320 - 66);
    }
    expect(coords).toHaveLength(4); // NaN points are left out
  });

  it('draws a log axis with power-of-ten ticks, zeros at the floor', () => {
    const svg = lineChart({
      title: 'log',
      xLabel: 'x',
      yLabel: 'y',
      yLog: true,
      yFloor: 1e-8,
      series: [
        {
          name: 'one',
          color: 'red',
          points: [
            [0, 0],
            [1, 1e-4],
            [2, 1],
          ],
        },
      ],
    });
    expect(svg).toContain('>1e-8<');
    expect(svg).toContain('>1e0<');
    const ys = [...svg.matchAll(/<circle cx="[^"]+" cy="([^"]+)"/g)].map((m) => Number(m[1]));
    // 1e-4 lies halfway between 1e-8 and 1 on a log axis.
    expect(ys[1]! - ys[2]!).toBeCloseTo(ys[0]! - ys[1]!, 5);
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.93, 0.99, 5)).toEqual([0.94, 0.96, 0.98]);
    expect(escapeXml(`"'&`)).toBe('&#34;&#39;&#38;');
  });
});

describe('renderReport', () => {
  it('is a self-contained page with a table row and a curve per model in each of the four plots', () => {
    const html = renderReport(results);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)?.length).toBe(4);
    expect(html.match(/<polyline/g)?.length).toBe(4 * 2 + 2); // the accuracy plot has train and test curves
    expect(html).toContain('<b>95.00%</b>');
    expect(html).toContain('<b>90.00%</b>');
    expect(html).toContain('not &#60;yet&#62;');
    expect(html).toContain('a &#60;model&#62; &#38; more');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('shows sample digits when given, one dark square per inked pixel', () => {
    const image = new Float32Array(9);
    image[4] = 1;
    image[0] = 0.5;
    const html = renderReport(results, { size: 3, images: [image], captions: ['7, 30°'] });
    expect(html.match(/<svg /g)?.length).toBe(5);
    expect(html).toContain('fill-opacity="1.00"');
    expect(html).toContain('fill-opacity="0.50"');
    expect(html).toContain('7, 30°');
  });

  it('smooths the loss curve with a trailing moving average', () => {
    expect(movingAverage([1, 2, 3, 4], 2)).toEqual([1, 1.5, 2.5, 3.5]);
  });
});
