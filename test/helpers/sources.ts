// The project's own TypeScript sources, parsed with the compiler API, for the architecture tests
// (test/architecture/): which file imports what, and what a file's syntax tree holds.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');

/** Every .ts file under `dir` (relative to the repository), as repository-relative posix paths, sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(ROOT, rel)).sort()) {
      const child = `${rel}/${name}`;
      if (statSync(path.join(ROOT, child)).isDirectory()) walk(child);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(child);
    }
  };
  walk(dir);
  return out;
}

const parsed = new Map<string, ts.SourceFile>();

/** The syntax tree of a repository-relative file (parsed once per test run). */
export function parse(file: string): ts.SourceFile {
  let sf = parsed.get(file);
  if (!sf) {
    sf = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    parsed.set(file, sf);
  }
  return sf;
}

/** The 1-based line of a node, for messages. */
export function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

export interface Import {
  /** The specifier as written. */
  specifier: string;
  /** A relative import: the repository-relative file it resolves to (the specifier joined, when no file matches). */
  file?: string;
  /** A package import: its name (`node:fs` and `fs` are both `node:fs`; `@scope/x/y` is `@scope/x`). */
  pkg?: string;
  /** Only types are imported (erased at build time). */
  typeOnly: boolean;
  line: number;
}

const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '').split('/')[0]));

function resolveRelative(from: string, spec: string): string {
  const base = path.posix.join(path.posix.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    const abs = path.join(ROOT, candidate);
    if (existsSync(abs) && statSync(abs).isFile()) return candidate;
  }
  return base;
}

function packageOf(spec: string): string {
  const bare = spec.replace(/^node:/, '');
  const parts = bare.split('/');
  if (spec.startsWith('node:') || BUILTINS.has(parts[0])) return `node:${parts[0]}`;
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isTypeOnlyImport(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** Every import of a file: import and export declarations, import = require, require() and import() calls. */
export function importsOf(file: string): Import[] {
  const sf = parse(file);
  const out: Import[] = [];
  const add = (spec: string, node: ts.Node, typeOnly: boolean): void => {
    const rel = spec.startsWith('.');
    out.push({ specifier: spec, file: rel ? resolveRelative(file, spec) : undefined, pkg: rel ? undefined : packageOf(spec), typeOnly, line: lineOf(sf, node) });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node, isTypeOnlyImport(node));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      add(node.moduleReference.expression.text, node, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      if (isRequire || isDynamicImport) {
        const arg = node.arguments[0];
        // A computed module name cannot be checked: it is reported as such, not skipped.
        add(ts.isStringLiteralLike(arg) ? arg.text : '<computed>', node, false);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, node, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
