/**
 * The rotation groups of the octahedron (24 rotations) and of the icosahedron (60 rotations) as tables of unit
 * quaternions `[x, y, z, w]` (scalar last), in escnn's element order, with their multiplication tables.
 *
 * escnn lists the elements as scipy's `Rotation.create_group('O' | 'I')` returns them; each quaternion `q` here is
 * that representative, sign included (`q` and `-q` are the same rotation). The entries are `0`, `±1`, `±1/2`,
 * `±1/√2` (octahedral) and `±φ/2`, `±1/(2φ)` (icosahedral), `φ = (1 + √5)/2`.
 */
import { type Quaternion, quaternionMultiply } from './so3-quaternion.js';

const PHI = (1 + Math.sqrt(5)) / 2;

/** The value of each token of the tables below; `-0` keeps escnn's signed zeros. */
const TOKENS: Readonly<Record<string, number>> = {
  '0': 0,
  '-0': -0,
  '1': 1,
  '-1': -1,
  h: 0.5,
  '-h': -0.5,
  s: Math.SQRT1_2,
  '-s': -Math.SQRT1_2,
  p: PHI / 2,
  '-p': -PHI / 2,
  q: 0.5 / PHI,
  '-q': -0.5 / PHI,
};

// escnn's `Octahedral().elements` (groups.json's `element_order`), one quaternion `x y z w` per entry.
// biome-ignore format: six quaternions a line
const OCTAHEDRAL = [
  '-1 0 0 -0', '0 -1 0 -0', '0 0 -1 -0', '0 0 0 -1', '-h h h -h', '-h h -h -h',
  '-h -h h -h', '-h -h -h -h', '-h h h h', '-h h -h h', '-h -h h h', '-h -h -h h',
  '-s 0 0 -s', '0 -s 0 -s', '0 0 -s -s', '0 0 s -s', '0 s 0 -s', 's 0 0 -s',
  '0 -s -s -0', '0 s -s 0', '-s 0 -s -0', 's 0 -s 0', '-s -s 0 -0', 's -s 0 0',
];

// escnn's `Icosahedral().elements` (groups.json's `element_order`).
// biome-ignore format: six quaternions a line
const ICOSAHEDRAL = [
  '-1 0 0 -0', '0 -1 0 -0', '0 0 -1 -0', '0 0 0 -1', '-h h h -h', '-h h -h -h',
  '-h -h h -h', '-h -h -h -h', '-h h h h', '-h h -h h', '-h -h h h', '-h -h -h h',
  '-h -q -p -0', '-h -q p 0', '-h -p 0 -q', '-h -p 0 q', '-h q -p 0', '-h q p 0',
  '-h p 0 -q', '-h p 0 q', '-h 0 -q -p', '-h 0 -q p', '-h 0 q -p', '-h -0 q p',
  '-q -h 0 -p', '-q -h 0 p', '-q -p -h -0', '-q -p h 0', '-q h 0 -p', '-q h 0 p',
  '-q p -h 0', '-q p h 0', '-q 0 -p -h', '-q 0 -p h', '-q 0 p -h', '-q -0 p h',
  '-p -h -q -0', '-p -h q 0', '-p -q 0 -h', '-p -q 0 h', '-p h -q 0', '-p h q 0',
  '-p q 0 -h', '-p q 0 h', '-p 0 -h -q', '-p 0 -h q', '-p 0 h -q', '-p -0 h q',
  '0 -h -p -q', '0 -h -p q', '0 -h p -q', '0 -h p q', '0 -q -h -p', '0 -q -h p',
  '0 -q h -p', '0 -q h p', '0 -p -q -h', '0 -p -q h', '0 -p q -h', '0 -p q h',
];

function parseTable(rows: readonly string[]): readonly Quaternion[] {
  return Object.freeze(
    rows.map((row) => Object.freeze(row.split(' ').map((t) => TOKENS[t]!) as unknown as Quaternion)),
  );
}

/** `|⟨a, b⟩|`: 1 exactly when `a` and `b` are the same rotation (`a = ±b`, both unit). */
function quaternionOverlap(a: Quaternion, b: Quaternion): number {
  return Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]);
}

/**
 * A finite rotation group given by its quaternions: the element order, the multiplication table and inverses,
 * and the lookup of a rotation's index.
 */
export class RotationTable {
  /** The quaternions, in the group's element order (frozen). */
  readonly quaternions: readonly Quaternion[];
  /** Index of the identity rotation. */
  readonly identity: number;
  readonly #index = new Map<Quaternion, number>();
  #products: Int32Array | undefined;
  #inverses: Int32Array | undefined;

  constructor(quaternions: readonly Quaternion[]) {
    this.quaternions = quaternions;
    quaternions.forEach((q, i) => {
      this.#index.set(q, i);
    });
    this.identity = this.find([0, 0, 0, 1], 1e-12);
  }

  /** Number of elements. */
  get order(): number {
    return this.quaternions.length;
  }

  /**
   * Index of the rotation `q` (a unit quaternion, either sign), or -1 when no element is within `tolerance`
   * (in `1 - |⟨q, g⟩|`, about half the squared angle between the rotations).
   */
  find(q: Quaternion, tolerance: number): number {
    const known = this.#index.get(q);
    if (known !== undefined) return known;
    let best = -1;
    let bestOverlap = 0;
    this.quaternions.forEach((g, i) => {
      const overlap = quaternionOverlap(q, g);
      if (overlap > bestOverlap) {
        best = i;
        bestOverlap = overlap;
      }
    });
    return 1 - bestOverlap <= tolerance ? best : -1;
  }

  /** Index of `quaternions[a] · quaternions[b]`. */
  product(a: number, b: number): number {
    const n = this.order;
    if (this.#products === undefined) {
      const table = new Int32Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          table[i * n + j] = this.find(quaternionMultiply(this.quaternions[i]!, this.quaternions[j]!), 1e-9);
        }
      }
      this.#products = table;
    }
    return this.#products[a * n + b]!;
  }

  /** Index of the inverse of `quaternions[a]`. */
  inverse(a: number): number {
    if (this.#inverses === undefined) {
      const n = this.order;
      const inverses = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) if (this.product(i, j) === this.identity) inverses[i] = j;
      }
      this.#inverses = inverses;
    }
    return this.#inverses[a]!;
  }
}

/** The 24 rotations of the octahedron (and cube), escnn's order. */
export const OCTAHEDRAL_ROTATIONS = new RotationTable(parseTable(OCTAHEDRAL));

/** The 60 rotations of the icosahedron (and dodecahedron), escnn's order. */
export const ICOSAHEDRAL_ROTATIONS = new RotationTable(parseTable(ICOSAHEDRAL));

/**
 * The matrices of a representation of a finite rotation group at every element, from orthogonal matrices at
 * generators: breadth-first from the identity, `rho(g e) = rho(g) rho(e)` and `rho(g⁻¹ e) = rho(g)ᵀ rho(e)`.
 * Row-major `d × d` arrays, indexed as the table's elements; `rho(identity)` is exactly the identity.
 */
export function matricesFromGenerators(
  table: RotationTable,
  generators: readonly (readonly [index: number, matrix: Float64Array])[],
  d: number,
): Float64Array[] {
  const rho: (Float64Array | undefined)[] = new Array(table.order);
  const eye = new Float64Array(d * d);
  for (let i = 0; i < d; i++) eye[i * d + i] = 1;
  rho[table.identity] = eye;
  for (const [g, m] of generators) rho[g] ??= m;
  const transposed = generators.map(([g, m]) => [table.inverse(g), transpose(m, d)] as const);
  let frontier = [table.identity];
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const e of frontier) {
      for (const [g, m] of [...generators, ...transposed]) {
        const ge = table.product(g, e);
        rho[ge] ??= multiply(m, rho[e]!, d);
        if (!seen.has(ge)) {
          seen.add(ge);
          next.push(ge);
        }
      }
    }
    frontier = next;
  }
  if (seen.size !== table.order) throw new Error('the generators do not generate the group');
  return rho as Float64Array[];
}

/** Row-major `a b` of two `d × d` matrices. */
export function multiply(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < d; j++) out[i * d + j]! += aik * b[k * d + j]!;
    }
  }
  return out;
}

/** Row-major transpose of a `d × d` matrix. */
export function transpose(a: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[j * d + i] = a[i * d + j]!;
  return out;
}
