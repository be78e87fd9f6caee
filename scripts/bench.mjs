// Runs every benchmark of the repository: each `packages/*/bench/*.mjs`, one after the other, in its own
// Node process, passing on this script's arguments (e.g. `--quick`). Each prints its table and writes
// its JSON under out/bench/. `npm run bench` builds the packages first; benchmarks import `dist/`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = join(root, 'packages');
const benchmarks = readdirSync(packages)
  .sort()
  .flatMap((name) => {
    const dir = join(packages, name, 'bench');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith('.mjs'))
      .sort()
      .map((file) => join(dir, file));
  });

const failed = [];
for (const file of benchmarks) {
  const name = relative(root, file);
  process.stdout.write(`\n## ${name}\n`);
  const result = spawnSync(process.execPath, [file, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) failed.push(`${name} (exit ${result.status ?? result.signal})`);
}
process.stdout.write(
  `\n${benchmarks.length} benchmark(s) run${failed.length ? `; failed: ${failed.join(', ')}` : ''}\n`,
  () => process.exit(failed.length ? 1 : 0),
);
