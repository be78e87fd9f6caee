import { describe, expect, it } from 'vitest';
import { pythonFloat, pythonId, pythonO3Id } from './python-repr.js';

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

describe('python repr of O(3) subgroup ids', () => {
  it('prints ids as escnn’s GSpace3D names them', () => {
    expect(pythonO3Id('so3')).toBe('so3');
    expect(pythonO3Id('o3')).toBe('o3');
    expect(pythonO3Id([false, 'ico'])).toBe("(False, 'ico')");
    expect(pythonO3Id([true, 'octa'])).toBe("(True, 'octa')");
    expect(pythonO3Id([false, Math.PI, -1])).toBe('(False, 3.141592653589793, -1)');
    expect(pythonO3Id([true, Math.PI / 2, 4])).toBe('(True, 1.5707963267948966, 4)');
    expect(pythonO3Id([false, 0, 2])).toBe('(False, 0.0, 2)');
    expect(pythonO3Id(['cone', Math.PI, 1])).toBe("('cone', 3.141592653589793, 1)");
    expect(pythonO3Id(['cone', -1])).toBe("('cone', -1)");
    expect(pythonO3Id([true, false, 1])).toBe('(True, False, 1)');
    expect(pythonO3Id([false, true, 4])).toBe('(False, True, 4)');
    expect(pythonO3Id(['cone', 4, 'A'])).toBe("('cone', 4, 'A')");
  });
});
