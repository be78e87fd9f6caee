import { rot2dOnR2 } from '@steerable/gspaces';
import * as nn from '@steerable/nn-equivariant';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTestingBackend } from './backend.js';
import { runMatrix } from './matrix.js';
import {
  CERTIFICATION_REGISTRY,
  type CertificationEntry,
  exportedModuleClasses,
  moduleConstructor,
  representativeTypes,
} from './registry.js';
import { PlainConv } from './test-utils.js';

let backend: Awaited<ReturnType<typeof initTestingBackend>>;
beforeAll(async () => {
  backend = await initTestingBackend();
});

const base = { seed: 3, numRuns: 1, maxInterpolated: 2 };

describe('runMatrix', () => {
  it('fails a module broken on purpose, naming the element and the command to rerun it', async () => {
    // a registry entry whose "module" is a plain convolution: built from the IdentityModule slot's types
    const broken: CertificationEntry = {
      module: 'IdentityModule',
      gspaces: [{ key: 'C4', make: () => rot2dOnR2(4) }],
      cases: (gs) =>
        representativeTypes(gs).map(({ label, type }) => ({ label, build: () => new PlainConv(type, type) })),
    };
    const result = await runMatrix({ ...base, backend, registry: [broken] });
    expect(result.failed).toBe(result.rows.length);
    expect(result.rows.every((r) => r.status === 'FAIL')).toBe(true);
    expect(result.text).toMatch(/FAIL IdentityModule on C4 \(mixed\): C4\[[123]\] errs/);
    expect(result.text).toContain(
      "npx steerable-certify --module IdentityModule --gspace C4 --case 'mixed' --seed 3",
    );
    expect(result.text).toContain(`backend ${backend.name} on ${backend.adapter}`);
  });

  it('passes the registry cases of a few modules, and reports construction errors as failures', async () => {
    const failing: CertificationEntry = {
      module: 'IdentityModule',
      gspaces: [{ key: 'C4', make: () => rot2dOnR2(4) }],
      cases: () => [
        {
          label: 'throws',
          build: () => {
            throw new Error('cannot build');
          },
        },
      ],
    };
    const entries = CERTIFICATION_REGISTRY.filter((e) => ['ReLU', 'RestrictionModule'].includes(e.module));
    const result = await runMatrix({
      ...base,
      backend,
      registry: [...entries, failing],
      gspaces: ['C4', 'SO2'],
    });
    const rows = result.rows.filter((r) => r.module !== 'IdentityModule');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((r) => r.status === 'pass')).toBe(true);
    expect(result.failed).toBe(1);
    expect(result.text).toContain('ERROR IdentityModule on C4 (throws): cannot build');
  });
});

describe('the registry', () => {
  it('finds exported classes and leaves abstract bases out of the coverage list', () => {
    expect(moduleConstructor('R2Conv')).toBeTypeOf('function');
    expect(moduleConstructor('NoSuchModule')).toBeUndefined();
    const classes = exportedModuleClasses();
    expect(classes).toContain('ReLU');
    expect(classes).not.toContain('EquivariantModule');
    expect(classes).not.toContain('PointwiseActivation');
  });
  it('has an entry for every equivariant module nn-equivariant exports', () => {
    const covered = new Set(CERTIFICATION_REGISTRY.map((e) => e.module));
    expect(exportedModuleClasses().filter((name) => !covered.has(name))).toEqual([]);
    expect(typeof nn.EquivariantModule).toBe('function');
  });
});
