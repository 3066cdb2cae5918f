// Faults: a failing handler costs one answer, not the server; cancellation never hangs; unknown
// and closed documents get empty answers; an oversized file gets one diagnostic; bad settings and
// missing data files get one clear message and the editor keeps working.
// (The client restarting a crashed server is client/src/extension.ts's job and tested there.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CancellationTokenSource,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CompletionList,
  type Diagnostic,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { ensureBuilt } from '../helpers/build';
import { TestClient, type ClientOptions } from '../helpers/lsp-client';

const EXAMPLE = readFileSync('examples/language-page-example.claim', 'utf8');
const URI = 'file:///work/faults.claim';
const pos = (line: number, character: number) => ({ textDocument: { uri: URI }, position: { line, character } });

/** Every request an editor sends about one document, with params for `uri`. */
function everyRequest(uri: string): [string, unknown][] {
  const textDocument = { uri };
  const range = { start: { line: 0, character: 0 }, end: { line: 18, character: 0 } };
  return [
    ['textDocument/hover', { textDocument, position: { line: 10, character: 4 } }],
    ['textDocument/completion', { textDocument, position: { line: 10, character: 4 } }],
    ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/foldingRange', { textDocument }],
    ['textDocument/codeLens', { textDocument }],
    ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
  ];
}

/** The "nothing here" answer of each request. */
function isEmpty(result: unknown): boolean {
  if (result === null) return true;
  if (Array.isArray(result)) return result.length === 0;
  if (result && typeof result === 'object' && 'items' in result) return (result as CompletionList).items.length === 0;
  return false;
}

describe('faults', function () {
  const clients: TestClient[] = [];
  async function start(options: ClientOptions = {}): Promise<TestClient> {
    const c = new TestClient({ settings: { diagnostics: { debounceMs: 0 } }, ...options });
    clients.push(c);
    await c.initialize();
    return c;
  }
  before(() => ensureBuilt());
  afterEach(async () => {
    for (const c of clients.splice(0)) {
      if (c.proc.exitCode === null) await c.shutdown();
    }
  });

  it('a handler that throws answers that request with an LSP error, and the server stays up (injected fault)', async () => {
    const c = await start({ env: { HAI_CLAIMS_FAULT: 'hover' } });
    await c.open(URI, EXAMPLE);
    const err = await c.request<Hover>('textDocument/hover', pos(10, 4)).then(
      () => assert.fail('the injected fault should fail the hover'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ResponseError, 'an LSP error response');
    assert.equal(err.code, ErrorCodes.InternalError);
    assert.match(err.message, /could not answer hover; the server is still running/);
    // Still up: other requests answer, edits are analysed, and the failure was logged without text.
    const list = await c.request<CompletionList>('textDocument/completion', pos(10, 4));
    assert.ok(list.items.length > 0);
    const diags = await c.change(URI, [{ range: { start: { line: 12, character: 0 }, end: { line: 13, character: 0 } }, text: '' }]);
    assert.deepEqual(diags, []);
    assert.ok(c.logs.some((l) => /hover failed: Error/.test(l)), 'the failure is logged by name');
    assert.equal(c.proc.exitCode, null);
  });

  it('a failure while publishing diagnostics costs that publication, not the server (injected fault)', async () => {
    const c = await start({ env: { HAI_CLAIMS_FAULT: 'publish' } });
    const published: { uri: string; diagnostics: { code?: unknown }[] }[] = [];
    c.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: unknown }[] }) => published.push(p));
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'hai-claim', version: 1, text: EXAMPLE } });
    // Messages are answered in order: once the hover is answered, the open has been handled.
    const hover = await c.request<Hover | null>('textDocument/hover', pos(10, 4));
    assert.ok(hover, 'hover still answers');
    // No findings of the failed analysis, and not clean either: one diagnostic says the check failed.
    assert.deepEqual(published.map((p) => [p.uri, p.diagnostics.map((d) => d.code)]), [[URI, ['check-failed']]]);
    assert.ok(c.logs.some((l) => /diagnostics failed: Error/.test(l)));
    assert.equal(c.proc.exitCode, null);
  });

  it('$/cancelRequest is honoured: every cancelled request gets RequestCancelled or its answer, never a hang', async () => {
    const c = await start();
    await c.open(URI, EXAMPLE);
    // A large document keeps the server busy analysing, so the requests and their cancels queue up behind it.
    const big = Array.from({ length: 1500 }, (_, i) => EXAMPLE.replace('HAI pump implant', `claim ${i}`).replace('2026-03-02', `2026-03-${String((i % 28) + 1).padStart(2, '0')}`)).join('');
    await c.changeNoWait(URI, [{ text: big }]);
    const requests = [...everyRequest(URI), ['haiClaims/estimate', { uri: URI }] as [string, unknown]];
    const outcomes = await Promise.all(
      requests.map(([method, params]) => {
        const source = new CancellationTokenSource();
        const answer = c.conn.sendRequest(method, params, source.token).then(
          () => 'answered',
          (e: unknown) => (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled ? 'cancelled' : `failed: ${String(e)}`),
        );
        source.cancel();
        return answer;
      }),
    );
    for (const o of outcomes) assert.ok(o === 'answered' || o === 'cancelled', o);
    assert.ok(outcomes.includes('cancelled'), `requests queued behind a busy server were cancelled (${outcomes.join(', ')})`);
    // And the server is still in step: a fresh request answers normally.
    assert.ok(await c.request<Hover | null>('textDocument/hover', pos(10, 4)));
  });

  it('requests for unknown or closed documents get empty results', async () => {
    const c = await start();
    for (const [method, params] of everyRequest('file:///never/opened.claim')) assert.ok(isEmpty(await c.request(method, params)), `${method} for an unknown document`);
    await c.open(URI, EXAMPLE);
    for (const [method, params] of everyRequest(URI)) {
      if (method === 'textDocument/formatting') continue; // the example is already formatted
      assert.ok(!isEmpty(await c.request(method, params)), `${method} answers while open`);
    }
    await c.close(URI);
    for (const [method, params] of everyRequest(URI)) assert.ok(isEmpty(await c.request(method, params)), `${method} after close`);
    const est = await c.request<{ claims: unknown[] }>('haiClaims/estimate', { uri: URI });
    assert.deepEqual(est.claims, []);
    // Malformed params are an error for that request, not a crash.
    await assert.rejects(c.request('textDocument/hover', {}), (e: unknown) => e instanceof ResponseError);
    assert.equal(c.proc.exitCode, null);
  });

  it('a file over maxFileBytes gets one clear diagnostic, no stall, and is checked again once it shrinks', async () => {
    // In initializationOptions too, so the limit is in force before the first open (the pull comes later).
    const settings = { diagnostics: { debounceMs: 0 }, maxFileBytes: 2000 };
    const c = await start({ settings, initializationOptions: { haiClaims: settings } });
    const big = `${EXAMPLE}${'# padding\n'.repeat(200)}`;
    const diags = await c.open(URI, big);
    assert.deepEqual(diags.map((d) => d.code), ['file-too-large']);
    assert.match(diags[0].message, new RegExp(`This file is ${Buffer.byteLength(big)} bytes, over the 2000-byte limit, so it was not checked.*haiClaims\\.maxFileBytes`));
    assert.ok(diags[0].range.start.line === 0 && diags[0].range.end.line === 0);
    for (const [method, params] of everyRequest(URI)) assert.ok(isEmpty(await c.request(method, params)), `${method} on an unchecked file`);
    const shrunk = await c.change(URI, [{ text: EXAMPLE }]);
    assert.deepEqual(shrunk.map((d) => d.code), ['ncci-ptp']);
  });

  it('a file far over the default limit (6 MB) is answered at once, not parsed', async () => {
    const c = await start();
    const huge = `${EXAMPLE}${'  96522 dx A\n'.repeat(480_000)}`;
    const diags = await c.open(URI, huge);
    assert.deepEqual(diags.map((d) => d.code), ['file-too-large']);
    assert.equal(await c.request('textDocument/hover', pos(10, 4)), null);
    // Typing in it still answers per version.
    const again = await c.change(URI, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# ' }]);
    assert.deepEqual(again.map((d) => d.code), ['file-too-large']);
  });

  it('settings that are not an object: one clear message, and the defaults', async () => {
    const c = await start({ settings: 'loud please' });
    const shown = await c.waitForShown((m) => /HAI Claims settings/.test(m));
    assert.match(shown, /haiClaims: settings must be an object\. The defaults are used/);
    const diags = await c.open(URI, EXAMPLE);
    assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['ncci-ptp', 1]], 'default rules and severities');
    // The same bad settings again: no second message (the next publish proves the pull was handled).
    const next = c.waitForDiagnostics(URI);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await next;
    assert.equal(c.shown.filter((m) => /HAI Claims settings/.test(m)).length, 1);
  });

  it('settings of the wrong types: one message naming each bad setting, the rest kept', async () => {
    const c = await start({
      settings: { diagnostics: { debounceMs: 'fast' }, maxFileBytes: -5, codeLens: { enabled: 'yes' }, rules: { 'ncci-ptp': 'loud', 'kd-required': 'hint' }, defaultState: 7 },
    });
    const shown = await c.waitForShown((m) => /HAI Claims settings/.test(m));
    for (const path of ['diagnostics.debounceMs', 'maxFileBytes', 'codeLens.enabled', 'rules.ncci-ptp', 'defaultState']) assert.ok(shown.includes(`haiClaims.${path}`), `names ${path}: ${shown}`);
    const diags = await c.open(URI, EXAMPLE.replace('J9200-KD', 'J9200'));
    assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['ncci-ptp', 1], ['kd-required', 4]], 'the bad rule level falls back to its default; the good one is kept');
    const lenses = await c.request<unknown[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.ok(lenses.length > 0, 'code lenses keep their default (on)');
    assert.equal(c.shown.length, 1, 'one message');
  });

  it('bad initializationOptions (a client without workspace/configuration) get the message too', async () => {
    const c = await start({ configuration: false, initializationOptions: { haiClaims: { diagnostics: { debounceMs: 'soon' } } } });
    const shown = await c.waitForShown((m) => /HAI Claims settings/.test(m));
    assert.match(shown, /haiClaims\.diagnostics\.debounceMs/);
    // The default debounce applies, and diagnostics still arrive for the version typed.
    assert.deepEqual((await c.open(URI, EXAMPLE)).map((d) => d.code), ['ncci-ptp']);
  });

  it('a national data file that does not exist: one clear message, and the editor keeps working on the guide tables', async () => {
    const missing = '/nonexistent/hai-claims/PPRRVU26_JAN.csv';
    const c = await start({ settings: { diagnostics: { debounceMs: 0 }, data: { pfsRvu: missing } } });
    const shown = await c.waitForShown((m) => /pfsRvu|PPRRVU26_JAN/.test(m));
    assert.match(shown, /HAI Claims/);
    const diags: Diagnostic[] = await c.open(URI, EXAMPLE);
    assert.deepEqual(diags.map((d) => d.code), ['ncci-ptp']);
    const hover = await c.request<Hover | null>('textDocument/hover', pos(10, 4));
    assert.match(JSON.stringify(hover), /36260/);
    assert.equal(c.shown.filter((m) => /pfsRvu|PPRRVU26_JAN/.test(m)).length, 1, 'said once');
  });

  it('in an untrusted workspace the data files named in settings are not read, and it says so once', async () => {
    const c = await start({ initializationOptions: { workspaceTrusted: false }, settings: { diagnostics: { debounceMs: 0 }, data: { pfsRvu: '/nonexistent/x.csv' } } });
    const shown = await c.waitForShown((m) => /not trusted/.test(m));
    assert.match(shown, /haiClaims\.data/);
    assert.deepEqual((await c.open(URI, EXAMPLE)).map((d) => d.code), ['ncci-ptp']);
    const next = c.waitForDiagnostics(URI);
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await next;
    assert.equal(c.shown.filter((m) => /not trusted/.test(m)).length, 1);
    assert.ok(!c.shown.some((m) => /x\.csv|could not use/.test(m)), 'the file was not tried');
  });
});
