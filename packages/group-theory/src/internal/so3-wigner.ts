/**
 * Real Wigner D matrices of SO(3) in escnn's basis (lie_learn's `wigner_D_matrix(l, α, β, γ)` with
 * `field='real'`, `normalization='quantum'`, `order='centered'`, `condon_shortley='cs'`).
 *
 * The basis of the irrep `l` is indexed by `m = -l … l`; its vector `m` is the real combination of the
 * complex spherical-harmonic basis given by escnn's `_change_of_basis_real2complex(l)` (`C` below):
 * `D_real(g) = Cᴴ conj(D_complex(g)) C`. For `l = 1` this is the rotation matrix in the axis order `(y, z, x)`.
 *
 * Rather than escnn's route (ZYZ Euler angles and Pinchon–Hoggan's J matrices), the matrices come from the
 * rotation matrix by Ivanic and Ruedenberg's recursion (J. Phys. Chem. 1996, 100, 6342; erratum 1998,
 * 102, 9099): `D^l` from `D^{l-1}` and `D^1`, with no Euler angle and no gimbal lock, O(l²) work per degree.
 * The recursion's real basis is the same as escnn's for every `l` (tested entrywise against the complex
 * closed form through `C` and against escnn's matrices for `l ≤ 2`).
 */
import { type Quaternion, quaternionToMatrix } from './so3-quaternion.js';

/** `D^1` from the row-major rotation matrix `R`: `R` in the axis order `(y, z, x)` (m = -1, 0, 1). */
function firstDegree(R: Float64Array): Float64Array {
  const axis = [1, 2, 0];
  const out = new Float64Array(9);
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) out[a * 3 + b] = R[axis[a]! * 3 + axis[b]!]!;
  return out;
}

/**
 * `D^l` from `D^{l-1}` (`prev`, size `2l-1`) and `D^1` (`r1`), Ivanic–Ruedenberg:
 * `D^l_{m,n} = u U + v V + w W`, with `U, V, W` sums of products `D^1_{i,·} D^{l-1}_{·,·}` (the function `P`).
 */
function nextDegree(l: number, prev: Float64Array, r1: Float64Array): Float64Array {
  const size = 2 * l + 1;
  const ps = 2 * l - 1;
  const out = new Float64Array(size * size);
  const r = (i: number, j: number) => r1[(i + 1) * 3 + j + 1]!;
  const p = (a: number, b: number) => prev[(a + l - 1) * ps + b + l - 1]!;
  const P = (i: number, a: number, n: number): number => {
    if (n === l) return r(i, 1) * p(a, l - 1) - r(i, -1) * p(a, 1 - l);
    if (n === -l) return r(i, 1) * p(a, 1 - l) + r(i, -1) * p(a, l - 1);
    return r(i, 0) * p(a, n);
  };
  for (let m = -l; m <= l; m++) {
    const am = Math.abs(m);
    const m0 = m === 0 ? 1 : 0;
    for (let n = -l; n <= l; n++) {
      const d = Math.abs(n) < l ? (l + n) * (l - n) : 2 * l * (2 * l - 1);
      const u = Math.sqrt(((l + m) * (l - m)) / d);
      const v = 0.5 * Math.sqrt(((1 + m0) * (l + am - 1) * (l + am)) / d) * (1 - 2 * m0);
      const w = -0.5 * Math.sqrt(((l - am - 1) * (l - am)) / d) * (1 - m0);
      let value = 0;
      if (u !== 0) value += u * P(0, m, n);
      if (v !== 0) {
        let V: number;
        if (m === 0) V = P(1, 1, n) + P(-1, -1, n);
        else if (m > 0)
          V = P(1, m - 1, n) * Math.sqrt(1 + (m === 1 ? 1 : 0)) - (m === 1 ? 0 : P(-1, 1 - m, n));
        else V = (m === -1 ? 0 : P(1, m + 1, n)) + P(-1, -m - 1, n) * Math.sqrt(1 + (m === -1 ? 1 : 0));
        value += v * V;
      }
      if (w !== 0) {
        const W = m > 0 ? P(1, m + 1, n) + P(-1, -m - 1, n) : P(1, m - 1, n) - P(-1, 1 - m, n);
        value += w * W;
      }
      out[(m + l) * size + n + l] = value;
    }
  }
  return out;
}

/** The matrices `D^0 … D^L` of the rotation `q`, grown on demand and memoized per quaternion object. */
const memo = new WeakMap<Quaternion, Float64Array[]>();

/**
 * The real Wigner D matrix `D^l(q)` (row-major, `(2l+1)²` entries, shared: do not modify), escnn's
 * `SO3.irrep(l)(g)`.
 */
export function wignerD(q: Quaternion, l: number): Float64Array {
  let levels = memo.get(q);
  if (levels === undefined) {
    levels = [Float64Array.of(1)];
    memo.set(q, levels);
  }
  if (levels.length <= l && levels.length === 1) levels.push(firstDegree(quaternionToMatrix(q)));
  while (levels.length <= l) levels.push(nextDegree(levels.length, levels[levels.length - 1]!, levels[1]!));
  return levels[l]!;
}

/** A complex number `[re, im]`. */
export type Complex = readonly [number, number];

/**
 * escnn's `_change_of_basis_real2complex(l)`: column `m` of `C` is the real basis vector `m` in the complex
 * basis `(-l … l)`: for `f ≥ 1`, column `+f` is `(e_{-f} + (-1)^f e_f)/√2`, column `-f` is
 * `(-i e_{-f} + (-1)^f i e_f)/√2`, and column 0 is `e_0`. Returned as `C[row][column]`.
 */
export function realToComplex(l: number): Complex[][] {
  const size = 2 * l + 1;
  const C: Complex[][] = Array.from({ length: size }, () =>
    Array.from({ length: size }, () => [0, 0] as Complex),
  );
  const h = Math.SQRT1_2;
  for (let f = 1; f <= l; f++) {
    const even = f % 2 === 0;
    C[l - f]![l - f] = [0, -h];
    C[l + f]![l - f] = [0, even ? h : -h];
    C[l - f]![l + f] = [h, 0];
    C[l + f]![l + f] = [even ? h : -h, 0];
  }
  C[l]![l] = [1, 0];
  return C;
}
