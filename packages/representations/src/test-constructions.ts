/**
 * The properties every construction must satisfy, written once for the planar and the spatial groups' property
 * tests (a test helper, not part of the package): homomorphism, decomposition, class-function characters,
 * restriction vs. inclusion, intertwiners, disentangling.
 */
import { type Group, uniformStream } from '@steerable/group-theory';
import { maxAbsDifference } from '@steerable/group-theory/testing';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  changeBasis,
  directSum,
  disentangle,
  homomorphismBasis,
  type Representation,
  restrict,
  tensorProduct,
} from './index.js';
import { FC_PARAMS, MAX_SEED, sampleElement } from './test-utils.js';

const TOL = 1e-9;

/** A group, the representations to check on it and the subgroups to restrict them to. */
export interface Case {
  readonly G: Group;
  /** representations to check, built lazily */
  readonly reps: () => Representation[];
  /** subgroup ids to restrict to */
  readonly subgroups: readonly unknown[];
}

/** `2I + U`, `U` uniform in `[-0.5, 0.5)` entrywise from `seed`. */
function randomInvertible(n: number, seed: number): Matrix {
  const uniform = uniformStream(seed);
  const rand = () => uniform() - 0.5;
  const m = Matrix.eye(n).mul(2);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, m.get(i, j) + rand());
  return m;
}

/**
 * Direct sums, changes of basis and tensor products of `G`'s irreps `[1]`, `[0]` and the last of `G.irreps()`
 * (the tensor products may hold irreps above a continuous group's maximum frequency: keep them after the first
 * three representations of a case).
 */
export function common(G: Group): Representation[] {
  const irreps = G.irreps();
  const sum = directSum([irreps[1]!, irreps[0]!, irreps[irreps.length - 1]!]);
  return [
    sum,
    changeBasis(sum, randomInvertible(sum.size, 7), 'random-basis'),
    tensorProduct(irreps[1]!, irreps[irreps.length - 1]!),
    tensorProduct(sum, irreps[1]!),
  ];
}

/**
 * The construction properties on each case: `rho(gh) = rho(g) rho(h)`, `rho = Q (⊕ psi_i) Q^-1`, class-function
 * characters, `Res rho(h) = rho(inclusion(h))`, intertwiners commuting with both sides (first three
 * representations pairwise; they must only contain irreps of `G.irreps()`), disentangling by a permutation.
 */
export function describeConstructionProperties(cases: readonly [string, Case][]): void {
  describe.each(cases)('constructions on %s', (_name, c) => {
    const { G } = c;
    const reps = c.reps();
    const g = fc.integer({ min: 0, max: MAX_SEED }).map(sampleElement(G));

    it('are homomorphisms: rho(gh) = rho(g) rho(h)', () => {
      for (const rho of reps) {
        fc.assert(
          fc.property(
            g,
            g,
            (a, b) => maxAbsDifference(rho.at(a.combine(b)), rho.at(a).mmul(rho.at(b))) < TOL,
          ),
          FC_PARAMS,
        );
      }
    });

    it('decompose as rho(g) = Q (⊕ psi_i(g)) Q^-1', () => {
      for (const rho of reps) {
        expect(
          maxAbsDifference(rho.changeOfBasis.mmul(rho.changeOfBasisInv), Matrix.eye(rho.size)),
        ).toBeLessThan(TOL);
        fc.assert(
          fc.property(
            g,
            (a) =>
              maxAbsDifference(rho.at(a), rho.changeOfBasis.mmul(rho.blocks(a)).mmul(rho.changeOfBasisInv)) <
              TOL,
          ),
          FC_PARAMS,
        );
      }
    });

    it('have class-function characters: chi(h g h^-1) = chi(g) = tr rho(g)', () => {
      for (const rho of reps) {
        fc.assert(
          fc.property(g, g, (a, h) => {
            const conj = h.combine(a).combine(h.inverse());
            const tr = rho.at(a).trace();
            return (
              Math.abs(rho.character(conj) - rho.character(a)) < TOL && Math.abs(rho.character(a) - tr) < TOL
            );
          }),
          FC_PARAMS,
        );
      }
    });

    it('restrict compatibly with the inclusion: Res rho(h) = rho(inclusion(h))', () => {
      for (const id of c.subgroups) {
        const map = G.subgroup(id);
        const h = fc.integer({ min: 0, max: MAX_SEED }).map(sampleElement(map.subgroup));
        for (const rho of reps) {
          const res = restrict(rho, id);
          expect(res.group.equals(map.subgroup)).toBe(true);
          expect(res.size).toBe(rho.size);
          expect(res.name).toBe(`${G.name}:${rho.name}`);
          expect(restrict(rho, id)).toBe(res); // memoized inside rho
          fc.assert(
            fc.property(
              h,
              (x) =>
                maxAbsDifference(res.at(x), rho.at(map.inclusion(x))) < TOL &&
                maxAbsDifference(
                  res.at(x),
                  res.changeOfBasis.mmul(res.blocks(x)).mmul(res.changeOfBasisInv),
                ) < TOL,
            ),
            { ...FC_PARAMS, numRuns: Math.min(FC_PARAMS.numRuns, 10) },
          );
        }
      }
    });

    it('have intertwiners commuting with both representations', () => {
      const pairs: [Representation, Representation][] = [];
      for (let i = 0; i < Math.min(reps.length, 3); i++)
        for (let j = 0; j < 3; j++) pairs.push([reps[i]!, reps[j]!]);
      for (const [rin, rout] of pairs) {
        const basis = homomorphismBasis(rin, rout);
        // dimension = Σ over common irreps of m_in · m_out · s(psi)
        let dim = 0;
        for (const irr of G.irreps()) {
          dim += rin.multiplicity(irr.id) * rout.multiplicity(irr.id) * irr.endomorphismBasis().length;
        }
        expect(basis.length).toBe(dim);
        fc.assert(
          fc.property(g, (a) =>
            basis.every((H) => maxAbsDifference(H.mmul(rin.at(a)), rout.at(a).mmul(H)) < 1e-8),
          ),
          { ...FC_PARAMS, numRuns: Math.min(FC_PARAMS.numRuns, 10) },
        );
      }
    });

    it('disentangle into blocks recombined by a permutation', () => {
      for (const rho of reps) {
        const { changeOfBasis: P, representations } = disentangle(rho);
        expect(maxAbsDifference(P.mmul(P.transpose()), Matrix.eye(rho.size))).toBe(0);
        const sum = directSum(representations);
        fc.assert(
          fc.property(g, (a) => maxAbsDifference(P.mmul(rho.at(a)).mmul(P.transpose()), sum.at(a)) < TOL),
          { ...FC_PARAMS, numRuns: Math.min(FC_PARAMS.numRuns, 10) },
        );
      }
    });
  });
}
