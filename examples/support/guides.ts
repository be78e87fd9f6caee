/**
 * How the guides (`docs/guides/*.md`) show what the examples print, so a test can keep them in step.
 *
 * An example prints sections, each starting with a line `== title`. A guide shows section `k` of example
 * `name` in a fenced `text` block preceded by the comment `<!-- output: name k -->` (k counted from 1).
 * `examples.test.ts` runs every example and checks each such block against the section it names;
 * `UPDATE_GUIDES=1 npx vitest run --project examples` rewrites the blocks from a fresh run instead.
 */

/** One output block of a guide. */
export interface OutputBlock {
  readonly example: string;
  readonly section: number;
  /** The block's text (lines joined with `\n`, no trailing newline). */
  readonly text: string;
  /** Character range of the block's body in the guide (for rewriting). */
  readonly start: number;
  readonly end: number;
}

const BLOCK = /<!-- output: ([\w-]+) (\d+) -->\n```text\n([\s\S]*?)\n?```/g;

/** The output blocks of a guide, in order. */
export function outputBlocks(markdown: string): OutputBlock[] {
  const blocks: OutputBlock[] = [];
  for (const m of markdown.matchAll(BLOCK)) {
    const body = m[3] ?? '';
    const start = (m.index ?? 0) + m[0].indexOf('```text\n') + '```text\n'.length;
    blocks.push({
      example: m[1]!,
      section: Number(m[2]),
      text: body.replace(/\n$/, ''),
      start,
      end: start + body.length,
    });
  }
  return blocks;
}

/** An example's printed lines cut into sections at `== ` headings (section 1 is the first heading's). */
export function sections(lines: readonly string[]): string[] {
  const out: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('== ') || out.length === 0) out.push([]);
    out[out.length - 1]!.push(line);
  }
  return out.map((s) => s.join('\n'));
}

/** The guide with every block's text replaced by `text(block)`. */
export function rewriteBlocks(markdown: string, text: (block: OutputBlock) => string): string {
  let result = '';
  let last = 0;
  for (const block of outputBlocks(markdown)) {
    const body = text(block);
    // an empty block's body is followed directly by the closing fence: give the new text its own line
    const newline = block.start === block.end && body !== '' ? '\n' : '';
    result += `${markdown.slice(last, block.start)}${body}${newline}`;
    last = block.end;
  }
  return result + markdown.slice(last);
}
