/**
 * `certifyEquivariance`: a seeded, property-based check that a module commutes with its group, on every
 * element, with a report naming the worst element and the input that reproduces it.
 */
import type { FieldType, GeometricTensor } from '@steerable/field-types';
import { type GroupElement, InvalidArgumentError, SteerableError } from '@steerable/group-theory';
import fc from 'fast-check';
import { isExactOnGrid } from './arbitraries/grid-elements.js';
import { propertyParameters } from './arbitraries/parameters.js';
import { arbitraryInputSpec } from './arbitraries/tensors.js';
import { type BackendInfo, backendInfo } from './backend.js';
import { type InputSpec, SMOOTH_SIGMA } from './internal/inputs.js';
import { type Case, type Measured, measure } from './internal/measure.js';
import { defaultTolerance } from './tolerance.js';

/**
 * What certification needs of a module: its input and output field types and a forward pass. Every
 * `EquivariantModule` of `@steerable/nn-equivariant` is one; so is any custom layer with these members.
 * A module whose output group differs from its input's (a restriction) may have an `inputElement(g)` method
 * mapping an element of the output's group to the input's, as `EquivariantModule` does.
 */
export interface CertifiableModule {
  /** Type of the input fields. */
  readonly inType: FieldType;
  /** Type of the output fields. */
  readonly outType: FieldType;
  /** `f(x)`: a fresh geometric tensor of type `outType`; must not dispose `x`. */
  forward(x: GeometricTensor): GeometricTensor;
}

/** Options of {@link certifyEquivariance}. */
export interface CertifyOptions {
  /**
   * `'equivariance'`: `f(g·x) = g·f(x)`. `'invariance'`: `f(g·x) = f(x)` after averaging the output over the
   * grid (over the compared disc for interpolated elements): for invariant maps and pooled outputs; on R⁰ or a
   * 1×1 output the average is the output itself.
   * @defaultValue 'equivariance'
   */
  readonly property?: 'equivariance' | 'invariance';
  /** Elements of the output's group to certify. @defaultValue `module.outType.testingElements` (all of them) */
  readonly elements?: readonly GroupElement[];
  /**
   * Also certify, on each run, one Haar-random element of a continuous group (drawn by fast-check).
   * @defaultValue true
   */
  readonly randomElements?: boolean;
  /** Certify interpolated elements (not permuting the grid) too. @defaultValue true */
  readonly interpolated?: boolean;
  /**
   * At most this many interpolated testing elements, evenly spaced in testing order (all exact elements are
   * always kept): SO(2) has 52 testing elements and O(2) 104, each costing two forward passes.
   * @defaultValue all of them
   */
  readonly maxInterpolated?: number;
  /** fast-check seed. @defaultValue `FC_SEED`, else `DEFAULT_SEED` */
  readonly seed?: number;
  /** Number of random inputs. @defaultValue `STEERABLE_CERTIFY_RUNS`, else 3 */
  readonly numRuns?: number;
  /** Smallest batch size of the inputs. @defaultValue 1 */
  readonly minBatch?: number;
  /** Largest batch size of the inputs. @defaultValue `max(2, minBatch)` */
  readonly maxBatch?: number;
  /** Grid sides the inputs are drawn from (square grids). @defaultValue `[9, 11, 13, 15]` */
  readonly sizes?: readonly number[];
  /**
   * Width (pixels) of the Gaussian blur of smooth inputs: deeper stacks of nonlinear layers need smoother
   * inputs for their interpolated elements, as each layer adds high frequencies.
   * @defaultValue 2
   */
  readonly smoothSigma?: number;
  /** Run exactly these inputs (e.g. a reported counterexample) instead of drawing them. */
  readonly inputs?: readonly InputSpec[];
  /** Override the tolerances of {@link defaultTolerance}. */
  readonly tolerance?: { readonly exact?: number; readonly interpolated?: number };
  /** Throw a {@link CertificationError} when an element fails. @defaultValue true */
  readonly throwOnFailure?: boolean;
  /** Name of the module in reports. @defaultValue `String(module)` */
  readonly name?: string;
  /** Command that reruns this certification, printed with the seed on failure. @defaultValue your test command */
  readonly command?: string;
}

/** The certification of one element: its worst error over the inputs tried. */
export interface ElementCertificate {
  /** The element `g` of the output's group. */
  readonly element: GroupElement;
  /** Its printable name, e.g. `C8[1]`. */
  readonly name: string;
  /** Whether `g` permutes the grid exactly (white-noise inputs) or resamples it (smooth inputs). */
  readonly exactOnGrid: boolean;
  /**
   * Worst relative error over the inputs: `max |f(g·x) − g·f(x)| / max |g·f(x)|` on exact elements,
   * `‖f(g·x) − g·f(x)‖₂ / ‖g·f(x)‖₂` inside the comparison disc on interpolated ones (see `tolerance.ts`).
   */
  readonly error: number;
  /** The tolerance it was held to. */
  readonly tolerance: number;
  /** `error ≤ tolerance`. */
  readonly passed: boolean;
  /** The input giving the worst error. */
  readonly input: InputSpec;
  /** Whether that input was white noise or smooth. */
  readonly values: 'white' | 'smooth';
}

/** The outcome of {@link certifyEquivariance}. */
export interface CertificationReport {
  /** The module's name. */
  readonly module: string;
  /** The input gspace's name. */
  readonly gspace: string;
  /** The property certified. */
  readonly property: 'equivariance' | 'invariance';
  /** The backend and device it ran on. */
  readonly backend: BackendInfo;
  /** fast-check seed. */
  readonly seed: number;
  /** Number of inputs tried. */
  readonly numRuns: number;
  /** One certificate per element (random elements of continuous groups included), in testing order. */
  readonly elements: readonly ElementCertificate[];
  /** The element with the largest error relative to its tolerance. */
  readonly worst: ElementCertificate;
  /** Every element passed. */
  readonly passed: boolean;
  /** How to rerun the failing case; empty when passed. */
  readonly reproduce: string;
}

/** A module failed certification: the message names the worst element, its error and the input. */
export class CertificationError extends SteerableError {
  /** The full report. */
  readonly report: CertificationReport;
  constructor(report: CertificationReport) {
    const w = report.worst;
    const bad = report.elements.filter((e) => !e.passed).map((e) => e.name);
    super(
      'certifyEquivariance',
      `${report.module} is not ${report.property === 'invariance' ? 'invariant' : 'equivariant'} on ${report.gspace} ` +
        `(backend ${report.backend.name}): worst element ${w.name}, relative error ${w.error.toExponential(2)} > ` +
        `tolerance ${w.tolerance.toExponential(1)} on input ${formatSpec(w.input)} (${w.values}); failing elements: ` +
        `${bad.join(', ')}. Reproduce: ${report.reproduce}`,
    );
    this.report = report;
  }
}

/** `{ seed: 1, batch: 2, size: 9 }`. */
export function formatSpec(spec: InputSpec): string {
  return `{ seed: ${spec.seed}, batch: ${spec.batch}, size: ${spec.size} }`;
}

function readRuns(): number | undefined {
  const raw = typeof process !== 'undefined' ? process.env?.STEERABLE_CERTIFY_RUNS : undefined;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(
      'certifyEquivariance',
      'STEERABLE_CERTIFY_RUNS',
      raw,
      'must be a positive integer',
    );
  }
  return n;
}

function checkModule(module: unknown): CertifiableModule {
  const m = module as Partial<CertifiableModule> | null;
  if (
    m === null ||
    typeof m !== 'object' ||
    typeof m.forward !== 'function' ||
    m.inType === undefined ||
    m.outType === undefined
  ) {
    throw new InvalidArgumentError(
      'certifyEquivariance',
      'module',
      module,
      'must be a module with inType, outType and forward(x)',
    );
  }
  return m as CertifiableModule;
}

/**
 * Certifies that `module` is equivariant (`f(g·x) = g·f(x)`) or invariant, on every testing element of its
 * output's group, on random inputs drawn by fast-check from a seed: random batch and grid sizes; white noise
 * for the elements that permute the grid exactly, smooth band-limited disc-masked fields (compared inside
 * the disc) for the elements that resample it. Runs on TF.js's active backend (see `initTestingBackend`).
 * Resolves to a report with the worst error per element; rejects with a {@link CertificationError} naming
 * the worst element, its error, the tolerance, the input (seed and sizes) and how to rerun it.
 *
 * The first failing input ends the run (no shrinking: every candidate would cost two forward passes per
 * element); the report keeps, per element, the input with the largest error, which reruns alone with
 * `{ inputs: [input] }`. Inputs are built on the CPU from their seed, so a report reproduces on any backend.
 *
 * @example
 * ```ts
 * const report = await certifyEquivariance(new R2Conv(inType, outType, 5));
 * console.log(report.worst.name, report.worst.error);
 * ```
 * @see escnn's `EquivariantModule.check_equivariance` (20 unseeded samples, printed)
 * @throws InvalidArgumentError for a bad module or options.
 */
export async function certifyEquivariance(
  module: CertifiableModule,
  options: CertifyOptions = {},
): Promise<CertificationReport> {
  const fn = 'certifyEquivariance';
  const m = checkModule(module);
  const property = options.property ?? 'equivariance';
  if (property !== 'equivariance' && property !== 'invariance') {
    throw new InvalidArgumentError(
      fn,
      'options.property',
      property,
      "must be 'equivariance' or 'invariance'",
    );
  }
  const G = m.outType.fibergroup;
  const gspace = m.outType.gspace;
  const elements = (options.elements ?? m.outType.testingElements).map((g) => G.checkElement(g, fn));
  const interpolated = options.interpolated ?? true;
  const all: Case[] = elements.map((element) => ({ element, exact: isExactOnGrid(gspace, element) }));
  const off = interpolated ? all.filter((c) => !c.exact) : [];
  const cap = options.maxInterpolated ?? off.length;
  if (!Number.isInteger(cap) || cap < 0) {
    throw new InvalidArgumentError(fn, 'options.maxInterpolated', cap, 'must be a non-negative integer');
  }
  const kept = new Set(
    off.length <= cap ? off : Array.from({ length: cap }, (_, i) => off[Math.floor((i * off.length) / cap)]!),
  );
  const base: Case[] = all.filter((c) => c.exact || kept.has(c));
  const params = propertyParameters({ seed: options.seed, numRuns: options.numRuns ?? readRuns() ?? 3 });
  const backend = backendInfo();
  const tolerance = (exact: boolean) =>
    exact
      ? (options.tolerance?.exact ?? defaultTolerance({ backend: backend.name, exact: true }))
      : (options.tolerance?.interpolated ?? defaultTolerance({ backend: backend.name, exact: false }));
  const sigma = options.smoothSigma ?? SMOOTH_SIGMA;
  if (typeof sigma !== 'number' || !(sigma > 0)) {
    throw new InvalidArgumentError(fn, 'options.smoothSigma', sigma, 'must be a positive number');
  }
  const randomElements = (options.randomElements ?? true) && G.continuous && interpolated;

  const worst = new Map<string, ElementCertificate>();
  const order: string[] = [];
  const record = (results: readonly Measured[], spec: InputSpec): boolean => {
    let ok = true;
    for (const r of results) {
      const name = String(r.element);
      const tol = tolerance(r.exact);
      const cert: ElementCertificate = {
        element: r.element,
        name,
        exactOnGrid: r.exact,
        error: r.error,
        tolerance: tol,
        passed: r.error <= tol,
        input: spec,
        values: r.values,
      };
      if (!cert.passed) ok = false;
      const prev = worst.get(name);
      if (prev === undefined) order.push(name);
      if (prev === undefined || !(prev.error >= cert.error)) worst.set(name, cert);
    }
    return ok;
  };

  let numRuns: number;
  let failingSeedNote = '';
  if (options.inputs !== undefined) {
    if (!Array.isArray(options.inputs) || options.inputs.length === 0) {
      throw new InvalidArgumentError(
        fn,
        'options.inputs',
        options.inputs,
        'must be a non-empty list of InputSpec',
      );
    }
    for (const spec of options.inputs) record(await measure(m, base, spec, property, sigma), spec);
    numRuns = options.inputs.length;
  } else {
    const specs = arbitraryInputSpec({
      minBatch: options.minBatch,
      maxBatch: options.maxBatch,
      sizes: options.sizes,
    });
    const extra = randomElements
      ? fc.integer({ min: 0, max: 0x7fffffff }).map((s) => G.sample(1, { seed: s })[0]!)
      : fc.constant(undefined);
    let thrown: { error: unknown } | undefined;
    const details = await fc.check(
      fc.asyncProperty(specs, extra, async (spec, g) => {
        const cases = g === undefined ? base : [...base, { element: g, exact: isExactOnGrid(gspace, g) }];
        try {
          return record(await measure(m, cases, spec, property, sigma), spec);
        } catch (error) {
          thrown = { error };
          throw error;
        }
      }),
      { seed: params.seed, numRuns: params.numRuns, endOnFailure: true },
    );
    numRuns = details.numRuns;
    // the module (or its input type) threw: that is the user's error to see, not a certification result
    if (thrown !== undefined) throw thrown.error;
    if (details.failed)
      failingSeedNote = `FC_SEED=${params.seed} ${options.command ?? '<your test command>'}`;
  }
  // testing order first, then the random elements in the order they were drawn
  const rank = new Map(all.map((c, i) => [String(c.element), i]));
  const list = order
    .map((n, i) => [rank.get(n) ?? all.length + i, worst.get(n)!] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, c]) => c);
  if (list.length === 0) {
    throw new InvalidArgumentError(
      fn,
      'options.elements',
      options.elements,
      'must leave at least one element',
    );
  }
  const ratio = (c: ElementCertificate) => (c.tolerance > 0 ? c.error / c.tolerance : c.error);
  const worstCert = list.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
  const passed = list.every((c) => c.passed);
  const report: CertificationReport = {
    module: options.name ?? String(m),
    gspace: m.inType.gspace.name,
    property,
    backend,
    seed: params.seed,
    numRuns,
    elements: list,
    worst: worstCert,
    passed,
    reproduce: passed
      ? ''
      : [failingSeedNote, `certifyEquivariance(module, { inputs: [${formatSpec(worstCert.input)}] })`]
          .filter((s) => s !== '')
          .join(', or '),
  };
  if (!passed && (options.throwOnFailure ?? true)) throw new CertificationError(report);
  return report;
}
