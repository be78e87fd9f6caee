/**
 * The escnn tutorial, step by step in TypeScript: a C4-equivariant convolutional network on the plane.
 *
 * It prints as it goes; `docs/guides/02-tutorial.md` tells the story around these printouts, and
 * `examples.test.ts` checks that the guide shows exactly what this file prints.
 *
 * Run it with `npm run example -- tutorial`.
 */
import { FieldType, type GeometricTensor } from '@steerable/field-types';
import { rot2dOnR2 } from '@steerable/gspaces';
import {
  GroupPooling,
  InnerBatchNorm,
  initBackend,
  PointwiseAvgPool2D,
  R2Conv,
  ReLU,
  SequentialModule,
} from '@steerable/nn-equivariant';
import * as tf from '@tensorflow/tfjs';
import { fmt, formatChannels, formatMatrix, type Print } from './format.js';

/** Values the tutorial computes, returned for tests. */
export interface TutorialResult {
  /** Shape of the first convolution's output on a `[2, 32, 32, 1]` input. */
  readonly convShape: number[];
  /** Max |x − g⁴·x| after four rotations by 90°. */
  readonly fourfoldError: number;
  /** `conv(g·x)` with all weights 1, `[1, 2, 2, 4]` (channels-last). */
  readonly rotateThenConv: number[][][][];
  /** `g·conv(x)` with all weights 1. */
  readonly convThenRotate: number[][][][];
  /** Output shapes of the model, after pooling and after group pooling. */
  readonly modelShape: number[];
  readonly pooledShape: number[];
  readonly invariantShape: number[];
  /** The invariant output for the input rotated by 0°, 90°, 180° and 270°. */
  readonly invariantOutputs: number[];
}

function heading(print: Print, title: string): void {
  print(`== ${title}`);
}

function toArray(x: GeometricTensor): number[][][][] {
  return x.tensor.arraySync() as number[][][][];
}

function maxAbsDiff(a: GeometricTensor, b: GeometricTensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a.tensor, b.tensor))).dataSync()[0] ?? Number.NaN);
}

/** Runs the tutorial, printing each step with `print`. */
export async function main(print: Print = (line) => console.log(line)): Promise<TutorialResult> {
  await initBackend();

  heading(print, '1. A gspace: the rotations by multiples of 90° acting on the plane');
  const r2Act = rot2dOnR2(4);
  print(`gspace:      ${r2Act}`);
  print(`fiber group: ${r2Act.fibergroup}`);
  print(`all planar rotations instead: ${rot2dOnR2(-1).fibergroup}`);

  heading(print, "2. C4's representations");
  const representations = [...r2Act.irreps, r2Act.regularRepr];
  for (const rho of representations) print(`${rho.name.padEnd(8)} size ${rho.size}`);

  heading(print, '3. The rotation by 90° in the standard representation (irrep_1)');
  const g = r2Act.fibergroup.element(1);
  print(`element: ${g}`);
  print(formatMatrix(r2Act.irrep(1).at(g).to2DArray()));

  heading(print, '4. The same rotation in the regular representation: a cyclic shift');
  print(formatMatrix(r2Act.regularRepr.at(g).to2DArray()));

  heading(print, '5. Field types');
  const featTypeIn = new FieldType(r2Act, [r2Act.trivialRepr]);
  const featTypeOut = new FieldType(r2Act, [r2Act.regularRepr, r2Act.regularRepr, r2Act.regularRepr]);
  print(`input:  ${featTypeIn}`);
  print(`output: ${featTypeOut}`);

  heading(print, '6. An equivariant convolution');
  const conv = new R2Conv(featTypeIn, featTypeOut, 3);
  print(String(conv));
  print(`weights: ${conv.weights.size}, filter shape ${JSON.stringify(conv.filterShape)}`);
  const x0 = featTypeIn.wrap(tf.randomUniform([2, 32, 32, 1], 0, 1, 'float32', 1));
  const y0 = conv.forward(x0);
  const convShape = [...y0.shape];
  print(`input shape  ${JSON.stringify(x0.shape)}`);
  print(`output shape ${JSON.stringify(convShape)}`);
  tf.dispose([x0.tensor, y0.tensor]);
  conv.dispose();

  heading(print, '7. A small image, rotated four times by 90°');
  // torch.vander(torch.arange(4)): row i is (i³, i², i, 1)
  const vander = [0, 1, 2, 3].map((i) => [i ** 3, i ** 2, i, 1]);
  const x = featTypeIn.wrap(tf.tensor4d(vander.flat(), [1, 4, 4, 1]));
  print('x:');
  print(formatChannels(toArray(x)[0]!, 0));
  const g1 = r2Act.testingElements[1]!;
  print(`g1 = ${g1}`);
  const rotations: GeometricTensor[] = [];
  let current = x;
  for (let k = 1; k <= 4; k++) {
    current = current.transform(g1);
    rotations.push(current);
    print(`g1^${k}·x:`);
    print(formatChannels(toArray(current)[0]!, 0));
  }
  const fourfoldError = maxAbsDiff(rotations[3]!, x);
  print(`max |g1^4·x − x| = ${fmt(fourfoldError)}`);

  heading(print, '8. Equivariance by direct inspection (all weights set to 1)');
  const featTypeReg = new FieldType(r2Act, [r2Act.regularRepr]);
  const conv1 = new R2Conv(featTypeIn, featTypeReg, 3);
  conv1.weights.assign(tf.onesLike(conv1.weights));
  const xRot = rotations[0]!;
  const yRot = conv1.forward(xRot);
  const rotateThenConv = toArray(yRot);
  print('conv(g1·x):');
  print(formatChannels(rotateThenConv[0]!));
  const yConv = conv1.forward(x);
  print('conv(x):');
  print(formatChannels(toArray(yConv)[0]!));
  const yConvRot = yConv.transform(g1);
  const convThenRotate = toArray(yConvRot);
  print('g1·conv(x):');
  print(formatChannels(convThenRotate[0]!));
  print(`max |conv(g1·x) − g1·conv(x)| < 1e-5: ${maxAbsDiff(yRot, yConvRot) < 1e-5}`);
  tf.dispose([x.tensor, yRot.tensor, yConv.tensor, yConvRot.tensor, ...rotations.map((r) => r.tensor)]);
  conv1.dispose();

  heading(print, '9. A model: three convolutions with batch normalization and ReLU');
  const featTypeHid = new FieldType(r2Act, Array(4).fill(r2Act.regularRepr));
  const model = new SequentialModule(
    new R2Conv(featTypeIn, featTypeHid, 3, { seed: 1 }),
    new InnerBatchNorm(featTypeHid),
    new ReLU(featTypeHid),
    new R2Conv(featTypeHid, featTypeHid, 3, { seed: 2 }),
    new InnerBatchNorm(featTypeHid),
    new ReLU(featTypeHid),
    new R2Conv(featTypeHid, featTypeReg, 3, { seed: 3 }),
  );
  print(String(model));
  model.eval();
  const input = featTypeIn.wrap(tf.randomNormal([1, 17, 17, 1], 0, 1, 'float32', 7));
  const features = model.forward(input);
  const modelShape = [...features.shape];
  print(`model(x) shape ${JSON.stringify(modelShape)}`);

  heading(print, '10. Average pooling over the whole image');
  const avgpool = new PointwiseAvgPool2D(featTypeReg, 11);
  const pooled = avgpool.forward(features);
  const pooledShape = [...pooled.shape];
  print(`avgpool(model(x)) shape ${JSON.stringify(pooledShape)}`);

  heading(print, '11. Group pooling: an invariant output');
  const invariantMap = new GroupPooling(featTypeReg);
  const network = new SequentialModule(model, avgpool, invariantMap);
  const invariant = network.forward(input);
  const invariantShape = [...invariant.shape];
  print(`output shape ${JSON.stringify(invariantShape)}`);
  const invariantOutputs: number[] = [];
  for (const [k, h] of r2Act.testingElements.entries()) {
    const rotated = input.transform(h);
    const out = network.forward(rotated);
    const value = out.tensor.dataSync()[0] ?? Number.NaN;
    invariantOutputs.push(value);
    print(`rotated by ${90 * k}°: ${fmt(value)}`);
    tf.dispose([rotated.tensor, out.tensor]);
  }
  tf.dispose([input.tensor, features.tensor, pooled.tensor, invariant.tensor]);
  network.dispose();

  return {
    convShape,
    fourfoldError,
    rotateThenConv,
    convThenRotate,
    modelShape,
    pooledShape,
    invariantShape,
    invariantOutputs,
  };
}
