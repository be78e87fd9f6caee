/**
 * The vocabulary of the certification registry: gspaces of the matrix, module cases, representative field
 * types, and helpers shared by the entries.
 */
import { FieldType } from '@steerable/field-types';
import {
  type InducedNonlinearity,
  type IrrepId,
  inducedSubfieldSize,
  type NonlinearityTag,
  type RepresentationLike,
} from '@steerable/group-theory';
import {
  flip2dOnR2,
  flipRot2dOnR2,
  type GSpace,
  noBaseSpace,
  rot2dOnR2,
  trivialOnR2,
} from '@steerable/gspaces';
import * as nn from '@steerable/nn-equivariant';
import type { CertifiableModule, CertifyOptions } from '../certify.js';

/** A gspace of the matrix, built on demand. */
export interface GSpaceCase {
  /** Short name used on the command line and in the table, e.g. `C8`. */
  readonly key: string;
  /** Builds the gspace. */
  readonly make: () => GSpace;
}

/** The planar gspaces every 2D module is certified on: cyclic, dihedral, reflections, SO(2), O(2), trivial. */
export const PLANAR_GSPACES: readonly GSpaceCase[] = Object.freeze([
  { key: 'C4', make: () => rot2dOnR2(4) },
  { key: 'C8', make: () => rot2dOnR2(8) },
  { key: 'D4', make: () => flipRot2dOnR2(4) },
  { key: 'D1', make: () => flip2dOnR2() },
  { key: 'SO2', make: () => rot2dOnR2(-1, { maximumFrequency: 2 }) },
  { key: 'O2', make: () => flipRot2dOnR2(-1, { maximumFrequency: 2 }) },
  { key: 'trivial', make: () => trivialOnR2() },
]);

/** The same groups acting on a single point (R⁰), for the modules of `[batch, C]` tensors (Linear, ...). */
export const POINT_GSPACES: readonly GSpaceCase[] = Object.freeze(
  PLANAR_GSPACES.filter((g) => g.key !== 'trivial').map((g) => ({
    key: `${g.key}@R0`,
    make: () => noBaseSpace(g.make().fibergroup),
  })),
);

/** One module instance to certify, with a label of its field types. */
export interface ModuleCase {
  /** What distinguishes this case, e.g. `regular→irreps`. */
  readonly label: string;
  /** Builds the module (construction errors are reported as failures of the case). */
  readonly build: () => CertifiableModule;
}

/** One module of the library and the cases it is certified on. */
export interface CertificationEntry {
  /** The exported class name in `@steerable/nn-equivariant`; the CLI reports entries it cannot find. */
  readonly module: string;
  /** The gspaces it supports. @defaultValue {@link PLANAR_GSPACES} */
  readonly gspaces?: readonly GSpaceCase[];
  /** The cases on one gspace: representative field types and arguments; `[]` when it has none there. */
  readonly cases: (gspace: GSpace, ctor: ModuleConstructor) => readonly ModuleCase[];
  /** Options of {@link certifyEquivariance} for this module (property, grid sizes, ...). */
  readonly options?: CertifyOptions;
}

/** A module class, called with the arguments of its constructor. */
export type ModuleConstructor = (...args: unknown[]) => CertifiableModule;

/** The exported class `name` of nn-equivariant as a constructor, or undefined when not exported. */
export function moduleConstructor(name: string): ModuleConstructor | undefined {
  const C = (nn as Record<string, unknown>)[name];
  if (typeof C !== 'function') return undefined;
  return (...args: unknown[]) => Reflect.construct(C, args) as CertifiableModule;
}

/**
 * The exported classes of nn-equivariant that are equivariant modules, less the bases that other exported
 * modules extend (abstract classes such as `PointwiseActivation`).
 */
export function exportedModuleClasses(): string[] {
  const base = (nn as Record<string, unknown>).EquivariantModule;
  if (typeof base !== 'function') return [];
  const classes = Object.entries(nn as Record<string, unknown>).filter(
    (e): e is [string, abstract new (...args: never[]) => unknown] =>
      typeof e[1] === 'function' && e[1] !== base && e[1].prototype instanceof base,
  );
  return classes
    .filter(([, c]) => !classes.some(([, d]) => d.prototype instanceof c))
    .map(([k]) => k)
    .sort();
}

// ---- representative field types ------------------------------------------------------------------

/** The representations of a gspace of size ≤ 8 supporting `tag` ('pointwise', 'norm', 'gated', ...). */
export function supporting(gs: GSpace, tag: NonlinearityTag | undefined): RepresentationLike[] {
  const G = gs.fibergroup;
  const candidates: RepresentationLike[] = [gs.trivialRepr, ...gs.irreps.filter((r) => !r.isTrivial())];
  if (!G.continuous) {
    candidates.push(gs.regularRepr);
    for (const id of G.name.startsWith('D') ? [[0, 1]] : [2]) {
      try {
        candidates.push(gs.quotientRepr(id));
      } catch {
        // no such subgroup here
      }
    }
  }
  return candidates.filter((r) => r.size <= 8 && (tag === undefined || r.supportedNonlinearities.has(tag)));
}

/**
 * Representative field types of `gs`: each supported kind once (a 'mixed' type), and the regular
 * representation twice (finite groups) or all irreps (continuous ones). Only representations supporting
 * `tag` when given.
 */
export function representativeTypes(
  gs: GSpace,
  tag?: NonlinearityTag,
): { readonly label: string; readonly type: FieldType }[] {
  const reprs = supporting(gs, tag);
  if (reprs.length === 0) return [];
  const out = [{ label: 'mixed', type: new FieldType(gs, reprs) }];
  if (!gs.fibergroup.continuous) {
    if (reprs.includes(gs.regularRepr))
      out.push({ label: 'regular×2', type: new FieldType(gs, [gs.regularRepr, gs.regularRepr]) });
  } else {
    const irreps = gs.irreps.filter((r) => tag === undefined || r.supportedNonlinearities.has(tag));
    if (irreps.length > 1) out.push({ label: 'irreps', type: new FieldType(gs, irreps) });
  }
  return out;
}

export function pointwise(options: object): CertificationEntry['cases'] {
  return (gs, C) =>
    representativeTypes(gs, 'pointwise').map(({ label, type }) => ({ label, build: () => C(type, options) }));
}

/**
 * Square pooling windows are mapped onto themselves only by the grid's own symmetries (rotations by multiples
 * of 90°, axis reflections): under 45° the window itself changes, so these modules are equivariant to exact
 * elements only (escnn says as much of its pointwise pooling); measured 10–23% relative L2 error at 45°, a
 * real deviation rather than interpolation error. They are certified on exact elements.
 */
export const SQUARE_WINDOWS: CertifyOptions = Object.freeze({ interpolated: false });

/**
 * Modules whose output is not a continuous function of a smooth input (an argmax over rotations, a unit
 * direction `x/|x|` at every pixel that is singular where a field vanishes, nearest-neighbour blocks): their
 * outputs are not band-limited, so no resampling reproduces them at the interpolated elements (measured
 * 11–27% relative L2 at 45°, from the jumps alone). They are certified on exact elements, where the grid
 * action is a permutation and equivariance is exact.
 */
export const DISCONTINUOUS: CertifyOptions = Object.freeze({ interpolated: false });

/** The module in training mode (batch statistics) or evaluation mode (running statistics). */
export function inMode(module: CertifiableModule, mode: 'train' | 'eval'): CertifiableModule {
  const m = module as { train?: (on: boolean) => unknown };
  if (typeof m.train === 'function') m.train(mode === 'train');
  return module;
}

/** Batch norms on representative types (supporting `tag`), in training and in evaluation mode. */
export function batchNorm(tag: NonlinearityTag | undefined): CertificationEntry['cases'] {
  return (gs, C) =>
    representativeTypes(gs, tag).flatMap(({ label, type }) =>
      (['train', 'eval'] as const).map((mode) => ({
        label: `${label}, ${mode}`,
        build: () => inMode(C(type), mode),
      })),
    );
}

/** Fourier modules: all irreps of the gspace (up to its band limit), the regular grid (16 rotations on SO(2)/O(2)). */
export function fourier(options: object): CertificationEntry['cases'] {
  return (gs, C) => {
    const ids: IrrepId[] = gs.irreps.map((r) => [...r.id]);
    const grid = gs.fibergroup.continuous ? { type: 'regular', N: 16 } : {};
    return [{ label: `2 fields, ${ids.length} irreps`, build: () => C(gs, 2, ids, { ...grid, ...options }) }];
  };
}

/** Quotient Fourier modules: the flip (D_N, O(2)) or C₂ (C_N, N even) subgroup, the irreps of that quotient. */
export function quotientFourier(options: object): CertificationEntry['cases'] {
  return (gs, C) => {
    const G = gs.fibergroup;
    // O(2)'s quotients need explicit coset representatives: finite groups only
    if (G.continuous) return [];
    const dihedral = G.name.startsWith('D');
    if (!dihedral && (G.order() % 2 !== 0 || G.order() < 4)) return [];
    const id = dihedral ? [0, 1] : 2;
    const quotient = gs.quotientRepr(id);
    const keys = new Set<string>();
    const ids = quotient.irreps.filter((i) => !keys.has(String(i)) && keys.add(String(i)) !== undefined);
    const grid = G.continuous ? { type: 'regular', N: 16 } : {};
    return [
      {
        label: `2 fields, quotient ${JSON.stringify(id)}`,
        build: () => C(gs, id, 2, ids, { ...grid, ...options }),
      },
    ];
  };
}

/** Representations induced from a subgroup (C_{N/2} ⊂ C_N, C_N ⊂ D_N, SO(2) ⊂ O(2)): its trivial and first irreps. */
export function induced(gs: GSpace): { gate: RepresentationLike; gated: RepresentationLike[] } | undefined {
  const G = gs.fibergroup;
  let id: unknown;
  if (G.name.startsWith('D') && G.order() >= 4) id = [null, G.order() / 2];
  else if (G.name.startsWith('O')) id = [null, -1];
  else if (G.name.startsWith('C') && G.order() >= 4 && G.order() % 2 === 0) id = G.order() / 2;
  else return undefined;
  const sub = gs.restrict(id).gspace;
  const irreps = sub.irreps.filter((r) => !r.isTrivial() && r.size <= 2).slice(0, 1);
  if (irreps.length === 0) return undefined;
  return { gate: gs.inducedRepr(id, sub.trivialRepr), gated: irreps.map((r) => gs.inducedRepr(id, r)) };
}

/** The representations supporting `tag`: escnn's `induced_gate`, or an induced tag `induced_<kind>_<d>`. */
export function withTag(
  reprs: readonly RepresentationLike[],
  tag: 'induced_gate' | InducedNonlinearity,
): RepresentationLike[] {
  return reprs.filter((r) =>
    tag === 'induced_gate' ? r.supportedNonlinearities.has(tag) : inducedSubfieldSize(r, tag) !== undefined,
  );
}
