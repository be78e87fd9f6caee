/**
 * What the finite rotation groups of the Platonic solids (escnn's `Octahedral`, `Icosahedral`) share: elements
 * are unit quaternions `[x, y, z, w]` from a {@link RotationTable} in escnn's order, parsed and formatted in
 * every SO(3) parametrization, multiplied through the table; irreps are tables of matrices, one per element;
 * subgroups by escnn's ids are in `polyhedral-subgroups.ts`.
 */
import type { GroupElement } from '../element.js';
import { InvalidArgumentError, UnknownIrrepError } from '../errors.js';
import { Group, type RestrictedIrrep, type SampleOptions, type SubgroupMap } from '../group.js';
import { checkIrrepId, IrreducibleRepresentation, type NonlinearityTag } from '../irrep.js';
import { randomInt, uniformStream } from '../random.js';
import type { RotationTable } from './polyhedra.js';
import {
  type PolyhedralSubgroupSpec,
  polyhedralCombineSubgroups,
  polyhedralRestrictIrrep,
  polyhedralSubgroup,
} from './polyhedral-subgroups.js';
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
  /** escnn's id of the group itself and the axes of its C_N. @internal */
  protected abstract readonly subgroupSpec: PolyhedralSubgroupSpec;
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

  protected buildSubgroup(id: unknown, fn: string): SubgroupMap {
    return polyhedralSubgroup(this, this.subgroupSpec, id, fn);
  }

  protected restrictIrrepImpl(
    irrep: IrreducibleRepresentation,
    map: SubgroupMap,
    fn: string,
  ): RestrictedIrrep {
    return polyhedralRestrictIrrep(irrep, map, fn);
  }

  protected combineSubgroupIds(map: SubgroupMap, id2: unknown): unknown {
    return polyhedralCombineSubgroups(this, this.subgroupSpec, map, id2);
  }
}
