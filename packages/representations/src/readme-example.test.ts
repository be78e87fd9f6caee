import { cyclicGroup, dihedralGroup } from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import { expect, it } from 'vitest';
import {
  directSum,
  homomorphismBasis,
  quotientRepresentation,
  regularRepresentation,
  restrict,
  tensorProduct,
} from './index.js';

it('the README example holds', () => {
  const D4 = dihedralGroup(4);
  const reg = regularRepresentation(D4);
  expect(reg.irreps.map((i) => [...i])).toEqual([
    [0, 0],
    [1, 0],
    [1, 1],
    [1, 1],
    [1, 2],
    [0, 2],
  ]);
  const g = D4.element([1, 3]);
  expect(
    maxAbsDifference(reg.at(g), reg.changeOfBasis.mmul(reg.blocks(g)).mmul(reg.changeOfBasis.transpose())),
  ).toBeLessThan(1e-12);
  expect(quotientRepresentation(D4, [null, 4]).name).toBe('quotient[(None, 4)]');
  expect(restrict(reg, [0, 2]).group.name).toBe('D2');
  const field = directSum([D4.irrep(1, 1), D4.trivialRepresentation]);
  expect(homomorphismBasis(field, reg).length).toBe(3);
  expect(tensorProduct(cyclicGroup(8).irrep(1), cyclicGroup(8).irrep(2)).irreps.map((i) => [...i])).toEqual([
    [1],
    [3],
  ]);
});
