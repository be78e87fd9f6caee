/**
 * The sub-field size of an induced representation, for the induced nonlinearities. Not exported.
 *
 * escnn tags a representation induced from `ψ` with `induced_norm_<dim ψ>` / `induced_gated_<dim ψ>`; our
 * tags carry no size, so the size is recovered from the name the representations package gives
 * (`induced[<subgroup id>][<ψ name>]`, `quotient[<subgroup id>]`): the subgroup is looked up with its id and
 * `dim ψ` read from its irrep. A name that is not of that form cannot be handled.
 */

import {
  type Group,
  InvalidArgumentError,
  type NonlinearityTag,
  type RepresentationLike,
} from '@steerable/group-theory';

/** Parses escnn's Python repr of a planar subgroup id: `2`, `(None, 4)`, `(0, 1)`, `(0.0, -1)`. */
function parseSubgroupId(s: string): unknown {
  const t = s.trim();
  if (/^-?\d+$/.test(t)) return Number(t);
  const m = /^\((.*)\)$/.exec(t);
  if (!m) return undefined;
  const parts = m[1]!.split(',').map((p) => p.trim());
  const out: (number | null)[] = [];
  for (const p of parts) {
    if (p === 'None') out.push(null);
    else if (/^-?\d+(\.\d*)?(e-?\d+)?$/.test(p)) out.push(Number(p));
    else return undefined;
  }
  return out;
}

/**
 * `dim ψ` of a field induced from the irrep `ψ` of a subgroup (1 for a quotient representation), when the
 * field supports `tag`.
 * @throws InvalidArgumentError if the field does not support `tag` or was not built by
 *   `inducedRepresentation` / `quotientRepresentation` (or `gspace.inducedRepr` / `quotientRepr`).
 */
export function inducedSubfieldSize(
  fn: string,
  G: Group,
  r: RepresentationLike,
  tag: NonlinearityTag,
  index: number,
): number {
  const fail = (why: string) => new InvalidArgumentError(fn, 'inType', r.name, `field ${index} ${why}`);
  if (!r.supportedNonlinearities.has(tag)) throw fail(`does not support '${tag}' nonlinearities`);
  let d: number | undefined;
  if (/^quotient\[.*\]$/.test(r.name)) d = 1;
  const m = /^induced\[(.*)\]\[(.+)\]$/.exec(r.name);
  if (m) {
    const id = parseSubgroupId(m[1]!);
    const psi = /^irrep_(-?\d+(?:,-?\d+)*)$/.exec(m[2]!);
    if (id !== undefined && psi) {
      try {
        d = G.subgroup(id).subgroup.irrep(...psi[1]!.split(',').map(Number)).size;
      } catch {
        d = undefined;
      }
    }
  }
  if (d === undefined || r.size % d !== 0) {
    throw fail(
      'must be an induced or quotient representation built by inducedRepresentation / quotientRepresentation (its sub-field size is read from its name)',
    );
  }
  return d;
}
