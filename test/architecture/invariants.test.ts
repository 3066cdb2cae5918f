// Invariants of docs/architecture.md that no other test states on its own: a claim is checked
// alone; line keys are 0-based and `...Line` data 1-based; a concept is named in one place (the
// payer in payers.ts, the HAI Claims requests in protocol.ts, the national files in their
// descriptor table).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Connection } from 'vscode-languageserver/node';
import { analyze } from '../../server/src/core/analysis';
import { messageOf } from '../../server/src/core/rules/messages';
import type { Finding } from '../../server/src/core/rules/types';
import { loadDefaultTables } from '../../server/src/core/tables';
import { DATA_KEYS } from '../../server/src/core/tables/national-files';
import { ROUTES, type RequestContext } from '../../server/src/handlers/requests';
import { initializeResult } from '../../server/src/init';
import * as protocol from '../../server/src/protocol';
import { claim } from '../helpers/fixture';
import { lineOf, parse, ROOT, sourceFiles } from '../helpers/sources';

const EXAMPLES = path.join(ROOT, 'examples');
const tables = loadDefaultTables();
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.claim')).sort().map((f) => readFileSync(path.join(EXAMPLES, f), 'utf8'));

/** What a finding says, at a line relative to `base` (`...Line` data too), without its fixes (a quick fix may depend on the lines after). */
function comparable(f: Finding, base: number): string {
  const data = Object.fromEntries(Object.entries(f.data).map(([k, v]) => [k, k.endsWith('Line') && typeof v === 'number' ? v - base : v]));
  return JSON.stringify({ rule: f.rule, severity: f.severity, line: f.line - base, start: f.start, end: f.end, endLine: f.endLine === undefined ? undefined : f.endLine - base, data, deniesLine: f.deniesLine === undefined ? undefined : f.deniesLine - base });
}

describe('architecture: invariants', () => {
  it('a check reads nothing from other claims: each claim of the examples, side by side, has the findings it has alone', () => {
    const text = examples.join('\n');
    const lines = text.split('\n');
    const starts = lines.flatMap((l, i) => (/^claim\b/i.test(l) ? [i] : []));
    assert.ok(starts.length >= examples.length, 'every example starts a claim');
    const together = analyze(text, tables).findings;
    let compared = 0;
    starts.forEach((start, k) => {
      const end = starts[k + 1] ?? lines.length;
      const alone = analyze(lines.slice(start, end).join('\n'), tables).findings.map((f) => comparable(f, 0));
      const beside = together.filter((f) => f.line >= start && f.line < end).map((f) => comparable(f, start));
      assert.deepEqual(beside, alone, `the claim at line ${start + 1}`);
      compared += alone.length;
    });
    assert.ok(compared >= 10, `only ${compared} findings compared: the examples with problems give more`);
  });

  it('finding lines are 0-based; `...Line` data is 1-based (duplicate-line and a repeated header name the first line as the user counts it)', () => {
    const text = claim`
      claim "one"
      payer medicare
      payer medicare
      state GA
      pos 11
      dx C78.7
      on 2026-03-02
        99214 dx A
        99214 dx A
    `;
    const lines = text.split('\n');
    const findings = analyze(text, tables).findings;
    const dup = findings.find((f) => f.rule === 'duplicate-line');
    const header = findings.find((f) => f.rule === 'syntax' && f.data.reason === 'repeated-header');
    assert.ok(dup && header, `expected duplicate-line and a repeated header: ${findings.map((f) => f.rule).join(', ')}`);
    assert.equal(dup.line, 8, 'the second 99214 is 0-based line 8');
    assert.equal(dup.data.firstLine, 8, 'the first 99214 is line 8 as the user counts (0-based 7)');
    assert.match(lines[(dup.data.firstLine as number) - 1], /99214/);
    assert.match(messageOf(dup), /\(line 8\)/);
    assert.equal(header.line, 2);
    assert.equal(header.data.firstLine, 2);
    for (const example of examples) {
      const count = example.split('\n').length;
      for (const f of analyze(example, tables).findings) {
        assert.ok(f.line >= 0 && f.line < count, `${f.rule} at 0-based line ${f.line} of ${count}`);
        for (const [k, v] of Object.entries(f.data)) if (k.endsWith('Line') && typeof v === 'number') assert.ok(v >= 1 && v <= count, `${f.rule} ${k}=${v} of ${count} lines`);
      }
    }
  });

  it("the payer is a concept, not a literal: 'medicare' is written only in core/payers.ts", () => {
    const bad: string[] = [];
    for (const file of [...sourceFiles('server/src'), ...sourceFiles('client/src')]) {
      if (file === 'server/src/core/payers.ts') continue;
      const sf = parse(file);
      const visit = (node: ts.Node): void => {
        if (ts.isStringLiteralLike(node) && node.text.toLowerCase() === 'medicare') bad.push(`${file}:${lineOf(sf, node)}`);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    assert.deepEqual(bad, [], 'read the payer registry (core/payers.ts) instead');
  });

  it('the HAI Claims requests (haiClaims/...) are named once, in server/src/protocol.ts, for the server and the client', () => {
    const bad: string[] = [];
    for (const file of [...sourceFiles('server/src'), ...sourceFiles('client/src')]) {
      if (file === 'server/src/protocol.ts') continue;
      const sf = parse(file);
      const visit = (node: ts.Node): void => {
        if (ts.isStringLiteralLike(node) && node.text.startsWith('haiClaims/')) bad.push(`${file}:${lineOf(sf, node)}: '${node.text}'`);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    assert.deepEqual(bad, [], 'import the name from server/src/protocol.ts');
  });

  it('national files only through the descriptor table: no host reads a data setting by name or builds a table of its own', () => {
    const TABLES = 'server/src/core/tables/';
    // ptp-cache.ts is the PTP slot's own load (national-io's OWN_LOADS): it builds that one table, through its cache.
    const MAY_BUILD: Record<string, readonly string[]> = { 'server/src/core/tables/national-files.ts': ['*'], 'server/src/ptp-cache.ts': ['PtpBuilder'] };
    const keys = new Set<string>(DATA_KEYS);
    assert.ok(keys.size >= 4, 'the descriptor table lists the national files');
    const bad: string[] = [];
    for (const file of sourceFiles('server/src')) {
      if (file === `${TABLES}national-files.ts` || file.startsWith(`${TABLES}loaders/`)) continue;
      const sf = parse(file);
      const visit = (node: ts.Node): void => {
        // settings.data.ncciPtp or data['ncciPtp']: a file the descriptors do not drive.
        if (ts.isPropertyAccessExpression(node) && keys.has(node.name.text) && /\bdata$/.test(node.expression.getText(sf))) bad.push(`${file}:${lineOf(sf, node)}: ${node.getText(sf)}`);
        if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && keys.has(node.argumentExpression.text)) bad.push(`${file}:${lineOf(sf, node)}: ${node.getText(sf)}`);
        // new MueBuilder(): a load outside the descriptors' loop.
        if (ts.isNewExpression(node) && /Builder$/.test(node.expression.getText(sf))) {
          const name = node.expression.getText(sf);
          const allowed = MAY_BUILD[file] ?? [];
          if (!allowed.includes('*') && !allowed.includes(name)) bad.push(`${file}:${lineOf(sf, node)}: new ${name}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    assert.deepEqual(bad, [], 'go through NATIONAL_FILES (core/tables/national-files.ts) and loadNationalFiles (national-io.ts)');
  });

  it('every LSP request in handlers/requests.ts ROUTES is announced in init.ts, every announced provider has its route, and the others are named in protocol.ts', () => {
    const PROVIDER: Record<string, string> = {
      'textDocument/hover': 'hoverProvider',
      'textDocument/completion': 'completionProvider',
      'textDocument/codeAction': 'codeActionProvider',
      'textDocument/documentSymbol': 'documentSymbolProvider',
      'textDocument/foldingRange': 'foldingRangeProvider',
      'textDocument/codeLens': 'codeLensProvider',
      'textDocument/formatting': 'documentFormattingProvider',
      'textDocument/rangeFormatting': 'documentRangeFormattingProvider',
      'textDocument/definition': 'definitionProvider',
      'textDocument/inlayHint': 'inlayHintProvider',
    };
    // LSP's resolve requests: routed when their provider announces resolveProvider.
    const RESOLVE: Record<string, string> = { 'inlayHint/resolve': 'inlayHintProvider' };
    const methods: string[] = [];
    const connection = { onRequest: (type: string | { method: string }) => void methods.push(typeof type === 'string' ? type : type.method) } as unknown as Connection;
    const ctx = { log: () => undefined } as unknown as RequestContext;
    for (const route of ROUTES) route.wire(connection, ctx);
    assert.equal(methods.length, ROUTES.length, 'each route wires one request');
    const named = new Set<string>(Object.values(protocol as Record<string, unknown>).filter((v): v is string => typeof v === 'string'));
    const capabilities = initializeResult().capabilities as Record<string, unknown>;
    for (const m of methods) {
      if (m.startsWith('textDocument/')) assert.ok(PROVIDER[m] && capabilities[PROVIDER[m]], `${m}: add its capability to initializeResult (init.ts) and to PROVIDER here`);
      else if (RESOLVE[m]) assert.ok((capabilities[RESOLVE[m]] as { resolveProvider?: boolean } | undefined)?.resolveProvider, `${m}: announce resolveProvider on ${RESOLVE[m]} (init.ts)`);
      else assert.ok(named.has(m), `${m}: name it in server/src/protocol.ts`);
    }
    const routed = new Set(methods.map((m) => PROVIDER[m]).filter(Boolean));
    const announced = Object.keys(capabilities).filter((k) => k.endsWith('Provider') && capabilities[k]);
    assert.deepEqual(announced.filter((k) => !routed.has(k)), [], 'a provider announced without a route answers nothing');
  });
});

describe('the client and the server agree on names (issue 23)', () => {
  it("the client's request trace (privacySafeTrace) times every LSP request the server routes, by the route's name", () => {
    const client = readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8');
    const trace = client.slice(client.indexOf('export function privacySafeTrace'));
    for (const route of ROUTES) {
      if (!route.method.startsWith('textDocument/')) continue;
      assert.ok(trace.includes(`timed(\`${route.name} `), `${route.method}: trace it in privacySafeTrace as '${route.name}'`);
    }
  });

  it('every document request declares what it reads (model or findings)', () => {
    for (const route of ROUTES) {
      if (route.method.startsWith('textDocument/') || route.method === 'inlayHint/resolve') assert.ok(route.need, `${route.name}: declare its need`);
    }
  });

  it("LANGUAGE_ID (server/src/protocol.ts, written once for the server and the client) is package.json's language", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { languages: { id: string }[] } };
    const protocol = readFileSync(path.join(ROOT, 'server/src/protocol.ts'), 'utf8');
    const id = /LANGUAGE_ID = '([^']+)'/.exec(protocol)?.[1];
    assert.ok(id && pkg.contributes.languages.some((l) => l.id === id), 'package.json contributes the language');
    for (const f of [...sourceFiles('client/src'), ...sourceFiles('server/src')]) {
      if (f !== 'server/src/protocol.ts') assert.ok(!readFileSync(path.join(ROOT, f), 'utf8').includes(`'${id}'`), `${f}: use LANGUAGE_ID from protocol.ts (the client's constants.ts)`);
    }
  });
});
