/**
 * escnn's sized induced tags: built by `inducedTag`, read back by `inducedSubfieldSize`.
 */
import { describe, expect, it } from 'vitest';
import { cyclicGroup } from './cyclic.js';
import { InvalidArgumentError } from './errors.js';
import { inducedSubfieldSize, inducedTag } from './induced-tags.js';
import { IrreducibleRepresentation, type NonlinearityTag } from './irrep.js';

/** A 4-dimensional representation of C4 carrying the given tags (its matrices are never evaluated here). */
function tagged(tags: readonly NonlinearityTag[]): IrreducibleRepresentation {
  return new IrreducibleRepresentation(cyclicGroup(4), {
    id: [7],
    name: 'tagged',
    dimension: 4,
    type: 'R',
    matrix: () => new Float64Array(16),
    endomorphismBasis: [],
    supportedNonlinearities: tags,
  });
}

describe('inducedTag', () => {
  it("writes escnn's tags", () => {
    expect(inducedTag('norm', 2)).toBe('induced_norm_2');
    expect(inducedTag('gated', 1)).toBe('induced_gated_1');
  });

  it('rejects bad kinds and sizes', () => {
    for (const d of [0, -1, 1.5, Number.NaN])
      expect(() => inducedTag('norm', d)).toThrow(InvalidArgumentError);
    expect(() => inducedTag('gate' as never, 1)).toThrow(/kind/);
  });
});

describe('inducedSubfieldSize', () => {
  it('reads the size of the requested kind only', () => {
    const r = tagged(['norm', 'gated', 'induced_norm_2', 'induced_gated_1', 'induced_gate']);
    expect(inducedSubfieldSize(r, 'norm')).toBe(2);
    expect(inducedSubfieldSize(r, 'gated')).toBe(1);
  });

  it('is undefined without a tag of that kind (irreps carry none)', () => {
    expect(inducedSubfieldSize(tagged(['norm', 'induced_gated_2']), 'norm')).toBeUndefined();
    for (const irrep of cyclicGroup(6).irreps()) {
      expect(inducedSubfieldSize(irrep, 'norm')).toBeUndefined();
      expect(inducedSubfieldSize(irrep, 'gated')).toBeUndefined();
    }
  });

  it('rejects several sizes, malformed sizes and sizes not dividing the representation', () => {
    const bad: NonlinearityTag[][] = [
      ['induced_norm_1', 'induced_norm_2'],
      ['induced_norm_3'],
      ['induced_norm_0'],
      ['induced_norm_1.5'],
      ['induced_norm_-2'],
    ];
    for (const tags of bad) {
      expect(() => inducedSubfieldSize(tagged(tags), 'norm')).toThrow(InvalidArgumentError);
    }
    expect(() => inducedSubfieldSize(tagged(['induced_norm_1', 'induced_norm_2']), 'norm')).toThrow(
      /one sub-field size/,
    );
    expect(() => inducedSubfieldSize(tagged([]), 'pointwise' as never)).toThrow(/kind/);
    expect(() => inducedSubfieldSize(null as never, 'norm')).toThrow(/rep/);
  });
});
