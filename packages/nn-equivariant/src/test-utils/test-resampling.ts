import { FieldType, GeometricTensor } from '@steerable/field-types';
import type { GSpace2D } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';

/** Trivial field and the first irreps: channels mixed by rotations. */
export function typeOf(gs: GSpace2D): FieldType {
  return new FieldType(gs, [gs.trivialRepr, ...gs.irreps.slice(0, 3)]);
}

/** A smooth (low-frequency) input on a `side × side` grid: smooth in every channel. */
export function smooth(type: FieldType, side: number): GeometricTensor {
  const c = type.size;
  const data = new Float32Array(side * side * c);
  const mid = (side - 1) / 2;
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++)
      for (let k = 0; k < c; k++) {
        const u = (i - mid) / side;
        const v = (j - mid) / side;
        data[(i * side + j) * c + k] =
          Math.cos(2.1 * u + 1.3 * k) * Math.sin(1.7 * v + 0.4 * k + 1) + 0.3 * Math.cos(3 * (u + v) + k);
      }
  return new GeometricTensor(tf.tensor4d(data, [1, side, side, c]), type);
}

/** `max |a − b|` over the pixels strictly inside the centred disc of `radius` (pixel units). */
export function discError(a: tf.Tensor, b: tf.Tensor, radius: number): number {
  const [, h, w, c] = a.shape as [number, number, number, number];
  const da = a.dataSync();
  const db = b.dataSync();
  let e = 0;
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      if ((i - (h - 1) / 2) ** 2 + (j - (w - 1) / 2) ** 2 >= radius ** 2) continue;
      for (let k = 0; k < c; k++) {
        const p = (i * w + j) * c + k;
        e = Math.max(e, Math.abs(da[p]! - db[p]!));
      }
    }
  return e;
}
