/**
 * The group laws as reusable property assertions: for any {@link Group}, fast-check checks associativity,
 * identity and inverses, that every irrep is an orthogonal homomorphism `rho(gh) = rho(g) rho(h)` whose
 * endomorphisms commute with it, and that the Clebsch–Gordan matrices block-diagonalize tensor products of
 * irreps with an orthogonal change of basis.
 */
import type { Group, GroupElement, IrreducibleRepresentation, IrrepId } from '@steerable/group-theory';
import fc from 'fast-check';
import { arbitraryElement } from './arbitraries/groups.js';
import { type PropertyParameters, propertyParameters } from './arbitraries/parameters.js';

/** Options of {@link assertGroupLaws}. */
export interface GroupLawOptions extends Partial<PropertyParameters> {
  /**
   * Largest entrywise error accepted in matrix identities and in element equality.
   * @defaultValue 1e-9
   */
  readonly tolerance?: number;
  /**
   * Ids of the irreps to check.
   * @defaultValue `G.irreps()`
   */
  readonly irreps?: readonly IrrepId[];
  /**
   * Whether to check the Clebsch–Gordan decomposition of every pair of checked irreps.
   * @defaultValue true
   */
  readonly clebschGordan?: boolean;
}

/** A group law that does not hold; fast-check reports it with the counterexample and the seed. */
export class GroupLawViolation extends Error {
  constructor(group: Group, law: string, detail: string) {
    super(`${group.name}: ${law} fails: ${detail}`);
    this.name = 'GroupLawViolation';
  }
}

type Dense = number[][];

function matmul(a: Dense, b: Dense): Dense {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
}
function transpose(a: Dense): Dense {
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}
function kron(a: Dense, b: Dense): Dense {
  const out: Dense = [];
  for (const ra of a) for (const rb of b) out.push(ra.flatMap((x) => rb.map((y) => x * y)));
  return out;
}
function blockDiagonal(blocks: Dense[]): Dense {
  const size = blocks.reduce((s, b) => s + b.length, 0);
  const out: Dense = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let o = 0;
  for (const b of blocks) {
    b.forEach((row, i) => {
      row.forEach((x, j) => {
        out[o + i]![o + j] = x;
      });
    });
    o += b.length;
  }
  return out;
}
function eye(d: number): Dense {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
}
function maxAbsDiff(a: Dense, b: Dense): number {
  let m = 0;
  a.forEach((row, i) => {
    row.forEach((x, j) => {
      m = Math.max(m, Math.abs(x - b[i]![j]!));
    });
  });
  return m;
}
const dense = (irrep: IrreducibleRepresentation, g: GroupElement): Dense => irrep.at(g).to2DArray();

/** A change of basis block-diagonalizing `psi_m ⊗ psi_n`, and the irreps of its blocks. */
interface Decomposition {
  readonly m: IrreducibleRepresentation;
  readonly n: IrreducibleRepresentation;
  readonly Q: Dense;
  readonly blocks: readonly IrreducibleRepresentation[];
}

function decompose(
  G: Group,
  m: IrreducibleRepresentation,
  n: IrreducibleRepresentation,
  tolerance: number,
): Decomposition {
  const D = m.dimension * n.dimension;
  const Q: Dense = Array.from({ length: D }, () => []);
  const blocks: IrreducibleRepresentation[] = [];
  for (const { id, multiplicity } of G.tensorProductIrreps(m.id, n.id)) {
    const psi = G.irrep(...id);
    const cg = G.clebschGordan(m.id, n.id, id).to2DArray();
    if (cg.length !== D || (cg[0]?.length ?? 0) !== multiplicity * psi.dimension) {
      throw new GroupLawViolation(
        G,
        'Clebsch–Gordan shape',
        `${m.name} ⊗ ${n.name} → ${psi.name} ×${multiplicity}`,
      );
    }
    cg.forEach((row, i) => {
      Q[i]!.push(...row);
    });
    for (let s = 0; s < multiplicity; s++) blocks.push(psi);
  }
  if (Q[0]!.length !== D) {
    throw new GroupLawViolation(
      G,
      'tensor product decomposition',
      `${m.name} ⊗ ${n.name} has ${Q[0]!.length} of ${D} dimensions`,
    );
  }
  const error = maxAbsDiff(matmul(transpose(Q), Q), eye(D));
  if (error > tolerance) {
    throw new GroupLawViolation(
      G,
      'orthogonality of Clebsch–Gordan matrices',
      `${m.name} ⊗ ${n.name}, error ${error}`,
    );
  }
  return { m, n, Q, blocks };
}

/**
 * Asserts the group laws of `G` with fast-check (seed from `FC_SEED`, runs from `FC_NUM_RUNS` unless given):
 * associativity `(ab)c = a(bc)`, identity `ea = ae = a`, inverses `a a⁻¹ = a⁻¹ a = e`; for each irrep `rho`:
 * `rho(e) = I`, `rho(ab) = rho(a) rho(b)`, `rho(a) rho(a)ᵀ = I` and `E rho(a) = rho(a) E` for its endomorphisms;
 * and for each pair of irreps `(psi_m ⊗ psi_n)(a) Q = Q (⊕_j psi_j(a))` with `Q` the orthogonal matrix of
 * Clebsch–Gordan coefficients of `G.tensorProductIrreps`.
 * @throws an error naming the failing law, the counterexample and the seed.
 */
export function assertGroupLaws(G: Group, options: GroupLawOptions = {}): void {
  const tolerance = options.tolerance ?? 1e-9;
  const params = { ...propertyParameters(options), includeErrorInReport: true };
  const irreps = (options.irreps ?? G.irreps().map((irr) => irr.id)).map((id) => G.irrep(...id));
  const element = arbitraryElement(G);

  for (const irrep of irreps) {
    if (maxAbsDiff(dense(irrep, G.identity), eye(irrep.dimension)) > 0) {
      throw new GroupLawViolation(G, 'rho(e) = I', irrep.name);
    }
  }

  fc.assert(
    fc.property(element, element, element, (a, b, c) => {
      if (
        !a
          .combine(b)
          .combine(c)
          .equals(a.combine(b.combine(c)), tolerance)
      ) {
        throw new GroupLawViolation(G, 'associativity', `${a}, ${b}, ${c}`);
      }
      if (!a.combine(G.identity).equals(a, tolerance) || !G.identity.combine(a).equals(a, tolerance)) {
        throw new GroupLawViolation(G, 'identity', String(a));
      }
      if (!a.combine(a.inverse()).isIdentity(tolerance) || !a.inverse().combine(a).isIdentity(tolerance)) {
        throw new GroupLawViolation(G, 'inverse', String(a));
      }
      for (const irrep of irreps) {
        const ra = dense(irrep, a);
        const error = maxAbsDiff(dense(irrep, a.combine(b)), matmul(ra, dense(irrep, b)));
        if (error > tolerance)
          throw new GroupLawViolation(G, 'rho(ab) = rho(a) rho(b)', `${irrep.name} at ${a}, ${b}: ${error}`);
        const orth = maxAbsDiff(matmul(ra, transpose(ra)), eye(irrep.dimension));
        if (orth > tolerance)
          throw new GroupLawViolation(G, 'orthogonality', `${irrep.name} at ${a}: ${orth}`);
        for (const e of irrep.endomorphismBasis()) {
          const E = e.to2DArray();
          const comm = maxAbsDiff(matmul(E, ra), matmul(ra, E));
          if (comm > tolerance)
            throw new GroupLawViolation(G, 'endomorphisms commute', `${irrep.name} at ${a}: ${comm}`);
        }
      }
    }),
    params,
  );

  if (options.clebschGordan === false) return;
  const decompositions: Decomposition[] = [];
  for (const m of irreps) for (const n of irreps) decompositions.push(decompose(G, m, n, tolerance));
  fc.assert(
    fc.property(element, (a) => {
      for (const { m, n, Q, blocks } of decompositions) {
        const lhs = matmul(kron(dense(m, a), dense(n, a)), Q);
        const rhs = matmul(Q, blockDiagonal(blocks.map((psi) => dense(psi, a))));
        const error = maxAbsDiff(lhs, rhs);
        if (error > tolerance) {
          throw new GroupLawViolation(
            G,
            'Clebsch–Gordan equivariance',
            `${m.name} ⊗ ${n.name} at ${a}: ${error}`,
          );
        }
      }
    }),
    params,
  );
}
