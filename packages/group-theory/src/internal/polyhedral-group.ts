/**
 * What the finite rotation groups of the Platonic solids (escnn's `Octahedral`, `Icosahedral`) share: elements
 * are unit quaternions `[x, y, z, w]` from a {@link RotationTable} in escnn's order, parsed and formatted in
 * every SO(3) parametrization, multiplied through the table; irreps are tables of matrices, one per element;
 * subgroups are entries of a table keyed by escnn's ids.
 */
import { cyclicGroup } from '../cyclic.js';
import type { GroupElement } from '../element.js';
import { InvalidArgumentError, UnknownIrrepError, UnknownSubgroupError } from '../errors.js';
import { Group, type RestrictedIrrep, type SampleOptions, type SubgroupMap } from '../group.js';
import { checkIrrepId, IrreducibleRepresentation, type NonlinearityTag } from '../irrep.js';
import { randomInt, uniformStream } from '../random.js';
import type { RotationTable } from './polyhedra.js';
import {
  formatRotation,
  parseRotation,
  type Quaternion,
  quaternionDistance,
  quaternionToMatrix,
  SO3_PARAMETRIZATIONS,
} from './so3-quaternion.js';
import { StandardRepresentation } from './so3-standard.js';
import { wignerD } from './so3-wigner.js';
import { makeSubgroupMap, subgroupKey } from './subgroup.js';

/**
 * A rotation matches an element when `1 - |⟨q, g⟩|` is at most this: rotations within about 3e-5 radians,
 * as escnn's `_is_element` accepts matrix entries within `rtol = 1e-5` of the solid's.
 */
const ELEMENT_TOLERANCE = 1e-10;

/** How a group builds one of its irreps. */
export interface PolyhedralIrrepSpec {
  /** Size of the matrices. */
  readonly dimension: number;
  /** Row-major matrices, one per element in the table's order. */
  readonly matrices: () => readonly Float64Array[];
  /** escnn's `supported_nonlinearities`. */
  readonly supportedNonlinearities: readonly NonlinearityTag[];
  /** escnn's irrep attributes. */
  readonly attributes?: Readonly<Record<string, number>>;
}

/** A subgroup of a polyhedral group: its escnn id, and how to build its map and restrict irreps to it. */
export interface PolyhedralSubgroupEntry {
  /** escnn's id, in the form `subgroup()` returns as `map.id`. */
  readonly id: unknown;
  /** The subgroup and its inclusion and restriction maps. */
  readonly build: (G: PolyhedralGroup) => SubgroupMap;
  /** The restriction of an irrep of `G` to the subgroup. */
  readonly restrict: (irrep: IrreducibleRepresentation) => RestrictedIrrep;
  /** The id in `G` of the subgroup `id2` of this subgroup (escnn's `_combine_subgroups`). */
  readonly combine: (G: PolyhedralGroup, id2: unknown) => unknown;
}

/** escnn's trivial subgroup id `(False, 1)`: C_1. */
export const TRIVIAL_SUBGROUP: PolyhedralSubgroupEntry = {
  id: Object.freeze([false, 1]),
  build: (G) => {
    const C1 = cyclicGroup(1);
    return makeSubgroupMap(
      G,
      C1,
      [false, 1],
      () => G.identity,
      (g) => (g.isIdentity() ? C1.identity : null),
    );
  },
  restrict: (irrep) => ({
    irreps: Object.freeze(Array.from({ length: irrep.dimension }, () => Object.freeze([0]))),
    changeOfBasis: irrep.changeOfBasis,
  }),
  combine: (G) => G.subgroupTrivialId,
};

/** The group itself, escnn's id `name` (`'octa'`, `'ico'`). */
export function selfSubgroup(name: string): PolyhedralSubgroupEntry {
  return {
    id: name,
    build: (G) =>
      makeSubgroupMap(
        G,
        G,
        name,
        (h) => h,
        (g) => g,
      ),
    restrict: (irrep) => ({ irreps: Object.freeze([irrep.id]), changeOfBasis: irrep.changeOfBasis }),
    combine: (_G, id2) => id2,
  };
}

/**
 * A finite subgroup of SO(3) given by a table of quaternions (escnn's `Octahedral`, `Icosahedral`).
 * Canonical values are the table's quaternions, escnn's representatives with their signs.
 */
export abstract class PolyhedralGroup extends Group<Quaternion> {
  readonly continuous = false;
  readonly defaultParam = 'Q';
  readonly parametrizations = SO3_PARAMETRIZATIONS;
  /** The elements and their multiplication table. @internal */
  protected abstract readonly table: RotationTable;
  /** The irrep ids `[l]` in escnn's order. */
  protected abstract readonly irrepIds: readonly number[];
  /** Indices in `elements` of escnn's generators. */
  protected abstract readonly generatorIndices: readonly number[];
  /** The subgroups, by the key of their normalized id. @internal */
  protected abstract readonly subgroupTable: ReadonlyMap<string, PolyhedralSubgroupEntry>;
  /** How irrep `[l]` is built. @internal */
  protected abstract irrepSpec(l: number): PolyhedralIrrepSpec;

  readonly #irreps = new Map<number, IrreducibleRepresentation>();
  #elements: readonly GroupElement<Quaternion>[] | undefined;
  #standard: StandardRepresentation | undefined;

  order(): number {
    return this.table.order;
  }

  /** Index of a canonical value in `elements`. */
  protected indexOf(value: Quaternion): number {
    return this.table.find(value, ELEMENT_TOLERANCE);
  }

  protected parse(value: unknown, param: string, fn: string): Quaternion {
    const q = parseRotation(value, param);
    const i = q === null ? -1 : this.indexOf(q);
    if (i < 0) {
      throw new InvalidArgumentError(
        fn,
        'value',
        value,
        `must be a rotation of the ${this.name} group in parametrization '${param}'`,
      );
    }
    return this.table.quaternions[i]!;
  }

  protected format(value: Quaternion, param: string): unknown {
    return formatRotation(value, param);
  }

  protected multiply(a: Quaternion, b: Quaternion): Quaternion {
    return this.table.quaternions[this.table.product(this.indexOf(a), this.indexOf(b))]!;
  }

  protected invert(a: Quaternion): Quaternion {
    return this.table.quaternions[this.table.inverse(this.indexOf(a))]!;
  }

  protected valuesEqual(a: Quaternion, b: Quaternion, tolerance: number): boolean {
    return a === b || quaternionDistance(a, b) <= tolerance;
  }

  protected identityValue(): Quaternion {
    return this.table.quaternions[this.table.identity]!;
  }

  protected describe(value: Quaternion): string {
    return `(${value.map((x) => (x + 0).toFixed(4)).join(', ')})`;
  }

  /** The elements in escnn's order (the regular representation's basis). */
  get elements(): readonly GroupElement<Quaternion>[] {
    this.#elements ??= Object.freeze(this.table.quaternions.map((q) => this.element(q)));
    return this.#elements;
  }

  /** escnn's generators. */
  get generators(): readonly GroupElement<Quaternion>[] {
    return this.generatorIndices.map((i) => this.elements[i]!);
  }

  /** All elements, as escnn. */
  get testingElements(): readonly GroupElement<Quaternion>[] {
    return this.elements;
  }

  /** `n` elements drawn uniformly, reproducibly from `options.seed`. */
  sample(n: number, options?: SampleOptions): GroupElement<Quaternion>[] {
    const fn = `${this.name}.sample`;
    const count = this.checkCount(fn, n);
    const rand = uniformStream(this.checkSeed(fn, options));
    return Array.from({ length: count }, () => this.elements[randomInt(rand, this.order())]!);
  }

  /**
   * `'rand'`: `n` samples; `'regular'`: every element, in escnn's order (`n` must be the order). escnn's
   * polyhedral groups have no grids of their own; these are the finite planar groups' grid types.
   * @throws InvalidArgumentError for another type or size.
   */
  grid(type: string, n: number, options?: SampleOptions): GroupElement<Quaternion>[] {
    const fn = `${this.name}.grid`;
    const count = this.checkCount(fn, n);
    if (type === 'rand') return this.sample(count, options);
    if (type !== 'regular') throw new InvalidArgumentError(fn, 'type', type, "must be 'regular' or 'rand'");
    if (count !== this.order())
      throw new InvalidArgumentError(fn, 'n', n, `must be the order ${this.order()}`);
    return [...this.elements];
  }

  /** The trivial irrep `[0]`, built alone. */
  override get trivialRepresentation(): IrreducibleRepresentation {
    return this.irrep(0);
  }

  /** Every irrep, escnn's order. */
  irreps(): readonly IrreducibleRepresentation[] {
    return this.irrepIds.map((l) => this.irrep(l));
  }

  /**
   * The irrep `[l]`.
   * @throws UnknownIrrepError for an id the group does not have.
   */
  irrep(...id: number[]): IrreducibleRepresentation {
    const fn = `${this.name}.irrep`;
    checkIrrepId(fn, id);
    const l = id[0]!;
    if (id.length !== 1 || !this.irrepIds.includes(l)) throw new UnknownIrrepError(fn, this.name, id);
    let irrep = this.#irreps.get(l);
    if (irrep === undefined) {
      const spec = this.irrepSpec(l);
      let matrices: readonly Float64Array[] | undefined;
      const d = spec.dimension;
      const identityMatrix = new Float64Array(d * d);
      for (let i = 0; i < d; i++) identityMatrix[i * d + i] = 1;
      irrep = new IrreducibleRepresentation(this, {
        id: [l],
        dimension: d,
        type: 'R',
        matrix: (value) => {
          matrices ??= spec.matrices();
          return matrices[this.indexOf(value as Quaternion)]!.slice();
        },
        endomorphismBasis: [identityMatrix],
        supportedNonlinearities: spec.supportedNonlinearities,
        ...(spec.attributes === undefined ? {} : { attributes: spec.attributes }),
      });
      this.#irreps.set(l, irrep);
    }
    return irrep;
  }

  /**
   * Matrices of SO(3)'s irrep `[l]` (escnn's real Wigner D) at every element, the identity's exactly `I`:
   * escnn builds the irreps of its polyhedral groups that are restrictions of SO(3)'s this way. (From the
   * Wigner recursion directly, not through `so3.ts`, which imports these groups as its subgroups.)
   */
  protected wignerMatrices(l: number): Float64Array[] {
    const d = 2 * l + 1;
    return this.table.quaternions.map((q, i) => {
      if (i === this.table.identity) {
        const eye = new Float64Array(d * d);
        for (let k = 0; k < d; k++) eye[k * d + k] = 1;
        return eye;
      }
      return wignerD(q, l).slice();
    });
  }

  /**
   * The standard representation on R³ (escnn's `standard_representation`): the rotation matrix, `irrep(1)` in
   * the basis `(x, y, z)` (`R = Q D¹ Qᵀ`, `Q = [[0, 0, 1], [1, 0, 0], [0, 1, 0]]`).
   */
  standardRepresentation(): StandardRepresentation {
    this.#standard ??= new StandardRepresentation(this, this.irrep(1), (v) =>
      quaternionToMatrix(v as Quaternion),
    );
    return this.#standard;
  }

  /** Normalizes escnn's forms of a subgroup id (`'octa'` and `('octa',)` are the same) to a table key. @internal */
  protected subgroupEntry(id: unknown, fn: string): PolyhedralSubgroupEntry {
    const normalized = Array.isArray(id) && id.length === 1 ? id[0] : id;
    const entry = this.subgroupTable.get(subgroupKey(normalized));
    if (entry === undefined) throw new UnknownSubgroupError(fn, this.name, id);
    return entry;
  }

  protected buildSubgroup(id: unknown, fn: string): SubgroupMap {
    return this.subgroupEntry(id, fn).build(this);
  }

  protected restrictIrrepImpl(
    irrep: IrreducibleRepresentation,
    map: SubgroupMap,
    fn: string,
  ): RestrictedIrrep {
    return this.subgroupEntry(map.id, fn).restrict(irrep);
  }

  protected combineSubgroupIds(map: SubgroupMap, id2: unknown): unknown {
    return this.subgroupEntry(map.id, `${this.name}.combineSubgroups`).combine(this, id2);
  }
}

/** A subgroup table from its entries, keyed by {@link subgroupKey} of each id. */
export function subgroupTable(
  entries: readonly PolyhedralSubgroupEntry[],
): ReadonlyMap<string, PolyhedralSubgroupEntry> {
  return new Map(entries.map((e) => [subgroupKey(e.id), e]));
}
