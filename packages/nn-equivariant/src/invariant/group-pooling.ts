/**
 * Group pooling: the maximum over each field's channels, an invariant scalar per field.
 */

import { FieldType, type GeometricTensor } from '@steerable/field-types';
import * as tf from '@tensorflow/tfjs';
import { EquivariantModule } from '../equivariant-module.js';
import { fixedDense } from '../internal/export-layer.js';
import { checkFieldType, checkSupport } from '../internal/validation.js';
import {
  concatColumns,
  type FieldRun,
  fieldRuns,
  flatten,
  fromRows,
  runRows,
} from '../nonlinearities/field-runs.js';

/**
 * The linear forms (over the previous layer's channels) of a pairwise-max reduction exported as dense
 * layers; see {@link GroupPooling.exportLayers}.
 */
type Forms = Map<number, number>[][];

/**
 * Group pooling (escnn's `GroupPooling`): each field `x_f` becomes the scalar `max_c x_{f,c}`, a trivial
 * field. Invariant because the fields must support 'pointwise' nonlinearities: their `ρ(g)` permute the
 * channels (regular, quotient, trivial representations), which leaves the maximum unchanged; on trivial
 * fields it is the identity.
 *
 * @example
 * ```ts
 * const gpool = new GroupPooling(new FieldType(gs, Array(8).fill(gs.regularRepr)));
 * const y = gpool.forward(x); // [b, H, W, 8], invariant fibers
 * ```
 * @see escnn's `escnn.nn.GroupPooling`
 */
export class GroupPooling extends EquivariantModule {
  readonly #runs: readonly FieldRun[];

  /**
   * @param inType - the input field type.
   * @throws InvalidArgumentError if a field does not support 'pointwise' nonlinearities.
   */
  constructor(inType: FieldType) {
    const fn = 'GroupPooling';
    const type = checkFieldType(fn, inType);
    checkSupport(fn, type, 'pointwise');
    super(type, new FieldType(type.gspace, Array(type.length).fill(type.gspace.trivialRepr)));
    this.#runs = fieldRuns(type.representations);
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const x2 = flatten(x.tensor);
    const maxima = concatColumns(this.#runs.map((run) => fromRows(tf.max(runRows(x2, run), 1, true), run)));
    return this.outType.wrap(tf.reshape(maxima, [...x.tensor.shape.slice(0, -1), this.outType.size]));
  }

  /**
   * Dense layers with fixed kernels computing the maxima (escnn exports its own `MaxPoolChannels`, for
   * fields of one size only; TF.js has no channel-group max layer). Each stage maximizes pairs with
   * `max(a, b) = b⁺ − b⁻ + (a − b)⁺` (`t⁺ = relu(t)`, `t⁻ = relu(−t)`): a dense layer computes `b`, `−b`,
   * `a − b` and a ReLU follows; after `⌈log₂ size⌉` stages a linear dense layer reads the maxima. Fields of
   * any sizes are supported. Equal to forward up to float32 rounding of `b + (a − b)`.
   */
  override exportLayers(): tf.layers.Layer[] {
    const c = this.inType.size;
    // forms[f] = the current candidates of field f, each a linear form over the previous layer
    let forms: Forms = this.inType.representations.map((_, f) => {
      const start = this.inType.fieldsStart[f]!;
      return Array.from(
        { length: this.inType.representations[f]!.size },
        (_, i) => new Map([[start + i, 1]]),
      );
    });
    let width = c;
    const layers: tf.layers.Layer[] = [];
    while (forms.some((f) => f.length > 1)) {
      const columns: Map<number, number>[] = [];
      const next: Forms = forms.map((cands) => {
        const out: Map<number, number>[] = [];
        for (let i = 0; i < cands.length; i += 2) {
          const a = cands[i]!;
          const b = cands[i + 1];
          if (b === undefined) {
            out.push(
              new Map([
                [columns.length, 1],
                [columns.length + 1, -1],
              ]),
            );
            columns.push(a, scaleForm(a, -1));
            continue;
          }
          const k = columns.length;
          out.push(
            new Map([
              [k, 1],
              [k + 1, -1],
              [k + 2, 1],
            ]),
          );
          columns.push(b, scaleForm(b, -1), addForms(a, scaleForm(b, -1)));
        }
        return out;
      });
      layers.push(fixedDense(kernelOf(columns, width), width, columns.length, 'relu'));
      width = columns.length;
      forms = next;
    }
    layers.push(
      fixedDense(
        kernelOf(
          forms.map((f) => f[0]!),
          width,
        ),
        width,
        forms.length,
      ),
    );
    return layers;
  }
}

function scaleForm(a: Map<number, number>, s: number): Map<number, number> {
  return new Map([...a].map(([k, v]) => [k, v * s]));
}

function addForms(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

/** The `[inputs, columns]` kernel whose column `j` is the form `columns[j]`. */
function kernelOf(columns: readonly Map<number, number>[], inputs: number): Float32Array {
  const kernel = new Float32Array(inputs * columns.length);
  columns.forEach((form, j) => {
    for (const [i, v] of form) kernel[i * columns.length + j] = v;
  });
  return kernel;
}
