/**
 * Small printing helpers shared by the examples: fixed-precision numbers, matrices and NHWC tensors shown
 * channel by channel (the way escnn/PyTorch print a `[batch][channel][y][x]` tensor), so that printed
 * outputs are stable across runs and comparable with escnn's.
 */

/** Where an example writes its lines (`console.log` when run from the command line). */
export type Print = (line: string) => void;

/** A number with `digits` decimals, without a negative zero (`-0.0000` prints as `0.0000`). */
export function fmt(value: number, digits = 4): string {
  const s = value.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Rows of numbers as an aligned, bracketed block (one row per line). */
export function formatMatrix(rows: readonly (readonly number[])[], digits = 4, indent = ''): string {
  const cells = rows.map((row) => row.map((v) => fmt(v, digits)));
  const width = Math.max(...cells.flat().map((c) => c.length));
  return cells
    .map((row, i) => {
      const body = row.map((c) => c.padStart(width)).join(', ');
      const open = i === 0 ? '[[' : ' [';
      const close = i === cells.length - 1 ? ']]' : '],';
      return `${indent}${open}${body}${close}`;
    })
    .join('\n');
}

/**
 * One image of a channels-last `[batch, h, w, c]` array (as returned by `tensor.arraySync()`), printed one
 * channel at a time: `channel k:` followed by its `h × w` grid. escnn prints `x[b, k]` in the same order.
 */
export function formatChannels(image: readonly (readonly (readonly number[])[])[], digits = 4): string {
  const channels = image[0]?.[0]?.length ?? 0;
  const out: string[] = [];
  for (let k = 0; k < channels; k++) {
    out.push(`channel ${k}:`);
    out.push(
      formatMatrix(
        image.map((row) => row.map((pixel) => pixel[k] ?? Number.NaN)),
        digits,
        '  ',
      ),
    );
  }
  return out.join('\n');
}
