/**
 * The built page in headless Chromium (Debian's `chromium`, driven by playwright-core; no browser download):
 * it loads the demo's two models, reports its backend, predicts, and turning the digit with the slider
 * changes the steerable CNN's prediction less than the conventional CNN's. Skipped, with a message, only when Chromium is not installed
 * and STEERABLE_REQUIRE_CHROMIUM is unset (CI sets it and installs Chromium).
 */

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from '../scripts/build.mjs';
import { serve } from '../scripts/serve.mjs';
import { totalVariation } from '../src/fields.js';
import { readShippedFromDisk } from './shipped-files.js';

const CHROMIUM = process.env.STEERABLE_CHROMIUM ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) {
  if (process.env.STEERABLE_REQUIRE_CHROMIUM) {
    throw new Error(`browser test: STEERABLE_REQUIRE_CHROMIUM is set but ${CHROMIUM} does not exist`);
  }
  console.warn(
    `browser test SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set STEERABLE_CHROMIUM)`,
  );
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Shown {
  readonly equivariant: number[];
  readonly baseline: number[];
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('#status[data-state=ready], #status[data-state=error]', { timeout: 90_000 });
  const state = await page.getAttribute('#status', 'data-state');
  if (state !== 'ready') throw new Error(`the page failed: ${await page.textContent('#status')}`);
}

/** Moves the slider to `angle` as a user would (an input event) and reads both predictions once drawn. */
async function turn(page: Page, angle: number): Promise<Shown> {
  await page.$eval(
    '#angle',
    (el, a) => {
      (el as HTMLInputElement).value = String(a);
      el.dispatchEvent(new Event('input'));
    },
    angle,
  );
  await page.waitForFunction(
    (a) =>
      [...document.querySelectorAll<HTMLElement>('.prediction')].every((p) => p.dataset.angle === String(a)),
    angle,
  );
  const read = async (id: string) =>
    JSON.parse((await page.getAttribute(`#${id} .prediction`, 'data-probabilities')) ?? 'null') as number[];
  return { equivariant: await read('equivariant'), baseline: await read('baseline') };
}

describe.skipIf(!present)('the page in headless Chromium', () => {
  let dir = '';
  let profile = '';
  let server: { url: string; close: () => Promise<void> } | undefined;
  let context: BrowserContext | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steerable-page-'));
    profile = mkdtempSync(join(tmpdir(), 'steerable-chromium-'));
    await buildPage(dir);
    server = await serve(dir);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it('loads on a GPU backend or a fallback, says which, and predicts', async () => {
    const page = await context!.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server!.url);
    await ready(page);
    const backend = await page.textContent('#backend');
    console.log(
      `page backend: ${backend} (failed before it: ${await page.getAttribute('#backend', 'title')})`,
    );
    expect(['webgl', 'webgpu', 'wasm', 'cpu']).toContain(backend);
    // the models are the demo's shipped ones: their names, sizes and demo test accuracies are shown
    const facts = (await page.textContent('#facts')) ?? '';
    for (const id of ['equivariant', 'baseline'] as const) {
      const { manifest } = await readShippedFromDisk(id);
      expect(facts).toContain(
        `${manifest.name}: ${manifest.parameterCount.toLocaleString('en-US')} parameters, ${(100 * manifest.provenance!.testAccuracy).toFixed(1)}%`,
      );
    }
    expect(await page.textContent('#equivariant h2')).toBe('C8 steerable CNN');
    expect(await page.getAttribute('#facts', 'title')).toMatch(/trained by `npm run demo/);
    const shown = await turn(page, 0);
    for (const p of [shown.equivariant, shown.baseline]) {
      expect(p).toHaveLength(10);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    // the trained steerable CNN recognizes the first test digit (a 0) upright and turned
    expect(shown.equivariant.indexOf(Math.max(...shown.equivariant))).toBe(0);
    const turned = await turn(page, 130);
    expect(turned.equivariant.indexOf(Math.max(...turned.equivariant))).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('turning the digit changes the steerable CNN’s prediction less than the conventional CNN’s', async () => {
    const page = await context!.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server!.url);
    await ready(page);
    const angles = [20, 45, 70, 90, 135, 160, 180, 225, 250, 270, 315];
    const tv = { equivariant: [] as number[], baseline: [] as number[] };
    for (const digit of ['2', '4', '7']) {
      await page.click(`#digits canvas[data-digit="${digit}"]`);
      await page.waitForFunction(
        (d) => [...document.querySelectorAll<HTMLElement>('.prediction')].every((p) => p.dataset.digit === d),
        digit,
      );
      const upright = await turn(page, 0);
      for (const angle of angles) {
        const shown = await turn(page, angle);
        for (const id of ['equivariant', 'baseline'] as const)
          tv[id].push(totalVariation(upright[id], shown[id]));
        // quarter turns are exact pixel permutations: the C8 model's output does not move
        if (angle % 90 === 0)
          expect(totalVariation(upright.equivariant, shown.equivariant)).toBeLessThan(2e-3);
      }
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    console.log(
      `mean total variation under rotation: steerable ${mean(tv.equivariant).toFixed(4)}, conventional ${mean(tv.baseline).toFixed(4)}`,
    );
    expect(mean(tv.equivariant)).toBeLessThan(mean(tv.baseline));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('falls back to WASM when asked, with the same predictions', async () => {
    const page = await context!.newPage();
    await page.goto(server!.url);
    await ready(page);
    const first = await turn(page, 40);
    await page.goto(`${server!.url}?backend=wasm`);
    await ready(page);
    expect(await page.textContent('#backend')).toBe('wasm');
    const wasm = await turn(page, 40);
    for (const id of ['equivariant', 'baseline'] as const) {
      expect(totalVariation(first[id], wasm[id])).toBeLessThan(1e-3);
    }
    await page.close();
  });
});
