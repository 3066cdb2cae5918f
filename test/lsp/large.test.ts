// A huge document must not block the others: it is parsed and checked in steps, the server
// answering other documents between them; a newer version cancels the check of the older one; a
// request on the huge document waits for its check; tens of thousands of findings are published
// capped, with one diagnostic counting what was left out. Ordering is observed through events (which
// answer arrives first), never timers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol/node';
import { generateClaims, guideCodeLists, oneClaimOneDate, renderClaims } from '../../bench/generate';
import { analyze, loadDefaultTables, MAX_DIAGNOSTICS, parseSettings, toPublishedDiagnostics, TOO_MANY_FINDINGS } from '../../server/src/core/languageService';
import { installedRuleDocs } from '../../server/src/rule-docs';
import { ensureBuilt } from '../helpers/build';
import { TestClient } from '../helpers/lsp-client';

/** The server (dist/server.js) links each diagnostic to the docs/checks.md beside it: the expectations do too. */
const SERVER_RULE_DOCS = installedRuleDocs(path.resolve(__dirname, '../../dist'));

const EXAMPLE = readFileSync('examples/language-page-example.claim', 'utf8');
const SMALL = 'file:///work/small.claim';
const BIG = 'file:///work/big.claim';
// About 45,000 lines (a pasted export of 2,000 claims): seconds to check, so the small document's
// answers come long before it is done.
const BIG_TEXT = renderClaims(generateClaims(20_000, 4)).text;
/** One claim, 60,000 lines on one date (issue 17): one rule over that date is one step of seconds. */
const ONE_DATE = oneClaimOneDate(60_000);

/** Sends didOpen without waiting for its diagnostics. */
function openNoWait(c: TestClient, uri: string, text: string, version = 1): Promise<void> {
  return c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hai-claim', version, text } });
}

/** Records every version of `uri` published, as the notifications arrive. */
function publishedVersions(c: TestClient, uri: string): (number | undefined)[] {
  const seen: (number | undefined)[] = [];
  // A waiter that never resolves: its predicate sees every publish for `uri`.
  void c.waitForDiagnostics(uri, (p) => {
    seen.push(p.version);
    return false;
  });
  return seen;
}

describe('language server: a huge document does not block the others', function () {
  this.timeout(180_000);
  const clients: TestClient[] = [];
  async function start(env?: NodeJS.ProcessEnv): Promise<TestClient> {
    const c = new TestClient({ settings: { diagnostics: { debounceMs: 0 } }, env });
    clients.push(c);
    await c.initialize();
    return c;
  }
  before(() => ensureBuilt());
  afterEach(async () => {
    for (const c of clients.splice(0)) if (c.proc.exitCode === null) await c.shutdown();
  });

  it('a small document is checked and hovered while a huge one is being checked; requests on the huge one wait for its check (a long bound)', async () => {
    // A bound of ten minutes: the request waits for the check (test/lsp/worker-requests.test.ts shows the bound).
    const c = await start({ HAI_CLAIMS_FINDINGS_WAIT_MS: '600000' });
    let bigDone = false;
    const bigDiagnostics = c.diagnosticsFor(BIG, 1).then((d) => {
      bigDone = true;
      return d;
    });
    await openNoWait(c, BIG, BIG_TEXT);
    // A request on the huge document, sent before the small one's: answered when its check is done.
    const symbols = c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: BIG } }).then((s) => {
      assert.ok(bigDone || s.length > 0);
      return s;
    });
    const small = await c.open(SMALL, EXAMPLE);
    assert.ok(small.some((d) => d.code === 'ncci-ptp'), 'the small document is checked');
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: SMALL }, position: { line: 11, character: 4 } });
    assert.ok(hover, 'the small document is hovered');
    assert.equal(bigDone, false, 'the small document was answered while the huge one was still being checked');
    assert.ok((await symbols).length > 100, 'the request on the huge document is answered from its analysis (as many claims as PLAN.outlineSymbols entries hold)');
    // What the steps published is what one analysis gives.
    const expected = toPublishedDiagnostics(analyze(BIG_TEXT, loadDefaultTables()).findings, BIG, undefined, SERVER_RULE_DOCS);
    assert.deepEqual(await bigDiagnostics, JSON.parse(JSON.stringify(expected)));
  });

  it('hovers on a small document are answered while one claim of 60,000 lines on one date is checked in the worker (one rule over that date is one long step)', async () => {
    const c = await start();
    let bigDone = false;
    void c.diagnosticsFor(BIG, 1).then(() => (bigDone = true));
    await openNoWait(c, BIG, ONE_DATE);
    await c.open(SMALL, EXAMPLE);
    for (let i = 0; i < 20; i++) {
      const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: SMALL }, position: { line: 11, character: 4 } });
      assert.ok(hover, 'the small document is hovered');
    }
    assert.equal(bigDone, false, 'every hover was answered before the huge document was published');
    assert.ok(!c.logs.some((l) => /check worker/.test(l)), 'the worker is up');
    // Closing it drops the worker's copy (its check stops at the end of its step).
    await c.close(BIG);
  });

  it('requests on a worker-held claim of 60,000 lines on one date run no rule on the main thread; hovers on a small document are answered meanwhile; the requests that read findings get those of the current version', async () => {
    // A bound of ten minutes: the findings requests wait for the findings here (the bound itself: worker-requests.test.ts).
    const c = await start({ HAI_CLAIMS_FINDINGS_WAIT_MS: '600000' });
    await c.open(SMALL, EXAMPLE);
    const stats = () => c.request<{ ruleRuns?: number }>('haiClaims/_stats', {});
    const before = (await stats()).ruleRuns;
    assert.equal(typeof before, 'number');
    const bigPublished = c.diagnosticsFor(BIG, 1);
    await openNoWait(c, BIG, ONE_DATE);
    const doc = { textDocument: { uri: BIG } };
    const range = { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } };
    // What the editor asks after an open: folding (the model, at once), then symbols, lenses and hints (findings: wait).
    const folding = c.request<unknown[]>('textDocument/foldingRange', doc);
    const waiting = Promise.all([
      c.request<DocumentSymbol[]>('textDocument/documentSymbol', doc),
      c.request<unknown[]>('textDocument/codeLens', doc),
      c.request<unknown[]>('textDocument/inlayHint', { ...doc, range }),
    ]);
    let answered = false;
    void waiting.then(() => (answered = true));
    assert.ok((await folding).length > 0, 'folding is answered from the model');
    for (let i = 0; i < 10; i++) {
      const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: SMALL }, position: { line: 11, character: 4 } });
      assert.ok(hover, 'the small document is hovered');
    }
    const diags = await bigPublished;
    assert.ok(diags.length > 0, 'the worker\'s findings are published');
    const [symbols, lenses] = await waiting;
    assert.ok(answered);
    assert.equal(symbols.length, 1);
    assert.ok(lenses.length > 0);
    assert.match(JSON.stringify(lenses), /Claim estimate \$/, 'the lenses of the findings, with amounts');
    // An edit: the requests read the new version's findings.
    const edited = c.diagnosticsFor(BIG, 2);
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: BIG, version: 2 }, contentChanges: [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '  99999 dx A\n' }] });
    await c.request<unknown[]>('textDocument/foldingRange', doc);
    await c.request<unknown[]>('textDocument/codeLens', doc);
    await edited;
    assert.equal((await stats()).ruleRuns, before, 'no rule ran on the main thread for the worker-held document');
    assert.ok(!c.logs.some((l) => /check worker|failed/.test(l)), 'the worker is up and nothing failed');
    await c.close(BIG);
  });

  it('a long claim with long dates, checked in the worker, publishes what one analysis gives; a newer version supersedes the older', async () => {
    const c = await start();
    const versions = publishedVersions(c, BIG);
    const codes = guideCodeLists().procedures;
    const out = ['claim "many dates"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7'];
    // Three dates, their blocks interleaved: each date over 1,000 lines (the worker's share).
    for (let i = 0; out.length < 5000; i++) {
      if (i % 4 === 0) out.push(`on 2026-03-${String(1 + ((i / 4) % 3)).padStart(2, '0')}`);
      out.push(`  ${codes[i % codes.length]} dx A`);
    }
    const text = `${out.join('\n')}\n`;
    await openNoWait(c, BIG, text);
    const line = out.findIndex((l) => l.startsWith('on '));
    const published = c.diagnosticsFor(BIG, 2);
    const contentChanges = [{ range: { start: { line, character: 0 }, end: { line, character: out[line].length } }, text: '' }];
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: BIG, version: 2 }, contentChanges });
    const diags = await published;
    out[line] = '';
    const expected = toPublishedDiagnostics(analyze(`${out.join('\n')}\n`, loadDefaultTables()).findings, BIG, undefined, SERVER_RULE_DOCS);
    assert.ok(expected.length > 0);
    assert.deepEqual(diags, JSON.parse(JSON.stringify(expected)));
    assert.deepEqual(versions, [2], 'version 1 was never published');
    assert.ok(!c.logs.some((l) => /check worker/.test(l)), 'the worker is up');
  });

  it('a newer version cancels the check of the older: only the newer one is published', async () => {
    const c = await start();
    const versions = publishedVersions(c, BIG);
    await openNoWait(c, BIG, BIG_TEXT);
    // Empty the first claim's first date line: different findings from version 1.
    const lines = BIG_TEXT.split('\n');
    const line = lines.findIndex((l) => l.startsWith('on '));
    const published = c.diagnosticsFor(BIG, 2);
    const contentChanges = [{ range: { start: { line, character: 0 }, end: { line, character: lines[line].length } }, text: '' }];
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: BIG, version: 2 }, contentChanges });
    const diags = await published;
    lines[line] = '';
    const expected = toPublishedDiagnostics(analyze(lines.join('\n'), loadDefaultTables()).findings, BIG, undefined, SERVER_RULE_DOCS);
    assert.deepEqual(diags, JSON.parse(JSON.stringify(expected)));
    assert.deepEqual(versions, [2], 'version 1 was never published: its check stopped');
  });

  it('settings changed while a huge document is checked: its check starts again with them; no diagnostics of the old settings after', async () => {
    const c = await start();
    const versions = publishedVersions(c, BIG);
    await openNoWait(c, BIG, BIG_TEXT);
    c.settings = { rules: { 'ncci-ptp': 'off' }, diagnostics: { debounceMs: 0 } };
    const withoutPtp = c.waitForDiagnostics(BIG, (p) => p.version === 1 && !p.diagnostics.some((d) => d.code === 'ncci-ptp'));
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const published = await withoutPtp;
    const settings = parseSettings({ rules: { 'ncci-ptp': 'off' } }).settings;
    const expected = toPublishedDiagnostics(analyze(BIG_TEXT, loadDefaultTables(), { settings }).findings, BIG, undefined, SERVER_RULE_DOCS);
    assert.deepEqual(published.diagnostics, JSON.parse(JSON.stringify(expected)));
    // The check under way when the settings came was stopped: one publish, with the new settings.
    assert.deepEqual(versions, [1]);
  });

  it('a request waiting for a huge document closed meanwhile gets the empty answer', async () => {
    const c = await start({ HAI_CLAIMS_FINDINGS_WAIT_MS: '600000' });
    await openNoWait(c, BIG, BIG_TEXT);
    const hover = c.request<Hover | null>('textDocument/hover', { textDocument: { uri: BIG }, position: { line: 1, character: 1 } });
    await c.close(BIG);
    assert.equal(await hover, null);
    // Still up.
    assert.ok((await c.open(SMALL, EXAMPLE)).length > 0);
  });

  it('a check in steps that fails costs that check (its requests are answered that it failed, one diagnostic says so), never the server (injected fault)', async () => {
    const c = await start({ HAI_CLAIMS_FAULT: 'check', HAI_CLAIMS_FINDINGS_WAIT_MS: '600000' });
    const published = c.diagnosticsFor(BIG, 1);
    await openNoWait(c, BIG, BIG_TEXT);
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: BIG }, position: { line: 1, character: 1 } });
    assert.match(JSON.stringify(hover?.contents), /stopped on an internal error \(Error\)/, 'the waiting hover says the check failed');
    assert.deepEqual((await published).map((d) => d.code), ['check-failed'], 'never shown clean');
    assert.ok(c.logs.some((l) => /diagnostics failed: Error/.test(l)), 'logged by name');
    // Small documents are checked at once, not in steps: still served.
    assert.ok((await c.open(SMALL, EXAMPLE)).length > 0);
    assert.equal(c.proc.exitCode, null);
  });

  it('tens of thousands of findings are published capped, with a last diagnostic saying how many were left out', async () => {
    const c = await start();
    const text = `claim "x"\npayer medicare\nstate GA\npos 11\ndx C78.7\non 2026-03-02\n  36260 dx A\n${'zzz\n'.repeat(30_000)}`;
    const diags: Diagnostic[] = await c.open(BIG, text);
    assert.equal(diags.length, MAX_DIAGNOSTICS + 1);
    const last = diags[diags.length - 1];
    assert.equal(last.code, TOO_MANY_FINDINGS);
    assert.match(last.message, /29,001 of this file's 30,001 findings are not shown \(29,000 errors, 1 warning\)/);
    assert.match(last.message, /hai-claims check/);
    // The most severe are kept: every one sent (but the last) is an error.
    assert.ok(diags.slice(0, -1).every((d) => d.severity === 1));
  });
});
