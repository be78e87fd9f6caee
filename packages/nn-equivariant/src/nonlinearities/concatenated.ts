/**
 * The concatenated nonlinearity: each channel becomes the pair `(σ(x), σ(−x))`.
 */

import { FieldType, type GeometricTensor } from '@steerable/field-types';
import {
  type Group,
  type GroupElement,
  InvalidArgumentError,
  type RepresentationLike,
} from '@steerable/group-theory';
import { decomposeRepresentation, type Representation } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { Matrix } from 'ml-matrix';
import { EquivariantModule } from '../equivariant-module.js';
import { fixedDense } from '../internal/export-layer.js';
import { checkFieldType, checkSupport, readChoice } from '../internal/validation.js';

/** escnn's names of the concatenated functions. */
export type ConcatenatedFunction = 'c_relu' | 'c_sigmoid' | 'c_tanh';

const FUNCTIONS: readonly ConcatenatedFunction[] = ['c_relu', 'c_sigmoid', 'c_tanh'];

/** Options of {@link ConcatenatedNonLinearity}. */
export interface ConcatenatedNonLinearityOptions {
  /** The function σ. @defaultValue 'c_relu' */
  readonly function?: ConcatenatedFunction;
}

const TOL = 1e-9;

/**
 * escnn's `_transform_representation`: from a representation whose matrices are signed permutations, the
 * representation of twice the size with every `1` replaced by the 2×2 identity and every `−1` by the 2×2
 * swap `[[0, 1], [1, 0]]` (σ(−x) and σ(x) trade places when a channel changes sign). It permutes channels, so it
 * also supports pointwise nonlinearities. Named `concatenated_<name>`.
 * @throws InvalidArgumentError if a matrix is not a signed permutation.
 */
export function concatenatedRepresentation(fn: string, G: Group, r: RepresentationLike): Representation {
  const s = r.size;
  const build = (g: GroupElement): Matrix => {
    const m = r.at(g);
    const out = Matrix.zeros(2 * s, 2 * s);
    const rowHit = new Array<boolean>(s).fill(false);
    const colHit = new Array<boolean>(s).fill(false);
    for (let i = 0; i < s; i++)
      for (let j = 0; j < s; j++) {
        const v = m.get(i, j);
        if (Math.abs(v) <= TOL) continue;
        if (rowHit[i] || colHit[j] || Math.abs(Math.abs(v) - 1) > TOL) {
          throw new InvalidArgumentError(
            fn,
            'inType',
            r.name,
            `must have fields whose matrices are signed permutations, but ρ(${g}) is not`,
          );
        }
        rowHit[i] = true;
        colHit[j] = true;
        if (v > 0) {
          out.set(2 * i, 2 * j, 1);
          out.set(2 * i + 1, 2 * j + 1, 1);
        } else {
          out.set(2 * i, 2 * j + 1, 1);
          out.set(2 * i + 1, 2 * j, 1);
        }
      }
    return out;
  };
  for (const g of G.elements) build(g); // validates every element before decomposing
  const supported = new Set([...r.supportedNonlinearities, 'pointwise' as const]);
  return decomposeRepresentation(G, build, {
    name: `concatenated_${r.name}`,
    elements: [...G.elements], // all elements pin down the intertwiners (the trivial group has no generators)
    supportedNonlinearities: supported,
  });
}

/**
 * Concatenated nonlinearity (escnn's `ConcatenatedNonLinearity`): every channel `x_c` becomes the two channels
 * `(σ(x_c), σ(−x_c))`, doubling the size. Equivariant for fields whose `ρ(g)` are signed permutations (a sign
 * flip swaps the pair), e.g. the irreps of C_N of frequency 0 or N/2, dihedral sign irreps, regular and quotient
 * representations; the output fields transform by {@link concatenatedRepresentation}. Finite groups only.
 *
 * @see escnn's `escnn.nn.ConcatenatedNonLinearity`
 */
export class ConcatenatedNonLinearity extends EquivariantModule {
  /** The function's escnn name. */
  readonly function: ConcatenatedFunction;

  /**
   * @param inType - the input field type.
   * @throws InvalidArgumentError for a continuous group, a field not supporting 'concatenated' or whose matrices
   *   are not signed permutations, or an unknown function.
   */
  constructor(inType: FieldType, options: ConcatenatedNonLinearityOptions = {}) {
    const fn = 'ConcatenatedNonLinearity';
    const type = checkFieldType(fn, inType);
    checkSupport(fn, type, 'concatenated');
    const G = type.fibergroup;
    if (G.continuous) {
      throw new InvalidArgumentError(fn, 'inType', String(type), `must be of a finite group, not ${G.name}`);
    }
    const built = new Map<RepresentationLike, Representation>();
    const out = type.representations.map((r) => {
      let c = built.get(r);
      if (c === undefined) {
        c = concatenatedRepresentation(fn, G, r);
        built.set(r, c);
      }
      return c;
    });
    super(type, new FieldType(type.gspace, out));
    this.function = readChoice(fn, 'function', options.function, 'c_relu', FUNCTIONS);
  }

  #sigma(t: tf.Tensor): tf.Tensor {
    switch (this.function) {
      case 'c_relu':
        return tf.relu(t);
      case 'c_sigmoid':
        return tf.sigmoid(t);
      case 'c_tanh':
        return tf.tanh(t);
    }
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const shape = x.tensor.shape;
    // interleaved: channel 2c is σ(x_c), channel 2c + 1 is σ(−x_c)
    const pair = tf.stack([this.#sigma(x.tensor), this.#sigma(tf.neg(x.tensor))], -1);
    return this.outType.wrap(tf.reshape(pair, [...shape.slice(0, -1), 2 * shape[shape.length - 1]!]));
  }

  /**
   * A bias-free dense layer `x ↦ [x, −x]` interleaved, then the activation (escnn has no export for this
   * module; this computes the same map).
   */
  override exportLayers(): tf.layers.Layer[] {
    const c = this.inType.size;
    const k = new Float32Array(c * 2 * c);
    for (let i = 0; i < c; i++) {
      k[i * 2 * c + 2 * i] = 1;
      k[i * 2 * c + 2 * i + 1] = -1;
    }
    const act = { c_relu: 'relu', c_sigmoid: 'sigmoid', c_tanh: 'tanh' } as const;
    return [fixedDense(k, c, 2 * c), tf.layers.activation({ activation: act[this.function] })];
  }
}
