// The layers of docs/architecture.md, held by the imports of every source file: the core does no
// IO and knows no host; inside the core, a layer imports only the layers below it; the client
// shares only protocol.ts with the server; the CLI and the server share only the core and the
// national-file IO. A new file outside the layer table fails here until the table (and the
// document) say where it belongs.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { importsOf, lineOf, parse, sourceFiles, type Import } from '../helpers/sources';

const CORE = 'server/src/core/';

/**
 * The core's layers, lowest first. A file imports files of its own layer or of a lower one; two
 * layers of the same rank (syntax and tables) do not import each other.
 */
const CORE_LAYERS: { name: string; rank: number; paths: string[] }[] = [
  { name: 'strings', rank: 0, paths: ['server/src/core/strings.ts', 'server/src/core/steps.ts'] },
  { name: 'syntax', rank: 1, paths: ['server/src/core/syntax/'] },
  { name: 'tables', rank: 1, paths: ['server/src/core/tables/'] },
  { name: 'model', rank: 2, paths: ['server/src/core/model/'] },
  { name: 'settings', rank: 2, paths: ['server/src/core/settings.ts', 'server/src/core/config-file.ts'] },
  { name: 'plan', rank: 2, paths: ['server/src/core/plan.ts'] },
  { name: 'payers', rank: 3, paths: ['server/src/core/payers.ts'] },
  { name: 'checks-not-run', rank: 3, paths: ['server/src/core/checks-not-run.ts'] },
  { name: 'rules', rank: 4, paths: ['server/src/core/rules/'] },
  { name: 'estimate', rank: 5, paths: ['server/src/core/estimate/'] },
  { name: 'analysis', rank: 6, paths: ['server/src/core/analysis.ts', 'server/src/core/reuse.ts', 'server/src/core/fixes.ts'] },
  { name: 'features', rank: 7, paths: ['server/src/core/features/'] },
  { name: 'x12', rank: 7.5, paths: ['server/src/core/x12/'] },
  { name: 'languageService', rank: 8, paths: ['server/src/core/languageService.ts'] },
];

/** The hosts around the core (every file of server/src outside core/ belongs to one). */
const HOSTS: { name: string; paths: string[] }[] = [
  { name: 'server', paths: ['server/src/server.ts', 'server/src/init.ts', 'server/src/handlers/', 'server/src/protocol.ts', 'server/src/national-hook.ts', 'server/src/rule-docs.ts', 'server/src/check-worker.ts'] },
  { name: 'cli', paths: ['server/src/cli.ts', 'server/src/cli/'] },
  { name: 'national-io', paths: ['server/src/national-io.ts', 'server/src/ptp-cache.ts', 'server/src/national-archive.ts', 'server/src/regular-file.ts'] },
  // Pure output code the CLI and the client share (type imports only, so the client bundles no server code).
  { name: 'shared', paths: ['server/src/estimate-csv.ts'] },
];

const SHARED_WITH_CLIENT = ['server/src/protocol.ts', 'server/src/estimate-csv.ts'];

const under = (file: string, paths: string[]): boolean => paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p));
const coreLayerOf = (file: string) => CORE_LAYERS.find((l) => under(file, l.paths));
const hostOf = (file: string) => HOSTS.find((h) => under(file, h.paths))?.name;
const where = (file: string, i: Import): string => `${file}:${i.line} imports '${i.specifier}'`;

/** Packages the core may use: schemas, LSP's plain data types (no connection, no editor), and VS Code's JSONC parser (text in, object out). */
const CORE_PACKAGES = new Set(['zod', 'vscode-languageserver-types', 'jsonc-parser']);
/** The zip and workbook readers: national-archive.ts alone opens CMS's archives and workbooks. */
const ARCHIVE_PACKAGES = new Set(['yauzl', 'sax']);
/** Network modules: no source file of ours opens a connection (the LSP transport is the library's). */
const NETWORK = new Set(['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'undici'].map((m) => `node:${m}`));

const coreFiles = sourceFiles('server/src/core');
const serverFiles = sourceFiles('server/src');
const clientFiles = sourceFiles('client/src');

describe('architecture: layers and imports', () => {
  it('the core imports no IO, no host and no editor: only its own files, zod and vscode-languageserver-types', () => {
    const bad: string[] = [];
    for (const file of coreFiles) {
      for (const i of importsOf(file)) {
        if (i.file !== undefined && !i.file.startsWith(CORE)) bad.push(`${where(file, i)}: outside the core (a host, or the client)`);
        if (i.pkg !== undefined && !CORE_PACKAGES.has(i.pkg)) bad.push(`${where(file, i)}: ${i.pkg.startsWith('node:') ? 'a Node module (IO belongs to the hosts)' : 'a package the core does not use'}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the core reads no process, console, timer, clock or network global', () => {
    const GLOBALS = new Set(['process', 'console', 'require', 'fetch', 'Buffer', 'setTimeout', 'setInterval', 'setImmediate', 'XMLHttpRequest', 'WebSocket', '__dirname', '__filename']);
    const bad: string[] = [];
    for (const file of coreFiles) {
      const sf = parse(file);
      const visit = (node: ts.Node): void => {
        const parent = node.parent;
        if (ts.isIdentifier(node) && GLOBALS.has(node.text)) {
          // A property name (x.process, { process: 1 }) or a declaration of our own is not the global.
          const isName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node);
          if (!isName) bad.push(`${file}:${lineOf(sf, node)}: ${node.text}`);
        }
        // The clock: Date.now() and new Date() without arguments make a result depend on when it ran.
        if (ts.isPropertyAccessExpression(node) && node.expression.getText(sf) === 'Date' && node.name.text === 'now') bad.push(`${file}:${lineOf(sf, node)}: Date.now`);
        if (ts.isNewExpression(node) && node.expression.getText(sf) === 'Date' && (node.arguments?.length ?? 0) === 0) bad.push(`${file}:${lineOf(sf, node)}: new Date()`);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    assert.deepEqual(bad, []);
  });

  it('every core file is in a layer, and imports only its own layer or lower ones (syntax -> model -> rules -> estimate -> analysis -> features -> languageService)', () => {
    const bad: string[] = [];
    for (const file of coreFiles) {
      const layer = coreLayerOf(file);
      if (!layer) { bad.push(`${file}: in no layer of CORE_LAYERS (add it here and to docs/architecture.md)`); continue; }
      for (const i of importsOf(file)) {
        if (i.file === undefined || !i.file.startsWith(CORE) || i.file.endsWith('.json')) continue;
        const target = coreLayerOf(i.file);
        if (!target) continue; // reported as a file in no layer
        if (target.name !== layer.name && target.rank >= layer.rank) bad.push(`${where(file, i)}: ${layer.name} may not import ${target.name}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('every server/src file outside the core belongs to a host: the server, the CLI or the national-file IO', () => {
    const stray = serverFiles.filter((f) => !f.startsWith(CORE) && hostOf(f) === undefined);
    assert.deepEqual(stray, [], 'add the file to HOSTS here and to the code map of docs/architecture.md');
  });

  it('the CLI never imports the language server (server.ts, init.ts, handlers/, protocol.ts, national-hook.ts) or an LSP library', () => {
    const bad: string[] = [];
    for (const file of serverFiles.filter((f) => hostOf(f) === 'cli')) {
      for (const i of importsOf(file)) {
        if (i.file !== undefined && hostOf(i.file) === 'server') bad.push(`${where(file, i)}: the server's`);
        if (i.pkg !== undefined && (i.pkg === 'vscode' || i.pkg.startsWith('vscode-languageserver'))) bad.push(`${where(file, i)}: an LSP or editor library`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the server never imports the CLI; the national-file IO imports only the core and Node (and national-archive.ts its zip and workbook readers)', () => {
    const bad: string[] = [];
    for (const file of serverFiles.filter((f) => hostOf(f) === 'server')) {
      for (const i of importsOf(file)) if (i.file !== undefined && hostOf(i.file) === 'cli') bad.push(`${where(file, i)}: the CLI's`);
    }
    for (const file of serverFiles.filter((f) => hostOf(f) === 'national-io')) {
      for (const i of importsOf(file)) {
        if (i.file !== undefined && !i.file.startsWith(CORE) && hostOf(i.file) !== 'national-io') bad.push(`${where(file, i)}: a host's`);
        if (i.pkg !== undefined && !i.pkg.startsWith('node:') && !(file === 'server/src/national-archive.ts' && ARCHIVE_PACKAGES.has(i.pkg))) bad.push(`${where(file, i)}: a package`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the client shares only protocol.ts and estimate-csv.ts with the server, and they import only types (so the client bundles no other server code)', () => {
    const bad: string[] = [];
    for (const file of clientFiles) {
      for (const i of importsOf(file)) {
        if (i.file !== undefined && !i.file.startsWith('client/src/') && !SHARED_WITH_CLIENT.includes(i.file)) bad.push(`${where(file, i)}: server code (only ${SHARED_WITH_CLIENT.join(' and ')} are shared)`);
      }
    }
    for (const shared of SHARED_WITH_CLIENT) for (const i of importsOf(shared)) if (!i.typeOnly) bad.push(`${where(shared, i)}: not type-only`);
    assert.deepEqual(bad, []);
  });

  it('no source file imports a network module, and every import names its module (no computed require)', () => {
    const bad: string[] = [];
    for (const file of [...serverFiles, ...clientFiles]) {
      for (const i of importsOf(file)) {
        if (i.pkg !== undefined && NETWORK.has(i.pkg)) bad.push(`${where(file, i)}: network`);
        if (i.specifier === '<computed>') bad.push(`${file}:${i.line}: a computed module name`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
