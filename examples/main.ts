/**
 * Runs one example by name: `npm run example -- tutorial` (the root script builds the packages and these
 * examples, then runs `node examples/dist/main.js tutorial`). Without a name it lists the examples.
 *
 * An example is a file of this folder exporting `main(print?)`; see README.md.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NOT_EXAMPLES = new Set(['main', 'format']);

function available(): string[] {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return readdirSync(here)
    .filter((f) => f.endsWith('.js') && !f.includes('.test.'))
    .map((f) => f.slice(0, -'.js'.length))
    .filter((name) => !NOT_EXAMPLES.has(name))
    .sort();
}

const name = process.argv[2];
const names = available();
if (name === undefined || !names.includes(name)) {
  if (name !== undefined) console.error(`unknown example '${name}'`);
  console.log(`usage: npm run example -- <name>\nexamples: ${names.join(', ')}`);
  process.exitCode = name === undefined ? 0 : 1;
} else {
  const mod = (await import(`./${name}.js`)) as { main?: (print?: (line: string) => void) => unknown };
  if (typeof mod.main === 'function') await mod.main();
}
