/**
 * The sub-fields of an induced representation, shared by `InducedNormPool` and `InducedNormBatchNorm`.
 * Not exported from the package.
 *
 * escnn tags a representation induced from `ψ` with `induced_norm_<dim ψ>` and splits each field into
 * `[G:H]` consecutive sub-fields of size `dim ψ`, which every `ρ(g)` permutes (block `i` goes to block `j`
 * through `ψ(h)`), so the norm of each sub-field is permuted too. Our representations carry the plain
 * `induced_norm` tag, so `dim ψ` is read from the name escnn gives induced representations,
 * `induced[<subgroup id>][<ψ name>]` (`quotient[<id>]`: `ψ` trivial), looking `ψ` up among the subgroup's irreps;
 * for a representation named otherwise it is inferred from the matrices: the smallest `d` dividing the size for
 * which every generator acts block-monomially on blocks of `d` consecutive channels (which is `dim ψ` unless
 * the `ψ(h)` are themselves signed permutations).
 */
import type { FieldType } from '@steerable/field-types';
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import type { Matrix } from 'ml-matrix';

const TOL = 1e-9;

/** Whether `m` maps each block of `d` consecutive coordinates into exactly one block. */
function blockMonomial(m: Matrix, d: number): boolean {
  const n = m.rows / d;
  for (let bi = 0; bi < n; bi++) {
    let hits = 0;
    for (let bj = 0; bj < n; bj++) {
      let nonzero = false;
      for (let i = 0; i < d && !nonzero; i++)
        for (let j = 0; j < d && !nonzero; j++)
          if (Math.abs(m.get(bi * d + i, bj * d + j)) > TOL) nonzero = true;
      if (nonzero) hits++;
    }
    if (hits !== 1) return false;
  }
  return true;
}

/**
 * The smallest `d` dividing `r.size` such that `ρ(g)` is block-monomial on blocks of `d` channels for every
 * generator and testing element of the group (so for every element). `d = r.size` always qualifies.
 */
export function inferSubfieldSize(r: RepresentationLike): number {
  const G = r.group;
  const mats = [...G.generators, ...G.testingElements].map((g) => r.at(g));
  for (let d = 1; d < r.size; d++) {
    if (r.size % d === 0 && mats.every((m) => blockMonomial(m, d))) return d;
  }
  return r.size;
}

/** A subgroup id printed as Python does (`4`, `(None, 4)`, `(0.0, 1)`) read back, or undefined. */
function parsePythonId(text: string): unknown {
  const json = text
    .replace(/None/g, 'null')
    .replace(/True/g, 'true')
    .replace(/False/g, 'false')
    .replace(/'/g, '"')
    .replace(/\(/g, '[')
    .replace(/,\s*\)/g, ']')
    .replace(/\)/g, ']');
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * `dim ψ` from escnn's name of an induced representation, `induced[<id>][<ψ name>]` or `quotient[<id>]`, when
 * the subgroup and `ψ` are found and blocks of that size are permuted by `ρ`; undefined otherwise.
 */
export function subfieldSizeFromName(r: RepresentationLike): number | undefined {
  const quotient = /^quotient\[(.*)\]$/.exec(r.name);
  const induced = /^induced\[(.*)\]\[([^\]]*)\]$/.exec(r.name);
  let d: number | undefined;
  try {
    if (quotient) {
      if (parsePythonId(quotient[1]!) !== undefined) d = 1;
    } else if (induced) {
      const id = parsePythonId(induced[1]!);
      if (id === undefined) return undefined;
      const H = r.group.subgroup(id).subgroup;
      const name = induced[2]!;
      const psi =
        H.irreps().find((i) => i.name === name) ??
        (/^irrep_[-0-9,]+$/.test(name) ? H.irrep(...name.slice(6).split(',').map(Number)) : undefined);
      d = psi?.size;
    }
  } catch {
    return undefined;
  }
  if (d === undefined || r.size % d !== 0) return undefined;
  const mats = [...r.group.generators, ...r.group.testingElements].map((g) => r.at(g));
  return mats.every((m) => blockMonomial(m, d)) ? d : undefined;
}

/**
 * The sub-field size of every field of `inType` (see the file comment: from the name, else inferred), checking that each supports
 * `'induced_norm'`.
 * @param subfieldSize - overrides the inferred size (escnn's `dim ψ`); must divide every field's size.
 * @throws InvalidArgumentError for a field without `'induced_norm'` support or an override that does not divide
 *   a field's size.
 */
export function subfieldSizes(fn: string, inType: FieldType, subfieldSize: number | undefined): number[] {
  if (subfieldSize !== undefined && !(Number.isInteger(subfieldSize) && subfieldSize > 0)) {
    throw new InvalidArgumentError(fn, 'options.subfieldSize', subfieldSize, 'must be a positive integer');
  }
  const memo = new Map<RepresentationLike, number>();
  return inType.representations.map((r, i) => {
    if (!r.supportedNonlinearities.has('induced_norm')) {
      throw new InvalidArgumentError(
        fn,
        'inType',
        String(inType),
        `must have fields supporting 'induced_norm' (induced representations), but field ${i} ("${r.name}") does not`,
      );
    }
    if (subfieldSize !== undefined) {
      if (r.size % subfieldSize !== 0) {
        throw new InvalidArgumentError(
          fn,
          'options.subfieldSize',
          subfieldSize,
          `must divide the size ${r.size} of field ${i} ("${r.name}")`,
        );
      }
      return subfieldSize;
    }
    let d = memo.get(r);
    if (d === undefined) {
      d = subfieldSizeFromName(r) ?? inferSubfieldSize(r);
      memo.set(r, d);
    }
    return d;
  });
}
