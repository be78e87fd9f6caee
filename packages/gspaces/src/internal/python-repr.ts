/**
 * Python's `repr` of the values in escnn's gspace names (`C4_on_R2[(None, 4)]`, `D4_on_R2[(3.141592653589793, 4)]`).
 */

/** Python's `repr(float(x))`: shortest round-trip digits, `.0` on integers, exponent below 1e-4 or from 1e16. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    const sign = e < 0 ? '-' : '+';
    const digits = String(Math.abs(e)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const fixed = Math.abs(e) < 21 ? x.toFixed(Math.max(0, mantissaDecimals(mantissa) - e)) : String(x);
  return Number.isInteger(x) && !fixed.includes('.') ? `${fixed}.0` : fixed;
}

function mantissaDecimals(mantissa: string): number {
  const dot = mantissa.indexOf('.');
  return dot < 0 ? 0 : mantissa.length - dot - 1;
}

/** Python's repr of a subgroup id: `None` for null, floats for non-integers or angles, tuples in parentheses. */
export function pythonId(id: unknown, floats: readonly boolean[] = []): string {
  if (id === null || id === undefined) return 'None';
  if (Array.isArray(id)) {
    const parts = id.map((v, i) => (typeof v === 'number' && floats[i] ? pythonFloat(v) : pythonId(v)));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
  }
  if (typeof id === 'number') return Number.isInteger(id) ? String(id) : pythonFloat(id);
  return String(id);
}

/**
 * Python's `str` of an O(3) subgroup id as escnn's `GSpace3D` prints it in a name: a bare string stays bare
 * (`so3`); inside a tuple strings are quoted (`(False, 'ico')`), booleans are `True` / `False`, the flip axis
 * after a leading boolean or `'cone'` is a float (`(False, 3.141592653589793, -1)`), an adjoint element prints
 * as the element does here.
 */
export function pythonO3Id(id: unknown): string {
  if (typeof id === 'string') return id;
  if (!Array.isArray(id)) return pythonEntry(id, false);
  // [b | 'cone', θ, N, ...]: θ is escnn's float; in ['cone', N, A] the number is the integer N
  const axisAt =
    id.length >= 3 &&
    (typeof id[0] === 'boolean' || id[0] === 'cone') &&
    typeof id[1] === 'number' &&
    typeof id[2] === 'number'
      ? 1
      : -1;
  const parts = id.map((v, i) => pythonEntry(v, i === axisAt));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** Python's `repr` of one entry of a tuple. */
function pythonEntry(v: unknown, float: boolean): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return float ? pythonFloat(v) : pythonId(v);
  if (Array.isArray(v)) return pythonO3Id(v);
  return pythonId(v);
}
