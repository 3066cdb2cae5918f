// Issue 23: every request on a document the check worker holds (or checked in steps on the server's
// thread: the second suite) answers within a bound
// (PLAN.findingsWaitMs), or answers part and says so. The worker's findings are held back by the
// server's test hook (HAI_CLAIMS_HOLD_FINDINGS, released with HOLD_FINDINGS_REQUEST), so the
// requests are answered while the checks are "still running" on events, never on timings: that they
// are answered at all while the findings are held is what shows they do not wait for them. Then the
// findings are let through: the client is told to ask again (lens and hint refresh; the estimate
// view follows haiClaims/checking), and the full answers come.
import assert from 'node:assert/strict';
import type { CodeLens, DocumentSymbol, Hover, InlayHint, MarkupContent, Position } from 'vscode-languageserver-protocol/node';
import { readFileSync } from 'node:fs';
import { generateClaims, oneClaimOneDate, renderClaims } from '../../bench/generate';
import { CHECKS_RUNNING } from '../../server/src/core/languageService';
import { HOLD_FINDINGS_REQUEST, type EstimateResult } from '../../server/src/protocol';
import { ensureBuilt } from '../helpers/build';
import { TestClient } from '../helpers/lsp-client';

const BIG = 'file:///work/big.claim';
/** One claim of 60,000 lines on one date: the plan sends it to the worker; its check takes seconds. */
const ONE_DATE = oneClaimOneDate(60_000);
const doc = { textDocument: { uri: BIG } };
/** The visible range the editor asks hints for. */
const range = { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } };
/** A service line (its code at column 2) and the claim line. */
const CODE = { line: 6, character: 3 };
const CLAIM = { line: 0, character: 8 };

const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

/** Every request a findings route answers, on `uri`, sent at once: hovers at `hoverAt`, the code actions at `actionAt`. */
function askFindings(c: TestClient, uri: string, hoverAt: readonly Position[], actionAt: Position) {
  const textDocument = { textDocument: { uri } };
  return Promise.all([
    Promise.all(hoverAt.map((position) => c.request<Hover | null>('textDocument/hover', { ...textDocument, position }))),
    c.request<DocumentSymbol[]>('textDocument/documentSymbol', textDocument),
    c.request<CodeLens[]>('textDocument/codeLens', textDocument),
    c.request<InlayHint[]>('textDocument/inlayHint', { ...textDocument, range }),
    c.request<EstimateResult>('haiClaims/estimate', { uri }),
    c.request<unknown[]>('textDocument/codeAction', { ...textDocument, range: { start: actionAt, end: actionAt }, context: { diagnostics: [] } }),
  ]);
}

/** The findings requests on the worker-held claim: hovers on a code and on the claim line. */
const askAll = (c: TestClient) => askFindings(c, BIG, [CODE, CLAIM], CODE);

/**
 * A server (kept in `clients`, shut down after each test) that records the lens and hint refreshes
 * it sends. An inlay hint refresh also follows the settings the server pulls at start: only those
 * after start count, and a code lens refresh is sent for nothing else.
 */
async function startCountingRefreshes(clients: TestClient[], env: NodeJS.ProcessEnv, refreshSupport = true) {
  const c = new TestClient({
    settings: { diagnostics: { debounceMs: 0 } },
    env,
    workspaceCapabilities: refreshSupport ? { codeLens: { refreshSupport: true }, inlayHint: { refreshSupport: true } } : {},
  });
  clients.push(c);
  const refreshed: string[] = [];
  let onLensRefresh: () => void = () => undefined;
  const lensRefreshed = new Promise<void>((resolve) => (onLensRefresh = resolve));
  for (const method of ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']) {
    c.conn.onRequest(method, () => {
      refreshed.push(method);
      if (method === 'workspace/codeLens/refresh') onLensRefresh();
      return null;
    });
  }
  await c.initialize();
  await c.configured;
  // A round trip after the settings were answered: the refresh that follows them has come.
  await c.request('haiClaims/_stats', {});
  refreshed.length = 0;
  return { c, refreshed, lensRefreshed };
}

describe('language server: findings requests on a worker-held document answer within a bound (issue 23)', function () {
  this.timeout(180_000);
  const clients: TestClient[] = [];
  /** A server whose worker's findings are held until released; it counts the refreshes it is sent. */
  async function start(env: NodeJS.ProcessEnv = {}, refreshSupport = true) {
    const started = await startCountingRefreshes(clients, { HAI_CLAIMS_HOLD_FINDINGS: '1', ...env }, refreshSupport);
    const release = () => started.c.request<null>(HOLD_FINDINGS_REQUEST, { hold: false });
    return { ...started, release };
  }
  before(() => ensureBuilt());
  afterEach(async () => {
    for (const c of clients.splice(0)) if (c.proc.exitCode === null) await c.shutdown();
  });

  it('while its findings are held, each findings request answers in part and says so (no amount, never clean); when they come the client is told to ask again and gets the full answers', async () => {
    const { c, refreshed, lensRefreshed, release } = await start();
    const published = c.diagnosticsFor(BIG, 1);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: BIG, languageId: 'hai-claim', version: 1, text: ONE_DATE } });
    const [[codeHover, claimHover], symbols, lenses, hints, estimate, actions] = await askAll(c);

    // Hover: the code's own information, then the line saying the checks are running.
    assert.match(hoverText(codeHover), /RVUs/, 'the code\'s own figures (RVUs) are shown');
    assert.ok(hoverText(codeHover).endsWith(`_${CHECKS_RUNNING}_`), 'and says the checks are still running');
    assert.equal(hoverText(claimHover), `_${CHECKS_RUNNING}_`, 'the claim line (whose hover is its estimate) says only that');
    // Outline: from the model, the claim's detail saying "checking...", no estimate.
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].detail, 'checking...');
    assert.equal(symbols[0].children?.length, 1, 'its date, from the model');
    assert.ok(!JSON.stringify(symbols).includes('est. $'), 'no amount in the outline');
    // Lenses: where the estimates go, saying "checking...", no amount.
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [0, 'Claim estimate: checking...'],
      [5, 'Date estimate: checking...'],
    ]);
    // Inlay hints: none (the status bar says the document is being checked).
    assert.deepEqual(hints, []);
    // The estimate: flagged pending, no claims, no $0.00, never clean.
    assert.equal(estimate.pending, true);
    assert.deepEqual(estimate.claims, []);
    assert.ok(estimate.markdown.includes(CHECKS_RUNNING) && !estimate.markdown.includes('$'));
    assert.deepEqual(actions, []);
    assert.ok(!refreshed.includes('workspace/codeLens/refresh'), 'no refresh before the findings come');

    // The findings come: published, then the client is told to ask again, and the estimate view's cue is sent.
    await release();
    const diagnostics = await published;
    assert.ok(diagnostics.length > 0, 'the worker\'s findings are published');
    await lensRefreshed;
    // Sent with it: a round trip lets it arrive.
    await c.request('haiClaims/_stats', {});
    assert.deepEqual([...refreshed].sort(), ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']);
    assert.ok(c.notifications.some((n) => n.method === 'haiClaims/checking' && (n.params as { uri: string; checking: boolean }).uri === BIG && !(n.params as { checking: boolean }).checking), 'haiClaims/checking says the checks finished (the estimate view asks again)');

    const [[codeHover2, claimHover2], symbols2, lenses2, , estimate2] = await askAll(c);
    assert.ok(!hoverText(codeHover2).includes(CHECKS_RUNNING) && /RVUs/.test(hoverText(codeHover2)));
    assert.match(hoverText(claimHover2), /\$/, 'the claim line shows its estimate');
    assert.match(symbols2[0].detail ?? '', /^est\. \$/);
    assert.match(lenses2[0].command?.title ?? '', /^Claim estimate \$/);
    assert.equal(estimate2.pending, undefined);
    assert.equal(estimate2.claims.length, 1);
    assert.ok(!c.logs.some((l) => /failed/.test(l)), 'nothing failed');
  });

  it('findings that come within the bound give the full answer at once, and no refresh is sent', async () => {
    // A bound of a minute: the held findings are let through long before it.
    const { c, refreshed, release } = await start({ HAI_CLAIMS_FINDINGS_WAIT_MS: '60000' });
    const published = c.diagnosticsFor(BIG, 1);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: BIG, languageId: 'hai-claim', version: 1, text: ONE_DATE } });
    const answers = askAll(c);
    await release();
    const [[codeHover], symbols, lenses, , estimate] = await answers;
    await published;
    assert.ok(!hoverText(codeHover).includes(CHECKS_RUNNING));
    assert.match(symbols[0].detail ?? '', /^est\. \$/);
    assert.match(lenses[0].command?.title ?? '', /^Claim estimate \$/);
    assert.equal(estimate.pending, undefined);
    assert.equal(estimate.claims.length, 1);
    // A request after the findings came is answered from them too (a stats round trip flushes what the server sent before it).
    await c.request('haiClaims/_stats', {});
    assert.ok(!refreshed.includes('workspace/codeLens/refresh'), 'nothing was answered in part: no refresh');
  });

  it('a client that does not declare refresh support is sent no refresh (the estimate view still gets haiClaims/checking)', async () => {
    const { c, refreshed, release } = await start({}, false);
    const published = c.diagnosticsFor(BIG, 1);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: BIG, languageId: 'hai-claim', version: 1, text: ONE_DATE } });
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', doc);
    assert.equal(lenses[0].command?.title, 'Claim estimate: checking...');
    const ended = c.waitForNotification<{ uri: string; checking: boolean }>('haiClaims/checking', (p) => p.uri === BIG && !p.checking);
    await release();
    await published;
    // The diagnostics come first (the worker sends what is shown first); the check ends when the
    // last of its findings has come, and a refresh would be sent with that.
    await ended;
    await c.request('haiClaims/_stats', {});
    assert.deepEqual(refreshed, []);
  });
});

// The same bound on a document checked in steps on the server's thread (many short claims: its
// parts are resolved and checked together, so it has no model before its check ends). A bound of
// 1 ms (HAI_CLAIMS_FINDINGS_WAIT_MS) passes after the first slice of a check of seconds, so the
// requests are answered while it runs; its end is observed through events (the diagnostics, the
// refresh, haiClaims/checking).
describe('language server: findings requests on a document checked in steps answer within the bound (issue 23)', function () {
  this.timeout(180_000);
  const STEPPED = 'file:///work/stepped.claim';
  const SMALL = 'file:///work/small.claim';
  /** About 45,000 lines of 2,000 short claims: checked in steps here, seconds to check. */
  const STEPPED_TEXT = renderClaims(generateClaims(20_000, 4)).text;
  /** The first claim's line (its hover is its estimate). */
  const FIRST_CLAIM = { line: 2, character: 8 };
  const clients: TestClient[] = [];
  before(() => ensureBuilt());
  afterEach(async () => {
    for (const c of clients.splice(0)) if (c.proc.exitCode === null) await c.shutdown();
  });
  /** A server whose findings requests wait at most 1 ms; it counts the refreshes it is sent. */
  const start = () => startCountingRefreshes(clients, { HAI_CLAIMS_FINDINGS_WAIT_MS: '1' });
  const checkingOf = (c: TestClient, uri: string) =>
    c.notifications.filter((n) => n.method === 'haiClaims/checking' && (n.params as { uri: string }).uri === uri).map((n) => (n.params as { checking: boolean }).checking);

  const askStepped = (c: TestClient) => askFindings(c, STEPPED, [FIRST_CLAIM], FIRST_CLAIM);

  it('while its check runs, each findings request answers in part and says so (no amount, never clean); when it ends the client is told to ask again and gets the full answers', async () => {
    const { c, refreshed, lensRefreshed } = await start();
    const published = c.diagnosticsFor(STEPPED, 1);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: STEPPED, languageId: 'hai-claim', version: 1, text: STEPPED_TEXT } });
    const [[hover], symbols, lenses, hints, estimate, actions] = await askStepped(c);

    // No model before the check ends: the hover says only that it is being checked.
    assert.equal(hoverText(hover), `_${CHECKS_RUNNING}_`);
    assert.deepEqual(symbols, [], 'no outline rather than a partial one');
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [[0, 'Claim estimates: checking...']]);
    assert.deepEqual(hints, []);
    assert.equal(estimate.pending, true);
    assert.deepEqual(estimate.claims, []);
    assert.ok(estimate.markdown.includes(CHECKS_RUNNING) && !estimate.markdown.includes('$'));
    assert.deepEqual(actions, []);
    assert.ok(checkingOf(c, STEPPED).length > 0 && checkingOf(c, STEPPED).every((checking) => checking), 'the status bar is told it is being checked');
    assert.ok(!refreshed.includes('workspace/codeLens/refresh'), 'no refresh before the check ends');

    // The check ends: published, then the client is told to ask again, and the estimate view's cue is sent.
    assert.ok((await published).length > 0);
    await lensRefreshed;
    await c.request('haiClaims/_stats', {});
    assert.deepEqual([...refreshed].sort(), ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']);
    const checking = checkingOf(c, STEPPED);
    assert.deepEqual([checking[0], checking.at(-1), checking.filter((x) => !x).length], [true, false, 1], 'haiClaims/checking says it is being checked, then once that the check ended (the estimate view asks again)');
    const percents = c.notifications.filter((n) => n.method === 'haiClaims/checking' && (n.params as { uri: string }).uri === STEPPED).map((n) => (n.params as { percent?: number }).percent).filter((p) => p !== undefined);
    assert.ok(percents.every((p, i) => i === 0 || p! > percents[i - 1]!), 'how far along, rising');

    const [[hover2], symbols2, lenses2, , estimate2] = await askStepped(c);
    assert.match(hoverText(hover2), /\$/, 'the claim line shows its estimate');
    assert.ok(!hoverText(hover2).includes(CHECKS_RUNNING));
    assert.ok(symbols2.length > 100 && /^\d+ more claims not listed$/.test(symbols2.at(-1)!.name), 'the outline, as many claims as PLAN.outlineSymbols entries hold');
    assert.match(symbols2[0].detail ?? '', /^est\. \$/);
    assert.match(lenses2[0].command?.title ?? '', /^Claim estimate \$/);
    assert.equal(estimate2.pending, undefined);
    assert.ok(estimate2.claims.length > 0);
    assert.ok(!c.logs.some((l) => /failed/.test(l)), 'nothing failed');
  });

  it('a small document (checked at once) is answered in full with the same 1 ms bound: no partial answer, no refresh, no checking notification', async () => {
    const { c, refreshed } = await start();
    await c.open(SMALL, readFileSync('examples/language-page-example.claim', 'utf8'));
    const small = { textDocument: { uri: SMALL } };
    const [symbols, lenses, estimate] = await Promise.all([
      c.request<DocumentSymbol[]>('textDocument/documentSymbol', small),
      c.request<CodeLens[]>('textDocument/codeLens', small),
      c.request<EstimateResult>('haiClaims/estimate', { uri: SMALL }),
    ]);
    assert.match(symbols[0].detail ?? '', /^est\. \$/);
    assert.match(lenses[0].command?.title ?? '', /^Claim estimate \$/);
    assert.equal(estimate.pending, undefined);
    assert.ok(estimate.claims.length > 0);
    await c.request('haiClaims/_stats', {});
    assert.deepEqual(refreshed, []);
    assert.deepEqual(checkingOf(c, SMALL), []);
  });
});
