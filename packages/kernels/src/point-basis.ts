/**
 * Kernels on a point (R⁰): the equivariant linear maps between two representations, escnn's
 * `kernels_on_point` (a Wigner–Eckart basis over the one-point `PointBasis`), for equivariant Linear layers.
 */
import { type Group, InvalidArgumentError, type IrrepId } from '@steerable/group-theory';
import type { BasisElementAttributes, KernelRepresentation } from './kernel-basis.js';
import { assembleLayer, type LayerBasis, normalizeSampled } from './layer-basis.js';

/** A representation together with its group, as the point basis needs the group's irreps. */
export interface GroupRepresentation extends KernelRepresentation {
  /** The group represented. */
  readonly group: Group;
}

/** Attributes of an intertwiner: the pair of equal irreps it maps and which endomorphism. */
export interface PointElementAttributes {
  /** Position in the basis. */
  readonly index: number;
  /** Id of the input irrep. */
  readonly inIrrep: IrrepId;
  /** Id of the output irrep (the same irrep). */
  readonly outIrrep: IrrepId;
  /** Position of the input irrep in the input representation's irreps. */
  readonly inIrrepIndex: number;
  /** Position of the output irrep in the output representation's irreps. */
  readonly outIrrepIndex: number;
  /** Index of the endomorphism of the irrep (escnn's `s`: 0 for real irreps, 0–1 complex, 0–3 quaternionic). */
  readonly endomorphism: number;
  /** Size of the irrep (escnn's `shape[0]`). */
  readonly outIrrepSize: number;
}

/** The intertwiner basis between two representations; create with {@link r0KernelBasis}. */
export interface PointKernelBasis {
  /** Number of intertwiners. */
  readonly dimension: number;
  /** Their attributes, in escnn's order: input irrep, output irrep, endomorphism. */
  readonly attributes: readonly PointElementAttributes[];
  /**
   * The intertwiners `W` (with `W ρ_in(g) = ρ_out(g) W`) as a fresh `Float64Array`
   * `[element][out][in]`, unnormalized: `Q_out[:, block] E Q_in⁻¹[block, :]`.
   */
  matrices(): Float64Array;
}

function checkGroupRepr(fn: string, argument: string, r: GroupRepresentation): void {
  if (
    r == null ||
    typeof r.name !== 'string' ||
    !Number.isInteger(r.size) ||
    !Array.isArray(r.irreps) ||
    r.group == null ||
    typeof r.group.irrep !== 'function'
  ) {
    throw new InvalidArgumentError(fn, argument, r, 'must be a representation of a group');
  }
}

/**
 * The basis of the equivariant linear maps from `inRepr` to `outRepr`: for every pair of equal irreps ψ
 * (input irrep i, output irrep o), one map per endomorphism E of ψ, `Q_out[:, o] E Q_in⁻¹[i, :]` (Schur's
 * lemma). escnn's order: input irrep, then output irrep, then endomorphism.
 *
 * escnn's Clebsch–Gordan coefficients give the same maps up to scale (and, for groups whose CG escnn
 * computes numerically, up to a sign; see the package README).
 *
 * @see escnn's `kernels_on_point`.
 * @throws InvalidArgumentError for representations of different groups or that are not representations.
 */
export function r0KernelBasis(inRepr: GroupRepresentation, outRepr: GroupRepresentation): PointKernelBasis {
  const fn = 'r0KernelBasis';
  checkGroupRepr(fn, 'inRepr', inRepr);
  checkGroupRepr(fn, 'outRepr', outRepr);
  if (!inRepr.group.equals(outRepr.group)) {
    throw new InvalidArgumentError(
      fn,
      'outRepr',
      outRepr.group.name,
      `must be of the input's group ${inRepr.group.name}`,
    );
  }
  const G = inRepr.group;
  const inIrreps = inRepr.irreps.map((id) => G.irrep(...id));
  const outIrreps = outRepr.irreps.map((id) => G.irrep(...id));
  const starts = (list: { size: number }[]) => {
    const s: number[] = [];
    let p = 0;
    for (const x of list) {
      s.push(p);
      p += x.size;
    }
    return s;
  };
  const inStart = starts(inIrreps);
  const outStart = starts(outIrreps);
  const attributes: PointElementAttributes[] = [];
  const endos: Float64Array[] = [];
  inIrreps.forEach((a, ii) => {
    outIrreps.forEach((b, oo) => {
      if (!a.equals(b)) return;
      a.endomorphismBasis().forEach((E, k) => {
        attributes.push(
          Object.freeze({
            index: attributes.length,
            inIrrep: a.id,
            outIrrep: b.id,
            inIrrepIndex: ii,
            outIrrepIndex: oo,
            endomorphism: k,
            outIrrepSize: b.size,
          }),
        );
        endos.push(Float64Array.from(E.to1DArray()));
      });
    });
  });
  const Q = outRepr.changeOfBasis;
  const Qinv = inRepr.changeOfBasisInv;
  const O = outRepr.size;
  const I = inRepr.size;
  const frozen = Object.freeze(attributes);
  return Object.freeze({
    dimension: frozen.length,
    attributes: frozen,
    matrices(): Float64Array {
      const out = new Float64Array(frozen.length * O * I);
      frozen.forEach((attr, b) => {
        const d = attr.outIrrepSize;
        const E = endos[b]!;
        const os = outStart[attr.outIrrepIndex]!;
        const is = inStart[attr.inIrrepIndex]!;
        for (let o = 0; o < O; o++)
          for (let x = 0; x < d; x++) {
            const q = Q.get(o, os + x);
            if (q === 0) continue;
            for (let z = 0; z < d; z++) {
              const e = E[x * d + z]!;
              if (e === 0) continue;
              for (let i = 0; i < I; i++) out[(b * O + o) * I + i]! += q * e * Qinv.get(is + z, i);
            }
          }
      });
      return out;
    },
  });
}

/**
 * The basis of an equivariant Linear layer (escnn's `Linear`) between fields `inReprs` and `outReprs`:
 * every block normalized and ordered as escnn's `BlocksBasisExpansion` on a single point, so
 * `expand(weights)` gives the `[out][in]` matrix (`points = 1`).
 *
 * @see escnn's `escnn.nn.Linear`.
 * @throws InvalidArgumentError for empty field lists or representations of different groups.
 */
export function r0LinearBasis(
  inReprs: readonly GroupRepresentation[],
  outReprs: readonly GroupRepresentation[],
): LayerBasis {
  const fn = 'r0LinearBasis';
  const first = inReprs?.[0]?.group;
  for (const [argument, list] of [
    ['inReprs', inReprs],
    ['outReprs', outReprs],
  ] as const) {
    if (!Array.isArray(list) || list.length === 0) {
      throw new InvalidArgumentError(fn, argument, list, 'must be a non-empty list of representations');
    }
    list.forEach((r) => {
      checkGroupRepr(fn, argument, r);
      if (first && !r.group.equals(first)) {
        throw new InvalidArgumentError(fn, argument, r.group.name, `must all be of ${first.name}`);
      }
    });
  }
  const G = first!;
  return assembleLayer(
    fn,
    inReprs,
    outReprs,
    1,
    (id) => G.irrep(...id).size,
    (inRepr, outRepr) => {
      const basis = r0KernelBasis(inRepr as GroupRepresentation, outRepr as GroupRepresentation);
      if (basis.dimension === 0) return null;
      const { kept, data } = normalizeSampled(
        basis.matrices(),
        basis.dimension,
        basis.attributes.map((a) => a.outIrrepSize),
      );
      const attributes = kept.map((k, i) => pointAsElement(basis.attributes[k]!, i));
      return { sampled: data, attributes };
    },
  );
}

/** Point intertwiners as layer elements: frequency 0 at radius 0. */
function pointAsElement(a: PointElementAttributes, index: number): BasisElementAttributes {
  return Object.freeze({
    index,
    harmonic: Object.freeze([0, 0] as const),
    frequency: 0,
    radius: 0,
    sigma: 0,
    radialIndex: 0,
    subgroupIrrep: a.inIrrep.map(() => 0),
    subgroupIrrepFrequency: 0,
    endomorphism: a.endomorphism,
    multiplicity: 0,
    copy: 0,
    inIrrep: a.inIrrep,
    outIrrep: a.outIrrep,
    inIrrepIndex: a.inIrrepIndex,
    outIrrepIndex: a.outIrrepIndex,
    outIrrepSize: a.outIrrepSize,
  });
}
