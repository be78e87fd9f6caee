/**
 * The gated nonlinearity for uniform field types whose fields carry their own gates.
 */

import { FieldType, type GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError, normalStream } from '@steerable/group-theory';
import { directSum } from '@steerable/representations';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { freshSeed } from '../internal/random.js';
import { checkFieldType } from '../internal/validation.js';

/** Options of {@link GatedNonLinearityUniform}. */
export interface GatedNonLinearityUniformOptions {
  /** The gate function (escnn's `gate`, a callable), applied to `gate − bias` inside tf.tidy. @defaultValue tf.sigmoid */
  readonly gate?: (t: tf.Tensor) => tf.Tensor;
  /** Seed of the standard normal initialization of the bias. @defaultValue a fresh random seed */
  readonly seed?: number;
}

/**
 * Gated nonlinearity for uniform field types (escnn's `GatedNonLinearityUniform`): every field is the direct
 * sum `1ⁿ ⊕ ψ_1 ⊕ … ⊕ ψ_n` (identity change of basis) of `n` trivial gates followed by `n` gated irreps; the
 * output field is `ψ_1 ⊕ … ⊕ ψ_n` with irrep `ψ_i` scaled by `gate(g_i − b_{c,i})`, `b` a learnable bias per
 * field and gate (standard normal initialization). Equivariant because each irrep is scaled by an invariant.
 *
 * @see escnn's `escnn.nn.GatedNonLinearityUniform`
 */
export class GatedNonLinearityUniform extends EquivariantModule {
  /** The bias, `[fields, gates]` (escnn's `bias` of shape `(1, fields, gates)`). */
  readonly bias: tf.Variable;
  /** Number of gates in each field. */
  readonly nGates: number;
  readonly #gate: (t: tf.Tensor) => tf.Tensor;
  readonly #expansion: tf.Tensor2D;
  readonly #fin: number;
  readonly #fout: number;

  /**
   * @param inType - a uniform field type as described above.
   * @throws InvalidArgumentError if the type is not uniform, its representation has a change of basis, an odd
   *   number of irreps, or a non-trivial irrep in its first half; or for a gate that is not a function.
   */
  constructor(inType: FieldType, options: GatedNonLinearityUniformOptions = {}) {
    const fn = 'GatedNonLinearityUniform';
    const type = checkFieldType(fn, inType);
    if (!type.uniform) throw new InvalidArgumentError(fn, 'inType', String(type), 'must be uniform');
    const rho = type.representations[0]!;
    const N = rho.irreps.length;
    if (N % 2 !== 0) {
      throw new InvalidArgumentError(fn, 'inType', rho.name, 'must have an even number of irreps per field');
    }
    const q = rho.changeOfBasis;
    for (let i = 0; i < rho.size; i++)
      for (let j = 0; j < rho.size; j++) {
        if (Math.abs(q.get(i, j) - (i === j ? 1 : 0)) > 1e-8) {
          throw new InvalidArgumentError(fn, 'inType', rho.name, 'must have the identity change of basis');
        }
      }
    const G = type.fibergroup;
    const irreps = rho.irreps.map((id) => G.irrep(...id));
    irreps.slice(0, N / 2).forEach((irr, i) => {
      if (!irr.isTrivial()) {
        throw new InvalidArgumentError(
          fn,
          'inType',
          rho.name,
          `must have trivial gates, but irrep ${i} is ${irr.name}`,
        );
      }
    });
    const gated = irreps.slice(N / 2);
    const outRho = directSum(gated);
    super(type, new FieldType(type.gspace, Array(type.length).fill(outRho)));
    const gate = options.gate ?? tf.sigmoid;
    if (typeof gate !== 'function') throw new InvalidArgumentError(fn, 'gate', gate, 'must be a function');
    this.#gate = gate;
    this.nGates = N / 2;
    this.#fin = rho.size;
    this.#fout = outRho.size;
    // expansion [gates, out]: gate i covers the channels of the i-th gated irrep
    const e = new Float32Array(this.nGates * outRho.size);
    let p = 0;
    gated.forEach((irr, i) => {
      for (let k = 0; k < irr.size; k++) e[i * outRho.size + p + k] = 1;
      p += irr.size;
    });
    this.#expansion = tf.keep(tf.tensor2d(e, [this.nGates, outRho.size]));
    const seed = options.seed ?? freshSeed();
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new InvalidArgumentError(fn, 'seed', seed, 'must be a finite number');
    }
    const normal = normalStream(seed);
    this.bias = this.registerParameter(
      'bias',
      tf.tensor2d(Array.from({ length: type.length * this.nGates }, normal), [type.length, this.nGates]),
    );
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const lead = x.tensor.shape.slice(0, -1);
    const C = this.inType.length;
    const fields = tf.reshape(x.tensor, [...lead, C, this.#fin]);
    const zeros = lead.map(() => 0);
    const gates = tf.slice(fields, [...zeros, 0, 0], [...lead, C, this.nGates]);
    const features = tf.slice(fields, [...zeros, 0, this.nGates], [...lead, C, this.#fout]);
    const g = this.#gate(tf.sub(gates, this.bias));
    const expanded = tf.reshape(tf.matMul(tf.reshape(g, [-1, this.nGates]), this.#expansion), [
      ...lead,
      C,
      this.#fout,
    ]);
    return this.outType.wrap(tf.reshape(tf.mul(expanded, features), [...lead, C * this.#fout]));
  }

  /** Frees the constant expansion together with the variables. */
  override dispose(): void {
    this.#expansion.dispose();
    super.dispose();
  }
}
