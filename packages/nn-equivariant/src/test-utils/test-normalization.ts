import { FieldType } from '@steerable/field-types';
import type { RepresentationLike } from '@steerable/group-theory';
import type { GSpace, GSpace2D } from '@steerable/gspaces';

/** Regular, irreps and trivial fields; a name appearing in non-contiguous places. */
export function fieldNormType(gs: GSpace): FieldType {
  const finite = gs.fibergroup.order() > 0;
  const irreps = gs.fibergroup.irreps();
  const reps: RepresentationLike[] = finite
    ? [gs.regularRepr, irreps[irreps.length - 1]!, gs.trivialRepr, gs.regularRepr]
    : [irreps[1]!, gs.trivialRepr, irreps[irreps.length - 1]!, irreps[1]!];
  return new FieldType(gs, reps);
}

/** Induced fields without trivial irreps, and escnn's sub-field size of each. */
export function inducedType(gs: GSpace2D | GSpace): { type: FieldType; sub: number[] } {
  const G = gs.fibergroup;
  const sub = (id: unknown) => G.subgroup(id).subgroup;
  const cases: [RepresentationLike, number][] =
    G.name === 'O(2)'
      ? [
          [gs.inducedRepr([null, -1], sub([null, -1]).irrep(1)), 2],
          [gs.inducedRepr([null, -1], sub([null, -1]).irrep(2)), 2],
        ]
      : G.name.startsWith('D')
        ? [[gs.inducedRepr([null, 2], sub([null, 2]).irrep(1)), 1]]
        : [[gs.inducedRepr(2, sub(2).irrep(1)), 1]];
  const reps = [cases[0]!, ...cases, cases[0]!];
  return {
    type: new FieldType(
      gs,
      reps.map(([r]) => r),
    ),
    sub: reps.map(([, d]) => d),
  };
}
