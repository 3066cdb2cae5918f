// Issue 23: every end of a check of a document checked in the background (in steps on the server's
// thread, or in the check worker) tells the status bar (haiClaims/checking): it ended, failed
// (`failed`, the error's name, never text), or the document was closed, so the status bar never
// stays at "checking..." after a request was answered in part. The failures are injected
// (HAI_CLAIMS_FAULT=check-in-part: a check in steps fails once a request on it was answered in
// part; check-in-worker: every check in the worker fails); everything is awaited as events.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CodeLens } from 'vscode-languageserver-protocol/node';
import { generateClaims, oneClaimOneDate, renderClaims } from '../../bench/generate';
import { CHECKING_NOTIFICATION, type CheckingParams } from '../../server/src/protocol';
import { ensureBuilt } from '../helpers/build';
import { TestClient } from '../helpers/lsp-client';

const STEPPED = 'file:///work/stepped.claim';
const BIG = 'file:///work/big.claim';
/** About 45,000 lines of 2,000 short claims: checked in steps on the server's thread, seconds to check. */
const STEPPED_TEXT = renderClaims(generateClaims(20_000, 4)).text;
const SMALL_TEXT = readFileSync('examples/language-page-example.claim', 'utf8');
const steppedDoc = { textDocument: { uri: STEPPED } };
/** A comment line put first: an edit that leaves every claim as it was. */
const EDIT = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }];

describe('language server: the status bar after every end of a check in the background (issue 23)', function () {
  this.timeout(180_000);
  const clients: TestClient[] = [];
  before(() => ensureBuilt());
  afterEach(async () => {
    for (const c of clients.splice(0)) if (c.proc.exitCode === null) await c.shutdown();
  });

  /** A server whose findings requests wait at most 1 ms (answered in part while a check in steps runs). */
  async function start(env: NodeJS.ProcessEnv = {}) {
    const c = new TestClient({ settings: { diagnostics: { debounceMs: 0 } }, env: { HAI_CLAIMS_FINDINGS_WAIT_MS: '1', ...env }, workspaceCapabilities: { codeLens: { refreshSupport: true } } });
    clients.push(c);
    await c.initialize();
    await c.configured;
    return c;
  }
  const told = (c: TestClient, uri: string) =>
    c.notifications.filter((n) => n.method === CHECKING_NOTIFICATION && (n.params as CheckingParams).uri === uri).map((n) => n.params as CheckingParams);
  /** Version 2 of the batch (opened as version 1 without waiting for its diagnostics); resolves with its diagnostics. */
  async function edit(c: TestClient, contentChanges: unknown[]) {
    const published = c.diagnosticsFor(STEPPED, 2);
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: STEPPED, version: 2 }, contentChanges });
    return published;
  }
  const ended = (c: TestClient, uri: string) => c.waitForNotification<CheckingParams>(CHECKING_NOTIFICATION, (p) => p.uri === uri && !p.checking);

  /** Opens the batch and asks for its lenses: answered in part while its check in steps runs (the status bar is told). */
  async function openAnsweredInPart(c: TestClient) {
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: STEPPED, languageId: 'hai-claim', version: 1, text: STEPPED_TEXT } });
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', steppedDoc);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['Claim estimates: checking...'], 'answered in part');
    assert.ok(told(c, STEPPED).length > 0 && told(c, STEPPED).every((p) => p.checking), 'the status bar is told it is being checked');
  }

  it('a check in steps that fails after a request was answered in part: the status bar is told it failed, by the error\'s name; the log names it without text; one diagnostic says so (never clean); the lenses are refreshed and say it failed, without checking again; the next check that ends clears it', async () => {
    const c = await start({ HAI_CLAIMS_FAULT: 'check-in-part' });
    const v1 = c.diagnosticsFor(STEPPED, 1);
    const refreshed = new Promise<void>((resolve) => c.conn.onRequest('workspace/codeLens/refresh', () => (resolve(), null)));
    const failed = ended(c, STEPPED);
    await openAnsweredInPart(c);
    assert.deepEqual(await failed, { uri: STEPPED, checking: false, failed: 'Error' });
    // The Problems panel: one warning saying the check failed and the file is not clean, quoting no text.
    const published = await v1;
    assert.deepEqual(published.map((d) => [d.code, d.severity, d.range.start.line]), [['check-failed', 2, 0]]);
    assert.match(published[0].message, /^The checks of this file stopped on an internal error \(Error\), so its problems are not known: none are shown, and this file is not clean\./);
    // A round trip: the log line sent with it has come.
    await c.request('haiClaims/_stats', {});
    const line = c.logs.find((l) => l.includes('diagnostics failed'));
    assert.match(line ?? '', /diagnostics failed: Error; the problems of this version are not known, edit or reopen the file to check it again$/);
    assert.ok(!c.logs.some((l) => l.includes('injected') || STEPPED_TEXT.split('\n').some((t) => t.trim().length > 8 && l.includes(t.trim()))), 'no message and no document text in the log');
    // The lenses answered "checking..." are refreshed, and now say the check failed, at once (no check starts again).
    await refreshed;
    const checked = told(c, STEPPED).length;
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', steppedDoc);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['Claim estimates: check failed']);
    const estimate = await c.request<{ markdown: string; pending?: boolean }>('haiClaims/estimate', { uri: STEPPED });
    assert.ok(estimate.pending && estimate.markdown.includes('stopped on an internal error (Error)') && !estimate.markdown.includes('$'));
    await c.request('haiClaims/_stats', {});
    assert.equal(told(c, STEPPED).length, checked, 'no check started again: the status bar was told nothing more');

    // An edit checks it again: that check's end clears the failed status.
    const cleared = ended(c, STEPPED);
    const diagnostics = await edit(c, EDIT);
    assert.ok(diagnostics.length > 0 && !diagnostics.some((d) => d.code === 'check-failed'));
    assert.deepEqual(await cleared, { uri: STEPPED, checking: false });
  });

  it('an edit that makes the document small while its check in steps runs: its check ends and the status bar is told', async () => {
    const c = await start();
    await openAnsweredInPart(c);
    const cleared = ended(c, STEPPED);
    await edit(c, [{ text: SMALL_TEXT }]);
    assert.deepEqual(await cleared, { uri: STEPPED, checking: false });
    await c.request('haiClaims/_stats', {});
    assert.deepEqual(told(c, STEPPED).filter((p) => !p.checking).length, 1, 'told once that it ended');
  });

  it('settings changed while its check in steps runs: the check starts again with them, and its end tells the status bar', async () => {
    const c = await start();
    await openAnsweredInPart(c);
    const cleared = ended(c, STEPPED);
    c.settings = { rules: { 'ncci-ptp': 'off' }, diagnostics: { debounceMs: 0 } };
    const published = c.diagnosticsFor(STEPPED, 1);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(await cleared, { uri: STEPPED, checking: false });
    assert.ok(!(await published).some((d) => d.code === 'ncci-ptp'), 'checked with the new settings');
  });

  it('a document closed while its check in steps runs: the status bar is told it is no longer being checked', async () => {
    const c = await start();
    await openAnsweredInPart(c);
    const cleared = ended(c, STEPPED);
    await c.close(STEPPED);
    assert.deepEqual(await cleared, { uri: STEPPED, checking: false });
  });

  it('a check that fails in the check worker: the status bar is told it failed; one diagnostic says so; findings requests say it failed (rather than waiting or a clean answer)', async () => {
    const c = await start({ HAI_CLAIMS_FAULT: 'check-in-worker', HAI_CLAIMS_FINDINGS_WAIT_MS: '600000' });
    const failed = ended(c, BIG);
    const v1 = c.diagnosticsFor(BIG, 1);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: BIG, languageId: 'hai-claim', version: 1, text: oneClaimOneDate(60_000) } });
    assert.deepEqual(await failed, { uri: BIG, checking: false, failed: 'Error' });
    assert.deepEqual((await v1).map((d) => d.code), ['check-failed']);
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: BIG } });
    assert.ok(lenses.length > 0 && lenses.every((l) => /: check failed$/.test(l.command?.title ?? '')), 'the lenses say the check failed, no amount');
    assert.deepEqual(await c.request('textDocument/codeAction', { textDocument: { uri: BIG }, range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, context: { diagnostics: [] } }), [], 'no fix is offered while its findings are not known');
    // A request that reads only the model is answered.
    assert.ok((await c.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri: BIG } })).length > 0);
    assert.ok(c.logs.some((l) => /check worker: diagnostics failed: Error/.test(l)), 'the worker\'s log line names the error');
  });

  it('a result the worker cannot finish sending (a message fails after the diagnostics went): the main thread is told the check failed, rather than waiting for its last message', async () => {
    const c = await start({ HAI_CLAIMS_FAULT: 'findings-message', HAI_CLAIMS_FINDINGS_WAIT_MS: '600000' });
    const failed = ended(c, BIG);
    const published: string[][] = [];
    c.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: string }[] }) => {
      if (p.uri === BIG) published.push(p.diagnostics.map((d) => String(d.code)));
    });
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: BIG, languageId: 'hai-claim', version: 1, text: oneClaimOneDate(60_000) } });
    assert.deepEqual(await failed, { uri: BIG, checking: false, failed: 'Error' });
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: BIG } });
    assert.ok(lenses.length > 0 && lenses.every((l) => /: check failed$/.test(l.command?.title ?? '')));
    assert.equal(published.length, 2, 'the diagnostics sent first, then the failure');
    assert.deepEqual(published[1], ['check-failed'], 'the diagnostics sent first are replaced: the file is not shown as checked');
  });
});
