/**
 * The sampled basis of a whole layer between lists of field representations, with escnn's weight
 * ordering (`BlocksBasisExpansion`), normalization (`normalize_basis`) and bias.
 */
import { InvalidArgumentError } from '@steerable/group-theory';
import type { BasisElementAttributes, KernelRepresentation } from './kernel-basis.js';

/** Attributes of one weight of a layer: its element's attributes plus where it sits. */
export interface LayerElementAttributes extends BasisElementAttributes {
  /** Position of the weight in the layer's weight vector (escnn's `id`). */
  readonly weightIndex: number;
  /** Position of the element in its block's basis (escnn's `block_id`). */
  readonly blockIndex: number;
  /** Name of the input field representation. */
  readonly inRepr: string;
  /** Name of the output field representation. */
  readonly outRepr: string;
  /** Index of the input field in the layer's input fields. */
  readonly inField: number;
  /** Index of the output field in the layer's output fields. */
  readonly outField: number;
  /** Position of the input irrep among all irreps of the input fields (escnn's `in_irreps_position`). */
  readonly inIrrepPosition: number;
  /** Position of the output irrep among all irreps of the output fields (escnn's `out_irreps_position`). */
  readonly outIrrepPosition: number;
}

/**
 * The sampled basis of all kernels between one pair of field representations (a block). Every
 * (output field, input field) pair of these two representations gets its own copy of the weights.
 */
export interface LayerBlock {
  /** Name of the input representation. */
  readonly inRepr: string;
  /** Name of the output representation. */
  readonly outRepr: string;
  /** Indices of the input fields of this representation. */
  readonly inFields: readonly number[];
  /** Indices of the output fields of this representation. */
  readonly outFields: readonly number[];
  /** First channel of each input field. */
  readonly inOffsets: readonly number[];
  /** First channel of each output field. */
  readonly outOffsets: readonly number[];
  /** Size of the input representation (channels of one input field). */
  readonly inSize: number;
  /** Size of the output representation (channels of one output field). */
  readonly outSize: number;
  /** Number of basis elements of one copy. */
  readonly dimension: number;
  /** Where this block's weights start in the layer's weight vector. */
  readonly weightOffset: number;
  /**
   * The sampled, normalized elements: `[element][out][in][point]`, `dimension · outSize · inSize · P`.
   * Weights of the block are laid out `[outFieldCopy][inFieldCopy][element]`.
   */
  readonly sampled: Float64Array;
  /** Attributes of the block's elements (of one copy). */
  readonly attributes: readonly BasisElementAttributes[];
}

/** The basis of a layer: everything the convolution needs to expand weights into a filter. */
export interface LayerBasis {
  /** Number of weights (escnn's `weights.numel()`). */
  readonly dimension: number;
  /** Number of input channels. */
  readonly inSize: number;
  /** Number of output channels. */
  readonly outSize: number;
  /** Number of sample points P (k² on a k×k grid). */
  readonly points: number;
  /** The blocks, in escnn's order (sorted by (input name, output name)). */
  readonly blocks: readonly LayerBlock[];
  /** Attributes of every weight, in order. */
  readonly attributes: readonly LayerElementAttributes[];
  /** Number of bias parameters: the trivial irreps of the output fields (escnn's rule). */
  readonly biasSize: number;
  /** `[outChannel][bias]`: the bias of channel c is `Σ_t biasExpansion[c·biasSize + t] · bias[t]`. */
  readonly biasExpansion: Float64Array;
  /**
   * The filter for the weights: `[out][in][point]` (for R², `[out][in][ky][kx]`, escnn's layout).
   * A reference implementation; layers do the same as one matmul per block.
   */
  expand(weights: ArrayLike<number>): Float64Array;
  /** The bias vector `[out]` of the bias parameters. */
  expandBias(bias: ArrayLike<number>): Float64Array;
  /**
   * The dense basis `[weight][out][in][point]` (`dimension · outSize · inSize · points` numbers): the
   * filter is `weightsᵀ · basisMatrix()`, one matmul. Wide layers are better expanded block by block
   * (`blocks`), which needs far less memory.
   */
  basisMatrix(): Float64Array;
}

/** escnn's `normalize_basis` and the mask of (near-)zero elements; returns kept element positions. */
export function normalizeSampled(
  sampled: Float64Array,
  count: number,
  sizes: ArrayLike<number>,
): { kept: number[]; data: Float64Array } {
  const stride = sampled.length / Math.max(count, 1);
  const kept: number[] = [];
  for (let b = 0; b < count; b++) {
    let sq = 0;
    for (let q = b * stride; q < (b + 1) * stride; q++) sq += sampled[q]! * sampled[q]!;
    let n2 = sq / sizes[b]!;
    if (n2 < 1e-15) n2 = 0;
    let norm = Math.sqrt(n2);
    if (norm < 1e-6 || Number.isNaN(norm)) norm = 1;
    if (sq / (norm * norm) > 1e-2) kept.push(b);
    if (norm !== 1) for (let q = b * stride; q < (b + 1) * stride; q++) sampled[q] = sampled[q]! / norm;
  }
  const data = new Float64Array(kept.length * stride);
  kept.forEach((b, i) => {
    data.set(sampled.subarray(b * stride, (b + 1) * stride), i * stride);
  });
  return { kept, data };
}

const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface FieldGroup {
  readonly repr: KernelRepresentation;
  readonly fields: number[];
  readonly offsets: number[];
}

function groupFields(
  fn: string,
  argument: string,
  reprs: readonly KernelRepresentation[],
): Map<string, FieldGroup> {
  if (!Array.isArray(reprs) || reprs.length === 0) {
    throw new InvalidArgumentError(fn, argument, reprs, 'must be a non-empty list of representations');
  }
  const groups = new Map<string, FieldGroup>();
  let offset = 0;
  reprs.forEach((r, i) => {
    if (r == null || typeof r.name !== 'string' || !Number.isInteger(r.size)) {
      throw new InvalidArgumentError(fn, argument, reprs, `must hold representations (entry ${i} is not)`);
    }
    let g = groups.get(r.name);
    if (!g) {
      g = { repr: r, fields: [], offsets: [] };
      groups.set(r.name, g);
    }
    g.fields.push(i);
    g.offsets.push(offset);
    offset += r.size;
  });
  return groups;
}

/** Whether an irrep id is the trivial irrep's (all zeros: `[0]`, `[0, 0]`). */
const isTrivialId = (id: readonly number[]) => id.every((v) => v === 0);

/** @internal assembles a layer from per-pair sampled blocks (shared by R² and R⁰). */
export function assembleLayer<Extra extends object = object>(
  fn: string,
  inReprs: readonly KernelRepresentation[],
  outReprs: readonly KernelRepresentation[],
  points: number,
  irrepSize: (id: readonly number[]) => number,
  sampleBlock: (
    inRepr: KernelRepresentation,
    outRepr: KernelRepresentation,
  ) => { sampled: Float64Array; attributes: readonly BasisElementAttributes[] } | null,
  extra: (layer: { inSize: number; outSize: number }) => Extra = () => ({}) as Extra,
): LayerBasis & Extra {
  const ins = groupFields(fn, 'inReprs', inReprs);
  const outs = groupFields(fn, 'outReprs', outReprs);
  const inSize = inReprs.reduce((s, r) => s + r.size, 0);
  const outSize = outReprs.reduce((s, r) => s + r.size, 0);
  const pairs: [string, string][] = [];
  for (const i of ins.keys()) for (const o of outs.keys()) pairs.push([i, o]);
  pairs.sort((a, b) => compareNames(a[0], b[0]) || compareNames(a[1], b[1]));
  const blocks: LayerBlock[] = [];
  let offset = 0;
  for (const [iName, oName] of pairs) {
    const ig = ins.get(iName)!;
    const og = outs.get(oName)!;
    const res = sampleBlock(ig.repr, og.repr);
    if (!res || res.attributes.length === 0) continue;
    const dim = res.attributes.length;
    blocks.push(
      Object.freeze({
        inRepr: iName,
        outRepr: oName,
        inFields: Object.freeze([...ig.fields]),
        outFields: Object.freeze([...og.fields]),
        inOffsets: Object.freeze([...ig.offsets]),
        outOffsets: Object.freeze([...og.offsets]),
        inSize: ig.repr.size,
        outSize: og.repr.size,
        dimension: dim,
        weightOffset: offset,
        sampled: res.sampled,
        attributes: res.attributes,
      }),
    );
    offset += dim * og.fields.length * ig.fields.length;
  }
  // bias: one parameter per trivial irrep of the output fields, expanded by the field's change of basis
  const biasCols: { offset: number; repr: KernelRepresentation; column: number }[] = [];
  let off = 0;
  for (const r of outReprs) {
    let p = 0;
    for (const id of r.irreps) {
      if (isTrivialId(id)) biasCols.push({ offset: off, repr: r, column: p });
      p += irrepSize(id);
    }
    off += r.size;
  }
  const biasSize = biasCols.length;
  const biasExpansion = new Float64Array(outSize * biasSize);
  // one read of each field's change of basis (the getter returns a fresh copy)
  const bases = new Map<KernelRepresentation, KernelRepresentation['changeOfBasis']>();
  biasCols.forEach(({ offset: o0, repr, column }, t) => {
    let Q = bases.get(repr);
    if (!Q) {
      Q = repr.changeOfBasis;
      bases.set(repr, Q);
    }
    for (let i = 0; i < repr.size; i++) biasExpansion[(o0 + i) * biasSize + t] = Q.get(i, column);
  });
  const dimension = offset;
  const frozenBlocks = Object.freeze(blocks);
  // the attributes of every weight, built on first use (wide layers have tens of thousands)
  let attributes: readonly LayerElementAttributes[] | undefined;
  const prefix = (reprs: readonly KernelRepresentation[]) => {
    const out = [0];
    for (const r of reprs) out.push(out[out.length - 1]! + r.irreps.length);
    return out;
  };
  const inIrrepStart = prefix(inReprs);
  const outIrrepStart = prefix(outReprs);
  const allAttributes = (): readonly LayerElementAttributes[] => {
    if (attributes) return attributes;
    const list: LayerElementAttributes[] = [];
    for (const b of frozenBlocks)
      for (const of of b.outFields)
        for (const inf of b.inFields)
          for (const a of b.attributes) {
            list.push(
              Object.freeze({
                ...a,
                weightIndex: list.length,
                blockIndex: a.index,
                inRepr: b.inRepr,
                outRepr: b.outRepr,
                inField: inf,
                outField: of,
                inIrrepPosition: inIrrepStart[inf]! + a.inIrrepIndex,
                outIrrepPosition: outIrrepStart[of]! + a.outIrrepIndex,
              }),
            );
          }
    attributes = Object.freeze(list);
    return attributes;
  };
  return Object.freeze({
    ...extra({ inSize, outSize }),
    dimension,
    inSize,
    outSize,
    points,
    blocks: frozenBlocks,
    get attributes() {
      return allAttributes();
    },
    biasSize,
    biasExpansion,
    expand(weights: ArrayLike<number>): Float64Array {
      if (weights == null || weights.length !== dimension) {
        throw new InvalidArgumentError(
          'LayerBasis.expand',
          'weights',
          weights,
          `must have length ${dimension}`,
        );
      }
      const filter = new Float64Array(outSize * inSize * points);
      for (const b of frozenBlocks) {
        const blockStride = b.outSize * b.inSize * points;
        let w = b.weightOffset;
        for (let fo = 0; fo < b.outFields.length; fo++) {
          for (let fi = 0; fi < b.inFields.length; fi++) {
            const o0 = b.outOffsets[fo]!;
            const i0 = b.inOffsets[fi]!;
            for (let e = 0; e < b.dimension; e++, w++) {
              const c = weights[w]!;
              if (c === 0) continue;
              const base = e * blockStride;
              for (let o = 0; o < b.outSize; o++)
                for (let i = 0; i < b.inSize; i++) {
                  const src = base + (o * b.inSize + i) * points;
                  const dst = ((o0 + o) * inSize + i0 + i) * points;
                  for (let q = 0; q < points; q++) filter[dst + q]! += c * b.sampled[src + q]!;
                }
            }
          }
        }
      }
      return filter;
    },
    basisMatrix(): Float64Array {
      const stride = outSize * inSize * points;
      const dense = new Float64Array(dimension * stride);
      for (const b of frozenBlocks) {
        let w = b.weightOffset;
        for (let fo = 0; fo < b.outFields.length; fo++)
          for (let fi = 0; fi < b.inFields.length; fi++)
            for (let e = 0; e < b.dimension; e++, w++) {
              for (let o = 0; o < b.outSize; o++)
                for (let i = 0; i < b.inSize; i++) {
                  const src = ((e * b.outSize + o) * b.inSize + i) * points;
                  const dst = w * stride + ((b.outOffsets[fo]! + o) * inSize + b.inOffsets[fi]! + i) * points;
                  dense.set(b.sampled.subarray(src, src + points), dst);
                }
            }
      }
      return dense;
    },
    expandBias(bias: ArrayLike<number>): Float64Array {
      if (bias == null || bias.length !== biasSize) {
        throw new InvalidArgumentError('LayerBasis.expandBias', 'bias', bias, `must have length ${biasSize}`);
      }
      const out = new Float64Array(outSize);
      for (let c = 0; c < outSize; c++) {
        let acc = 0;
        for (let t = 0; t < biasSize; t++) acc += biasExpansion[c * biasSize + t]! * bias[t]!;
        out[c] = acc;
      }
      return out;
    },
  });
}
