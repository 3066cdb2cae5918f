// The check worker (issue 17): what it publishes for a text equals the in-thread analysis of that
// text; a newer version supersedes the older one's check (in the worker, and on the main thread's
// side, which drops a late result of an older version or older settings); a worker that cannot
// start leaves the documents to the main thread's steps, logged by name. Events, never timers.
import assert from 'node:assert/strict';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { generateClaims, guideCodeLists, renderClaims } from '../../bench/generate';
import { serveChecks } from '../../server/src/check-worker';
import { analyze, createTables, DEFAULT_SETTINGS, loadDefaultTables, MAX_DIAGNOSTICS, parseSettings, ruleRunCounter, selectionDiagnostics, selectPublished, toPublishedDiagnostics, type RuleDocs, type Settings } from '../../server/src/core/languageService';
import { Documents, type DocumentsHost } from '../../server/src/handlers/documents';
import { shapeOf } from '../../server/src/core/plan';
import { parseText } from '../../server/src/core/syntax/incremental';
import { installedRuleDocs } from '../../server/src/rule-docs';
import { CheckWorker, decodeChunk, type FindingsChunk, type FromWorker, type ToWorker } from '../../server/src/handlers/worker-checks';
import { decodeFindings } from '../../server/src/handlers/findings-wire';
import { ensureBuilt } from '../helpers/build';
import { CMS_DIR, ICD, MUE, PTP_F1, PTP_F2, RVU } from '../helpers/cms-fixtures';
import { loadNationalForServer } from '../../server/src/national-hook';

const URI = 'file:///work/huge.claim';
/** Over 2,000 lines: a document the server hands to the worker. */
const BATCH = renderClaims(generateClaims(1500, 4)).text;
/** The worker links codes to the installed docs/checks.md, as the server does (rule-docs.ts). */
const WORKER_RULE_DOCS = installedRuleDocs(path.resolve(__dirname, '../../dist'));
/** One claim with a date over PLAN.longDate lines: handed to the worker. */
const LONG = oneDate(2500);
/** One long claim of many short dates: checked on the main thread, in steps of a few milliseconds. */
const MANY_DATES = manyDates(2500);

/** One claim, every line on one date (the shape one step cannot split), of about `lines` lines. */
function oneDate(lines: number): string {
  const codes = guideCodeLists().procedures;
  const out = ['claim "one date"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7', 'on 2026-03-02'];
  for (let i = 0; out.length < lines; i++) out.push(`  ${codes[i % codes.length]} dx A`);
  return `${out.join('\n')}\n`;
}

/** One claim of about `lines` lines, a date every 5 lines: long, but quick to check. */
function manyDates(lines: number): string {
  const codes = guideCodeLists().procedures;
  const out = ['claim "many dates"', 'payer medicare', 'state GA', 'pos 11', 'dx C78.7'];
  for (let i = 0; out.length < lines; i++) {
    if (i % 4 === 0) out.push(`on 2026-${String(1 + ((i / 4) % 12)).padStart(2, '0')}-${String(1 + ((i / 48) % 28 | 0)).padStart(2, '0')}`);
    out.push(`  ${codes[i % codes.length]} dx A`);
  }
  return `${out.join('\n')}\n`;
}

/** What the main thread would publish for `text`. */
function expected(text: string, settings: Settings = DEFAULT_SETTINGS, ruleDocs: RuleDocs | null | undefined = WORKER_RULE_DOCS): unknown {
  return JSON.parse(JSON.stringify(toPublishedDiagnostics(analyze(text, loadDefaultTables(), { settings }).findings, URI, undefined, ruleDocs ?? undefined)));
}

/** The worker's protocol served in this thread on a MessageChannel: the same code as in the worker. */
function inThreadWorker() {
  const { port1, port2 } = new MessageChannel();
  serveChecks(port2);
  const received: FromWorker[] = [];
  const listeners = new Set<(m: FromWorker) => void>();
  port1.on('message', (m: FromWorker) => {
    received.push(m);
    // As the main thread does (worker-checks.ts): each chunk of findings taken asks for the next.
    if (m.kind === 'findings') port1.postMessage({ kind: 'ack' } satisfies ToWorker);
    for (const l of [...listeners]) l(m);
  });
  return {
    post: (m: ToWorker) => port1.postMessage(m),
    received,
    listeners,
    close() {
      port1.close();
      port2.close();
    },
  };
}

/** The findings the worker sent for `id` at `version` (its chunks put together), once the last chunk came. */
function findingsOf(w: ReturnType<typeof inThreadWorker>, id: number, version: number, epoch?: number): Promise<FindingsChunk> {
  const findings: FindingsChunk['findings'] = [];
  return new Promise((resolve) => {
    const listener = (m: FromWorker) => {
      if (m.kind !== 'findings' || m.id !== id || m.version !== version || (epoch !== undefined && m.epoch !== epoch)) return;
      // As the main thread reads them (worker-checks.ts): decoded from the wire.
      for (const f of decodeFindings(m.findings)) findings.push(f);
      if (!m.last) return;
      w.listeners.delete(listener);
      resolve({ ...m, findings, kind: undefined } as unknown as FindingsChunk);
    };
    w.listeners.add(listener);
  });
}

/** What the main thread's analysis of `text` gives as the checks' findings (before suppressions). */
function expectedFindings(text: string, settings: Settings = DEFAULT_SETTINGS): unknown {
  return JSON.parse(JSON.stringify(analyze(text, loadDefaultTables(), { settings }).checked));
}

/** Documents with a fake worker that records what is posted to it (and what is published). */
function withFakeWorker(host: Partial<DocumentsHost> = {}) {
  const posted: ToWorker[] = [];
  const sent: PublishDiagnosticsParams[] = [];
  const documents = new Documents({
    log: () => undefined,
    sendDiagnostics: (p) => sent.push(p),
    tables: () => loadDefaultTables(),
    settings: () => ({ ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } }),
    worker: { usable: true, post: (m) => posted.push(m) },
    ...host,
  });
  return { documents, posted, sent };
}

describe('check worker', function () {
  this.timeout(120_000);

  it('sends first what the editor is shown (the published selection), so the diagnostics come before every finding has; then the findings, then the last', async () => {
    const w = inThreadWorker();
    try {
      const settings = { ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } };
      w.post({ kind: 'settings', settings, epoch: 1 });
      const text = LONG;
      const done = findingsOf(w, 1, 1);
      w.post({ kind: 'open', id: 1, version: 1, text });
      await done;
      const chunks = w.received.filter((m): m is Extract<FromWorker, { kind: 'findings' }> => m.kind === 'findings').map(decodeChunk);
      const full = analyze(text, loadDefaultTables(), { settings });
      assert.ok(full.findings.length > MAX_DIAGNOSTICS, 'more findings than are published: the selection is a part');
      assert.ok(chunks[0].first && chunks[0].published, 'the first message is the selection');
      assert.ok(chunks.slice(1).every((c) => !c.published));
      assert.ok(chunks.length > 2 && chunks.at(-1)!.last && chunks.slice(0, -1).every((c) => !c.last));
      assert.deepEqual(JSON.parse(JSON.stringify(selectionDiagnostics(chunks[0].published!, URI))), JSON.parse(JSON.stringify(toPublishedDiagnostics(full.findings, URI))), 'the diagnostics of the selection are those of every finding');
    } finally {
      w.close();
    }
  });

  it('publishes a worker-held document from the selection at once, and not again when the last of its findings comes', () => {
    const { documents, posted, sent } = withFakeWorker();
    documents.open(URI, 1, oneDate(2500));
    const open = posted.find((m): m is Extract<ToWorker, { kind: 'open' }> => m.kind === 'open')!;
    const epoch = (posted[0] as { epoch: number }).epoch;
    const finding = { rule: 'unknown-code', severity: 'error', line: 7, start: 2, end: 7, data: { code: '99999' } } as const;
    const published = selectPublished([finding]);
    documents.fromWorker({ id: open.id, version: 1, epoch, findings: [], first: true, last: false, published });
    assert.equal(sent.length, 1);
    assert.equal(sent[0].version, 1);
    assert.deepEqual(sent[0].diagnostics.map((d) => d.range.start.line), [7]);
    documents.fromWorker({ id: open.id, version: 1, epoch, findings: [finding], first: false, last: true });
    assert.equal(sent.length, 1, 'published once');
    documents.close(URI);
  });

  it('sends for a text the findings the in-thread analysis gives: one long date, and a batch of claims, with the settings sent', async () => {
    const w = inThreadWorker();
    try {
      const settings = parseSettings({ rules: { 'ncci-ptp': 'off' }, diagnostics: { debounceMs: 0 } }).settings;
      w.post({ kind: 'settings', settings: { ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } }, epoch: 1 });
      const date = oneDate(400);
      let done = findingsOf(w, 1, 1);
      w.post({ kind: 'open', id: 1, version: 1, text: date });
      let m = await done;
      assert.equal(m.epoch, 1);
      assert.ok(m.findings.length > 0);
      assert.deepEqual(JSON.parse(JSON.stringify(m.findings)), expectedFindings(date));

      // New settings: checked again, tagged with their epoch.
      done = findingsOf(w, 1, 1, 2);
      w.post({ kind: 'settings', settings, epoch: 2 });
      m = await done;
      assert.deepEqual(JSON.parse(JSON.stringify(m.findings)), expectedFindings(date, settings));

      const batch = BATCH;
      done = findingsOf(w, 2, 2);
      w.post({ kind: 'close', id: 1 });
      w.post({ kind: 'open', id: 2, version: 2, text: batch });
      m = await done;
      assert.deepEqual(JSON.parse(JSON.stringify(m.findings)), expectedFindings(batch, settings));
      assert.ok(!w.received.some((x) => x.kind === 'log'), 'nothing logged');
    } finally {
      w.close();
    }
  });

  it('with national tables in force, loads the same files through the same descriptors and sends the findings the main thread would give with them', async () => {
    const w = inThreadWorker();
    try {
      const settings = { ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 }, data: { ...DEFAULT_SETTINGS.data, ncciPtp: [PTP_F1, PTP_F2], mue: [MUE], pfsRvu: [RVU], icd10cm: [ICD] } };
      const done = findingsOf(w, 1, 1, 3);
      w.post({ kind: 'settings', settings, epoch: 3, national: { baseDir: CMS_DIR } });
      const date = oneDate(400);
      w.post({ kind: 'open', id: 1, version: 1, text: date });
      const m = await done;
      // The fixtures hold bad rows on purpose (their problems are the loaders' tests'); the rows read are what counts here.
      const { national } = await loadNationalForServer(settings, CMS_DIR);
      const base = loadDefaultTables();
      const tables = createTables(base.guide, base.reference, national);
      const expected = JSON.parse(JSON.stringify(analyze(date, tables, { settings }).checked));
      assert.deepEqual(JSON.parse(JSON.stringify(m.findings)), expected);
      assert.notDeepEqual(expected, expectedFindings(date, settings), 'the national tables change the findings');
    } finally {
      w.close();
    }
  });

  it('a worker whose national tables cannot be loaded says it is unusable (the main thread then checks its documents), by error name', async () => {
    const { port1, port2 } = new MessageChannel();
    serveChecks(port2, () => Promise.reject(Object.assign(new Error('secret text'), { name: 'LoadBroke' })));
    const said = new Promise<FromWorker>((resolve) => port1.on('message', (m: FromWorker) => m.kind === 'unusable' && resolve(m)));
    port1.postMessage({ kind: 'settings', settings: DEFAULT_SETTINGS, epoch: 1, national: { baseDir: CMS_DIR } } satisfies ToWorker);
    assert.deepEqual(await said, { kind: 'unusable', reason: 'national data load failed: LoadBroke' });
    port1.close();
    port2.close();
  });

  it('a newer version supersedes the older one: its changes are applied and the last findings are of the newer text', async () => {
    const w = inThreadWorker();
    try {
      w.post({ kind: 'settings', settings: { ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } }, epoch: 1 });
      const text = BATCH;
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.startsWith('on '));
      const done = findingsOf(w, 1, 2);
      w.post({ kind: 'open', id: 1, version: 1, text });
      w.post({ kind: 'change', id: 1, version: 2, changes: [{ range: { start: { line, character: 0 }, end: { line, character: lines[line].length } }, text: '' }] });
      const m = await done;
      lines[line] = '';
      assert.deepEqual(JSON.parse(JSON.stringify(m.findings)), expectedFindings(lines.join('\n')));
      // Version 1 may have been sent before the change arrived (the main thread drops it, see
      // below), never after version 2.
      const versions = w.received.filter((x) => x.kind === 'findings').map((x) => (x as { version: number }).version);
      assert.equal(versions.at(-1), 2);
      assert.ok(versions.every((v) => v === 1 || v === 2));
    } finally {
      w.close();
    }
  });

  it('a document of short claims, or of a long claim of short dates, stays on the main thread; one with a long date goes to the worker', () => {
    const { documents, posted } = withFakeWorker();
    documents.open('file:///batch.claim', 1, BATCH);
    documents.open('file:///many-dates.claim', 1, MANY_DATES);
    assert.deepEqual(posted, []);
    documents.open(URI, 1, LONG);
    assert.deepEqual((posted as ToWorker[]).map((m) => m.kind), ['settings', 'open']);
    documents.close('file:///batch.claim');
    documents.close('file:///many-dates.claim');
    documents.close(URI);
  });

  it('a long date the text hides (one day written two ways) is checked here once, then handed to the worker', () => {
    const { documents, posted, sent } = withFakeWorker();
    const codes = guideCodeLists().procedures;
    const out = ['claim "one day, two spellings"', 'payer medicare', 'state GA', 'pos 11', 'start 2026-01-05', 'dx C78.7'];
    for (let b = 0; b < 16; b++) {
      out.push(b % 2 ? 'on 2026-01-05' : 'on day 0');
      for (let i = 0; i < 100; i++) out.push(`  ${codes[(b * 100 + i) % codes.length]} dx A`);
    }
    const text = `${out.join('\n')}\n`;
    assert.ok(shapeOf(parseText(text).tree).longestDate < 1000, 'each spelling alone is short');
    documents.open(URI, 1, text);
    assert.equal(posted.length, 0, 'checked here first');
    assert.equal(sent.length, 1);
    documents.change(URI, 2, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: ' ' }]);
    assert.deepEqual(
      posted.map((m) => m.kind),
      ['settings', 'open'],
      'the check found one date of 1,600 lines: the worker takes the next',
    );
    assert.equal(sent.length, 1);
    documents.close(URI);
  });

  it('the main thread publishes only the worker findings of the current opening, version and settings, suppressions applied here', () => {
    let settings = { ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } };
    const { documents, posted, sent } = withFakeWorker({ settings: () => settings });
    const text = oneDate(2500);
    documents.open(URI, 1, text);
    assert.deepEqual(
      posted.map((m) => m.kind),
      ['settings', 'open'],
      'a huge document is handed to the worker, after the settings',
    );
    assert.equal(sent.length, 0, 'and not checked here');
    const epoch = (posted[0] as Extract<ToWorker, { kind: 'settings' }>).epoch;
    const id = (posted[1] as Extract<ToWorker, { kind: 'open' }>).id;
    documents.change(URI, 2, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '  ' }]);
    assert.equal(posted.at(-1)?.kind, 'change');
    const finding = { rule: 'unknown-code', severity: 'error', line: 7, start: 2, end: 7, data: { code: '99999' } } as const;
    // A late result of version 1: dropped.
    documents.fromWorker({ id, version: 1, epoch, findings: [finding], first: true, last: true });
    assert.equal(sent.length, 0);
    // Chunks of version 2: published once the last came.
    documents.fromWorker({ id, version: 2, epoch, findings: [finding], first: true, last: false });
    assert.equal(sent.length, 0);
    documents.fromWorker({ id, version: 2, epoch, findings: [{ ...finding, line: 8 }], first: false, last: true });
    assert.equal(sent.length, 1);
    assert.deepEqual(
      sent[0].diagnostics.map((d) => d.range.start.line),
      [7, 8],
    );
    // The worker checked version 2 again (a revalidation) after sending part of a result: the
    // part already sent is not joined to the new result (this once published findings twice).
    documents.fromWorker({ id, version: 2, epoch, findings: [finding], first: true, last: false });
    documents.fromWorker({ id, version: 2, epoch, findings: [{ ...finding, line: 9 }], first: true, last: true });
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[1].diagnostics.map((d) => d.range.start.line), [9]);
    sent.splice(1);
    // New settings: results checked under the old ones are dropped.
    settings = { ...settings, rules: { 'ncci-ptp': 'off' } };
    documents.revalidateAll();
    const next = posted.at(-1) as Extract<ToWorker, { kind: 'settings' }>;
    assert.equal(next.kind, 'settings');
    assert.deepEqual(next.settings.rules, { 'ncci-ptp': 'off' });
    documents.fromWorker({ id, version: 2, epoch, findings: [], first: true, last: true });
    assert.equal(sent.length, 1);
    documents.fromWorker({ id, version: 2, epoch: next.epoch, findings: [], first: true, last: true });
    assert.equal(sent.length, 2);
    documents.close(URI);
    assert.deepEqual(posted.at(-1), { kind: 'close', id });
  });

  it('the status bar is told while a worker-held document is checked, how far along, and when it is done', () => {
    const told: [string, { percent?: number } | undefined][] = [];
    const { documents, posted } = withFakeWorker({ checking: (uri, c) => told.push([uri, c]) });
    documents.open(URI, 1, oneDate(2500));
    const open = posted.find((m): m is Extract<ToWorker, { kind: 'open' }> => m.kind === 'open')!;
    const epoch = (posted[0] as { epoch: number }).epoch;
    documents.workerProgress(open.id, 1, 10, 40);
    documents.workerProgress(open.id, 1, 10, 40);
    documents.workerProgress(open.id, 0, 30, 40);
    documents.fromWorker({ id: open.id, version: 1, epoch, findings: [], first: true, last: true });
    assert.deepEqual(told, [
      [URI, {}],
      [URI, { percent: 25 }],
      [URI, undefined],
    ]);
    documents.close(URI);
  });

  it('a document closed and reopened with new text at version 1 never gets the old text\'s findings (issue 26)', () => {
    const { documents, posted, sent } = withFakeWorker();
    documents.open(URI, 1, oneDate(2500));
    const opens = () => posted.filter((m): m is Extract<ToWorker, { kind: 'open' }> => m.kind === 'open');
    const old = opens()[0];
    const epoch = (posted[0] as Extract<ToWorker, { kind: 'settings' }>).epoch;
    documents.close(URI);
    documents.open(URI, 1, oneDate(2600));
    const reopened = opens()[1];
    assert.notEqual(reopened.id, old.id, 'a new opening is a new id');
    sent.length = 0;
    // The old text's 1,001 findings, computed before the close, arrive late: same uri, version and epoch.
    const oldFindings = Array.from({ length: 1001 }, (_, i) => ({ rule: 'unknown-code' as const, severity: 'error' as const, line: 7 + i, start: 2, end: 7, data: { code: '99999' } }));
    documents.fromWorker({ id: old.id, version: 1, epoch, findings: oldFindings, first: true, last: true });
    assert.equal(sent.length, 0, 'dropped');
    documents.fromWorker({ id: reopened.id, version: 1, epoch, findings: [], first: true, last: true });
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].diagnostics, []);
    documents.close(URI);
  });

  it('a result the worker does not keep (sendFindings true) is forgotten: the next check checks every claim afresh; one it keeps, only the edited claim', async () => {
    // The same tables and settings objects throughout: a part is reused only under the ones it was checked with.
    const tables = loadDefaultTables();
    const settings = { ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } };
    for (const forget of [false, true]) {
      const sent: number[] = [];
      let wake = () => undefined as void;
      const documents = new Documents({
        log: () => undefined,
        sendDiagnostics: () => undefined,
        sendFindings: (_uri, version) => {
          sent.push(version);
          wake();
          return forget;
        },
        tables: () => tables,
        settings: () => settings,
      });
      const checked = (version: number) => new Promise<void>((resolve) => (wake = () => sent.includes(version) && resolve()));
      let done = checked(1);
      documents.open(URI, 1, BATCH);
      await done;
      const before = ruleRunCounter.parts;
      const line = BATCH.split('\n').findIndex((l) => l.startsWith('  '));
      done = checked(2);
      documents.change(URI, 2, [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: ' ' }]);
      await done;
      const parts = ruleRunCounter.parts - before;
      if (forget) assert.ok(parts > 50, `${parts} parts checked afresh`);
      else assert.equal(parts, 1, 'only the edited claim');
      documents.close(URI);
    }
  });

  it('the worker prices the claims too long to price here in one step, and sends the estimate in pieces: the estimate requests read is the one analyze gives', async () => {
    const w = inThreadWorker();
    const settings = { ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } };
    try {
      const documents = new Documents({
        log: () => undefined,
        sendDiagnostics: () => undefined,
        tables: () => loadDefaultTables(),
        settings: () => settings,
        worker: { usable: true, post: (m) => w.post(m) },
      });
      w.listeners.add((m) => {
        if (m.kind === 'findings') documents.fromWorker(decodeChunk(m));
      });
      const text = `${oneDate(1500)}${BATCH.split('\n').slice(0, 40).join('\n')}\n`;
      documents.open(URI, 1, text);
      const got = await documents.withDoc(URI, undefined, (a) => JSON.parse(JSON.stringify(a.estimate())) as unknown);
      const full = analyze(text, loadDefaultTables(), { settings });
      assert.deepEqual(got, JSON.parse(JSON.stringify(full.estimate())));
      const pieces = w.received.filter((m) => m.kind === 'findings' && m.estimate).map((m) => (m as { estimate: { claim: number; head?: unknown; lines?: unknown[] } }).estimate);
      assert.ok(pieces.some((p) => p.claim === 0 && p.head), 'the long claim was priced in the worker');
      assert.ok(pieces.every((p) => p.claim === 0), 'only the long claim');
      assert.ok(pieces.filter((p) => p.lines).length >= 1);
      documents.close(URI);
    } finally {
      w.close();
    }
  });

  it('requests on a document the worker holds run no rule on this thread: model requests answer at once, findings requests wait for the worker', async () => {
    const { documents, posted } = withFakeWorker();
    const text = oneDate(2500);
    const runs = ruleRunCounter.parts;
    documents.open(URI, 1, text);
    const open = posted.find((m): m is Extract<ToWorker, { kind: 'open' }> => m.kind === 'open')!;
    const claims = await documents.withDoc(URI, -1, (a) => a.model.claims.length, 'model');
    assert.equal(claims, 1);
    // A request that reads findings while declaring the model fails, rather than answer from nothing.
    assert.throws(() => documents.withDoc(URI, -1, (a) => a.findings.length, 'model'), { name: 'FindingsNotRead' });
    let answered = false;
    const estimate = Promise.resolve(documents.withDoc(URI, undefined, (a) => a.estimate()[0])).then((e) => {
      answered = true;
      return e;
    });
    await new Promise((r) => setImmediate(r));
    assert.equal(answered, false, 'waits for the worker');
    // The worker's findings: what the in-thread analysis gives, before suppressions.
    const full = analyze(text, loadDefaultTables(), { settings: { ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } } });
    const runsBefore = ruleRunCounter.parts;
    documents.fromWorker({ id: open.id, version: 1, epoch: (posted[0] as { epoch: number }).epoch, findings: JSON.parse(JSON.stringify(full.checked)), first: true, last: true });
    const e = await estimate;
    assert.deepEqual(JSON.parse(JSON.stringify(e)), JSON.parse(JSON.stringify(full.estimate()[0])));
    const findings = await documents.withDoc(URI, -1, (a) => a.findings.length);
    assert.equal(findings, full.findings.length);
    assert.equal(ruleRunCounter.parts, runsBefore, 'no rule ran on this thread for the worker-held document');
    assert.ok(runs <= runsBefore);
    documents.close(URI);
  });

  it('the bundled worker (dist/check-worker.js) checks a document in its own thread as the main thread would', async () => {
    ensureBuilt();
    const logs: string[] = [];
    const worker = new CheckWorker((m) => logs.push(m), path.resolve(__dirname, '../../dist/check-worker.js'));
    try {
      const text = oneDate(400);
      // Its chunks put together: the published selection first, the findings, then the last (empty) one.
      const chunks: FindingsChunk[] = [];
      const found = new Promise<FindingsChunk>((resolve, reject) => {
        worker.events = { findings: (c) => (chunks.push(c), c.last && resolve({ ...c, findings: chunks.flatMap((k) => k.findings) })), failed: () => reject(new Error('the worker failed')) };
      });
      worker.post({ kind: 'settings', settings: { ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } }, epoch: 1 });
      worker.post({ kind: 'open', id: 7, version: 1, text });
      const c = await found;
      assert.equal(c.version, 1);
      assert.equal(c.id, 7);
      assert.deepEqual(JSON.parse(JSON.stringify(c.findings)), expectedFindings(text));
      assert.deepEqual(logs, []);
    } finally {
      worker.stop();
    }
  });

  it('a worker that cannot start: logged by name, not usable, and its documents are checked on the main thread', async () => {
    const logs: string[] = [];
    const worker = new CheckWorker((m) => logs.push(m), '/nonexistent/check-worker.js');
    const sent: PublishDiagnosticsParams[] = [];
    const published = new Promise<void>((resolve) => {
      const documents = new Documents({
        log: (m) => logs.push(m),
        sendDiagnostics: (p) => {
          sent.push(p);
          resolve();
        },
        tables: () => loadDefaultTables(),
        settings: () => ({ ...DEFAULT_SETTINGS, diagnostics: { debounceMs: 0 } }),
        worker,
      });
      worker.events = { findings: (c) => documents.fromWorker(c), failed: () => documents.workerFailed() };
      documents.open(URI, 1, LONG);
    });
    await published;
    assert.equal(worker.usable, false);
    assert.deepEqual(logs, ['check worker unavailable: WorkerFileMissing; huge documents are checked in steps on the main thread']);
    assert.equal(sent[0].version, 1);
    // This Documents has no ruleDocs: the core's default links.
    assert.deepEqual(sent[0].diagnostics, expected(LONG, DEFAULT_SETTINGS, null));
  });
});
