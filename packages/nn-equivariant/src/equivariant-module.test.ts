import { FieldType, FieldTypeMismatchError, GeometricTensor } from '@steerable/field-types';
import { InvalidArgumentError } from '@steerable/group-theory';
import { rot2dOnR2 } from '@steerable/gspaces';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend } from './backend.js';
import { IdentityModule } from './containers/identity.js';
import { ModuleList, SequentialModule } from './containers/sequential.js';
import { EquivarianceError, EquivariantModule } from './equivariant-module.js';

beforeAll(async () => {
  await initBackend({ env: {} });
});

/** Test-only layer: one trainable scale per field (commutes with any ρ(g)) and a buffer counting calls. */
class FieldScale extends EquivariantModule {
  readonly weights: tf.Variable;
  readonly calls: tf.Variable;
  readonly #channelField: Int32Array;
  stateLoads = 0;
  modes: boolean[] = [];

  constructor(type: FieldType, init = 1) {
    super(type, type);
    this.weights = this.registerParameter(
      'weights',
      tf.tidy(() => tf.fill([type.length], init)),
    );
    this.calls = this.registerBuffer(
      'calls',
      tf.tidy(() => tf.zeros([1])),
    );
    this.#channelField = Int32Array.from(type.representations.flatMap((r, f) => Array(r.size).fill(f)));
  }

  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    // weights (1×F) times the one-hot field-of-channel matrix (F×C): a differentiable expansion on every backend
    const f = this.inType.length;
    const onehot = tf.oneHot(tf.tensor1d(this.#channelField, 'int32'), f).transpose().toFloat();
    const scale = tf.reshape(tf.matMul(tf.reshape(this.weights, [1, f]), onehot), [-1]);
    if (this.training) this.calls.assign(tf.add(this.calls, 1));
    return new GeometricTensor(tf.mul(x.tensor, scale), this.outType);
  }

  protected override onStateLoaded(): void {
    this.stateLoads += 1;
  }

  protected override onModeChange(training: boolean): void {
    this.modes.push(training);
  }

  override exportLayers(): tf.layers.Layer[] {
    const c = this.inType.size;
    const w = this.weights.dataSync();
    const kernel = new Float32Array(c * c);
    this.#channelField.forEach((f, i) => {
      kernel[i * c + i] = w[f]!;
    });
    return [tf.layers.dense({ units: c, useBias: false, weights: [tf.tensor2d(kernel, [c, c])] })];
  }
}

/** Test-only layer that is NOT equivariant: adds a different constant to each channel. */
class ChannelBias extends EquivariantModule {
  constructor(type: FieldType) {
    super(type, type);
  }
  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    const bias = tf.range(0, this.inType.size, 1, 'float32');
    return new GeometricTensor(tf.add(x.tensor, bias), this.outType);
  }
}

/** Test-only layer returning the wrong type: forward must refuse it. */
class Liar extends EquivariantModule {
  constructor(inType: FieldType, outType: FieldType) {
    super(inType, outType);
  }
  protected forwardImpl(x: GeometricTensor): GeometricTensor {
    return x;
  }
}

const gs = rot2dOnR2(4);
const reg = new FieldType(gs, [gs.regularRepr, gs.regularRepr]);
const mixed = new FieldType(gs, [gs.trivialRepr, gs.irrep(1), gs.regularRepr]);

function randomInput(type: FieldType, seed: number, side = 6): GeometricTensor {
  return type.wrap(tf.randomNormal([2, side, side, type.size], 0, 1, 'float32', seed));
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('EquivariantModule.forward', () => {
  it('computes inside tf.tidy and hands back a fresh tensor of outType', () => {
    const m = new FieldScale(mixed, 2);
    const x = randomInput(mixed, 1);
    const before = tf.memory().numTensors;
    const y = m.forward(x);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(y.type).toBe(m.outType);
    expect(maxAbsDiff(y.tensor, tf.mul(x.tensor, 2))).toBe(0);
    y.dispose();
    x.dispose();
    m.dispose();
  });

  it('the identity returns a new handle: disposing it keeps the input alive', () => {
    const x = randomInput(reg, 2);
    const y = new IdentityModule(reg).forward(x);
    expect(y.tensor).not.toBe(x.tensor);
    y.dispose();
    expect(x.tensor.isDisposed).toBe(false);
    x.dispose();
  });

  it('rejects an input of another type, or not a GeometricTensor, with typed errors', () => {
    const m = new IdentityModule(reg);
    const x = randomInput(mixed, 3);
    expect(() => m.forward(x)).toThrow(FieldTypeMismatchError);
    expect(() => m.forward(x.tensor as unknown as GeometricTensor)).toThrow(InvalidArgumentError);
    x.dispose();
  });

  it('refuses an implementation whose output is not of outType, without leaking', () => {
    const m = new Liar(reg, mixed.concat(gs.trivialRepr ? new FieldType(gs, [gs.trivialRepr]) : mixed));
    const x = randomInput(reg, 4);
    const before = tf.memory().numTensors;
    expect(() => m.forward(x)).toThrow(FieldTypeMismatchError);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('evaluateOutputShape keeps batch and grid, checks the channels', () => {
    const m = new IdentityModule(reg);
    expect(m.evaluateOutputShape([3, 7, 7, 8])).toEqual([3, 7, 7, 8]);
    expect(() => m.evaluateOutputShape([3, 7, 7, 5])).toThrow(InvalidArgumentError);
    expect(() => m.evaluateOutputShape([3, 8])).toThrow(/rank 4/);
  });
});

describe('checkEquivariance', () => {
  it('reports a tiny error for every testing element of an equivariant module, and frees its tensors', () => {
    const m = new SequentialModule(new FieldScale(mixed, 0.5), new IdentityModule(mixed));
    const before = tf.memory().numTensors;
    const results = m.checkEquivariance();
    expect(tf.memory().numTensors).toBe(before);
    expect(results.map((r) => r.element.equals(gs.testingElements[results.indexOf(r)]!))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    for (const r of results) {
      expect(r.passed).toBe(true);
      expect(r.maxError).toBeLessThan(1e-5);
    }
    m.dispose();
  });

  it('throws EquivarianceError for a module that is not equivariant (and only reports with throwOnFailure false)', () => {
    const m = new ChannelBias(reg);
    expect(() => m.checkEquivariance()).toThrow(EquivarianceError);
    const results = m.checkEquivariance({ throwOnFailure: false });
    // the identity element always commutes; a rotation permutes the regular channels, moving the biases
    expect(results[0]!.passed).toBe(true);
    expect(results[1]!.passed).toBe(false);
    expect(results[1]!.maxError).toBeGreaterThan(0.5);
  });

  it('leaves buffers as they were (running statistics updated by training-mode forwards)', () => {
    const m = new FieldScale(reg);
    const x = randomInput(reg, 9);
    m.forward(x).dispose();
    expect(m.calls.dataSync()[0]).toBe(1);
    m.checkEquivariance();
    expect(m.calls.dataSync()[0]).toBe(1);
    x.dispose();
    m.dispose();
  });

  it('validates its options', () => {
    const m = new IdentityModule(reg);
    expect(() => m.checkEquivariance({ batchSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => m.checkEquivariance({ elements: [rot2dOnR2(8).fibergroup.identity] })).toThrow(/C8|C4/);
  });
});

describe('checkEquivarianceAsync', () => {
  it('gives checkEquivariance’s results, off-grid elements included, and frees its tensors', async () => {
    const gs8 = rot2dOnR2(8);
    const type8 = new FieldType(gs8, [gs8.regularRepr, gs8.irrep(1), gs8.trivialRepr]);
    for (const m of [new FieldScale(type8, 0.5), new ChannelBias(new FieldType(gs8, [gs8.regularRepr]))]) {
      const sync = m.checkEquivariance({ throwOnFailure: false });
      const before = tf.memory().numTensors;
      const results = await m.checkEquivarianceAsync({ throwOnFailure: false });
      expect(tf.memory().numTensors).toBe(before);
      expect(results).toHaveLength(8);
      expect(results.map((r) => String(r.element))).toEqual(sync.map((r) => String(r.element)));
      // equal up to float32 rounding: WASM's multi-threaded reductions differ by an ulp from run to run
      results.forEach((r, i) => {
        const want = sync[i]!;
        expect(r.passed).toBe(want.passed);
        expect(Math.abs(r.maxError - want.maxError)).toBeLessThanOrEqual(1e-6 * Math.max(1, want.maxError));
        expect(Math.abs(r.meanError - want.meanError)).toBeLessThanOrEqual(
          1e-6 * Math.max(1, want.meanError),
        );
      });
      m.dispose();
    }
  });

  it('runs where synchronous reads fail (as on WebGPU in Node), unlike checkEquivariance', async () => {
    const gs8 = rot2dOnR2(8);
    const m = new FieldScale(new FieldType(gs8, [gs8.regularRepr, gs8.irrep(1)]));
    const expected = m.checkEquivariance();
    const spy = vi.spyOn(tf.Tensor.prototype, 'dataSync').mockImplementation(() => {
      throw new ReferenceError('OffscreenCanvas is not defined');
    });
    try {
      expect(() => m.checkEquivariance()).toThrow(/checkEquivarianceAsync/);
      const results = await m.checkEquivarianceAsync();
      results.forEach((r, i) => {
        expect(r.passed).toBe(true);
        expect(Math.abs(r.maxError - expected[i]!.maxError)).toBeLessThanOrEqual(1e-6);
      });
    } finally {
      spy.mockRestore();
    }
    m.dispose();
  });

  it('rejects with EquivarianceError for a module that is not equivariant, and for bad options', async () => {
    const m = new ChannelBias(reg);
    await expect(m.checkEquivarianceAsync()).rejects.toThrow(EquivarianceError);
    await expect(m.checkEquivarianceAsync({ spatialSize: 0 })).rejects.toThrow(InvalidArgumentError);
    m.dispose();
    const f = new FieldScale(reg);
    const x = randomInput(reg, 9);
    f.forward(x).dispose();
    x.dispose();
    await f.checkEquivarianceAsync();
    // buffers updated by its forward passes are put back
    expect(f.calls.dataSync()[0]).toBe(1);
    f.dispose();
  });
});

describe('SequentialModule', () => {
  it('checks that consecutive types match', () => {
    expect(() => new SequentialModule(new IdentityModule(reg), new IdentityModule(mixed))).toThrow(
      FieldTypeMismatchError,
    );
    expect(() => new SequentialModule()).toThrow(InvalidArgumentError);
  });

  it('chains forward, indexing, slicing and printing', () => {
    const a = new FieldScale(reg, 2);
    const b = new FieldScale(reg, 3);
    const seq = new SequentialModule(a, new IdentityModule(reg), b);
    expect(seq.length).toBe(3);
    expect(seq.at(-1)).toBe(b);
    expect([...seq][0]).toBe(a);
    expect(seq.slice(1).length).toBe(2);
    const x = randomInput(reg, 5);
    const y = seq.forward(x);
    expect(maxAbsDiff(y.tensor, tf.mul(x.tensor, 6))).toBeLessThan(1e-5);
    expect(String(seq)).toContain('(2): FieldScale([C4_on_R2[(None, 4)]: {regular (x2)}(8)]');
    tf.dispose([x.tensor, y.tensor]);
    seq.dispose();
  });

  it('takes a Map of named modules (escnn’s OrderedDict); slices keep the names', () => {
    const seq = new SequentialModule(
      new Map<string, EquivariantModule>([
        ['scale', new FieldScale(reg)],
        ['id', new IdentityModule(reg)],
        ['out', new FieldScale(reg)],
      ]),
    );
    expect(seq.namedVariables().map(([n]) => n)).toEqual([
      'scale.weights',
      'scale.calls',
      'out.weights',
      'out.calls',
    ]);
    expect(
      seq
        .slice(1)
        .namedChildren()
        .map(([n]) => n),
    ).toEqual(['id', 'out']);
    expect(() => seq.slice(3)).toThrow(InvalidArgumentError);
    expect(() => seq.at(3)).toThrow(InvalidArgumentError);
    seq.dispose();
  });

  it('train()/eval() reach every submodule', () => {
    const a = new FieldScale(reg);
    const seq = new SequentialModule(a, new IdentityModule(reg));
    expect(seq.training).toBe(true);
    seq.eval();
    expect(a.training).toBe(false);
    expect(a.modes.at(-1)).toBe(false);
    seq.train();
    expect(a.training).toBe(true);
    seq.dispose();
  });
});

describe('variables and state dicts', () => {
  it('registering takes ownership of the initial tensor: building and disposing a module leaks nothing', () => {
    const before = tf.memory().numTensors;
    const m = new FieldScale(reg);
    expect(tf.memory().numTensors).toBe(before + 2); // the two variables
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('collects trainable variables from submodules; buffers are not trainable', () => {
    const a = new FieldScale(reg);
    const b = new FieldScale(reg);
    const seq = new SequentialModule(a, new IdentityModule(reg), b);
    expect(seq.trainableVariables).toEqual([a.weights, b.weights]);
    const names = seq.namedVariables().map(([n, , kind]) => `${n}:${kind}`);
    expect(names).toEqual(['0.weights:parameter', '0.calls:buffer', '2.weights:parameter', '2.calls:buffer']);
    seq.dispose();
  });

  it('stateDict copies, loadStateDict restores (tensors or flat arrays) and notifies the modules', () => {
    const a = new FieldScale(reg, 1);
    const seq = new SequentialModule(a, new FieldScale(reg, 4));
    const sd = seq.stateDict();
    expect([...sd.keys()]).toEqual(['0.weights', '0.calls', '1.weights', '1.calls']);
    expect(Array.from(sd.get('1.weights')!.dataSync())).toEqual([4, 4]);
    a.weights.assign(tf.tensor1d([7, 8]));
    expect(Array.from(sd.get('0.weights')!.dataSync())).toEqual([1, 1]); // a copy, not the variable
    seq.loadStateDict(sd);
    expect(Array.from(a.weights.dataSync())).toEqual([1, 1]);
    expect(a.stateLoads).toBe(1);
    seq.loadStateDict({ '0.weights': [5, 6] }, { strict: false });
    expect(Array.from(a.weights.dataSync())).toEqual([5, 6]);
    tf.dispose([...sd.values()]);
    seq.dispose();
  });

  it('rejects missing, unknown and wrongly sized entries without changing anything', () => {
    const a = new FieldScale(reg, 1);
    const seq = new SequentialModule(a);
    expect(() => seq.loadStateDict({ '0.weights': [1, 2] })).toThrow(/missing: \[0.calls\]/);
    expect(() => seq.loadStateDict({ '0.weights': [1, 2], '0.calls': [0], extra: [1] })).toThrow(
      /unknown: \[extra\]/,
    );
    const bad = tf.zeros([3]);
    expect(() => seq.loadStateDict({ '0.weights': bad, '0.calls': [0] })).toThrow(InvalidArgumentError);
    expect(() => seq.loadStateDict({ '0.weights': [9, 9], '0.calls': [0, 0] })).toThrow(/1 values/);
    expect(Array.from(a.weights.dataSync())).toEqual([1, 1]);
    bad.dispose();
    seq.dispose();
  });

  it('ModuleList registers its modules under its own name', () => {
    class Blocks extends EquivariantModule {
      readonly blocks: ModuleList;
      constructor() {
        super(reg, reg);
        this.blocks = this.registerModule(
          'blocks',
          new ModuleList([new FieldScale(reg), new FieldScale(reg)]),
        );
      }
      protected forwardImpl(x: GeometricTensor): GeometricTensor {
        let y = x;
        for (const b of this.blocks) y = (b as FieldScale).forward(y);
        return y;
      }
    }
    const m = new Blocks();
    expect(m.namedVariables().map(([n]) => n)).toEqual([
      'blocks.0.weights',
      'blocks.0.calls',
      'blocks.1.weights',
      'blocks.1.calls',
    ]);
    expect(m.trainableVariables).toHaveLength(2);
    expect(m.blocks.at(-1)).toBe([...m.blocks][1]);
    expect(() => m.blocks.append({} as FieldScale)).toThrow(InvalidArgumentError);
    const before = tf.memory().numTensors;
    m.dispose();
    expect(tf.memory().numTensors).toBe(before - 4);
  });
});

describe('training and export', () => {
  it('a few tf.train.adam steps on synthetic data learn the scales and leak no tensor', () => {
    const seq = new SequentialModule(
      new FieldScale(mixed, 1),
      new IdentityModule(mixed),
      new FieldScale(mixed, 1),
    );
    const x = randomInput(mixed, 7);
    // target: the input scaled by 3 on every field
    const target = tf.mul(x.tensor, 3);
    const optimizer = tf.train.adam(0.1);
    const loss = () => tf.losses.meanSquaredError(target, seq.forward(x).tensor) as tf.Scalar;
    const step = () => {
      const l = optimizer.minimize(loss, true, seq.trainableVariables)!;
      const v = l.dataSync()[0]!;
      l.dispose();
      return v;
    };
    const first = step(); // creates adam's slots
    const before = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 60; i++) last = step();
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first / 10);
    optimizer.dispose();
    tf.dispose([x.tensor, target]);
    seq.dispose();
  });

  it('export() gives a plain tf.LayersModel computing the same function', () => {
    const seq = new SequentialModule(
      new FieldScale(reg, 1.5),
      new IdentityModule(reg),
      new FieldScale(reg, -2),
    );
    const before = tf.memory().numTensors;
    const model = seq.export();
    expect(model).toBeInstanceOf(tf.LayersModel);
    const x = randomInput(reg, 8, 5);
    const y = seq.forward(x);
    const z = model.predict(x.tensor) as tf.Tensor;
    expect(z.shape).toEqual(y.shape);
    expect(maxAbsDiff(y.tensor, z)).toBeLessThan(1e-5);
    tf.dispose([x.tensor, y.tensor, z]);
    model.dispose();
    // the model held copies only: once disposed, nothing of the export remains
    expect(tf.memory().numTensors).toBe(before);
    seq.dispose();
  });

  it('a module without layers refuses to export with a typed error', () => {
    expect(() => new ChannelBias(reg).export()).toThrow(/cannot be exported/);
  });
});
