/**
 * Regular representations: the permutation representation of a finite group on functions over its elements,
 * and the band-limited regular representations of SO(2), O(2), SO(3), O(3) and the icosahedral group.
 */
import {
  type Group,
  type GroupElement,
  InvalidArgumentError,
  type IrreducibleRepresentation,
  SteerableError,
} from '@steerable/group-theory';
import { Matrix } from 'ml-matrix';
import { directSum } from './direct-sum.js';
import { planarFamily, spatialFamily } from './internal/family.js';
import { Representation } from './representation.js';

function checkGroup(fn: string, G: unknown): Group {
  if (G === null || typeof G !== 'object' || !('irreps' in G) || !('order' in G)) {
    throw new InvalidArgumentError(fn, 'G', G, 'must be a group');
  }
  return G as Group;
}

/**
 * The permutation of basis vectors of the regular representation of a finite group at `g`:
 * `rho_reg(g) e_i = e_{perm[i]}` with `elements[perm[i]] = g · elements[i]`.
 *
 * @throws InvalidArgumentError if the group is not finite or `g` is not one of its elements.
 */
export function regularPermutation(g: GroupElement): number[] {
  const fn = 'regularPermutation';
  const G = g.group;
  if (G.order() <= 0) throw new InvalidArgumentError(fn, 'g', g, 'must be an element of a finite group');
  const elements = G.elements;
  return elements.map((e) => {
    const ge = g.combine(e);
    const k = elements.findIndex((x) => x.equals(ge));
    if (k < 0) throw new SteerableError(fn, `the product ${ge} is not in the element list`);
    return k;
  });
}

/**
 * The regular representation of a finite group `G`, acting on `R^|G|` by permuting axes:
 * `rho_reg(g) e_h = e_{gh}`, axes in escnn's element order (`G.elements`).
 *
 * It is decomposed as escnn does: each irrep `psi` appears `dim(psi) / s(psi)` times (`s` = 1, 2, 4 for real,
 * complex, quaternionic type; character theory), in `G.irreps()` order, and the change of basis has rows
 * `Q[g, :] = (⊕ psi(g)) v / sqrt|G|` where `v` stacks, per irrep, `sqrt(dim psi)` times the first `m` rows of the
 * `m × dim(psi)` identity (flattened). Q is orthogonal. `at(g)` returns the exact permutation matrix.
 *
 * Supports `pointwise`, `norm`, `gated`, `concatenated` (and `vectorfield` for cyclic groups).
 *
 * @throws InvalidArgumentError if `G` is not finite.
 * @see escnn's `Group.regular_representation` / `build_regular_representation`
 */
export function regularRepresentation(G: Group): Representation {
  const fn = 'regularRepresentation';
  checkGroup(fn, G);
  const size = G.order();
  if (!(size > 0)) throw new InvalidArgumentError(fn, 'G', G.name, 'must be a finite group');
  const elements = G.elements;
  // the permutation of each element (|G|² element comparisons) is computed on its first `at(g)` and kept
  const permutations = new Map<number, number[]>();
  const identityIndex = elements.findIndex((e) => e.isIdentity());
  // character of the regular representation: |G| at the identity, 0 elsewhere
  const irreps: IrreducibleRepresentation[] = [];
  const multiplicities: [IrreducibleRepresentation, number][] = [];
  for (const irr of G.irreps()) {
    const s = irr.endomorphismBasis().length;
    let m = 0;
    elements.forEach((e, k) => {
      const chi = k === identityIndex ? size : 0;
      if (chi !== 0) m += chi * irr.character(e.inverse());
    });
    m /= size * s;
    const mi = Math.round(m);
    if (Math.abs(m - mi) > 1e-9) {
      throw new SteerableError(fn, `multiplicity of irrep ${irr.name} is not an integer: ${m}`);
    }
    for (let i = 0; i < mi; i++) irreps.push(irr);
    multiplicities.push([irr, mi]);
  }
  const v = new Float64Array(size);
  let p = 0;
  for (const [irr, m] of multiplicities) {
    const d = irr.size;
    for (let a = 0; a < m; a++) for (let b = 0; b < d; b++) v[p + a * d + b] = a === b ? Math.sqrt(d) : 0;
    p += m * d;
  }
  // Q[g, :] = (⊕ psi(g)) v / sqrt|G|: v is non-zero only at column a of the a-th copy of each irrep, so
  // the block of that copy is column a of psi(g) times v there (one irrep matrix per irrep and element)
  const q = Matrix.zeros(size, size);
  elements.forEach((e, row) => {
    let offset = 0;
    for (const [irr, m] of multiplicities) {
      const d = irr.size;
      if (m === 0) continue;
      const psi = irr.matrixData(e);
      for (let a = 0; a < m; a++) {
        const va = v[offset + a * d + a]!;
        for (let i = 0; i < d; i++)
          q.set(row, offset + a * d + i, (0 + psi[i * d + a]! * va) / Math.sqrt(size));
      }
      offset += m * d;
    }
  });
  const supported = ['pointwise', 'norm', 'gated', 'concatenated'] as const;
  const tags = planarFamily(G) === 'cyclic' ? [...supported, 'vectorfield' as const] : [...supported];
  return new Representation(
    G,
    'regular',
    irreps.map((r) => r.id),
    q,
    {
      supportedNonlinearities: tags,
      changeOfBasisInv: q.transpose(),
      representation: (g) => {
        const i = elements.findIndex((e) => e.equals(g));
        let perm = permutations.get(i);
        if (perm === undefined) {
          perm = regularPermutation(elements[i]!);
          permutations.set(i, perm);
        }
        const out = Matrix.zeros(size, size);
        for (let k = 0; k < size; k++) out.set(perm[k]!, k, 1);
        return out;
      },
    },
  );
}

/**
 * The band-limited regular representation up to frequency `L` (included): the direct sum of the irreps occurring
 * in `L^2(G)` up to `L`, each as many times as in the regular representation (`dim / s`), identity change of basis,
 * named `regular_L`, in escnn's order:
 * - SO(2): `psi_0 ⊕ psi_1 ⊕ … ⊕ psi_L`; O(2): `psi_{0,0} ⊕ psi_{1,0} ⊕ psi_{1,1}^2 ⊕ … ⊕ psi_{1,L}^2`;
 * - SO(3): `⊕_{l ≤ L} psi_l^{2l+1}`; O(3): `⊕_{l ≤ L} psi_{0,l}^{2l+1} ⊕ psi_{1,l}^{2l+1}` (l outer, j inner);
 * - the icosahedral group (`0 ≤ L ≤ 4`, its irrep ids): `⊕_{l ≤ L} psi_l^{dim psi_l}`; `L = 4` is the whole
 *   regular representation in the spectral basis.
 *
 * @throws InvalidArgumentError if `G` is none of these groups or `L` is not a non-negative integer (at most 4
 *   for the icosahedral group).
 * @see escnn's `bl_regular_representation` of `SO2`, `O2`, `SO3`, `O3` and `Icosahedral`
 */
export function blRegularRepresentation(G: Group, L: number): Representation {
  const fn = 'blRegularRepresentation';
  checkGroup(fn, G);
  if (typeof L !== 'number' || !Number.isInteger(L) || L < 0) {
    throw new InvalidArgumentError(fn, 'L', L, 'must be a non-negative integer');
  }
  const family = planarFamily(G) ?? spatialFamily(G);
  const irreps: IrreducibleRepresentation[] = [];
  const repeat = (irr: IrreducibleRepresentation, times: number) => {
    for (let k = 0; k < times; k++) irreps.push(irr);
  };
  if (family === 'so2') {
    for (let l = 0; l <= L; l++) irreps.push(G.irrep(l));
  } else if (family === 'o2') {
    for (let l = 0; l <= L; l++) {
      if (l === 0) irreps.push(G.irrep(0, 0));
      const irr = G.irrep(1, l);
      repeat(irr, irr.size);
    }
  } else if (family === 'so3') {
    for (let l = 0; l <= L; l++) repeat(G.irrep(l), 2 * l + 1);
  } else if (family === 'o3') {
    for (let l = 0; l <= L; l++) for (let j = 0; j < 2; j++) repeat(G.irrep(j, l), 2 * l + 1);
  } else if (family === 'ico') {
    if (L > 4) throw new InvalidArgumentError(fn, 'L', L, 'must be at most 4 for the icosahedral group');
    for (let l = 0; l <= L; l++) {
      const irr = G.irrep(l);
      repeat(irr, irr.size);
    }
  } else {
    throw new InvalidArgumentError(
      fn,
      'G',
      G.name,
      'must be SO(2), O(2), SO(3), O(3) or the icosahedral group',
    );
  }
  return directSum(irreps, { name: `regular_${L}` });
}
