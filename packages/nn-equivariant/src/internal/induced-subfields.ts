/**
 * The sub-field sizes of induced fields, shared by `InducedNormPool`, `InducedNormBatchNorm`,
 * `InducedNormNonLinearity` and `InducedGatedNonLinearity1`. Not exported from the package.
 *
 * A representation induced from `ψ` carries escnn's tag `induced_norm_<dim ψ>` / `induced_gated_<dim ψ>`
 * (`quotient[…]`: `ψ` trivial, size 1): each field is `[G:H]` consecutive sub-fields of `dim ψ` channels, which
 * every `ρ(g)` permutes up to the orthogonal `ψ(h)`. The size is read from the tag, as escnn's modules do.
 */
import type { FieldType } from '@steerable/field-types';
import {
  type InducedNonlinearity,
  InvalidArgumentError,
  inducedSubfieldSize,
  type RepresentationLike,
} from '@steerable/group-theory';

/**
 * The sub-field size of field `index`, `r`, from its tag `induced_<kind>_<d>`; `override` (a module's
 * `subfieldSize` option, already validated as a positive integer) replaces `d` but must divide `r.size`.
 * @throws InvalidArgumentError if `r` does not support the induced `kind` nonlinearity, declares a bad size, or
 *   `override` does not divide its size.
 */
export function fieldSubfieldSize(
  fn: string,
  r: RepresentationLike,
  index: number,
  kind: InducedNonlinearity,
  override?: number,
): number {
  let d: number | undefined;
  try {
    d = inducedSubfieldSize(r, kind);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InvalidArgumentError(fn, 'inType', r.name, `field ${index} has a bad induced tag (${why})`);
  }
  if (d === undefined) {
    throw new InvalidArgumentError(
      fn,
      'inType',
      r.name,
      `must have fields supporting 'induced_${kind}' (a tag induced_${kind}_<d>: induced representations), but field ${index} does not`,
    );
  }
  if (override === undefined) return d;
  if (r.size % override !== 0) {
    throw new InvalidArgumentError(
      fn,
      'options.subfieldSize',
      override,
      `must divide the size ${r.size} of field ${index} ("${r.name}")`,
    );
  }
  return override;
}

/**
 * The sub-field size of every field of `inType` for the induced `kind` nonlinearity (see
 * {@link fieldSubfieldSize}), `subfieldSize` overriding the tags when given.
 * @throws InvalidArgumentError for a field without the tag, or a `subfieldSize` that is not a positive integer
 *   or does not divide a field's size.
 */
export function subfieldSizes(
  fn: string,
  inType: FieldType,
  kind: InducedNonlinearity,
  subfieldSize?: number,
): number[] {
  if (subfieldSize !== undefined && !(Number.isInteger(subfieldSize) && subfieldSize > 0)) {
    throw new InvalidArgumentError(fn, 'options.subfieldSize', subfieldSize, 'must be a positive integer');
  }
  return inType.representations.map((r, i) => fieldSubfieldSize(fn, r, i, kind, subfieldSize));
}
