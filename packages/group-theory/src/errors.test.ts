/**
 * Typed errors at the public entry points: each names the function, the argument and the value.
 */
import { describe, expect, it } from 'vitest';
import { cyclicGroup } from './cyclic.js';
import { dihedralGroup } from './dihedral.js';
import {
  GroupMismatchError,
  InvalidArgumentError,
  SteerableError,
  UnknownIrrepError,
  UnknownSubgroupError,
} from './errors.js';
import { o2Group } from './o2.js';
import { so2Group } from './so2.js';

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('typed errors', () => {
  it('rejects a group order that is not a positive integer', () => {
    for (const N of [0, 2.5, -3, Number.NaN]) {
      const e = caught(() => cyclicGroup(N)) as InvalidArgumentError;
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect(e.functionName).toBe('cyclicGroup');
      expect(e.argument).toBe('N');
      expect(e.message).toContain(`got ${N}`);
    }
    expect(caught(() => dihedralGroup(0))).toBeInstanceOf(InvalidArgumentError);
    expect((caught(() => so2Group(-1)) as InvalidArgumentError).argument).toBe('maximumFrequency');
    expect((caught(() => o2Group(1.5)) as InvalidArgumentError).functionName).toBe('o2Group');
  });

  it('rejects unknown irrep ids', () => {
    const e = caught(() => cyclicGroup(4).irrep(3)) as UnknownIrrepError;
    expect(e).toBeInstanceOf(UnknownIrrepError);
    expect(e.message).toBe('C4.irrep: argument "id" must be the id of an irrep of C4, got [3]');
    expect(caught(() => dihedralGroup(5).irrep(0, 1))).toBeInstanceOf(UnknownIrrepError);
    expect(caught(() => dihedralGroup(4).irrep(1))).toBeInstanceOf(UnknownIrrepError);
    expect(caught(() => o2Group().irrep(0, 2))).toBeInstanceOf(UnknownIrrepError);
    expect(caught(() => so2Group().irrep(-1))).toBeInstanceOf(UnknownIrrepError);
    expect(caught(() => so2Group().irrep(1.5))).toBeInstanceOf(InvalidArgumentError);
    expect(caught(() => cyclicGroup(4).restrictIrrep([5], 2))).toBeInstanceOf(UnknownIrrepError);
    expect(caught(() => cyclicGroup(4).restrictIrrep([1], 3))).toBeInstanceOf(UnknownSubgroupError);
  });

  it('rejects combining elements of two different groups', () => {
    const e = caught(() =>
      cyclicGroup(4).element(1).combine(cyclicGroup(8).element(1)),
    ) as GroupMismatchError;
    expect(e).toBeInstanceOf(GroupMismatchError);
    expect(e.message).toBe('GroupElement.combine: argument "other" belongs to C8, expected C4');
    expect(
      caught(() =>
        so2Group(3)
          .element(1)
          .combine(o2Group(3).element([0, 1])),
      ),
    ).toBeInstanceOf(GroupMismatchError);
    // The band limit is not part of a continuous group's identity (as in escnn): SO(2) is SO(2).
    expect(so2Group(3).element(1).combine(so2Group(4).element(1)).equals(so2Group(6).element(2))).toBe(true);
    expect(caught(() => cyclicGroup(4).irrep(1).at(dihedralGroup(4).identity))).toBeInstanceOf(
      GroupMismatchError,
    );
    expect(cyclicGroup(4).element(1).equals(cyclicGroup(8).element(2))).toBe(false);
    expect(cyclicGroup(4).element(1).combine(cyclicGroup(4).element(3)).isIdentity()).toBe(true);
  });

  it('rejects values that are not elements', () => {
    const e = caught(() => cyclicGroup(4).element(4)) as InvalidArgumentError;
    expect(e.message).toBe(
      'C4.element: argument "value" must be an integer in 0..3 (an element of C4), got 4',
    );
    expect(caught(() => cyclicGroup(4).element(0.3, 'radians'))).toBeInstanceOf(InvalidArgumentError);
    expect(
      caught(() =>
        cyclicGroup(4).element(
          [
            [2, 0],
            [0, 1],
          ],
          'MAT',
        ),
      ),
    ).toBeInstanceOf(InvalidArgumentError);
    expect(caught(() => dihedralGroup(4).element([2, 0]))).toBeInstanceOf(InvalidArgumentError);
    expect(caught(() => dihedralGroup(4).element(1))).toBeInstanceOf(InvalidArgumentError);
    expect(caught(() => so2Group().element(Number.POSITIVE_INFINITY))).toBeInstanceOf(InvalidArgumentError);
    expect(caught(() => o2Group().element([0, 'a']))).toBeInstanceOf(InvalidArgumentError);
    expect((caught(() => cyclicGroup(4).element(1, 'Q')) as InvalidArgumentError).argument).toBe('param');
    expect((caught(() => cyclicGroup(4).element(1).to('Q')) as InvalidArgumentError).functionName).toBe(
      'GroupElement.to',
    );
  });

  it('rejects bad sizes, seeds and grid types', () => {
    expect((caught(() => cyclicGroup(4).sample(-1)) as InvalidArgumentError).argument).toBe('n');
    expect((caught(() => so2Group().sample(2, { seed: 0.5 })) as InvalidArgumentError).argument).toBe(
      'options.seed',
    );
    expect((caught(() => o2Group().grid('thomson', 3)) as InvalidArgumentError).argument).toBe('type');
    expect((caught(() => cyclicGroup(6).grid('regular', 4)) as InvalidArgumentError).argument).toBe('n');
    expect(caught(() => so2Group().elements)).toBeInstanceOf(SteerableError);
  });
});
