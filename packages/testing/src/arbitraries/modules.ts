/**
 * fast-check arbitraries for modules of `@steerable/nn-equivariant` on a gspace: the cases of the
 * certification registry, and convolutions / linear maps between random field types.
 */
import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import type { GSpace } from '@steerable/gspaces';
import fc from 'fast-check';
import type { CertifyOptions } from '../certify.js';
import {
  CERTIFICATION_REGISTRY,
  type CertificationEntry,
  type ModuleCase,
  moduleConstructor,
  PLANAR_GSPACES,
} from '../registry.js';
import { arbitraryFieldType, type FieldTypeOptions } from './field-types.js';

/** A module case with the name of its class. */
export interface NamedModuleCase extends ModuleCase {
  /** The class name in nn-equivariant. */
  readonly module: string;
  /** The registry entry's certification options (grid sizes, exact elements only, ...). */
  readonly options: CertifyOptions;
}

/** Options of {@link arbitraryModuleCase}. */
export interface ModuleArbitraryOptions {
  /** Only these classes. @defaultValue every exported class with a registry entry */
  readonly modules?: readonly string[];
  /** The random field types of R2Conv / Linear. @defaultValue at most 3 fields, 16 channels */
  readonly fieldTypes?: FieldTypeOptions;
  /** The registry to draw from. @defaultValue {@link CERTIFICATION_REGISTRY} */
  readonly registry?: readonly CertificationEntry[];
}

function dimensionality(entry: CertificationEntry): number {
  const first = (entry.gspaces ?? PLANAR_GSPACES)[0];
  return first === undefined ? -1 : first.make().dimensionality;
}

/**
 * An arbitrary module on `gspace`, as a lazy builder (modules own TF.js variables: build it in the property
 * and dispose it there): one of the registry's cases for this kind of base space, or an `R2Conv` (R²) /
 * `Linear` (R⁰) between two random field types (each with a trivial field first, so that the space of
 * equivariant maps is never empty). Shrinks towards the first registry case.
 */
export function arbitraryModuleCase(
  gspace: GSpace,
  options: ModuleArbitraryOptions = {},
): fc.Arbitrary<NamedModuleCase> {
  const registry = options.registry ?? CERTIFICATION_REGISTRY;
  const wanted = (name: string) => options.modules === undefined || options.modules.includes(name);
  const d = gspace.dimensionality;
  const cases: NamedModuleCase[] = [];
  for (const entry of registry) {
    const C = moduleConstructor(entry.module);
    if (C === undefined || !wanted(entry.module) || dimensionality(entry) !== d) continue;
    for (const c of entry.cases(gspace, C))
      cases.push({ ...c, module: entry.module, options: entry.options ?? {} });
  }
  const arbs: fc.Arbitrary<NamedModuleCase>[] = [];
  if (cases.length > 0) arbs.push(fc.integer({ min: 0, max: cases.length - 1 }).map((i) => cases[i]!));
  const name = d === 0 ? 'Linear' : 'R2Conv';
  const C = moduleConstructor(name);
  if (C !== undefined && wanted(name)) {
    const types = arbitraryFieldType(gspace, { maxFields: 3, maxSize: 16, ...options.fieldTypes }).map(
      (t) => new FieldType(gspace, [gspace.trivialRepr, ...t.representations]),
    );
    const seed = fc.integer({ min: 0, max: 0x7fffffff });
    arbs.push(
      d === 0
        ? fc.tuple(types, types, seed).map(([a, b, s]) => ({
            module: name,
            options: {},
            label: `${a} → ${b}`,
            build: () => C(a, b, { seed: s }),
          }))
        : fc.tuple(types, types, fc.constantFrom(3, 5), seed).map(([a, b, k, s]) => ({
            module: name,
            options: {},
            label: `${a} → ${b}, ${k}×${k}`,
            build: () => C(a, b, k, { seed: s }),
          })),
    );
  }
  if (arbs.length === 0) {
    throw new InvalidArgumentError(
      'arbitraryModuleCase',
      'options.modules',
      options.modules,
      `must name exported modules with cases on ${gspace.name}`,
    );
  }
  return fc.oneof(...arbs);
}
