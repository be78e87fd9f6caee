/**
 * The certification matrix: every entry of {@link CERTIFICATION_REGISTRY} × its gspaces × its cases,
 * certified on the active backend; the engine of `steerable-certify`.
 */
import type { BackendInfo } from './backend.js';
import { type CertificationReport, certifyEquivariance } from './certify.js';
import {
  CERTIFICATION_REGISTRY,
  type CertificationEntry,
  exportedModuleClasses,
  moduleConstructor,
  PLANAR_GSPACES,
} from './registry.js';

/** Options of {@link runMatrix}. */
export interface MatrixOptions {
  /** Only these module names. @defaultValue all */
  readonly modules?: readonly string[];
  /** Only these gspace keys. @defaultValue all */
  readonly gspaces?: readonly string[];
  /** Only the case with this label. @defaultValue all */
  readonly caseLabel?: string;
  /** fast-check seed of every case. */
  readonly seed: number;
  /** Random inputs per case. */
  readonly numRuns: number;
  /** Interpolated testing elements per case. */
  readonly maxInterpolated: number;
  /** The backend the matrix runs on (for the header). */
  readonly backend: BackendInfo;
  /** The entries. @defaultValue {@link CERTIFICATION_REGISTRY} */
  readonly registry?: readonly CertificationEntry[];
}

/** One row of the matrix. */
export interface MatrixRow {
  readonly module: string;
  readonly gspace: string;
  readonly label: string;
  /** `'pass'`, `'FAIL'`, `'error'` (construction or forward threw) or `'not exported'`. */
  readonly status: 'pass' | 'FAIL' | 'error' | 'not exported';
  readonly report?: CertificationReport;
  readonly message?: string;
  readonly milliseconds: number;
}

/** What {@link runMatrix} returns. */
export interface MatrixResult {
  readonly rows: readonly MatrixRow[];
  /** Rows that failed or errored. */
  readonly failed: number;
  /** Exported EquivariantModule classes with no registry entry. */
  readonly uncovered: readonly string[];
  /** The printable table. */
  readonly text: string;
  /** A JSON-able summary. */
  readonly json: unknown;
}

function reproduceCommand(row: { module: string; gspace: string; label: string }, seed: number): string {
  return `npx steerable-certify --module ${row.module} --gspace ${row.gspace} --case '${row.label}' --seed ${seed}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Certifies every case of the registry on the active backend, one after the other; never throws for a
 * failing module (the row says so).
 */
export async function runMatrix(options: MatrixOptions): Promise<MatrixResult> {
  const registry = options.registry ?? CERTIFICATION_REGISTRY;
  const rows: MatrixRow[] = [];
  const wanted = (list: readonly string[] | undefined, name: string) =>
    list === undefined || list.includes(name);
  const started = Date.now();
  for (const entry of registry) {
    if (!wanted(options.modules, entry.module)) continue;
    const C = moduleConstructor(entry.module);
    if (C === undefined) {
      rows.push({ module: entry.module, gspace: '-', label: '-', status: 'not exported', milliseconds: 0 });
      continue;
    }
    for (const g of entry.gspaces ?? PLANAR_GSPACES) {
      if (!wanted(options.gspaces, g.key)) continue;
      let cases: ReturnType<CertificationEntry['cases']>;
      try {
        cases = entry.cases(g.make(), C);
      } catch (error) {
        rows.push({
          module: entry.module,
          gspace: g.key,
          label: '-',
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
          milliseconds: 0,
        });
        continue;
      }
      for (const c of cases) {
        if (options.caseLabel !== undefined && c.label !== options.caseLabel) continue;
        const t0 = Date.now();
        const base = { module: entry.module, gspace: g.key, label: c.label };
        let module: ReturnType<typeof c.build> | undefined;
        try {
          module = c.build();
          const report = await certifyEquivariance(module, {
            seed: options.seed,
            numRuns: options.numRuns,
            maxInterpolated: options.maxInterpolated,
            ...entry.options,
            name: `${entry.module}(${c.label})`,
            command: reproduceCommand(base, options.seed),
            throwOnFailure: false,
          });
          rows.push({
            ...base,
            status: report.passed ? 'pass' : 'FAIL',
            report,
            milliseconds: Date.now() - t0,
          });
        } catch (error) {
          rows.push({
            ...base,
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
            milliseconds: Date.now() - t0,
          });
        } finally {
          (module as { dispose?: () => void } | undefined)?.dispose?.();
        }
      }
    }
  }
  const covered = new Set(registry.map((e) => e.module));
  const uncovered = exportedModuleClasses().filter((name) => !covered.has(name));
  const failed = rows.filter((r) => r.status === 'FAIL' || r.status === 'error').length;

  const body = rows.map((r) => {
    const rep = r.report;
    const exact = rep?.elements.filter((e) => e.exactOnGrid).length ?? 0;
    return [
      r.module,
      r.gspace,
      r.label,
      rep === undefined ? '-' : `${rep.elements.length} (${exact} exact)`,
      rep?.worst.name ?? '-',
      rep === undefined ? '-' : rep.worst.error.toExponential(2),
      rep === undefined ? '-' : rep.worst.tolerance.toExponential(1),
      r.status,
      `${r.milliseconds}`,
    ];
  });
  const b = options.backend;
  const lines = [
    `steerable-certify: backend ${b.name} on ${b.adapter}; seed ${options.seed}, ${options.numRuns} input(s) per case`,
    '',
    table(
      ['module', 'gspace', 'fields', 'elements', 'worst element', 'worst error', 'tolerance', 'pass', 'ms'],
      body,
    ),
    '',
    `${rows.length - failed} of ${rows.length} cases passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  ];
  for (const r of rows) {
    if (r.status === 'FAIL' && r.report !== undefined) {
      lines.push(
        `FAIL ${r.module} on ${r.gspace} (${r.label}): ${r.report.worst.name} errs ${r.report.worst.error.toExponential(2)}`,
      );
      lines.push(`  rerun: ${reproduceCommand(r, options.seed)}`);
    } else if (r.status === 'error') {
      lines.push(`ERROR ${r.module} on ${r.gspace} (${r.label}): ${r.message}`);
    } else if (r.status === 'not exported') {
      lines.push(
        `note: ${r.module} has a registry entry but is not exported by @steerable/nn-equivariant yet`,
      );
    }
  }
  if (uncovered.length > 0) lines.push(`not in the certification registry: ${uncovered.join(', ')}`);
  const json = {
    backend: b,
    seed: options.seed,
    numRuns: options.numRuns,
    uncovered,
    rows: rows.map((r) => ({
      module: r.module,
      gspace: r.gspace,
      fields: r.label,
      status: r.status,
      message: r.message,
      milliseconds: r.milliseconds,
      elements: r.report?.elements.map((e) => ({
        element: e.name,
        exactOnGrid: e.exactOnGrid,
        error: e.error,
        tolerance: e.tolerance,
        passed: e.passed,
        input: e.input,
      })),
    })),
  };
  return { rows, failed, uncovered, text: `${lines.join('\n')}\n`, json };
}
