/**
 * escnn's initializations of the weights of an equivariant layer (`escnn.nn.init`): the generalized He
 * initialization and the delta-orthogonal initialization, computed from the layer basis's attributes.
 */

import { InvalidArgumentError, normalStream } from '@steerable/group-theory';
import type { LayerBasis } from '@steerable/kernels';
import * as tf from '@tensorflow/tfjs';
import { freshSeed, randomOrthogonal } from './internal/random.js';

/** Options of the initializations. */
export interface InitOptions {
  /**
   * Seed of the random draws: the same seed gives the same weights on every platform.
   * @defaultValue a fresh random seed on every call
   */
  readonly seed?: number;
}

/** Something holding a layer basis: a layer basis, or a layer with a `basis` (R2Conv, Linear, ...). */
export type BasisSource = LayerBasis | { readonly basis: LayerBasis };

function layerBasis(fn: string, source: BasisSource): LayerBasis {
  const basis =
    source != null && 'basis' in source && typeof source.basis === 'object' ? source.basis : source;
  if (
    basis == null ||
    !Number.isInteger((basis as LayerBasis).dimension) ||
    !Array.isArray((basis as LayerBasis).attributes)
  ) {
    throw new InvalidArgumentError(fn, 'basis', source, 'must be a layer basis or a layer with one');
  }
  return basis as LayerBasis;
}

function seedOf(fn: string, options: InitOptions): number {
  const seed = options.seed ?? freshSeed();
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new InvalidArgumentError(fn, 'seed', seed, 'must be a finite number');
  }
  return seed;
}

const irrepKey = (id: readonly number[]) => id.join(',');

/**
 * Memo of the He standard deviations, keyed by the identity of the (frozen, immutable) basis object,
 * weakly: a basis that is garbage collected takes its entry with it.
 */
const heStdMemo = new WeakMap<LayerBasis, Float64Array>();

/**
 * The standard deviation of every weight under escnn's generalized He initialization:
 * `σ_w = 1 / √(n_in(o) · n(ψ, o))`, where `o` is the output irrep (its position among the output fields'
 * irreps) that weight `w` maps to, `ψ` the input irrep type it maps from, `n_in(o)` the number of distinct
 * input irrep types mapping to `o` and `n(ψ, o)` the number of weights from irreps of type ψ to `o`. Each
 * output irrep then receives unit variance from each input irrep type, as He et al.'s `1/fan_in`
 * rule for plain convolutions. Computed in one pass over the weights (escnn loops over attribute
 * dictionaries, which takes minutes on wide layers) and memoized per basis; a fresh copy is returned.
 *
 * @see escnn's `escnn.nn.init._generalized_he_init_variances` (which, despite its name, returns these
 * standard deviations).
 * @throws InvalidArgumentError if `basis` is not a layer basis.
 */
export function generalizedHeStd(basis: BasisSource): Float64Array {
  const b = layerBasis('generalizedHeStd', basis);
  let std = heStdMemo.get(b);
  if (std === undefined) {
    const n = b.dimension;
    const inputs = new Map<string, Set<string>>();
    const counts = new Map<string, number>();
    const outKeys: string[] = new Array(n);
    const pairKeys: string[] = new Array(n);
    for (let w = 0; w < n; w++) {
      const a = b.attributes[w]!;
      const o = `${a.outField}:${a.outIrrepIndex}`;
      const psi = irrepKey(a.inIrrep);
      const pair = `${psi}|${o}`;
      outKeys[w] = o;
      pairKeys[w] = pair;
      let s = inputs.get(o);
      if (s === undefined) {
        s = new Set();
        inputs.set(o, s);
      }
      s.add(psi);
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
    std = new Float64Array(n);
    for (let w = 0; w < n; w++) {
      std[w] = 1 / Math.sqrt(inputs.get(outKeys[w]!)!.size * counts.get(pairKeys[w]!)!);
    }
    heStdMemo.set(b, std);
  }
  return std.slice();
}

/**
 * Weights drawn from escnn's generalized He initialization: `w ~ N(0, σ_w²)` with σ from
 * {@link generalizedHeStd}, as a fresh float32 vector.
 *
 * @see escnn's `escnn.nn.init.generalized_he_init`.
 * @throws InvalidArgumentError on a bad basis or seed.
 */
export function generalizedHeInitValues(basis: BasisSource, options: InitOptions = {}): Float32Array {
  const fn = 'generalizedHeInitValues';
  const std = generalizedHeStd(layerBasis(fn, basis));
  const normal = normalStream(seedOf(fn, options));
  return Float32Array.from(std, (s) => s * normal());
}

/**
 * Weights of escnn's delta-orthogonal initialization: only the weights of basis elements at radius 0
 * mapping an irrep to the same irrep are non-zero; for each irrep ψ with `i` input and `o` output copies,
 * the `s` weights of each (input copy, output copy) pair are `w[oc, p] · W[oc, ic]` with `W` the first `o`
 * rows and `i` columns of a Haar-random orthogonal matrix and each row of `w` a random unit vector, so the
 * filter at the centre is an orthogonal map between the copies of ψ (Xiao et al. 2018).
 * For a Linear layer every element counts as radius 0. Where `max(i, o) = 1`, escnn's sign
 * `2·randint(0, 1) − 1` is always −1; here the sign is random, which gives the same distribution (w is
 * symmetric).
 *
 * @see escnn's `escnn.nn.init.deltaorthonormal_init`.
 * @throws InvalidArgumentError on a bad basis or seed, or a basis whose radius-0 self-maps do not
 * connect every input copy of an irrep with every output copy by the same number of elements (escnn's
 * assertions).
 */
export function deltaOrthonormalInitValues(basis: BasisSource, options: InitOptions = {}): Float32Array {
  const fn = 'deltaOrthonormalInitValues';
  const b = layerBasis(fn, basis);
  const normal = normalStream(seedOf(fn, options));
  const out = new Float32Array(b.dimension);
  // irrep → (input position, output position) → weight indices, in weight order (as escnn's dicts)
  const counts = new Map<string, Map<string, { ip: string; op: string; weights: number[] }>>();
  b.attributes.forEach((a, w) => {
    const i = irrepKey(a.inIrrep);
    if (i !== irrepKey(a.outIrrep) || a.radius !== 0) return;
    const ip = `${a.inField}:${a.inIrrepIndex}`;
    const op = `${a.outField}:${a.outIrrepIndex}`;
    let byPair = counts.get(i);
    if (byPair === undefined) {
      byPair = new Map();
      counts.set(i, byPair);
    }
    let entry = byPair.get(`${ip}|${op}`);
    if (entry === undefined) {
      entry = { ip, op, weights: [] };
      byPair.set(`${ip}|${op}`, entry);
    }
    entry.weights.push(w);
  });
  for (const [irrep, byPair] of counts) {
    const pairs = [...byPair.values()];
    const inC = new Map<string, number>();
    const outC = new Map<string, number>();
    for (const { ip, op } of pairs) {
      inC.set(ip, (inC.get(ip) ?? 0) + 1);
      outC.set(op, (outC.get(op) ?? 0) + 1);
    }
    const s = pairs[0]!.weights.length;
    const same = (xs: number[]) => xs.every((x) => x === xs[0]);
    if (
      !same(pairs.map((p) => p.weights.length)) ||
      !same([...inC.values()]) ||
      !same([...outC.values()]) ||
      inC.values().next().value !== outC.size ||
      outC.values().next().value !== inC.size
    ) {
      throw new InvalidArgumentError(
        fn,
        'basis',
        `irrep (${irrep})`,
        'must connect every input copy of the irrep with every output copy by the same number of radius-0 elements',
      );
    }
    const ni = inC.size;
    const no = outC.size;
    const m = Math.max(ni, no);
    let W: (r: number, c: number) => number;
    if (m > 1) {
      const Q = randomOrthogonal(m, normal);
      W = (r, c) => Q[r * m + c]!;
    } else {
      const sign = normal() < 0 ? -1 : 1;
      W = () => sign;
    }
    const rows: Float64Array[] = [];
    for (let r = 0; r < no; r++) {
      const row = Float64Array.from({ length: s }, () => 5 * normal());
      const norm = Math.sqrt(row.reduce((acc, v) => acc + v * v, 0));
      rows.push(row.map((v) => v / norm));
    }
    const inIndex = new Map([...inC.keys()].map((k, j) => [k, j]));
    const outIndex = new Map([...outC.keys()].map((k, j) => [k, j]));
    for (const { ip, op, weights } of pairs) {
      const ic = inIndex.get(ip)!;
      const oc = outIndex.get(op)!;
      weights.forEach((w, p) => {
        out[w] = rows[oc]![p]! * W(oc, ic);
      });
    }
  }
  return out;
}

function assignTo(fn: string, variable: tf.Variable, values: Float32Array): void {
  if (
    variable == null ||
    typeof (variable as Partial<tf.Variable>).assign !== 'function' ||
    variable.size !== values.length
  ) {
    throw new InvalidArgumentError(
      fn,
      'weights',
      (variable as { shape?: unknown } | null)?.shape ?? variable,
      `must be a tf.Variable of ${values.length} weights`,
    );
  }
  tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
}

/**
 * Sets the weights `weights` (a variable of the basis's dimension, e.g. an R2Conv's `weights`) to escnn's
 * generalized He initialization ({@link generalizedHeInitValues}). The variable is the one thing changed.
 *
 * @see escnn's `escnn.nn.init.generalized_he_init(tensor, basismanager)`.
 * @throws InvalidArgumentError on a bad variable, basis or seed.
 */
export function generalizedHeInit(weights: tf.Variable, basis: BasisSource, options: InitOptions = {}): void {
  const fn = 'generalizedHeInit';
  assignTo(fn, weights, generalizedHeInitValues(layerBasis(fn, basis), options));
}

/**
 * Sets the weights `weights` to escnn's delta-orthogonal initialization ({@link deltaOrthonormalInitValues}).
 *
 * @see escnn's `escnn.nn.init.deltaorthonormal_init(tensor, basismanager)`.
 * @throws InvalidArgumentError on a bad variable, basis or seed, or a basis escnn would reject.
 */
export function deltaOrthonormalInit(
  weights: tf.Variable,
  basis: BasisSource,
  options: InitOptions = {},
): void {
  const fn = 'deltaOrthonormalInit';
  assignTo(fn, weights, deltaOrthonormalInitValues(layerBasis(fn, basis), options));
}
