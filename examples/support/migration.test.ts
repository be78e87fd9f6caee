import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { renderTables, SECTIONS } from './migration.js';

// The migration guide's tables must be SECTIONS rendered, and every name in them must be a real export
// (or a member of one) of the package it is listed under: TypeScript's checker reads each package's
// src/index.ts. UPDATE_GUIDES=1 rewrites the guide's tables instead of comparing.

const root = fileURLToPath(new URL('../../', import.meta.url));
const guide = `${root}docs/guides/06-migration.md`;
const START = '<!-- migration-table:start -->\n';
const END = '\n<!-- migration-table:end -->';
const UPDATE_VARIABLE = 'UPDATE_GUIDES';

const packages = [...new Set(SECTIONS.flatMap((s) => s.rows.map((r) => r[2].split(':')[0]!)))];
const entry = (pkg: string) => `${root}packages/${pkg}/src/index.ts`;

let built: { program: ts.Program; checker: ts.TypeChecker } | undefined;

/** One program over every package's entry point, built on first use. */
function checker(): { program: ts.Program; checker: ts.TypeChecker } {
  if (built) return built;
  const program = ts.createProgram(packages.map(entry), {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['@steerable/source'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  built = { program, checker: program.getTypeChecker() };
  return built;
}

/** Whether `Export` or `Export.member` exists in the package's public API. */
function resolves(program: ts.Program, tc: ts.TypeChecker, pkg: string, path: string): boolean {
  const source = program.getSourceFile(entry(pkg));
  const moduleSymbol = source && tc.getSymbolAtLocation(source);
  if (!moduleSymbol) return false;
  const [name, member] = path.split('.') as [string, string | undefined];
  let symbol = tc.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
  if (!symbol) return false;
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = tc.getAliasedSymbol(symbol);
  if (member === undefined) return true;
  const instance = tc.getDeclaredTypeOfSymbol(symbol);
  if (tc.getPropertyOfType(instance, member)) return true;
  const value = symbol.valueDeclaration
    ? tc.getTypeOfSymbolAtLocation(symbol, symbol.valueDeclaration)
    : undefined;
  return value !== undefined && tc.getPropertyOfType(value, member) !== undefined;
}

describe('the escnn migration table', () => {
  it('names only real exports and members', () => {
    const { program, checker: tc } = checker();
    const missing = SECTIONS.flatMap((s) => s.rows)
      .map((r) => r[2])
      .filter((check) => {
        const [pkg, path] = check.split(':') as [string, string];
        return !resolves(program, tc, pkg, path);
      });
    expect(missing).toEqual([]);
  });

  it('rejects a name that does not exist (the check can fail)', () => {
    const { program, checker: tc } = checker();
    expect(resolves(program, tc, 'nn-equivariant', 'R2Conv')).toBe(true);
    expect(resolves(program, tc, 'nn-equivariant', 'R2Conv.weights')).toBe(true);
    expect(resolves(program, tc, 'nn-equivariant', 'R2Conv.notAMember')).toBe(false);
    expect(resolves(program, tc, 'nn-equivariant', 'NotAModule')).toBe(false);
  });

  it('lists every module class that @steerable/nn-equivariant exports', () => {
    const { program, checker: tc } = checker();
    const source = program.getSourceFile(entry('nn-equivariant'))!;
    const listed = new Set(SECTIONS.flatMap((s) => s.rows.map((r) => r[2])));
    const isModule = (type: ts.Type): boolean =>
      type.getSymbol()?.name === 'EquivariantModule' ||
      (tc.getBaseTypes(type as ts.InterfaceType) ?? []).some((b) => isModule(b));
    const modules = tc
      .getExportsOfModule(tc.getSymbolAtLocation(source)!)
      .map((s) => (s.flags & ts.SymbolFlags.Alias ? tc.getAliasedSymbol(s) : s))
      .filter((s) => s.flags & ts.SymbolFlags.Class)
      .filter((s) => !s.declarations?.some((d) => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Abstract))
      .filter((s) => isModule(tc.getDeclaredTypeOfSymbol(s)))
      .map((s) => s.name);
    expect(modules.length).toBeGreaterThan(40);
    // every concrete module class, so a new module needs its row (abstract bases are left out)
    const missing = modules.filter((m) => !listed.has(`nn-equivariant:${m}`));
    expect(missing).toEqual([]);
  });

  it('is what the guide shows', () => {
    const text = readFileSync(guide, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, `${guide} has the table markers`).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const tables = renderTables();
    if (process.env[UPDATE_VARIABLE] === '1') {
      writeFileSync(guide, `${text.slice(0, start + START.length)}${tables}${text.slice(end)}`);
      return;
    }
    expect(text.slice(start + START.length, end)).toBe(tables);
  });
});
