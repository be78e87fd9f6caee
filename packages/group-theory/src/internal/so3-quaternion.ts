/**
 * Unit quaternions `[x, y, z, w]` (scalar last, as escnn and scipy) as rotations of R³, and the conversions
 * between escnn's SO(3) parametrizations: `'Q'`, `'MAT'` (3×3 rotation matrix), `'EV'` (rotation vector,
 * axis times angle) and the 24 Euler conventions (lowercase axes extrinsic, uppercase intrinsic).
 *
 * The rotation of `q = w + xi + yj + zk` maps `v` to `q v q*`; `q` and `-q` are the same rotation, and the
 * canonical quaternion has `w > 0` (or, when `w = 0`, its first non-zero entry positive).
 */
import { Matrix } from 'ml-matrix';

/** A unit quaternion `[x, y, z, w]`, scalar last. */
export type Quaternion = readonly [number, number, number, number];

/** Tolerance on `|q| = 1`, `det R = 1` and `R Rᵀ = I` when parsing (escnn asserts with `np.isclose`). */
const PARSE_TOLERANCE = 1e-6;

/** escnn's SO(3) parametrizations, in escnn's order. */
export const SO3_PARAMETRIZATIONS = Object.freeze([
  'Q',
  'MAT',
  'EV',
  ...['xyz', 'xzy', 'yxz', 'yzx', 'zxy', 'zyx', 'xyx', 'xzx', 'yxy', 'yzy', 'zxz', 'zyz'],
  ...['XYZ', 'XZY', 'YXZ', 'YZX', 'ZXY', 'ZYX', 'XYX', 'XZX', 'YXY', 'YZY', 'ZXZ', 'ZYZ'],
]);

/** The canonical representative of `±q`: `w > 0`, or the first non-zero entry positive when `w = 0`. */
function canonicalQuaternion(q: readonly number[]): Quaternion {
  const [x, y, z, w] = q as Quaternion;
  let sign = 1;
  for (const c of [w, x, y, z]) {
    if (c !== 0) {
      sign = c > 0 ? 1 : -1;
      break;
    }
  }
  // `+ 0` turns -0 into 0, so that equal rotations print and compare alike.
  return [sign * x + 0, sign * y + 0, sign * z + 0, sign * w + 0];
}

/** Normalizes and canonicalizes. */
export function normalizeQuaternion(q: readonly number[]): Quaternion {
  const n = Math.hypot(q[0]!, q[1]!, q[2]!, q[3]!);
  return canonicalQuaternion([q[0]! / n, q[1]! / n, q[2]! / n, q[3]! / n]);
}

/** Hamilton product `a b` (the rotation `b` first, then `a`), canonical. */
export function quaternionMultiply(a: Quaternion, b: Quaternion): Quaternion {
  const [ax, ay, az, aw] = a;
  const [bx, by, bz, bw] = b;
  return normalizeQuaternion([
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
    aw * bw - ax * bx - ay * by - az * bz,
  ]);
}

/** The inverse rotation, the conjugate `[-x, -y, -z, w]`, canonical. */
export function quaternionInverse(q: Quaternion): Quaternion {
  return canonicalQuaternion([-q[0], -q[1], -q[2], q[3]]);
}

/** Distance between the rotations of two unit quaternions: `min(|a - b|, |a + b|)` (max norm). */
export function quaternionDistance(a: Quaternion, b: Quaternion): number {
  let minus = 0;
  let plus = 0;
  for (let i = 0; i < 4; i++) {
    minus = Math.max(minus, Math.abs(a[i]! - b[i]!));
    plus = Math.max(plus, Math.abs(a[i]! + b[i]!));
  }
  return Math.min(minus, plus);
}

/** Row-major 3×3 rotation matrix of a unit quaternion (9 entries). */
export function quaternionToMatrix(q: Quaternion): Float64Array {
  const [x, y, z, w] = q;
  return Float64Array.of(
    1 - 2 * (y * y + z * z),
    2 * (x * y - z * w),
    2 * (x * z + y * w),
    2 * (x * y + z * w),
    1 - 2 * (x * x + z * z),
    2 * (y * z - x * w),
    2 * (x * z - y * w),
    2 * (y * z + x * w),
    1 - 2 * (x * x + y * y),
  );
}

/**
 * Unit quaternion of a row-major 3×3 rotation matrix, by Shepperd's method (the largest of `w², x², y², z²`
 * gives the best-conditioned square root).
 */
function matrixToQuaternion(m: ArrayLike<number>): Quaternion {
  const [m00, m01, m02, m10, m11, m12, m20, m21, m22] = Array.from(m) as number[];
  const trace = m00! + m11! + m22!;
  const candidates = [trace, m00!, m11!, m22!];
  let best = 0;
  for (let i = 1; i < 4; i++) if (candidates[i]! > candidates[best]!) best = i;
  let q: number[];
  if (best === 0) {
    const s = 2 * Math.sqrt(1 + trace);
    q = [(m21! - m12!) / s, (m02! - m20!) / s, (m10! - m01!) / s, s / 4];
  } else if (best === 1) {
    const s = 2 * Math.sqrt(1 + m00! - m11! - m22!);
    q = [s / 4, (m01! + m10!) / s, (m02! + m20!) / s, (m21! - m12!) / s];
  } else if (best === 2) {
    const s = 2 * Math.sqrt(1 - m00! + m11! - m22!);
    q = [(m01! + m10!) / s, s / 4, (m12! + m21!) / s, (m02! - m20!) / s];
  } else {
    const s = 2 * Math.sqrt(1 - m00! - m11! + m22!);
    q = [(m02! + m20!) / s, (m12! + m21!) / s, s / 4, (m10! - m01!) / s];
  }
  return normalizeQuaternion(q);
}

/** Unit quaternion of a rotation vector `θ n` (axis `n`, angle `θ = |v|`). */
export function rotationVectorToQuaternion(v: readonly number[]): Quaternion {
  const theta = Math.hypot(v[0]!, v[1]!, v[2]!);
  // sin(θ/2)/θ, with its Taylor expansion near 0.
  const s = theta < 1e-6 ? 0.5 - (theta * theta) / 48 : Math.sin(theta / 2) / theta;
  return normalizeQuaternion([s * v[0]!, s * v[1]!, s * v[2]!, Math.cos(theta / 2)]);
}

/** Rotation vector `θ n` with `θ ∈ [0, π]` of a unit quaternion (scipy's `as_rotvec`). */
function quaternionToRotationVector(q: Quaternion): [number, number, number] {
  const [x, y, z, w] = q[3] < 0 ? [-q[0], -q[1], -q[2], -q[3]] : q;
  const sinHalf = Math.hypot(x, y, z);
  const theta = 2 * Math.atan2(sinHalf, w);
  // θ / sin(θ/2), with its Taylor expansion near 0.
  const f = theta < 1e-6 ? 2 + (theta * theta) / 12 : theta / sinHalf;
  return [f * x + 0, f * y + 0, f * z + 0];
}

const AXIS: Record<string, number> = { x: 0, y: 1, z: 2 };

/** The quaternion of the rotation by `angle` about the coordinate axis `axis` (0, 1, 2). */
function axisQuaternion(axis: number, angle: number): Quaternion {
  const q = [0, 0, 0, Math.cos(angle / 2)];
  q[axis] = Math.sin(angle / 2);
  return q as unknown as Quaternion;
}

/**
 * Unit quaternion of Euler angles (scipy's `from_euler(seq, angles)`): extrinsic `'abc'` rotates about the
 * fixed axes a, then b, then c (`R = R_c(γ) R_b(β) R_a(α)`); intrinsic `'ABC'` about the moving axes
 * (`R = R_a(α) R_b(β) R_c(γ)`).
 */
export function eulerToQuaternion(seq: string, angles: readonly number[]): Quaternion {
  const axes = seq
    .toLowerCase()
    .split('')
    .map((c) => AXIS[c]!);
  const factors = axes.map((a, i) => axisQuaternion(a, angles[i]!));
  const extrinsic = seq === seq.toLowerCase();
  const [f0, f1, f2] = factors as [Quaternion, Quaternion, Quaternion];
  return extrinsic
    ? quaternionMultiply(f2, quaternionMultiply(f1, f0))
    : quaternionMultiply(f0, quaternionMultiply(f1, f2));
}

/** Angles near a gimbal lock (middle angle 0 or π, or ±π/2) within this many radians set the third to 0. */
const GIMBAL_TOLERANCE = 1e-7;

/** Wraps an angle to `(-π, π]`. */
function wrapPi(a: number): number {
  let r = a % (2 * Math.PI);
  if (r > Math.PI) r -= 2 * Math.PI;
  if (r <= -Math.PI) r += 2 * Math.PI;
  return r + 0;
}

/**
 * Extrinsic Euler angles `[α, β, γ]` with `R = R_k(γ) R_j(β) R_i(α)` for the axes `[i, j, k]`. Proper
 * sequences (`k = i`, β ∈ [0, π]) read the half-angle sums of the quaternion; Tait–Bryan sequences (β ∈
 * [-π/2, π/2]) read the matrix. At a gimbal lock only `α ± γ` is determined: the angle `zero` (0 for α, 2 for
 * γ) is set to 0.
 */
function extrinsicEuler(q: Quaternion, axes: readonly number[], zero: 0 | 2): [number, number, number] {
  const [i, j, k] = axes as [number, number, number];
  if (i === k) {
    const third = 3 - i - j;
    // ε = +1 when (i, j, third) is a cyclic order of (x, y, z): e_i e_j = ε e_third.
    const eps = (j - i + 3) % 3 === 1 ? 1 : -1;
    const w = q[3];
    const qi = q[i]!;
    const qj = q[j]!;
    const qk = eps * q[third]!;
    // q = cos(β/2) [cos((α+γ)/2) + sin((α+γ)/2) e_i] + sin(β/2) [cos((γ-α)/2) e_j + ε sin((γ-α)/2) e_third]
    const beta = 2 * Math.atan2(Math.hypot(qj, qk), Math.hypot(w, qi));
    const sum = Math.atan2(qi, w);
    const diff = Math.atan2(qk, qj);
    if (beta <= GIMBAL_TOLERANCE) {
      // Only α + γ = 2·sum is determined.
      return zero === 2 ? [wrapPi(2 * sum), beta, 0] : [0, beta, wrapPi(2 * sum)];
    }
    if (beta >= Math.PI - GIMBAL_TOLERANCE) {
      // Only γ − α = 2·diff is determined.
      return zero === 2 ? [wrapPi(-2 * diff), beta, 0] : [0, beta, wrapPi(2 * diff)];
    }
    return [wrapPi(sum - diff), beta, wrapPi(sum + diff)];
  }
  const m = quaternionToMatrix(q);
  const at = (r: number, c: number) => m[r * 3 + c]!;
  // ε = +1 when e_i × e_j = e_k.
  const eps = (j - i + 3) % 3 === 1 ? 1 : -1;
  // Column i of R is cos β cos γ e_i + ε cos β sin γ e_j − ε sin β e_k; row k is
  // cos β cos α e_k + ε cos β sin α e_j − ε sin β e_i.
  const beta = Math.atan2(-eps * at(k, i), Math.hypot(at(i, i), at(j, i)));
  if (Math.abs(Math.abs(beta) - Math.PI / 2) <= GIMBAL_TOLERANCE) {
    // γ = 0: R = R_j(β) R_i(α), whose (j, j) entry is cos α and (j, k) entry −ε sin α.
    if (zero === 2) return [wrapPi(Math.atan2(-eps * at(j, k), at(j, j))), beta, 0];
    // α = 0: R = R_k(γ) R_j(β), whose (j, j) entry is cos γ and (i, j) entry −ε sin γ.
    return [0, beta, wrapPi(Math.atan2(-eps * at(i, j), at(j, j)))];
  }
  return [wrapPi(Math.atan2(eps * at(k, j), at(k, k))), beta, wrapPi(Math.atan2(eps * at(j, i), at(i, i)))];
}

/**
 * Euler angles of a unit quaternion in the convention `seq` (scipy's `as_euler`): the intrinsic `'ABC'`
 * angles are the extrinsic `'cba'` angles reversed. At a gimbal lock the third angle returned is 0 (scipy's
 * choice, for both kinds).
 */
function quaternionToEuler(q: Quaternion, seq: string): [number, number, number] {
  const axes = seq
    .toLowerCase()
    .split('')
    .map((c) => AXIS[c]!);
  if (seq === seq.toLowerCase()) return extrinsicEuler(q, axes, 2);
  const [a, b, c] = extrinsicEuler(q, [...axes].reverse(), 0);
  return [c, b, a];
}

/** Reads a flat list of `n` finite numbers from an array, typed array or ml-matrix vector; null otherwise. */
function readNumbers(value: unknown, n: number): number[] | null {
  let entries: unknown[];
  if (value instanceof Matrix) {
    if (value.rows * value.columns !== n || (value.rows !== 1 && value.columns !== 1)) return null;
    entries = value.to1DArray();
  } else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    entries = Array.from(value as ArrayLike<unknown>);
  } else {
    return null;
  }
  if (entries.length !== n || !entries.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
  return entries as number[];
}

/** Reads a 3×3 matrix given as an ml-matrix `Matrix` or nested arrays (row-major); null otherwise. */
function read3x3(value: unknown): number[] | null {
  let entries: unknown[];
  if (value instanceof Matrix) {
    if (value.rows !== 3 || value.columns !== 3) return null;
    entries = value.to1DArray();
  } else if (
    Array.isArray(value) &&
    value.length === 3 &&
    value.every((r) => Array.isArray(r) && r.length === 3)
  ) {
    entries = (value as unknown[][]).flat();
  } else {
    return null;
  }
  if (!entries.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
  return entries as number[];
}

/** True when the row-major 3×3 matrix is a rotation: `R Rᵀ = I` and `det R = 1` to 1e-6. */
function isRotationMatrix(m: readonly number[]): boolean {
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      let dot = 0;
      for (let k = 0; k < 3; k++) dot += m[r * 3 + k]! * m[c * 3 + k]!;
      if (Math.abs(dot - (r === c ? 1 : 0)) > PARSE_TOLERANCE) return false;
    }
  }
  const det =
    m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) -
    m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) +
    m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!);
  return Math.abs(det - 1) <= PARSE_TOLERANCE;
}

/**
 * Parses a rotation in an SO(3) parametrization to its canonical unit quaternion; null when `value` is not
 * one (a quaternion must have norm 1 to 1e-6, a matrix be a rotation).
 */
export function parseRotation(value: unknown, param: string): Quaternion | null {
  if (param === 'Q') {
    const q = readNumbers(value, 4);
    if (q === null || Math.abs(Math.hypot(...q) - 1) > PARSE_TOLERANCE) return null;
    return normalizeQuaternion(q);
  }
  if (param === 'MAT') {
    const m = read3x3(value);
    return m === null || !isRotationMatrix(m) ? null : matrixToQuaternion(m);
  }
  const v = readNumbers(value, 3);
  if (v === null) return null;
  return param === 'EV' ? rotationVectorToQuaternion(v) : eulerToQuaternion(param, v);
}

/** A canonical quaternion in an SO(3) parametrization: arrays, or a fresh `Matrix` for `'MAT'`. */
export function formatRotation(q: Quaternion, param: string): number[] | Matrix {
  if (param === 'Q') return [...q];
  if (param === 'MAT') {
    const m = quaternionToMatrix(q);
    return new Matrix([
      Array.from(m.subarray(0, 3)),
      Array.from(m.subarray(3, 6)),
      Array.from(m.subarray(6, 9)),
    ]);
  }
  if (param === 'EV') return quaternionToRotationVector(q);
  return quaternionToEuler(q, param);
}
