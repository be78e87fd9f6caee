/**
 * The page: loads the two models `npm run demo` trained and saved (shipped in public/models/) and a few
 * MNIST digits, builds both models with the demo's own builders (the steerable CNN's filters are computed
 * here by the library), and on every change of the digit or of the rotation slider runs both models and
 * draws their first-layer features and predictions.
 *
 * For tests and the curious, `window.steerablePage` exposes the backend and a `predict(angle)` helper; the
 * predictions shown are also in the DOM (`.prediction[data-probabilities]`, with `data-angle` and
 * `data-digit`).
 */

import type { ClassifierModel, SavedModelManifest } from '@steerable/demo/models';
import { startBackend } from './browser-backend.js';
import { drawArrows, drawBars, drawMap } from './draw.js';
import { channelView, regularFieldViews } from './fields.js';
import {
  buildShippedModel,
  cyclicOrder,
  type Inspection,
  inspect,
  MODEL_IDS,
  type ModelId,
  readShippedModel,
  SIZE,
} from './model.js';
import { padDigit, rotateImage } from './rotate.js';

interface DigitsFile {
  readonly digits: readonly { label: number; index: number; pixels: string }[];
}

/** Fields (equivariant) and channels (conventional) shown, at most. */
const SHOWN = 4;
/** Pixels per feature-map pixel on the canvases. */
const CELL = 10;

const $ = <T extends HTMLElement>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (el === null) throw new Error(`page: no element ${selector}`);
  return el;
};

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

async function fetchOk(url: string): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`page: ${url}: HTTP ${r.status}`);
  return r;
}

/** The drawing as a 29×29 MNIST-style digit: ink scaled into a 20×20 box, centre of mass at the centre. */
function drawingToDigit(pad: HTMLCanvasElement): Float32Array | null {
  const { width, height } = pad;
  const data = pad.getContext('2d')!.getImageData(0, 0, width, height).data;
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (data[4 * (y * width + x)]! > 20) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) return null;
  const box = Math.max(x1 - x0 + 1, y1 - y0 + 1);
  const small = document.createElement('canvas');
  small.width = 28;
  small.height = 28;
  const ctx = small.getContext('2d')!;
  const w = ((x1 - x0 + 1) * 20) / box;
  const h = ((y1 - y0 + 1) * 20) / box;
  ctx.drawImage(pad, x0, y0, x1 - x0 + 1, y1 - y0 + 1, 14 - w / 2, 14 - h / 2, w, h);
  const px = ctx.getImageData(0, 0, 28, 28).data;
  const grey = new Float32Array(28 * 28);
  let [m, mx, my] = [0, 0, 0];
  for (let p = 0; p < 28 * 28; p++) {
    const v = px[4 * p]!;
    grey[p] = v;
    m += v;
    mx += v * (p % 28);
    my += v * Math.floor(p / 28);
  }
  const dx = Math.round(14 - mx / m);
  const dy = Math.round(14 - my / m);
  const bytes = new Uint8Array(28 * 28);
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++) {
      const sx = x - dx;
      const sy = y - dy;
      if (sx >= 0 && sx < 28 && sy >= 0 && sy < 28) bytes[y * 28 + x] = grey[sy * 28 + sx]!;
    }
  return padDigit(bytes);
}

/** Pointer drawing with a thick white pen on the black pad. */
function enableDrawing(pad: HTMLCanvasElement): void {
  const ctx = pad.getContext('2d')!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, pad.width, pad.height);
  let last: [number, number] | null = null;
  const at = (e: PointerEvent): [number, number] => {
    const r = pad.getBoundingClientRect();
    return [((e.clientX - r.left) * pad.width) / r.width, ((e.clientY - r.top) * pad.height) / r.height];
  };
  pad.addEventListener('pointerdown', (e) => {
    last = at(e);
    pad.setPointerCapture(e.pointerId);
  });
  pad.addEventListener('pointermove', (e) => {
    if (last === null) return;
    const p = at(e);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 16;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(...last);
    ctx.lineTo(...p);
    ctx.stroke();
    last = p;
  });
  const stop = () => {
    last = null;
  };
  pad.addEventListener('pointerup', stop);
  pad.addEventListener('pointercancel', stop);
}

function fieldCanvases(section: HTMLElement, count: number): HTMLCanvasElement[] {
  const holder = section.querySelector<HTMLElement>('.fields')!;
  return Array.from({ length: count }, () => {
    const c = document.createElement('canvas');
    c.width = 25 * CELL;
    c.height = 25 * CELL;
    holder.append(c);
    return c;
  });
}

function maxOf(arrays: readonly Float32Array[], f: (a: Float32Array, i: number) => number, step = 1): number {
  let m = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i += step) m = Math.max(m, f(a, i));
  return m;
}

function showEquivariant(canvases: HTMLCanvasElement[], r: Inspection, turn: number, order: number): void {
  const views = regularFieldViews(r.features, r.side, r.channels, order).slice(0, canvases.length);
  const scale = maxOf(
    views.map((v) => v.pooled),
    (a, i) => a[i]!,
  );
  const arrows = maxOf(
    views.map((v) => v.mode1),
    (a, i) => Math.hypot(a[i]!, a[i + 1]!),
    2,
  );
  views.forEach((v, k) => {
    drawMap(canvases[k]!, v.pooled, r.side, { scale, turn });
    drawArrows(canvases[k]!, v.mode1, r.side, { scale: arrows, turn });
  });
}

function showBaseline(canvases: HTMLCanvasElement[], r: Inspection, turn: number): void {
  const maps = canvases.map((_, k) => channelView(r.features, r.side, r.channels, k));
  const scale = maxOf(maps, (a, i) => a[i]!);
  maps.forEach((m, k) => {
    drawMap(canvases[k]!, m, r.side, { scale, turn });
  });
}

/** One model's headline: name, size, and test accuracy in the demo run that trained it. */
function describeModel(m: SavedModelManifest): string {
  const p = m.provenance;
  const accuracy =
    p === undefined
      ? ''
      : `, ${(100 * p.testAccuracy).toFixed(1)}% on ${p.testDigits.toLocaleString('en-US')} rotated test digits`;
  return `${m.name}: ${m.parameterCount.toLocaleString('en-US')} parameters${accuracy}`;
}

/** Where a model's weights came from (the demo run), for the tooltip. */
function provenanceLine(m: SavedModelManifest): string {
  const p = m.provenance;
  if (p === undefined) return `${m.name}: no provenance`;
  const o = p.options;
  return `${m.name}: trained by \`${p.command}\` (${o.group}, width ${o.width.toFixed(3)}, ${o.epochs} epochs, seed ${o.seed}, ${o.trainSize} digits) on ${p.date.slice(0, 10)}${p.gitCommit ? ` at ${p.gitCommit.slice(0, 10)}` : ''}`;
}

async function main(): Promise<void> {
  const status = $('#status');
  const params = new URLSearchParams(location.search);
  const backend = await startBackend('./', params.get('backend'));
  $('#backend').textContent = backend.name;
  $('#backend').title = backend.failed.join('\n');
  const [equivariantFiles, baselineFiles, digitsFile] = await Promise.all([
    readShippedModel('equivariant', fetchOk),
    readShippedModel('baseline', fetchOk),
    fetchOk('digits.json').then((r) => r.json() as Promise<DigitsFile>),
  ]);
  const shipped = { equivariant: equivariantFiles, baseline: baselineFiles };
  const order = cyclicOrder(shipped.equivariant.manifest);
  status.textContent = 'Computing the steerable filters…';
  const models: Record<ModelId, ClassifierModel> = {
    equivariant: buildShippedModel(shipped.equivariant),
    baseline: buildShippedModel(shipped.baseline),
  };
  $('#equivariant h2').textContent = models.equivariant.name;
  $('#facts').textContent = MODEL_IDS.map((id) => describeModel(shipped[id].manifest)).join(' · ');
  $('#facts').title = MODEL_IDS.map((id) => provenanceLine(shipped[id].manifest)).join('\n');

  const digits = digitsFile.digits.map((d) => ({
    label: String(d.label),
    image: padDigit(hexBytes(d.pixels)),
  }));
  const sections = { equivariant: $('#equivariant'), baseline: $('#baseline') };
  // one field is |C_N| channels of the first block's output; the conventional CNN's channels one each
  const [firstEquivariant, firstBaseline] = await Promise.all(
    MODEL_IDS.map((id) => inspect(models[id], digits[0]!.image)),
  );
  const canvases = {
    equivariant: fieldCanvases(sections.equivariant, Math.min(SHOWN, firstEquivariant!.channels / order)),
    baseline: fieldCanvases(sections.baseline, Math.min(SHOWN, firstBaseline!.channels)),
  };
  const slider = $<HTMLInputElement>('#angle');
  const frame = $<HTMLInputElement>('#frame');
  const state = { image: digits[0]!.image, digit: digits[0]!.label, angle: 0 };

  let busy = false;
  let again = false;
  async function update(): Promise<void> {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const { angle, digit } = state;
        const rotated = rotateImage(state.image, SIZE, angle);
        drawMap($<HTMLCanvasElement>('#rotated'), rotated, SIZE, { scale: 1, grey: true });
        $('#angle-value').textContent = `${angle}°`;
        const turn = frame.checked ? angle : 0;
        for (const id of MODEL_IDS) {
          const r = await inspect(models[id], rotated);
          if (id === 'equivariant') showEquivariant(canvases[id], r, turn, order);
          else showBaseline(canvases[id], r, turn);
          const pred = sections[id].querySelector<HTMLElement>('.prediction')!;
          drawBars(pred, r.probabilities);
          pred.dataset.probabilities = JSON.stringify(
            Array.from(r.probabilities, (p) => Number(p.toFixed(6))),
          );
          pred.dataset.angle = String(angle);
          pred.dataset.digit = digit;
        }
      } while (again);
    } finally {
      busy = false;
    }
  }

  const picker = $('#digits');
  digits.forEach((d, k) => {
    const c = document.createElement('canvas');
    c.width = 29;
    c.height = 29;
    c.style.width = '40px';
    c.title = `MNIST test digit ${digitsFile.digits[k]!.index} (a ${d.label})`;
    c.dataset.digit = d.label;
    drawMap(c, d.image, SIZE, { scale: 1, grey: true });
    c.addEventListener('click', () => {
      for (const o of picker.children) o.classList.remove('selected');
      c.classList.add('selected');
      state.image = d.image;
      state.digit = d.label;
      void update();
    });
    if (k === 0) c.classList.add('selected');
    picker.append(c);
  });
  const pad = $<HTMLCanvasElement>('#pad');
  enableDrawing(pad);
  $('#clear').addEventListener('click', () => enableDrawing(pad));
  $('#use-drawing').addEventListener('click', () => {
    const image = drawingToDigit(pad);
    if (image === null) return;
    for (const o of picker.children) o.classList.remove('selected');
    state.image = image;
    state.digit = 'drawing';
    void update();
  });
  slider.addEventListener('input', () => {
    state.angle = Number(slider.value);
    void update();
  });
  frame.addEventListener('change', () => void update());
  let timer: ReturnType<typeof setInterval> | undefined;
  $('#play').addEventListener('click', () => {
    if (timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
      $('#play').textContent = 'Play';
      return;
    }
    $('#play').textContent = 'Pause';
    timer = setInterval(() => {
      slider.value = String((Number(slider.value) + 3) % 360);
      slider.dispatchEvent(new Event('input'));
    }, 60);
  });

  await update();
  status.textContent = 'Ready: pick or draw a digit and turn it.';
  status.dataset.state = 'ready';
  (window as unknown as { steerablePage: unknown }).steerablePage = {
    backend: backend.name,
    failedBackends: backend.failed,
    /** Both models' probabilities for the current digit turned by `angle` degrees. */
    async predict(angle: number) {
      const rotated = rotateImage(state.image, SIZE, angle);
      const [e, b] = [await inspect(models.equivariant, rotated), await inspect(models.baseline, rotated)];
      return { equivariant: Array.from(e.probabilities), baseline: Array.from(b.probabilities) };
    },
  };
}

main().catch((e: unknown) => {
  const status = document.querySelector<HTMLElement>('#status');
  if (status) {
    status.textContent = `Error: ${e instanceof Error ? e.message : String(e)}`;
    status.dataset.state = 'error';
  }
  console.error(e);
});
