#!/usr/bin/env node
/**
 * `npm run demo`: trains a steerable CNN and a conventional CNN on rotated MNIST side by side and writes
 * out/demo.json and out/report.html. See demo/README.md and `--help`.
 */

import { parseCli, USAGE } from './cli.js';
import { runDemo } from './run.js';

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCli>;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === null) {
    process.stdout.write(USAGE);
    return;
  }
  try {
    await runDemo(options);
  } catch (error) {
    // A typed steerable error (e.g. a backend that is not installed) names the option that caused it.
    process.stderr.write(`steerable demo failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

await main();
