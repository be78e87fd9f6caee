/**
 * The orthogonal group O(3) = SO(3) × {I, −I} (escnn's `O3`). An element is the pair `[j, r]`: the inversion
 * `−I` applied when `j = 1`, and the rotation `r` in any SO(3) parametrization (`[0, [x, y, z, w]]` in `'Q'`);
 * as a matrix it is `(−I)^j R(r)`.
 */
import { Matrix } from 'ml-matrix';
import type { GroupElement } from './element.js';
import { InvalidArgumentError, UnknownIrrepError } from './errors.js';
import {
  Group,
  type IrrepId,
  type RestrictedIrrep,
  type SampleOptions,
  type SubgroupMap,
  type TensorProductTerm,
} from './group.js';
import { o3CombineSubgroups, o3RestrictIrrep, o3Subgroup } from './internal/o3-subgroups.js';
import { so3ClebschGordan } from './internal/so3-clebsch-gordan.js';
import {
  checkGridType,
  type SphereGridOptions,
  so3GridRotations,
  sphereGridPoints,
} from './internal/so3-grid-types.js';
import {
  formatRotation,
  parseRotation,
  type Quaternion,
  quaternionDistance,
  quaternionInverse,
  quaternionMultiply,
  quaternionToMatrix,
  rotationVectorToQuaternion,
  SO3_PARAMETRIZATIONS,
} from './internal/so3-quaternion.js';
import { StandardRepresentation } from './internal/so3-standard.js';
import { preciseSubgroupKey } from './internal/so3-subgroup-ids.js';
import { checkIrrepId, IrreducibleRepresentation } from './irrep.js';
import { randomInt, uniformStream } from './random.js';
import { checkMaximumFrequency } from './so2.js';
import { poleToPoint, so3IrrepMatrix } from './so3.js';

/** An element of O(3): the inversion flag and the rotation's canonical quaternion. */
export type InversionRotation = readonly [0 | 1, Quaternion];

const IDENTITY_ROTATION = Object.freeze([0, 0, 0, 1]) as unknown as Quaternion;

function pair(j: 0 | 1, q: Quaternion): InversionRotation {
  return Object.freeze([j, Object.freeze(q) as Quaternion]) as InversionRotation;
}

/**
 * O(3), rotations and rotoinversions of R³; build it with {@link o3Group}.
 *
 * Irreps `[j, l]` (name `irrep_j,l`), j ∈ {0, 1} the inversion frequency, l ≥ 0: `(−1)^{j·i} D^l(r)` at `[i, r]`
 * with `D^l` SO(3)'s Wigner D matrices (type 'R'); `irreps()` lists `[0, 0] … [0, L], [1, 0] … [1, L]` for
 * `L = maximumFrequency` (escnn's order), `irrep(j, l)` gives any. The standard representation is the matrix
 * `(−I)^i R(r)`, the irrep `[1, 1]` in the basis `(x, y, z)`. Subgroups: escnn's ids (see {@link O3.subgroup}).
 * @see escnn's `escnn.group.O3`
 */
export class O3 extends Group<InversionRotation> {
  readonly name = 'O(3)';
  readonly continuous = true;
  readonly defaultParam = 'Q';
  readonly parametrizations = SO3_PARAMETRIZATIONS;
  /** O(3) is one group whatever the band limit, as in escnn. */
  readonly key = 'o3';
  /** The largest rotation frequency listed by `irreps()` (escnn's `_maximum_frequency`). */
  readonly maximumFrequency: number;
  readonly #irreps = new Map<string, IrreducibleRepresentation>();
  #standard: StandardRepresentation | undefined;

  /** @internal use {@link o3Group} */
  constructor(maximumFrequency: number) {
    super();
    this.maximumFrequency = checkMaximumFrequency('o3Group', maximumFrequency);
  }

  order(): number {
    return -1;
  }

  /** escnn's `subgroup_trivial_id`: `[false, false, 1]`. */
  get subgroupTrivialId(): readonly [false, false, 1] {
    return [false, false, 1];
  }

  /** escnn's `subgroup_self_id`: `'o3'`. */
  get subgroupSelfId(): 'o3' {
    return 'o3';
  }

  /** The inversion `−I`, `[1, identity]` (escnn's `inversion`). */
  get inversion(): GroupElement<InversionRotation> {
    return this.element([1, [0, 0, 0, 1]], 'Q');
  }

  protected parse(value: unknown, param: string, fn: string): InversionRotation {
    const expectation = `must be a pair [j, rotation] with j in {0, 1} and a rotation in parametrization '${param}'`;
    if (!Array.isArray(value) || value.length !== 2 || (value[0] !== 0 && value[0] !== 1)) {
      throw new InvalidArgumentError(fn, 'value', value, expectation);
    }
    const q = parseRotation(value[1], param);
    if (q === null) throw new InvalidArgumentError(fn, 'value', value, expectation);
    return pair(value[0], q);
  }

  protected format(value: InversionRotation, param: string): unknown {
    return [value[0], formatRotation(value[1], param)];
  }

  protected multiply(a: InversionRotation, b: InversionRotation): InversionRotation {
    return pair(((a[0] + b[0]) % 2) as 0 | 1, quaternionMultiply(a[1], b[1]));
  }
  protected invert(a: InversionRotation): InversionRotation {
    return pair(a[0], quaternionInverse(a[1]));
  }
  protected valuesEqual(a: InversionRotation, b: InversionRotation, tolerance: number): boolean {
    return a[0] === b[0] && quaternionDistance(a[1], b[1]) <= tolerance;
  }
  protected identityValue(): InversionRotation {
    return pair(0, IDENTITY_ROTATION);
  }
  protected describe(value: InversionRotation): string {
    return `(${value[0]}, (${value[1].map((x) => x.toFixed(4)).join(', ')}))`;
  }

  get elements(): readonly GroupElement<InversionRotation>[] {
    throw this.noFiniteElements();
  }

  /**
   * The rotations by 1 radian about z and by √2 radians about x (a dense subgroup of SO(3); escnn raises
   * here) and the inversion.
   */
  get generators(): readonly GroupElement<InversionRotation>[] {
    return [
      this.element([0, rotationVectorToQuaternion([0, 0, 1])], 'Q'),
      this.element([0, rotationVectorToQuaternion([Math.SQRT2, 0, 0])], 'Q'),
      this.inversion,
    ];
  }

  /** The 60 icosahedral rotations, then the same composed with the inversion (escnn's `testing_elements()`). */
  get testingElements(): readonly GroupElement<InversionRotation>[] {
    return this.grid('ico', 0);
  }

  /** `n` elements from the Haar measure: a Haar rotation and a fair inversion flag, from `uniformStream(seed)`. */
  sample(n: number, options?: SampleOptions): GroupElement<InversionRotation>[] {
    return this.grid('rand', n, options);
  }

  /**
   * escnn's `grid(type, N)`: `'rand'` gives `n` Haar samples (from `options.seed`); every other type (see
   * `SO3.grid`) gives the SO(3) grid, then the same rotations composed with the inversion.
   * @throws InvalidArgumentError for an unknown type or a bad `n`.
   */
  grid(type: string, n: number, options?: SampleOptions): GroupElement<InversionRotation>[] {
    const fn = `${this.name}.grid`;
    checkGridType(fn, type);
    const count = this.checkCount(fn, n);
    const seed = this.checkSeed(fn, options);
    if (type === 'rand') {
      const rotations = so3GridRotations('rand', count, seed);
      // The flags come from a second stream, so the rotations are SO(3)'s samples of the same seed.
      const flips = uniformStream(seed ^ 0x5bd1e995);
      return rotations.map((q) => this.element([randomInt(flips, 2), q], 'Q'));
    }
    const rotations = so3GridRotations(type, count, seed);
    return [0, 1].flatMap((j) => rotations.map((q) => this.element([j, q], 'Q')));
  }

  /** escnn's `grid_so3`: the SO(3) grid alone, embedded with inversion flag 0. */
  gridSO3(type: string, n: number, options?: SampleOptions): GroupElement<InversionRotation>[] {
    const fn = `${this.name}.gridSO3`;
    checkGridType(fn, type);
    const rotations = so3GridRotations(type, this.checkCount(fn, n), this.checkSeed(fn, options));
    return rotations.map((q) => this.element([0, q], 'Q'));
  }

  /** The points of a sphere grid, as `SO3.spherePoints` (escnn's `_sphere_grid`). */
  spherePoints(type: string, n: number, options?: SphereGridOptions): [number, number, number][] {
    return sphereGridPoints(`${this.name}.spherePoints`, type, n, options);
  }

  /**
   * escnn's `O3.sphere_grid`: for each point `p` of {@link O3.spherePoints} the rotation `Rz(φ) Ry(θ)` taking
   * the north pole to `p` (colatitude θ, longitude φ), with inversion flag 0: representatives of the cosets of
   * the cone subgroup O(2).
   */
  sphereGrid(type: string, n: number, options?: SphereGridOptions): GroupElement<InversionRotation>[] {
    return this.spherePoints(type, n, options).map((p) => this.element([0, poleToPoint(p)], 'Q'));
  }

  /** The trivial irrep `[0, 0]`, built alone. */
  override get trivialRepresentation(): IrreducibleRepresentation {
    return this.irrep(0, 0);
  }

  /** The irreps `[0, 0] … [0, L]` then `[1, 0] … [1, L]`, `L = maximumFrequency` (escnn's order). */
  irreps(): readonly IrreducibleRepresentation[] {
    const L = this.maximumFrequency;
    return [0, 1].flatMap((j) => Array.from({ length: L + 1 }, (_, l) => this.irrep(j, l)));
  }

  /** escnn's `bl_irreps(L)`: `[0, 0], [1, 0], [0, 1], [1, 1], … [1, L]`. */
  blIrreps(L: number): IrrepId[] {
    checkMaximumFrequency(`${this.name}.blIrreps`, L, 'L');
    return Array.from({ length: L + 1 }, (_, l) => [
      [0, l],
      [1, l],
    ]).flat();
  }

  /** The standard representation `(−I)^i R(r)` on R³ (escnn's `standard_representation()`), see the class. */
  standardRepresentation(): StandardRepresentation {
    this.#standard ??= new StandardRepresentation(this, this.irrep(1, 1), (v) => {
      const [i, q] = v as InversionRotation;
      const R = quaternionToMatrix(q);
      if (i === 1) for (let k = 0; k < 9; k++) R[k] = -R[k]!;
      return R;
    });
    return this.#standard;
  }

  /** The irrep `[j, l]`, j ∈ {0, 1}, l ≥ 0 (any `l`, not only up to `maximumFrequency`). */
  irrep(...id: number[]): IrreducibleRepresentation {
    const fn = `${this.name}.irrep`;
    checkIrrepId(fn, id);
    const [j, l] = id as [number, number];
    if (id.length !== 2 || (j !== 0 && j !== 1) || l < 0) throw new UnknownIrrepError(fn, this.name, id);
    const key = `${j},${l}`;
    let irrep = this.#irreps.get(key);
    if (irrep === undefined) {
      const d = 2 * l + 1;
      const eye = new Float64Array(d * d);
      for (let i = 0; i < d; i++) eye[i * d + i] = 1;
      irrep = new IrreducibleRepresentation(this, {
        id: [j, l],
        dimension: d,
        type: 'R',
        matrix: (v) => {
          const [i, q] = v as InversionRotation;
          const m = l === 0 ? Float64Array.of(1) : so3IrrepMatrix(q, l);
          if (j === 1 && i === 1) for (let k = 0; k < m.length; k++) m[k] = -m[k]!;
          return m;
        },
        endomorphismBasis: [eye],
        supportedNonlinearities:
          j === 0 && l === 0 ? ['pointwise', 'norm', 'gated', 'gate'] : ['norm', 'gated'],
        attributes: { frequency: l, invFrequency: j },
      });
      this.#irreps.set(key, irrep);
    }
    return irrep;
  }

  readonly #subgroups = new Map<string, SubgroupMap>();

  /**
   * The subgroup with escnn's id (escnn's `O3.subgroup`): `'o3'`, `'so3'`, `[false, ...]` for SO(3)'s subgroups
   * (`[false, 'ico' | 'octa']`, `[false, false, N]` C_N / SO(2), `[false, true | θ, N]` D_N / O(2)), `[true, ...]`
   * for their products with the inversions (`[true, 'ico' | 'octa']` I_h / O_h, `[true, false, N]` C_N × C_2 and
   * `[true, false, 1]` the inversions, `[true, true | θ, N]` D_N × C_2, SO(2) × C_2 and O(2) × C_2 for N = −1),
   * `['cone', N]` / `['cone', θ, N]` (O(2), D_N or the mirror C_2 made of rotations about z and mirrors), each
   * optionally followed by an element `A` of O(3) that conjugates it; see `internal/so3-subgroup-ids.ts`.
   * Memoized per id, adjoints compared at full precision.
   * @throws UnknownSubgroupError for any other id (escnn's unimplemented `'fulltetra'` and `'tetra'` included).
   */
  override subgroup(id: unknown): SubgroupMap {
    const key = preciseSubgroupKey(id);
    let map = this.#subgroups.get(key);
    if (map === undefined) {
      map = this.buildSubgroup(id, `${this.name}.subgroup`);
      this.#subgroups.set(key, map);
    }
    return map;
  }

  protected buildSubgroup(id: unknown, fn: string): SubgroupMap {
    return o3Subgroup(this, this.maximumFrequency, id, fn);
  }

  /** escnn's `O3._combine_subgroups` (see `o3CombineSubgroups`); the adjoint is omitted when it is the identity. */
  protected combineSubgroupIds(map: SubgroupMap, id2: unknown): unknown {
    return o3CombineSubgroups(this, this.maximumFrequency, map, id2);
  }

  /**
   * escnn's `O3._restrict_irrep`: `[j, l]` itself on O(3); `[l]`'s restriction from SO(3) on its subgroups;
   * `2l + 1` copies of C_2's `[j]` on the inversions; on the cone O(2) `[(l + j) mod 2, 0], [1, 1], …, [1, l]` in
   * closed form; numerically (blocks by id, or in the order of the subgroup's irreps when it is continuous) on
   * I_h, O_h, the cylinder groups, the cone D_N and the mirror. With an adjoint `A`, `Q` becomes `ρ(A)ᵀ Q`.
   */
  protected restrictIrrepImpl(
    irrep: IrreducibleRepresentation,
    map: SubgroupMap,
    fn: string,
  ): RestrictedIrrep {
    return o3RestrictIrrep(irrep, map, this.maximumFrequency, fn);
  }

  /** `[j1, l1] ⊗ [j2, l2] = ⊕_{l = |l1−l2|}^{l1+l2} [(j1 + j2) mod 2, l]`, each once. */
  protected override computeTensorProductIrreps(
    psiM: IrreducibleRepresentation,
    psiN: IrreducibleRepresentation,
  ): TensorProductTerm[] {
    const [j1, a] = psiM.id as [number, number];
    const [j2, b] = psiN.id as [number, number];
    const j = (j1 + j2) % 2;
    return Array.from({ length: 2 * Math.min(a, b) + 1 }, (_, i) =>
      Object.freeze({ id: Object.freeze([j, Math.abs(a - b) + i]), multiplicity: 1 }),
    );
  }

  /**
   * SO(3)'s closed form on the rotation frequencies when the inversion frequencies add up (mod 2), no column
   * otherwise (escnn's `O3._clebsh_gordan_coeff`).
   */
  protected override computeClebschGordan(
    a: IrreducibleRepresentation,
    b: IrreducibleRepresentation,
    c: IrreducibleRepresentation,
  ): Matrix {
    const [ja, la] = a.id as [number, number];
    const [jb, lb] = b.id as [number, number];
    const [jc, lc] = c.id as [number, number];
    if ((ja + jb) % 2 !== jc) return new Matrix(a.dimension * b.dimension, 0);
    return so3ClebschGordan(la, lb, lc);
  }
}

/**
 * O(3) with irreps listed up to rotation frequency `maximumFrequency` (escnn's `o3_group(maximum_frequency=2)`).
 * A fresh instance; all instances are equal.
 * @param maximumFrequency - largest rotation frequency in `irreps()`. @defaultValue 2
 * @throws InvalidArgumentError when `maximumFrequency` is not a non-negative integer.
 * @see escnn's `escnn.group.o3_group`
 */
export function o3Group(maximumFrequency = 2): O3 {
  return new O3(maximumFrequency);
}
