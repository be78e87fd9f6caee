/**
 * escnn's weight initialization scales for a layer basis.
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import type { LayerBasis } from './layer-basis.js';

/**
 * escnn's generalized He initialization scale of every weight (`_generalized_he_init_variances`): weight w
 * of output irrep position o and input irrep ψ gets `1 / sqrt(n_o · m_{ψ,o})`, with n_o the number of
 * distinct input irreps feeding o and m_{ψ,o} the number of weights from ψ to o. Weights are then
 * `scale · N(0, 1)`.
 *
 * @see escnn's `escnn.nn.init.generalized_he_init`.
 */
export function generalizedHeScales(layer: LayerBasis): Float64Array {
  if (layer == null || !Array.isArray(layer.attributes)) {
    throw new InvalidArgumentError('generalizedHeScales', 'layer', layer, 'must be a layer basis');
  }
  const inputs = new Map<number, Set<string>>();
  const counts = new Map<string, number>();
  for (const a of layer.attributes) {
    const key = String(a.inIrrep);
    let set = inputs.get(a.outIrrepPosition);
    if (!set) {
      set = new Set();
      inputs.set(a.outIrrepPosition, set);
    }
    set.add(key);
    const k = `${key}|${a.outIrrepPosition}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return Float64Array.from(layer.attributes, (a) => {
    const n = inputs.get(a.outIrrepPosition)!.size;
    const m = counts.get(`${String(a.inIrrep)}|${a.outIrrepPosition}`)!;
    return 1 / Math.sqrt(n * m);
  });
}
