import { flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { arbitraryFieldType } from './arbitraries/field-types.js';
import { arbitraryModuleCase } from './arbitraries/modules.js';
import { propertyParameters } from './arbitraries/parameters.js';
import { initTestingBackend } from './backend.js';
import { certifyEquivariance } from './certify.js';
import { PLANAR_GSPACES } from './registry.js';
import { IsotropicBlur } from './test-utils.js';

beforeAll(async () => {
  await initTestingBackend();
});

describe('certification, property-based', () => {
  it('certifies a layer equivariant by construction on random field types of random gspaces', async () => {
    const gspace = fc
      .integer({ min: 0, max: PLANAR_GSPACES.length - 1 })
      .map((i) => PLANAR_GSPACES[i]!.make());
    await fc.assert(
      fc.asyncProperty(
        gspace.chain((gs) => arbitraryFieldType(gs)),
        fc.integer({ min: 0, max: 1000 }),
        async (type, seed) => {
          const m = new IsotropicBlur(type);
          try {
            const report = await certifyEquivariance(m, { seed, numRuns: 1, maxInterpolated: 2 });
            expect(report.passed).toBe(true);
          } finally {
            m.dispose();
          }
        },
      ),
      propertyParameters({ numRuns: 8 }),
    );
  });

  it.each([
    ['C4', rot2dOnR2(4)],
    ['D4', flipRot2dOnR2(4)],
    ['SO(2)', rot2dOnR2(-1, { maximumFrequency: 2 })],
    ['D4 on R0', noBaseSpace(flipRot2dOnR2(4).fibergroup)],
  ])('certifies random modules of the library on %s', async (_name, gs) => {
    await fc.assert(
      fc.asyncProperty(arbitraryModuleCase(gs), async (c) => {
        const m = c.build();
        try {
          const report = await certifyEquivariance(m, { ...c.options, numRuns: 1, maxInterpolated: 2 });
          expect(report.passed, `${c.module} (${c.label})`).toBe(true);
        } finally {
          (m as { dispose?: () => void }).dispose?.();
        }
      }),
      propertyParameters({ numRuns: 6 }),
    );
  });
});
