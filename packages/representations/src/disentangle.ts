/**
 * Splitting a representation into independent blocks by a permutation (escnn's `disentangle`).
 */
import { InvalidArgumentError, type RepresentationLike } from '@steerable/group-theory';
import { Matrix } from 'ml-matrix';
import { ATOL } from './internal/linalg.js';
import { asRepresentation, Representation } from './representation.js';

/** Result of {@link disentangle}. */
export interface Disentangled {
  /** A permutation matrix `P` with `P rho(g) P^T = ⊕_k representations[k](g)`. */
  readonly changeOfBasis: Matrix;
  /** The blocks, named `${rho.name}_${k}`. */
  readonly representations: readonly Representation[];
}

/**
 * Decomposes `rho` into a direct sum of smaller representations using only a permutation of the axes.
 * Rows of `Q` and irreps are the two sides of a bipartite graph (an edge where the row has a non-zero entry in
 * the irrep's columns); each connected component is one block, holding its rows (in increasing order) and
 * irreps (in their order in `rho`). Components are numbered by their smallest vertex, irreps first, which is
 * escnn's (scipy's) labelling, so the blocks come out in escnn's order.
 *
 * @see escnn's `escnn.group.disentangle`
 */
export function disentangle(rho: RepresentationLike): Disentangled {
  if (rho === null || typeof rho !== 'object' || !('group' in rho)) {
    throw new InvalidArgumentError('disentangle', 'rho', rho, 'must be a representation');
  }
  const rep = asRepresentation(rho);
  const q = rep.changeOfBasis;
  const irreps = rep.irrepInstances;
  const n = irreps.length;
  const size = rep.size;
  const positions: number[] = [];
  let pos = 0;
  for (const irr of irreps) {
    positions.push(pos);
    pos += irr.size;
  }
  // union-find over vertices: irreps 0..n-1, rows n..n+size-1
  const parent = Array.from({ length: n + size }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  irreps.forEach((irr, k) => {
    for (let row = 0; row < size; row++) {
      for (let c = positions[k]!; c < positions[k]! + irr.size; c++) {
        // numpy's isclose(x, 0): |x| <= atol
        if (Math.abs(q.get(row, c)) > ATOL) {
          union(k, n + row);
          break;
        }
      }
    }
  });
  // label components in order of first appearance (scipy's connected_components labelling)
  const labelOf = new Map<number, number>();
  const labels: number[] = [];
  for (let v = 0; v < n + size; v++) {
    const root = find(v);
    if (!labelOf.has(root)) labelOf.set(root, labelOf.size);
    labels.push(labelOf.get(root)!);
  }
  const blocks: { irreps: number[]; rows: number[] }[] = Array.from({ length: labelOf.size }, () => ({
    irreps: [],
    rows: [],
  }));
  for (let k = 0; k < n; k++) blocks[labels[k]!]!.irreps.push(k);
  for (let row = 0; row < size; row++) blocks[labels[n + row]!]!.rows.push(row);

  const p = Matrix.zeros(size, size);
  const representations: Representation[] = [];
  let current = 0;
  blocks.forEach((block, b) => {
    const cols: number[] = [];
    for (const k of block.irreps) for (let c = 0; c < irreps[k]!.size; c++) cols.push(positions[k]! + c);
    const sub = Matrix.zeros(block.rows.length, cols.length);
    block.rows.forEach((row, i) => {
      cols.forEach((c, j) => {
        sub.set(i, j, q.get(row, c));
      });
    });
    representations.push(
      new Representation(
        rep.group,
        `${rep.name}_${b}`,
        block.irreps.map((k) => irreps[k]!.id),
        sub,
        { supportedNonlinearities: rep.supportedNonlinearities },
      ),
    );
    block.rows.forEach((row, i) => {
      p.set(current + i, row, 1);
    });
    current += block.rows.length;
  });
  return { changeOfBasis: p, representations: Object.freeze(representations) };
}
