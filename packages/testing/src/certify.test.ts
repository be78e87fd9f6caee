import { FieldType } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import { flipRot2dOnR2, noBaseSpace, rot2dOnR2 } from '@steerable/gspaces';
import { RestrictionModule } from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTestingBackend } from './backend.js';
import { CertificationError, certifyEquivariance } from './certify.js';
import { CornerPixel, GlobalAverage, IsotropicBlur, PairSwap, PlainConv } from './test-utils.js';
import { EXACT_TOLERANCE_FLOAT32, INTERPOLATED_TOLERANCE } from './tolerance.js';

beforeAll(async () => {
  await initTestingBackend();
});

async function rejection(p: Promise<unknown>): Promise<CertificationError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CertificationError);
  return error as CertificationError;
}

describe('certifyEquivariance on an equivariant layer', () => {
  it('passes every element of C8, exact ones to float32 rounding, and names the backend', async () => {
    const gs = rot2dOnR2(8);
    const type = new FieldType(gs, [gs.regularRepr, gs.irrep(1), gs.trivialRepr]);
    const m = new IsotropicBlur(type);
    const report = await certifyEquivariance(m, { name: 'blur' });
    m.dispose();
    expect(report.passed).toBe(true);
    expect(report.module).toBe('blur');
    expect(report.backend.name).toBe(tf.getBackend());
    expect(report.elements.map((e) => e.name)).toEqual(gs.testingElements.map(String));
    expect(report.elements.filter((e) => e.exactOnGrid).map((e) => e.name)).toEqual([
      'C8[0]',
      'C8[2]',
      'C8[4]',
      'C8[6]',
    ]);
    for (const e of report.elements) {
      expect(e.error).toBeLessThan(e.exactOnGrid ? 1e-6 : 0.02);
      expect(e.tolerance).toBe(e.exactOnGrid ? EXACT_TOLERANCE_FLOAT32 : INTERPOLATED_TOLERANCE);
      expect(e.values).toBe(e.exactOnGrid ? 'white' : 'smooth');
    }
    expect(report.reproduce).toBe('');
  });

  it('adds a Haar-random element per run on SO(2) and keeps maxInterpolated testing elements', async () => {
    const gs = rot2dOnR2(-1, { maximumFrequency: 2 });
    const m = new IsotropicBlur(new FieldType(gs, [gs.irrep(1), gs.irrep(2)]));
    const report = await certifyEquivariance(m, { numRuns: 2, maxInterpolated: 3 });
    m.dispose();
    expect(report.passed).toBe(true);
    expect(report.elements.filter((e) => e.exactOnGrid)).toHaveLength(4);
    // 3 interpolated testing elements and one random element per run
    expect(report.elements.filter((e) => !e.exactOnGrid)).toHaveLength(5);
  });

  it('certifies a restriction through its inputElement (C8 → C4 subgroup)', async () => {
    const gs = rot2dOnR2(8);
    const m = new RestrictionModule(new FieldType(gs, [gs.regularRepr]), 4);
    const report = await certifyEquivariance(m);
    expect(report.passed).toBe(true);
    expect(report.elements.map((e) => e.name)).toEqual(['C4[0]', 'C4[1]', 'C4[2]', 'C4[3]']);
    m.dispose();
  });

  it('certifies modules on R⁰ (every element exact)', async () => {
    const gs = noBaseSpace(flipRot2dOnR2(4).fibergroup);
    const m = new IsotropicBlur(new FieldType(gs, [gs.regularRepr]));
    const report = await certifyEquivariance(m);
    m.dispose();
    expect(report.passed).toBe(true);
    expect(report.elements.every((e) => e.exactOnGrid)).toBe(true);
  });

  it('certifies invariance after pooling', async () => {
    const gs = rot2dOnR2(8);
    const report = await certifyEquivariance(new GlobalAverage(new FieldType(gs, [gs.trivialRepr])), {
      property: 'invariance',
    });
    expect(report.passed).toBe(true);
    expect(report.property).toBe('invariance');
  });
});

describe('certifyEquivariance on planted broken layers', () => {
  it('rejects a plain convolution with a random filter, naming the failing elements', async () => {
    const gs = rot2dOnR2(4);
    const type = new FieldType(gs, [gs.regularRepr]);
    const m = new PlainConv(type, type);
    const error = await rejection(certifyEquivariance(m, { seed: 5 }));
    m.dispose();
    const { report } = error;
    expect(report.passed).toBe(false);
    expect(report.worst.name).toMatch(/^C4\[[123]\]$/);
    expect(error.message).toContain(`worst element ${report.worst.name}`);
    expect(error.message).toContain(`seed: ${report.worst.input.seed}`);
    expect(error.message).toContain('FC_SEED=5');
    // the identity commutes with anything; every rotation fails by O(1)
    const byName = new Map(report.elements.map((e) => [e.name, e]));
    expect(byName.get('C4[0]')?.passed).toBe(true);
    for (const k of [1, 2, 3]) expect(byName.get(`C4[${k}]`)?.error).toBeGreaterThan(0.3);
  });

  it('reproduces the worst error from the reported input alone', async () => {
    const gs = flipRot2dOnR2(4);
    const type = new FieldType(gs, [gs.regularRepr]);
    const m = new PlainConv(type, type, 3, 11);
    const { report } = await rejection(certifyEquivariance(m, { seed: 9, numRuns: 3 }));
    const again = await certifyEquivariance(m, {
      inputs: [report.worst.input],
      elements: [report.worst.element],
      throwOnFailure: false,
    });
    m.dispose();
    expect(again.numRuns).toBe(1);
    expect(again.worst.error).toBe(report.worst.error);
  });

  it('rejects a layer that is right on quarter turns but wrong at 45° (interpolated elements)', async () => {
    const gs = rot2dOnR2(8);
    const m = new PairSwap(new FieldType(gs, [gs.regularRepr, gs.regularRepr]));
    const { report } = await rejection(certifyEquivariance(m));
    for (const e of report.elements) expect(e.passed).toBe(e.exactOnGrid);
    expect(report.worst.exactOnGrid).toBe(false);
    expect(report.worst.error).toBeGreaterThan(0.5);
    // without the interpolated elements the same layer passes: they are what catches it
    const exactOnly = await certifyEquivariance(m, { interpolated: false });
    expect(exactOnly.passed).toBe(true);
  });

  it('rejects a map that is not invariant', async () => {
    const gs = rot2dOnR2(4);
    const { report } = await rejection(
      certifyEquivariance(new CornerPixel(new FieldType(gs, [gs.trivialRepr])), { property: 'invariance' }),
    );
    expect(report.worst.name).not.toBe('C4[0]');
  });

  it('returns the failing report without throwing when asked', async () => {
    const gs = rot2dOnR2(4);
    const type = new FieldType(gs, [gs.trivialRepr]);
    const m = new PlainConv(type, type);
    const report = await certifyEquivariance(m, { throwOnFailure: false, command: 'npm test' });
    m.dispose();
    expect(report.passed).toBe(false);
    expect(report.reproduce).toContain('npm test');
  });
});

describe('certifyEquivariance arguments', () => {
  const gs = rot2dOnR2(4);
  const type = new FieldType(gs, [gs.trivialRepr]);
  it('rejects what is not a module, and bad options', async () => {
    await expect(certifyEquivariance({} as never)).rejects.toThrow(InvalidArgumentError);
    await expect(certifyEquivariance(new GlobalAverage(type), { property: 'both' as never })).rejects.toThrow(
      /property/,
    );
    await expect(certifyEquivariance(new GlobalAverage(type), { maxInterpolated: -1 })).rejects.toThrow(
      /maxInterpolated/,
    );
    await expect(certifyEquivariance(new GlobalAverage(type), { smoothSigma: 0 })).rejects.toThrow(
      /smoothSigma/,
    );
    await expect(certifyEquivariance(new GlobalAverage(type), { inputs: [] })).rejects.toThrow(/inputs/);
  });
  it('lets an exception of the module through', async () => {
    const broken = {
      inType: type,
      outType: type,
      forward: () => {
        throw new Error('boom');
      },
    };
    await expect(certifyEquivariance(broken)).rejects.toThrow('boom');
  });
  it('does not leak tensors', async () => {
    const m = new IsotropicBlur(new FieldType(rot2dOnR2(8), [rot2dOnR2(8).regularRepr]));
    await certifyEquivariance(m, { numRuns: 1 });
    const before = tf.memory().numTensors;
    await certifyEquivariance(m, { numRuns: 2 });
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});
