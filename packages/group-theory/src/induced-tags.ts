/**
 * escnn's sized nonlinearity tags of induced representations, `induced_norm_<d>` and `induced_gated_<d>`.
 */
import { InvalidArgumentError } from './errors.js';
import type { NonlinearityTag, RepresentationLike } from './irrep.js';

/** The two induced nonlinearities whose tags carry a sub-field size. */
export type InducedNonlinearity = 'norm' | 'gated';

/**
 * escnn's tag of a representation induced from a `ψ` of dimension `subfieldSize` supporting `kind`:
 * `induced_norm_<dim ψ>` or `induced_gated_<dim ψ>`.
 *
 * @throws InvalidArgumentError for an unknown `kind` or a `subfieldSize` that is not a positive integer.
 * @see escnn's `_induced_nonlinearities`
 */
export function inducedTag(
  kind: InducedNonlinearity,
  subfieldSize: number,
): `induced_norm_${number}` | `induced_gated_${number}` {
  const fn = 'inducedTag';
  if (kind !== 'norm' && kind !== 'gated') {
    throw new InvalidArgumentError(fn, 'kind', kind, "must be 'norm' or 'gated'");
  }
  if (!Number.isInteger(subfieldSize) || subfieldSize < 1) {
    throw new InvalidArgumentError(fn, 'subfieldSize', subfieldSize, 'must be a positive integer');
  }
  return kind === 'norm' ? `induced_norm_${subfieldSize}` : `induced_gated_${subfieldSize}`;
}

/**
 * The sub-field size `d` a representation declares for the induced nonlinearity `kind`, read from its tag
 * `induced_<kind>_<d>`: each field of `rep` is `size / d` consecutive sub-fields of `d` channels that every
 * `rep(g)` permutes (acting on each by an orthogonal matrix), as for `Ind_H^G ψ` with `d = dim ψ`. `undefined`
 * when `rep` has no such tag (it does not support the induced nonlinearity).
 *
 * As escnn's modules do, a representation may declare at most one size per kind.
 *
 * @throws InvalidArgumentError if `rep` is not a representation, `kind` is unknown, or `rep` declares several
 *   sizes, one that is not a positive integer, or one that does not divide its size.
 * @see escnn's `InducedNormNonLinearity` / `InducedGatedNonLinearity1` (`int(nl.split('_')[-1])`)
 */
export function inducedSubfieldSize(rep: RepresentationLike, kind: InducedNonlinearity): number | undefined {
  const fn = 'inducedSubfieldSize';
  if (rep === null || typeof rep !== 'object' || !(rep.supportedNonlinearities instanceof Set)) {
    throw new InvalidArgumentError(fn, 'rep', rep, 'must be a representation');
  }
  if (kind !== 'norm' && kind !== 'gated') {
    throw new InvalidArgumentError(fn, 'kind', kind, "must be 'norm' or 'gated'");
  }
  const prefix = `induced_${kind}_`;
  const sizes = [...rep.supportedNonlinearities]
    .filter((t: NonlinearityTag) => t.startsWith(prefix))
    .map((t) => t.slice(prefix.length));
  if (sizes.length === 0) return undefined;
  if (sizes.length > 1) {
    throw new InvalidArgumentError(
      fn,
      'rep',
      rep.name,
      `must declare one sub-field size for '${kind}', not ${sizes.length} (${sizes.join(', ')})`,
    );
  }
  const text = sizes[0]!;
  const d = /^[1-9]\d*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(d) || rep.size % d !== 0) {
    throw new InvalidArgumentError(
      fn,
      'rep',
      `${rep.name} tagged ${prefix}${text}`,
      `must declare a sub-field size that is a positive integer dividing its size ${rep.size}`,
    );
  }
  return d;
}
