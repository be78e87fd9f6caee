import { describe, expect, it } from 'vitest';
import { pythonFloat, pythonId } from './python-repr.js';

describe('python repr', () => {
  it('prints floats as Python does', () => {
    expect(pythonFloat(Math.PI)).toBe('3.141592653589793');
    expect(pythonFloat(0)).toBe('0.0');
    expect(pythonFloat(2)).toBe('2.0');
    expect(pythonFloat(1.5707963267948966)).toBe('1.5707963267948966');
    expect(pythonFloat(1e-5)).toBe('1e-05');
    expect(pythonFloat(0.0001)).toBe('0.0001');
    expect(pythonFloat(1e16)).toBe('1e+16');
    expect(pythonFloat(123456789012345.6)).toBe('123456789012345.6');
  });
  it('prints ids as Python tuples', () => {
    expect(pythonId([null, 4])).toBe('(None, 4)');
    expect(pythonId([Math.PI, -1], [true, false])).toBe('(3.141592653589793, -1)');
    expect(pythonId([0, 2], [true, false])).toBe('(0.0, 2)');
    expect(pythonId(3)).toBe('3');
  });
});
