/**
 * Certifying your own layer with `@steerable/testing`: a custom module that is equivariant, and one that is
 * not, run through `certifyEquivariance`. Printed output is shown in `docs/guides/04-certifying.md`.
 * Run with `npm run example -- certify`.
 */
import { FieldType, GeometricTensor, gatherChannels } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import { EquivariantModule, initBackend } from '@steerable/nn-equivariant';
import { type CertificationReport, certifyEquivariance } from '@steerable/testing';
import * as tf from '@tensorflow/tfjs';
import { fmt, type Print } from './format.js';

/**
 * Multiplies every field by its own learnable scalar. A scalar commutes with every matrix `ρ(g)`, so the
 * layer is equivariant for any field type.
 */
export class FieldScale extends EquivariantModule {
  readonly weights: tf.Variable;
  constructor(inType: FieldType) {
    super(inType, inType);
    this.weights = this.registerParameter('weights', tf.linspace(0.5, 2, inType.length));
  }
  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const field = x.type.representations.flatMap((r, f) => Array<number>(r.size).fill(f));
    return new GeometricTensor(tf.mul(x.tensor, gatherChannels(this.weights, field)), this.outType);
  }
}

/**
 * Multiplies every channel by its own scalar: fine for trivial fields, but it breaks regular fields, whose
 * channels a rotation permutes (`diag(w) ρ(g) ≠ ρ(g) diag(w)`).
 */
export class ChannelScale extends EquivariantModule {
  readonly weights: tf.Variable;
  constructor(inType: FieldType) {
    super(inType, inType);
    this.weights = this.registerParameter('weights', tf.linspace(0.5, 2, inType.size));
  }
  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    return new GeometricTensor(tf.mul(x.tensor, this.weights), this.outType);
  }
}

function summary(print: Print, report: CertificationReport): void {
  const exact = report.elements.filter((e) => e.exactOnGrid);
  const interpolated = report.elements.filter((e) => !e.exactOnGrid);
  print(`module:   ${report.module}`);
  print(`gspace:   ${report.gspace}; seed ${report.seed}, random inputs tried: ${report.numRuns}`);
  for (const [label, list] of [
    ['exact', exact],
    ['interpolated', interpolated],
  ] as const) {
    if (list.length === 0) continue;
    const failed = list.filter((e) => !e.passed).map((e) => e.name);
    const tol = list[0]!.tolerance.toExponential(1);
    print(
      `${label.padEnd(12)} ${list.length} elements, tolerance ${tol}: ` +
        (failed.length === 0 ? 'all passed' : `failed ${failed.join(' ')}`),
    );
  }
  print(`passed:   ${report.passed}`);
}

/** Runs the example, printing with `print`; returns the two reports. */
export async function main(
  print: Print = (line) => console.log(line),
): Promise<{ good: CertificationReport; bad: CertificationReport }> {
  await initBackend();
  const gs = rot2dOnR2(8);
  const type = new FieldType(gs, [gs.regularRepr, gs.irrep(1), gs.trivialRepr]);

  print('== 1. An equivariant layer');
  const good = new FieldScale(type);
  const goodReport = await certifyEquivariance(good, { seed: 42, numRuns: 2 });
  summary(print, goodReport);
  good.dispose();

  print('== 2. A layer that is not equivariant');
  const bad = new ChannelScale(type);
  const badReport = await certifyEquivariance(bad, { seed: 42, numRuns: 2, throwOnFailure: false });
  summary(print, badReport);
  print(`worst:    ${badReport.worst.name}, relative error ${fmt(badReport.worst.error, 2)}`);
  bad.dispose();
  return { good: goodReport, bad: badReport };
}
