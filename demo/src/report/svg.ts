/**
 * Minimal self-contained SVG line charts for the HTML report: axes with ticks, one polyline (with dots)
 * per series, a legend. No scripts, no external resources.
 */

/** One line of a chart. */
export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** CSS colour. */
  readonly color: string;
  /** Draw a dot at every point. @defaultValue true when there are at most 60 points */
  readonly dots?: boolean;
}

/** A chart's description. */
export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Axis ranges; default: the data's range (y padded by 5%). */
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  /** Explicit tick positions along x. */
  readonly xTicks?: readonly number[];
  /** Logarithmic y axis (values at or below 0 are drawn at the axis' floor, `yFloor`). @defaultValue false */
  readonly yLog?: boolean;
  /** Smallest value a log axis shows. @defaultValue 1e-8 */
  readonly yFloor?: number;
  /** Format of y tick labels. @defaultValue three significant digits (log axis: powers of ten) */
  readonly yFormat?: (v: number) => string;
  readonly width?: number;
  readonly height?: number;
}

/** Escapes text for XML/HTML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** About `count` round tick values covering `[lo, hi]` (steps 1, 2 or 5 × 10^k). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function finite(points: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  return points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
}

/** Renders a line chart as an `<svg>` element string. */
export function lineChart(chart: LineChart): string {
  const width = chart.width ?? 560;
  const legendColumns = Math.max(1, Math.floor((width - 72) / 240));
  const legendRows = Math.ceil(chart.series.length / legendColumns);
  const height = (chart.height ?? 320) + 18 * (legendRows - 1);
  const m = { left: 62, right: 16, top: 34, bottom: 48 + 18 * legendRows };
  const floor = chart.yFloor ?? 1e-8;
  // On a log axis the chart works with log10 of the values, clamped to the floor.
  const ty = (y: number) => (chart.yLog ? Math.log10(Math.max(y, floor)) : y);
  const all = chart.series.flatMap((s) => finite(s.points)).map(([x, y]) => [x, ty(y)] as const);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [x0, x1] = chart.xRange ?? [Math.min(...xs, 0), Math.max(...xs, 1)];
  let [y0, y1]: [number, number] = chart.yRange
    ? [ty(chart.yRange[0]), ty(chart.yRange[1])]
    : [Math.min(...ys), Math.max(...ys)];
  if (chart.yRange === undefined) {
    if (!(y1 > y0)) [y0, y1] = [y0 - 1, y1 + 1];
    const pad = 0.05 * (y1 - y0);
    [y0, y1] = [y0 - pad, y1 + pad];
  }
  const px = (x: number) => m.left + ((x - x0) / (x1 - x0 || 1)) * (width - m.left - m.right);
  const py = (y: number) => height - m.bottom - ((y - y0) / (y1 - y0 || 1)) * (height - m.top - m.bottom);
  const fmtY =
    chart.yFormat ?? (chart.yLog ? (v: number) => `1e${v}` : (v: number) => String(Number(v.toPrecision(3))));
  const yTicks = chart.yLog
    ? niceTicks(
        Math.ceil(y0),
        Math.floor(y1),
        Math.min(8, Math.max(1, Math.floor(y1) - Math.ceil(y0))),
      ).filter(Number.isInteger)
    : niceTicks(y0, y1);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(chart.title)}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(chart.title)}</text>`,
  );
  for (const t of yTicks) {
    const y = py(t).toFixed(1);
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y}" y2="${y}" stroke="#e4e4e4"/>`);
    parts.push(
      `<text x="${m.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(fmtY(t))}</text>`,
    );
  }
  for (const t of chart.xTicks ?? niceTicks(x0, x1, 8)) {
    const x = px(t).toFixed(1);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${height - m.bottom}" y2="${height - m.bottom + 4}" stroke="#333"/>`,
    );
    parts.push(
      `<text x="${x}" y="${height - m.bottom + 16}" text-anchor="middle">${escapeXml(String(t))}</text>`,
    );
  }
  parts.push(
    `<rect x="${m.left}" y="${m.top}" width="${width - m.left - m.right}" height="${height - m.top - m.bottom}" fill="none" stroke="#333"/>`,
  );
  parts.push(
    `<text x="${(m.left + width - m.right) / 2}" y="${height - m.bottom + 34}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, i) => {
    const points = finite(s.points).map(([x, y]) => [x, ty(y)] as const);
    if (points.length > 0) {
      const path = points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="1.8"/>`);
      if (s.dots ?? points.length <= 60) {
        for (const [x, y] of points)
          parts.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
      }
    }
    const lx = m.left + 10 + (i % legendColumns) * 240;
    const ly = height - 14 - 18 * (legendRows - 1 - Math.floor(i / legendColumns));
    parts.push(
      `<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="3"/>`,
    );
    parts.push(`<text x="${lx + 24}" y="${ly}" dominant-baseline="middle">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Grey-scale images to show in a row, e.g. sample digits. */
export interface ImageRow {
  /** Side of each square image. */
  readonly size: number;
  /** Each image row-major, values in [0, 1] (0 = white). */
  readonly images: readonly ArrayLike<number>[];
  /** A caption under each image. */
  readonly captions: readonly string[];
  /** Pixels per image pixel. @defaultValue 3 */
  readonly scale?: number;
}

/** Renders images side by side as an `<svg>` (one dark rectangle per non-zero pixel, opacity = value). */
export function imageRow(row: ImageRow): string {
  const scale = row.scale ?? 3;
  const side = row.size * scale;
  const gap = 10;
  const width = row.images.length * (side + gap);
  const height = side + 18;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
  ];
  row.images.forEach((image, n) => {
    const x0 = n * (side + gap);
    parts.push(`<rect x="${x0}" y="0" width="${side}" height="${side}" fill="#fff" stroke="#bbb"/>`);
    for (let p = 0; p < row.size * row.size; p++) {
      const v = image[p] as number;
      if (v > 0.02) {
        const x = x0 + (p % row.size) * scale;
        const y = Math.floor(p / row.size) * scale;
        parts.push(
          `<rect x="${x}" y="${y}" width="${scale}" height="${scale}" fill-opacity="${v.toFixed(2)}"/>`,
        );
      }
    }
    parts.push(
      `<text x="${x0 + side / 2}" y="${side + 13}" text-anchor="middle">${escapeXml(row.captions[n] ?? '')}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
