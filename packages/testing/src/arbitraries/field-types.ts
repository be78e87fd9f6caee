/**
 * fast-check arbitraries for the field types of a gspace: random multiplicities of trivial, irreducible,
 * regular and quotient fields, in random order.
 */
import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import fc from 'fast-check';

/** The kinds of feature fields {@link arbitraryFieldType} draws from. */
export type FieldKind = 'trivial' | 'irrep' | 'regular' | 'quotient';

/** Options of {@link arbitraryFieldType}. */
export interface FieldTypeOptions {
  /** Kinds of fields allowed. @defaultValue all four */
  readonly kinds?: readonly FieldKind[];
  /** Most fields in a type. @defaultValue 4 */
  readonly maxFields?: number;
  /** Most channels (the type's size), to keep tests fast. @defaultValue 24 */
  readonly maxSize?: number;
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let m = 2; m < n; m++) if (n % m === 0) out.push(m);
  return out;
}

/**
 * The representations of `gspace` of one kind: the trivial one; the non-trivial irreps (escnn's order; for
 * SO(2)/O(2) those up to the gspace's maximum frequency); the regular one (finite groups); quotients by
 * proper subgroups (C_N: rotations by a divisor M; D_N: the flip, and rotations). A kind the gspace lacks
 * gives an empty list.
 */
export function representationsOfKind(gspace: GSpace, kind: FieldKind): RepresentationLike[] {
  const G = gspace.fibergroup;
  switch (kind) {
    case 'trivial':
      return [gspace.trivialRepr];
    case 'irrep':
      return gspace.irreps.filter((r) => !r.isTrivial());
    case 'regular':
      return G.continuous ? [] : [gspace.regularRepr];
    case 'quotient': {
      if (G.continuous) return [];
      const order = G.order();
      const ids: unknown[] = G.name.startsWith('D')
        ? [[0, 1], ...divisors(order / 2).map((m) => [null, m])]
        : divisors(order);
      const out: RepresentationLike[] = [];
      for (const id of ids) {
        try {
          out.push(gspace.quotientRepr(id));
        } catch {
          // not a subgroup id of this group
        }
      }
      return out;
    }
    default:
      throw new InvalidArgumentError('representationsOfKind', 'kind', kind, 'must be a FieldKind');
  }
}

/**
 * An arbitrary field type over `gspace`: between 1 and `maxFields` fields drawn from the allowed kinds
 * (so random multiplicities, in random order), at most `maxSize` channels. Shrinks towards fewer fields.
 * @throws InvalidArgumentError for bad options, or when no allowed kind exists on `gspace`.
 */
export function arbitraryFieldType(gspace: GSpace, options: FieldTypeOptions = {}): fc.Arbitrary<FieldType> {
  const fn = 'arbitraryFieldType';
  const kinds = options.kinds ?? ['trivial', 'irrep', 'regular', 'quotient'];
  const maxFields = options.maxFields ?? 4;
  const maxSize = options.maxSize ?? 24;
  if (!Number.isInteger(maxFields) || maxFields < 1) {
    throw new InvalidArgumentError(fn, 'options.maxFields', maxFields, 'must be a positive integer');
  }
  if (!Number.isInteger(maxSize) || maxSize < 1) {
    throw new InvalidArgumentError(fn, 'options.maxSize', maxSize, 'must be a positive integer');
  }
  const reprs = kinds.flatMap((k) => representationsOfKind(gspace, k)).filter((r) => r.size <= maxSize);
  if (reprs.length === 0) {
    throw new InvalidArgumentError(
      fn,
      'options.kinds',
      kinds,
      `must include a kind of field ${gspace.name} has`,
    );
  }
  return fc
    .array(fc.integer({ min: 0, max: reprs.length - 1 }), { minLength: 1, maxLength: maxFields })
    .map((idx) => {
      const fields: RepresentationLike[] = [];
      let size = 0;
      for (const i of idx) {
        const r = reprs[i]!;
        if (fields.length > 0 && size + r.size > maxSize) continue;
        fields.push(r);
        size += r.size;
      }
      return new FieldType(gspace, fields);
    });
}
