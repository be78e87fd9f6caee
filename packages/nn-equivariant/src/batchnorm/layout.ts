/**
 * How the batch-normalization modules see a field type: fields grouped by a label (their size or their
 * representation's name, as escnn groups them), and the constant matrices that move statistics between
 * channels and the "slots" a module keeps one number for (a field, an irrep, a trivial irrep).
 *
 * Every module works on the input reshaped to `X: [N, C]` (N = batch × pixels, channels last). A statistic
 * per slot `s ∈ R^K` reaches the channels as `s · M` with a `[K, C]` matrix, and a per-channel statistic
 * `m ∈ R^C` is aggregated into slots as `m · A` with a `[C, K]` matrix: small dense matmuls replace escnn's
 * slicing and advanced indexing, so non-contiguous fields need no special case. Not exported.
 */

import type { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';

/** The read access to an ml-matrix `Matrix` these helpers need. */
export interface MatrixLike {
  readonly rows: number;
  readonly columns: number;
  get(i: number, j: number): number;
}

/** The fields sharing one label, in their order in the field type. */
export interface FieldGroup {
  /** escnn's label: the field size (`'3'`) or the representation's name. */
  readonly label: string;
  /** The representation of the first field (all fields of a name group share it). */
  readonly representation: RepresentationLike;
  /** Indices of the fields in the field type. */
  readonly fields: readonly number[];
  /** Channels of the fields (each field's channels in order), in the field type's channel order. */
  readonly channels: readonly number[];
  /** Size of every field of the group. */
  readonly size: number;
}

/**
 * Groups the fields of `type` by `labelOf`, groups in the order of their first field (escnn's dict order).
 * @throws InvalidArgumentError when two fields with the same label have different sizes.
 */
export function groupFields(
  fn: string,
  type: FieldType,
  labelOf: (r: RepresentationLike) => string,
): FieldGroup[] {
  const groups = new Map<
    string,
    { representation: RepresentationLike; fields: number[]; channels: number[] }
  >();
  type.representations.forEach((r, i) => {
    const label = labelOf(r);
    let g = groups.get(label);
    if (g === undefined) {
      g = { representation: r, fields: [], channels: [] };
      groups.set(label, g);
    } else if (g.representation.size !== r.size) {
      throw new InvalidArgumentError(
        fn,
        'inType',
        r.name,
        `must give fields with the same name the same size (${g.representation.size} and ${r.size})`,
      );
    }
    g.fields.push(i);
    for (let c = type.fieldsStart[i]!; c < type.fieldsEnd[i]!; c++) g.channels.push(c);
  });
  return [...groups].map(([label, g]) =>
    Object.freeze({
      label,
      representation: g.representation,
      fields: Object.freeze(g.fields),
      channels: Object.freeze(g.channels),
      size: g.representation.size,
    }),
  );
}

/** escnn's `_escape_name`: a representation name usable in a state-dict key (`.` becomes `^`). */
export function escapeName(name: string): string {
  return name.replaceAll('.', '^');
}

/** A dense row-major `[rows, cols]` float64 matrix being filled, to become a float32 tensor later. */
export class Dense {
  readonly data: Float64Array;
  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    this.data = new Float64Array(rows * cols);
  }
  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }
  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }
}

/**
 * Per-field slots, groups one after the other (fields of a group in order): `spread: [F, C]` has a 1 where
 * channel `c` belongs to field slot `f`, `average: [C, F]` = `spreadᵀ / size` averages a channel vector
 * over each field.
 */
export function fieldSlots(
  groups: readonly FieldGroup[],
  channels: number,
): { spread: Dense; average: Dense } {
  const total = groups.reduce((s, g) => s + g.fields.length, 0);
  const spread = new Dense(total, channels);
  const average = new Dense(channels, total);
  let f = 0;
  for (const g of groups) {
    for (let k = 0; k < g.fields.length; k++, f++) {
      for (let j = 0; j < g.size; j++) {
        const c = g.channels[k * g.size + j]!;
        spread.set(f, c, 1);
        average.set(c, f, 1 / g.size);
      }
    }
  }
  return { spread, average };
}

/** Positions (first index) of the trivial irreps in the decomposition of `r`, and every irrep's offset and size. */
export function irrepLayout(
  type: FieldType,
  r: RepresentationLike,
): { trivials: number[]; irreps: { offset: number; size: number; trivial: boolean }[] } {
  const G = type.fibergroup;
  const trivials: number[] = [];
  const irreps: { offset: number; size: number; trivial: boolean }[] = [];
  let p = 0;
  for (const id of r.irreps) {
    const irr = G.irrep(...id);
    const trivial = irr.isTrivial();
    if (trivial) trivials.push(p);
    irreps.push({ offset: p, size: irr.size, trivial });
    p += irr.size;
  }
  return { trivials, irreps };
}

/** True when `m` is the identity to 1e-8 (escnn skips the change of basis when `np.allclose(Q, I)`). */
export function isIdentity(m: MatrixLike): boolean {
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.columns; j++) {
      if (Math.abs(m.get(i, j) - (i === j ? 1 : 0)) > 1e-8) return false;
    }
  }
  return true;
}
