/**
 * Canvas drawing of the page: grey-scale digits, feature maps as colour (a perceptual blue–yellow ramp),
 * vector fields as arrows, and probability bars.
 */

/** A blue → green → yellow ramp (close to viridis) for `t` in [0, 1]. */
function colour(t: number): [number, number, number] {
  const stops: [number, number, number][] = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + f * (b[k]! - a[k]!))) as [number, number, number];
}

/** Draws a `side × side` map (row-major) scaled to the canvas; grey for digits, the colour ramp otherwise. */
export function drawMap(
  canvas: HTMLCanvasElement,
  values: Float32Array,
  side: number,
  options: { scale: number; grey?: boolean; turn?: number },
): void {
  const ctx = canvas.getContext('2d')!;
  const img = new ImageData(side, side);
  for (let p = 0; p < side * side; p++) {
    const t = values[p]! / (options.scale || 1);
    const [r, g, b] = options.grey ? [255 * t, 255 * t, 255 * t] : colour(t);
    img.data.set([r, g, b, 255], 4 * p);
  }
  const tmp = document.createElement('canvas');
  tmp.width = side;
  tmp.height = side;
  tmp.getContext('2d')!.putImageData(img, 0, 0);
  ctx.save();
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  turnAboutCentre(ctx, canvas, options.turn ?? 0);
  ctx.drawImage(tmp, 0, 0, canvas.width, canvas.height);
  ctx.restore();
}

/**
 * Rotates the canvas's drawing by `degrees` clockwise on the screen about its centre (used to turn a
 * counter-clockwise rotated input's features back into the digit's frame).
 */
function turnAboutCentre(ctx: CanvasRenderingContext2D, canvas: HTMLCanvasElement, degrees: number): void {
  if (degrees === 0) return;
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.translate(-canvas.width / 2, -canvas.height / 2);
}

/**
 * Draws arrows `(re, im)` (interleaved, row-major, screen axes: x right, y up) on every other pixel of a
 * `side × side` map, on the sub-grid through the centre pixel (so that quarter turns map it to itself);
 * length growing with the square root of the norm, `scale` the norm of the longest (1.8 pixels).
 */
export function drawArrows(
  canvas: HTMLCanvasElement,
  vectors: Float32Array,
  side: number,
  options: { scale: number; turn?: number },
): void {
  const ctx = canvas.getContext('2d')!;
  const cell = canvas.width / side;
  const centre = (side - 1) / 2;
  ctx.save();
  turnAboutCentre(ctx, canvas, options.turn ?? 0);
  ctx.strokeStyle = '#fff';
  ctx.fillStyle = '#fff';
  ctx.lineWidth = Math.max(1, cell / 5);
  for (let row = 0; row < side; row++) {
    if ((row - centre) % 2 !== 0) continue;
    for (let col = 0; col < side; col++) {
      if ((col - centre) % 2 !== 0) continue;
      const re = vectors[2 * (row * side + col)]!;
      const im = vectors[2 * (row * side + col) + 1]!;
      const norm = Math.hypot(re, im);
      if (!(norm > 0.05 * options.scale)) continue;
      // a square root keeps the weaker arrows visible next to the strongest
      const length = Math.sqrt(Math.min(norm / options.scale, 1)) * 1.8 * cell;
      const ux = re / norm;
      const uy = -im / norm; // canvas y points down
      const cx = (col + 0.5) * cell;
      const cy = (row + 0.5) * cell;
      const x0 = cx - (ux * length) / 2;
      const y0 = cy - (uy * length) / 2;
      const x1 = cx + (ux * length) / 2;
      const y1 = cy + (uy * length) / 2;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      const head = Math.max(3, 0.45 * length);
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * (ux - 0.5 * uy), y1 - head * (uy + 0.5 * ux));
      ctx.lineTo(x1 - head * (ux + 0.5 * uy), y1 - head * (uy - 0.5 * ux));
      ctx.closePath();
      ctx.fill();
    }
  }
  ctx.restore();
}

/** Fills `container` with one bar per class; the most probable is highlighted. */
export function drawBars(container: HTMLElement, probabilities: ArrayLike<number>): void {
  let top = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i]! > probabilities[top]!) top = i;
  container.replaceChildren(
    ...Array.from(probabilities, (p, digit) => {
      const row = document.createElement('div');
      row.className = digit === top ? 'bar top' : 'bar';
      const label = document.createElement('span');
      label.textContent = String(digit);
      const fill = document.createElement('span');
      fill.className = 'fill';
      fill.style.width = `${(p * 12).toFixed(2)}rem`;
      const value = document.createElement('span');
      value.textContent = `${(100 * p).toFixed(1)}%`;
      row.append(label, fill, value);
      return row;
    }),
  );
}
