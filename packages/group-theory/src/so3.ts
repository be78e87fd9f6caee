/**
 * The group SO(3) of rotations of R³ (escnn's `SO3`). Elements are unit quaternions `[x, y, z, w]` (`'Q'`, scalar
 * last; `q` and `−q` are the same rotation), 3×3 rotation matrices (`'MAT'`), rotation vectors (`'EV'`) or
 * Euler angles in any of scipy's 24 conventions (`'xyz'` … `'ZYZ'`, lowercase extrinsic, uppercase intrinsic).
 */
import type { Matrix } from 'ml-matrix';
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
import { so3ClebschGordan } from './internal/so3-clebsch-gordan.js';
import {
  checkGridType,
  type SphereGridOptions,
  so3GridRotations,
  sphereGridPoints,
} from './internal/so3-grid-types.js';
import {
  eulerToQuaternion,
  formatRotation,
  normalizeQuaternion,
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
import { so3CombineSubgroups, so3RestrictIrrep, so3Subgroup } from './internal/so3-subgroups.js';
import { wignerD } from './internal/so3-wigner.js';
import { checkIrrepId, IrreducibleRepresentation } from './irrep.js';
import { checkMaximumFrequency } from './so2.js';

export type { SphereGridOptions } from './internal/so3-grid-types.js';
export type { Quaternion } from './internal/so3-quaternion.js';

/** The identity quaternion. */
const IDENTITY: Quaternion = Object.freeze([0, 0, 0, 1]) as unknown as Quaternion;

/**
 * `D^l(q)` as a fresh row-major array, the identity matrix exactly at the identity rotation (the recursion
 * would round its diagonal).
 */
export function so3IrrepMatrix(q: Quaternion, l: number): Float64Array {
  const d = 2 * l + 1;
  if (q[0] === 0 && q[1] === 0 && q[2] === 0) {
    const eye = new Float64Array(d * d);
    for (let i = 0; i < d; i++) eye[i * d + i] = 1;
    return eye;
  }
  return wignerD(q, l).slice();
}

/**
 * SO(3), the rotations of R³; build it with {@link so3Group}.
 *
 * Irreps `[l]`, l ≥ 0 (name `irrep_l`): the real Wigner D matrices of dimension `2l + 1` in escnn's real basis
 * (type 'R'); `irrep(1)` is the rotation matrix in the axis order `(y, z, x)`, and the standard representation
 * is the rotation matrix itself. `irreps()` lists those up to `maximumFrequency`, `irrep(l)` gives any.
 * Subgroups: escnn's ids (see {@link SO3.subgroup}).
 * @see escnn's `escnn.group.SO3`
 */
export class SO3 extends Group<Quaternion> {
  readonly name = 'SO(3)';
  readonly continuous = true;
  readonly defaultParam = 'Q';
  readonly parametrizations = SO3_PARAMETRIZATIONS;
  /** SO(3) is one group whatever the band limit (the maximum frequency only bounds `irreps()`), as in escnn. */
  readonly key = 'so3';
  /** The largest frequency listed by `irreps()` (escnn's `_maximum_frequency`). */
  readonly maximumFrequency: number;
  readonly #irreps = new Map<number, IrreducibleRepresentation>();
  #standard: StandardRepresentation | undefined;

  /** @internal use {@link so3Group} */
  constructor(maximumFrequency: number) {
    super();
    this.maximumFrequency = checkMaximumFrequency('so3Group', maximumFrequency);
  }

  order(): number {
    return -1;
  }

  /** escnn's `subgroup_trivial_id`: `[false, 1]` (the cyclic group C_1 about the z axis). */
  get subgroupTrivialId(): readonly [false, 1] {
    return [false, 1];
  }

  /** escnn's `subgroup_self_id`: `'so3'`. */
  get subgroupSelfId(): 'so3' {
    return 'so3';
  }

  protected parse(value: unknown, param: string, fn: string): Quaternion {
    const q = parseRotation(value, param);
    if (q === null)
      throw new InvalidArgumentError(fn, 'value', value, `must be a rotation in parametrization '${param}'`);
    return Object.freeze(q) as Quaternion;
  }

  protected format(value: Quaternion, param: string): unknown {
    return formatRotation(value, param);
  }

  protected multiply(a: Quaternion, b: Quaternion): Quaternion {
    return Object.freeze(quaternionMultiply(a, b)) as Quaternion;
  }
  protected invert(a: Quaternion): Quaternion {
    return Object.freeze(quaternionInverse(a)) as Quaternion;
  }
  protected valuesEqual(a: Quaternion, b: Quaternion, tolerance: number): boolean {
    return quaternionDistance(a, b) <= tolerance;
  }
  protected identityValue(): Quaternion {
    return IDENTITY;
  }
  protected describe(value: Quaternion): string {
    return `(${value.map((x) => x.toFixed(4)).join(', ')})`;
  }

  /** @internal the element with a canonical quaternion, unchecked (grids and subgroups). */
  _fromQuaternion(q: Quaternion): GroupElement<Quaternion> {
    return this.element(normalizeQuaternion(q), 'Q');
  }

  get elements(): readonly GroupElement<Quaternion>[] {
    throw this.noFiniteElements();
  }

  /**
   * The rotations by 1 radian about z and by √2 radians about x: escnn raises here; the two generate a dense
   * subgroup (their angles are irrational multiples of π and their axes are not parallel), so they pin down
   * every intertwiner between continuous representations.
   */
  get generators(): readonly GroupElement<Quaternion>[] {
    return [
      this._fromQuaternion(rotationVectorToQuaternion([0, 0, 1])),
      this._fromQuaternion(rotationVectorToQuaternion([Math.SQRT2, 0, 0])),
    ];
  }

  /** The 60 rotations of the icosahedron in scipy's order (escnn's `testing_elements()`, `grid('ico')`). */
  get testingElements(): readonly GroupElement<Quaternion>[] {
    return this.grid('ico', 0);
  }

  /** `n` rotations drawn from the Haar measure (Shoemake's algorithm on `uniformStream(seed)`). */
  sample(n: number, options?: SampleOptions): GroupElement<Quaternion>[] {
    return this.grid('rand', n, options);
  }

  /**
   * escnn's `grid(type, N)`: `'rand'` (`n` Haar samples from `options.seed`), `'ico'`, `'cube'`, `'tetra'` (the
   * 60, 24, 12 rotations of the Platonic solids; `n` is ignored), `'hopf'` and `'fibonacci'` (about `n`
   * rotations from a sphere grid times a circle, via the Hopf fibration), `'thomson'` (`n` rotations spread by
   * minimizing a repulsive energy, deterministically) and `'thomson_cube'` (`24 n` rotations with octahedral
   * symmetry).
   * @throws InvalidArgumentError for an unknown type or a bad `n`.
   */
  grid(type: string, n: number, options?: SampleOptions): GroupElement<Quaternion>[] {
    const fn = `${this.name}.grid`;
    checkGridType(fn, type);
    const count = this.checkCount(fn, n);
    const seed = this.checkSeed(fn, options);
    return so3GridRotations(type, count, seed).map((q) => this._fromQuaternion(q));
  }

  /**
   * escnn's `sphere_grid(type, ...)`: points of the sphere S² = SO(3)/SO(2) as unit vectors (`'rand'`, `'ico'`,
   * `'cube'`, `'tetra'`, `'cube_vertices'`, `'healpix'`, `'fibonacci'`, `'longlat'`, `'thomson'`,
   * `'thomson_cube'`); see {@link sphereGrid}.
   */
  spherePoints(type: string, n: number, options?: SphereGridOptions): [number, number, number][] {
    return sphereGridPoints(`${this.name}.spherePoints`, type, n, options);
  }

  /**
   * escnn's `sphere_grid`: for each point `p` of {@link SO3.spherePoints}, a rotation mapping the north pole
   * `(0, 0, 1)` to `p` (a representative of the coset `p` of SO(2) about z; escnn's SO(3) picks it at random,
   * here it is {@link poleToPoint}'s `Rz(φ) Ry(θ)`, escnn's O(3) choice).
   */
  sphereGrid(type: string, n: number, options?: SphereGridOptions): GroupElement<Quaternion>[] {
    return this.spherePoints(type, n, options).map((p) => this._fromQuaternion(poleToPoint(p)));
  }

  /** The trivial irrep `[0]`, built alone. */
  override get trivialRepresentation(): IrreducibleRepresentation {
    return this.irrep(0);
  }

  /** The irreps `[0] … [maximumFrequency]`. */
  irreps(): readonly IrreducibleRepresentation[] {
    return Array.from({ length: this.maximumFrequency + 1 }, (_, l) => this.irrep(l));
  }

  /** escnn's `bl_irreps(L)`: the ids `[0] … [L]`. */
  blIrreps(L: number): IrrepId[] {
    checkMaximumFrequency(`${this.name}.blIrreps`, L, 'L');
    return Array.from({ length: L + 1 }, (_, l) => [l]);
  }

  /**
   * The standard representation on R³ (escnn's `standard_representation()`): the rotation matrix, `irrep(1)`
   * with the change of basis `Q = [[0, 0, 1], [1, 0, 0], [0, 1, 0]]` (`R = Q D¹ Qᵀ`).
   */
  standardRepresentation(): StandardRepresentation {
    this.#standard ??= new StandardRepresentation(this, this.irrep(1), (v) =>
      quaternionToMatrix(v as Quaternion),
    );
    return this.#standard;
  }

  /** The irrep of frequency `l ≥ 0` (any `l`, not only up to `maximumFrequency`). */
  irrep(...id: number[]): IrreducibleRepresentation {
    const fn = `${this.name}.irrep`;
    checkIrrepId(fn, id);
    const l = id[0]!;
    if (id.length !== 1 || l < 0) throw new UnknownIrrepError(fn, this.name, id);
    let irrep = this.#irreps.get(l);
    if (irrep === undefined) {
      irrep = new IrreducibleRepresentation(this, {
        id: [l],
        dimension: 2 * l + 1,
        type: 'R',
        matrix: l === 0 ? () => Float64Array.of(1) : (v) => so3IrrepMatrix(v as Quaternion, l),
        endomorphismBasis: [identityData(2 * l + 1)],
        supportedNonlinearities: l === 0 ? ['pointwise', 'norm', 'gated', 'gate'] : ['norm', 'gated'],
        attributes: { frequency: l },
      });
      this.#irreps.set(l, irrep);
    }
    return irrep;
  }

  readonly #subgroups = new Map<string, SubgroupMap>();

  /**
   * The subgroup with escnn's id (escnn's `SO3.subgroup`): `'so3'`, `'ico'`, `'octa'`, `[false, N]` (C_N about z,
   * SO(2) for N = −1), `[true, N]` (D_N / O(2) with the π rotation about x), `[θ, N]` (that rotation about the
   * axis at θ/2 in the xy plane), each optionally followed by an element `A` of SO(3) that conjugates it
   * (inclusion `h ↦ A⁻¹ φ(h) A`); see `internal/so3-subgroup-ids.ts`. Memoized per id, adjoints compared at
   * full precision.
   * @throws UnknownSubgroupError for any other id.
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
    return so3Subgroup(this, this.maximumFrequency, id, fn);
  }

  /** escnn's `SO3._combine_subgroups` (see `so3CombineSubgroups`); the adjoint is omitted when it is the identity. */
  protected combineSubgroupIds(map: SubgroupMap, id2: unknown): unknown {
    return so3CombineSubgroups(this, map, id2);
  }

  /**
   * escnn's `SO3._restrict_irrep`: the irrep itself on SO(3); on I (l ≤ 2) and O (l ≤ 1) the irrep `[l]`; on SO(2)
   * `[0], [1], …, [l]` and on O(2) `[l mod 2, 0], [1, 1], …, [1, l]` in closed form; on C_N and D_N through SO(2)
   * and O(2); numerically (blocks by id) on I and O otherwise. With an adjoint `A`, `Q` becomes `D^l(A)ᵀ Q`.
   */
  protected restrictIrrepImpl(
    irrep: IrreducibleRepresentation,
    map: SubgroupMap,
    fn: string,
  ): RestrictedIrrep {
    return so3RestrictIrrep(irrep, map, this.maximumFrequency, fn);
  }

  /** `[l1] ⊗ [l2] = [|l1 − l2|] ⊕ … ⊕ [l1 + l2]`, each once, escnn's order. */
  protected override computeTensorProductIrreps(
    psiM: IrreducibleRepresentation,
    psiN: IrreducibleRepresentation,
  ): TensorProductTerm[] {
    const a = psiM.id[0]!;
    const b = psiN.id[0]!;
    return Array.from({ length: 2 * Math.min(a, b) + 1 }, (_, i) =>
      Object.freeze({ id: Object.freeze([Math.abs(a - b) + i]), multiplicity: 1 }),
    );
  }

  /** The closed form of `internal/so3-clebsch-gordan.ts` (escnn's py3nj route). */
  protected override computeClebschGordan(
    a: IrreducibleRepresentation,
    b: IrreducibleRepresentation,
    c: IrreducibleRepresentation,
  ): Matrix {
    return so3ClebschGordan(a.id[0]!, b.id[0]!, c.id[0]!);
  }
}

/** Row-major identity of size `d`. */
function identityData(d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) out[i * d + i] = 1;
  return out;
}

/**
 * The rotation `Rz(φ) Ry(θ)` taking the north pole `(0, 0, 1)` to the unit vector `p` at colatitude
 * `θ = acos(z)` and longitude `φ = atan2(y, x)` (escnn's `O3.sphere_grid` representative, the extrinsic
 * `'zyz'` angles `(0, θ, φ)`; φ = 0 at the poles).
 */
export function poleToPoint(p: readonly number[]): Quaternion {
  const [x, y, z] = p as [number, number, number];
  const theta = Math.acos(Math.min(1, Math.max(-1, z)));
  const phi = Math.atan2(y, x);
  return eulerToQuaternion('zyz', [0, theta, phi]);
}

/**
 * SO(3) with irreps listed up to `maximumFrequency` (escnn's `so3_group(maximum_frequency=2)`). A fresh
 * instance; all instances are equal.
 * @param maximumFrequency - largest frequency in `irreps()`. @defaultValue 2
 * @throws InvalidArgumentError when `maximumFrequency` is not a non-negative integer.
 * @see escnn's `escnn.group.so3_group`
 */
export function so3Group(maximumFrequency = 2): SO3 {
  return new SO3(maximumFrequency);
}
