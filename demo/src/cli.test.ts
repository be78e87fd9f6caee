import { describe, expect, it } from 'vitest';
import { FULL, parseCli, QUICK } from './cli.js';
import { groupName, parseGroup } from './models/equivariant.js';

describe('parseCli', () => {
  it('has quick defaults and a full-size protocol', () => {
    const quick = parseCli([])!;
    expect(quick).toMatchObject({
      groupText: 'C8',
      epochs: QUICK.epochs,
      trainSize: 12000,
      testSize: 10000,
      models: 'both',
    });
    expect(quick.tty).toBeUndefined();
    expect(quick.modelsDir).toBe('out/models');
    expect(quick.argv).toEqual([]);
    const full = parseCli(['--full'])!;
    expect(full).toMatchObject({
      epochs: FULL.epochs,
      width: FULL.width,
      testSize: FULL.testSize,
      full: true,
    });
    expect(parseCli(['--full', '--epochs', '3'])!.epochs).toBe(3);
  });

  it('reads every option', () => {
    const o = parseCli([
      '--group=D4',
      '--epochs=5',
      '--width',
      '0.5',
      '--baseline-channels',
      '1,2,3,4,5,6',
      '--models',
      'baseline',
      '--backend',
      'cpu',
      '--train-size',
      '100',
      '--test-size',
      '20000',
      '--batch-size',
      '32',
      '--lr',
      '0.01',
      '--seed',
      '3',
      '--invariance-digits',
      '50',
      '--out',
      'x',
      '--plain',
    ])!;
    expect(o).toMatchObject({
      group: { kind: 'dihedral', n: 4 },
      epochs: 5,
      width: 0.5,
      baselineChannels: [1, 2, 3, 4, 5, 6],
      models: 'baseline',
      backend: 'cpu',
      trainSize: 100,
      testSize: 20000,
      batchSize: 32,
      learningRate: 0.01,
      seed: 3,
      invarianceDigits: 50,
      outDir: 'x',
      tty: false,
    });
    expect(parseCli(['-h'])).toBeNull();
    expect(parseCli(['--out', 'x'])!.modelsDir).toBe('x/models');
    expect(parseCli(['--models-out', 'elsewhere'])).toMatchObject({
      modelsDir: 'elsewhere',
      argv: ['--models-out', 'elsewhere'],
    });
    expect(parseCli(['--no-save-models'])!.modelsDir).toBeNull();
  });

  it('rejects bad values with a message naming the option', () => {
    expect(() => parseCli(['--epochs', '0'])).toThrow(/--epochs/);
    expect(() => parseCli(['--train-size', '70000'])).toThrow(/--train-size/);
    expect(() => parseCli(['--backend', 'gpu'])).toThrow(/--backend/);
    expect(() => parseCli(['--models', 'all'])).toThrow(/--models/);
    expect(() => parseCli(['--group', 'Z3'])).toThrow(/--group/);
    expect(() => parseCli(['--baseline-channels', '1,2'])).toThrow(/six numbers/);
    expect(() => parseCli(['--plain', '--tty'])).toThrow(/exclude/);
    expect(() => parseCli(['--no-save-models', '--models-out', 'm'])).toThrow(/exclude/);
    expect(() => parseCli(['--bogus'])).toThrow();
  });
});

describe('parseGroup', () => {
  it('knows C_N, D_N and SO(2) with either nonlinearity', () => {
    expect(parseGroup('c16')).toEqual({ kind: 'cyclic', n: 16 });
    expect(groupName(parseGroup('D4'))).toBe('D4');
    expect(groupName(parseGroup('SO2'))).toBe('SO(2) (Fourier nonlinearity)');
    expect(parseGroup('so2-norm')).toEqual({ kind: 'so2', nonlinearity: 'norm' });
    expect(() => parseGroup('C0')).toThrow();
  });
});
