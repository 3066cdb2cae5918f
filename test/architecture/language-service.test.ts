// The one typed LanguageService (issue 23): the language server, its check worker and the command
// line ask the core through core/languageService.ts only, and call its features through the
// interface `getLanguageService()` returns, never a feature function of their own choosing. The
// national-file IO (national-io.ts, ptp-cache.ts, national-archive.ts) is the one exception: it
// drives the core's table builders (core/tables), which are no feature.
import assert from 'node:assert/strict';
import ts from 'typescript';
import * as facade from '../../server/src/core/languageService';
import { lineOf, parse, sourceFiles } from '../helpers/sources';

const FACADE = 'server/src/core/languageService.ts';
const NATIONAL_IO = ['server/src/national-io.ts', 'server/src/ptp-cache.ts', 'server/src/national-archive.ts'];

/** The host files: every file of server/src outside the core, but the national-file IO. */
const hostFiles = sourceFiles('server/src').filter((f) => !f.startsWith('server/src/core/') && !NATIONAL_IO.includes(f));
const cliFiles = hostFiles.filter((f) => f === 'server/src/cli.ts' || f.startsWith('server/src/cli/'));

interface CoreImport {
  file: string;
  line: number;
  /** The core file it names (repository-relative, without .ts). */
  target: string;
  /** The names it imports as values (not `type`). */
  values: string[];
}

/** The imports (and re-exports) of `file` from the core. */
function coreImportsOf(file: string): CoreImport[] {
  const sf = parse(file);
  const out: CoreImport[] = [];
  for (const node of sf.statements) {
    if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) || !node.moduleSpecifier || !ts.isStringLiteral(node.moduleSpecifier)) continue;
    const spec = node.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    const target = `${file.slice(0, file.lastIndexOf('/'))}/${spec}`.split('/').reduce<string[]>((parts, p) => (p === '..' ? parts.slice(0, -1) : p === '.' ? parts : [...parts, p]), []).join('/');
    if (!target.startsWith('server/src/core/') && target !== 'server/src/core') continue;
    const values: string[] = [];
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause && !clause.isTypeOnly) {
        if (clause.name) values.push('default');
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) values.push('*');
        if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) if (!e.isTypeOnly) values.push((e.propertyName ?? e.name).text);
      }
    } else if (!node.isTypeOnly) {
      const clause = node.exportClause;
      if (!clause || !ts.isNamedExports(clause)) values.push('*');
      else for (const e of clause.elements) if (!e.isTypeOnly) values.push((e.propertyName ?? e.name).text);
    }
    out.push({ file, line: lineOf(sf, node), target, values });
  }
  return out;
}

describe('architecture: one typed LanguageService (issue 23)', () => {
  it('the command line, the language server and the check worker import from the core only core/languageService.ts', () => {
    const bad: string[] = [];
    for (const file of hostFiles) {
      for (const i of coreImportsOf(file)) if (`${i.target}.ts` !== FACADE) bad.push(`${i.file}:${i.line} imports '${i.target}': import it from core/languageService.ts`);
    }
    assert.deepEqual(bad, []);
    assert.ok(cliFiles.some((f) => coreImportsOf(f).length > 0), 'the CLI files were found and read');
  });

  it('a host takes from the facade getLanguageService, types and constants: every function it calls is a LanguageService method', () => {
    const bad: string[] = [];
    for (const file of hostFiles) {
      for (const i of coreImportsOf(file)) {
        for (const name of i.values) {
          if (name === 'getLanguageService') continue;
          const value = (facade as Record<string, unknown>)[name];
          if (name === '*' || typeof value === 'function') bad.push(`${i.file}:${i.line} imports ${name}: call it through getLanguageService() (add it to LanguageService if it is missing)`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  it("the facade's named exports of a feature are the service's own methods (a test of one tests what the hosts call)", () => {
    const ls = facade.getLanguageService() as unknown as Record<string, unknown>;
    const methods = Object.keys(ls);
    assert.ok(methods.length >= 40, `${methods.length} methods`);
    for (const name of methods) {
      assert.equal(typeof ls[name], 'function', name);
      const named = (facade as Record<string, unknown>)[name];
      if (named !== undefined) assert.equal(ls[name], named, `${name}: the service's method is the exported function`);
    }
  });
});
