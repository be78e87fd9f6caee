import { FieldType } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTestingBackend } from './backend.js';
import { CertificationError, certifyEquivariance } from './certify.js';
import { IsotropicBlur, PlainConv } from './test-utils.js';

beforeAll(async () => {
  await initTestingBackend();
});

describe('certifyEquivariance', () => {
  it('passes an equivariant layer and reports every element', async () => {
    const gs = rot2dOnR2(8);
    const type = new FieldType(gs, [gs.regularRepr, gs.irrep(1), gs.trivialRepr]);
    const m = new IsotropicBlur(type);
    const report = await certifyEquivariance(m);
    console.log(report.elements.map((e) => `${e.name} ${e.error.toExponential(2)}`).join('\n'));
    expect(report.passed).toBe(true);
    m.dispose();
  });
  it('rejects a plain convolution, naming the element', async () => {
    const gs = rot2dOnR2(4);
    const type = new FieldType(gs, [gs.regularRepr]);
    const m = new PlainConv(type, type);
    const error = await certifyEquivariance(m).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificationError);
    console.log((error as Error).message);
    m.dispose();
  });
});
