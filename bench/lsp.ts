// `npm run bench`: the language server's budgets, measured over stdio against the bundled server
// (dist/server.js), side by side with a peer: the same claims written as YAML and validated by
// yaml-language-server against a JSON Schema that enumerates the same code lists. Prints a table of
// medians and 95th percentiles, PASS/FAIL against each budget, and our time over the peer's.
// Results are awaited as events (the publishDiagnostics for the version sent, the response to a
// request); timeouts exist only to fail a run that hangs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { SERVER, TestClient, type ClientOptions } from '../test/helpers/lsp-client';
import { generateClaims, guideCodeLists, oneClaimOneDate, renderClaims, renderYaml, yamlSchema, type ClaimSpec, type Rendered } from './generate';
import { generateCmsFiles } from './generate-cms';
import { generateIcd10OrderFile } from './icd10';
import { longClaimRows, settledRss, singleClaimEditRow } from './long-claim';
import { cliFix } from './cli-fix';
import { x12Rows } from './x12';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'bench/.generated');
const CLI = path.join(ROOT, 'dist/cli.js');
const PEER = path.join(__dirname, 'peer/yaml-language-server.cjs');
const NATIONAL_LOADERS = path.join(ROOT, 'server/src/core/tables/loaders/icd10cm.ts');
const QUICK = process.argv.includes('--quick');
/** `--only inlay-hints`: just the inlay hint rows (ours only: the peer has no inlay hints); `--only common`: the opens and keystrokes of issue 23 (ours only); `--only stepped`: issue 23's findings requests on documents checked in steps on the main thread; also `fix`, `x12`. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
/** `--long-claim` (or HAI_BENCH=long-claim): only issue 17's long-claim rows (bench/long-claim.ts). */
const LONG_ONLY = process.argv.includes('--long-claim') || process.env.HAI_BENCH === 'long-claim';
/** `--hover-while-checking` (or HAI_BENCH=hover-while-checking): only those rows (`npm run bench:hover-while-checking`). */
const HOVER_ONLY = process.argv.includes('--hover-while-checking') || process.env.HAI_BENCH === 'hover-while-checking';
/** `--worker-requests` (or HAI_BENCH=worker-requests): only issue 23's rows (requests on a worker-held claim, the worker's memory). */
const WORKER_ONLY = process.argv.includes('--worker-requests') || process.env.HAI_BENCH === 'worker-requests';
/**
 * `--server PATH`: our rows measured against another bundle of the server (say an older main's
 * dist/server.js, built in a worktree of its own), to compare old and new side by side on a noisy
 * machine.
 */
const SERVER_BUNDLE = process.argv.includes('--server') ? path.resolve(process.argv[process.argv.indexOf('--server') + 1]) : SERVER;
/** With --worker-requests: only the memory row with every national file. */
const NATIONAL_MEMORY_ONLY = process.argv.includes('--national-memory');
const N = (full: number) => (QUICK ? Math.max(3, Math.ceil(full / 4)) : full);

const log = (msg: string) => process.stderr.write(`${msg}\n`);

// ---- statistics -------------------------------------------------------------------------------

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const median = (xs: number[]) => percentile(xs, 50);

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const fail = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([p, fail]);
  } finally {
    clearTimeout(timer);
  }
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

// ---- the two servers --------------------------------------------------------------------------

interface Subject {
  name: string;
  options(extra?: { icd10?: string; schema?: string }): ClientOptions;
  render(claims: readonly ClaimSpec[]): Rendered;
  uri(name: string): string;
}

/** Our server, from `bundle`. */
function ourServer(bundle: string, name = 'hai-claims'): Subject {
  return {
    name,
    options: (extra) => {
      const settings = { diagnostics: { debounceMs: 0 }, data: { icd10cm: extra?.icd10 ? [extra.icd10] : [] } };
      return { settings, initializationOptions: { haiClaims: settings }, server: bundle };
    },
    render: renderClaims,
    // Not the real folder: the peer's schema globs skip dot folders such as bench/.generated.
    uri: (name) => `file:///hai-bench/${name}.claim`,
  };
}

const ours = ourServer(SERVER_BUNDLE);
/**
 * `--only common --versus PATH`: the common rows of this bundle and of another (an older main's),
 * in turns (three rounds, each server fresh in each), so both see the same load; the table's
 * peer columns are the other bundle's.
 */
const VERSUS = process.argv.includes('--versus') ? path.resolve(process.argv[process.argv.indexOf('--versus') + 1]) : undefined;

function peerSchema(file: string, lists = guideCodeLists()): string {
  writeFileSync(file, JSON.stringify(yamlSchema(lists)));
  return file;
}

const peer: Subject = {
  name: 'yaml-language-server',
  options: (extra) => {
    const schema = extra?.schema ?? path.join(OUT, 'hai-claims.schema.json');
    const yaml = {
      validate: true,
      hover: true,
      completion: true,
      schemas: { [`file://${schema}`]: '*.yaml' },
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
    };
    return {
      server: PEER,
      languageId: 'yaml',
      versionedDiagnostics: false,
      section: (s) => (s === 'yaml' ? yaml : s === 'http' ? {} : s === '[yaml]' ? {} : s === 'editor' ? {} : null),
    };
  },
  render: renderYaml,
  uri: (name) => `file:///hai-bench/${name}.yaml`,
};

/** A started server, configured and warmed up (JIT, schema loaded) on a small document. */
async function start(subject: Subject, extra?: Parameters<Subject['options']>[0], env?: NodeJS.ProcessEnv): Promise<TestClient> {
  const client = new TestClient({ ...subject.options(extra), env });
  await within(client.initialize(), 30_000, `${subject.name} initialize`);
  await within(client.configured, 30_000, `${subject.name} settings`);
  // Five 1,000-line opens: the JIT's first optimisations happen here, for both servers alike.
  const warm = subject.render(generateClaims(1000, 999));
  // A code no table lists, so each server must be validating to answer with a diagnostic.
  const text = warm.text.replace(/96522/, '96529');
  const bad = text.split('\n').findIndex((l) => l.includes('96529'));
  for (let i = 0; i < 5; i++) {
    const uri = subject.uri(`warm-up-${i}`);
    const diagnostics = await within(client.open(uri, text), 60_000, `${subject.name} warm-up`);
    if (!diagnostics.some((d) => d.range.start.line === bad)) {
      throw new Error(`${subject.name} did not flag an unknown procedure code: is it validating?`);
    }
    await client.close(uri);
  }
  return client;
}

/**
 * The CPU time the server's main thread has used (Linux: /proc/PID/task/PID/schedstat, in
 * nanoseconds), NaN elsewhere: what a keystroke costs the server itself, steadier than wall time
 * when the machine is shared (it leaves out the client's reading of the publish, and waiting).
 */
function mainThreadCpuMs(pid: number | undefined): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    return Number(r.stdout.trim()) / 1024;
  }
}

// ---- measurements -----------------------------------------------------------------------------

interface Sample {
  values: number[];
  note?: string;
}

/**
 * Spawn to `initialize` answered; then, on the same fresh server (its JIT cold), the first open of
 * a 1,000-line file to its diagnostics.
 */
async function coldStart(subject: Subject, runs: number, first: ClaimSpec[]): Promise<{ start: Sample; firstOpen: Sample }> {
  const start: number[] = [];
  const firstOpen: number[] = [];
  const doc = subject.render(first);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const client = new TestClient(subject.options());
    await within(client.initialize(), 30_000, `${subject.name} initialize`);
    start.push(performance.now() - t0);
    await within(client.configured, 30_000, `${subject.name} settings`);
    firstOpen.push(await time(() => within(client.open(subject.uri('first'), doc.text), 60_000, `${subject.name} first open`)));
    await within(client.shutdown(), 30_000, `${subject.name} shutdown`);
  }
  return { start: { values: start }, firstOpen: { values: firstOpen } };
}

async function openTimes(client: TestClient, subject: Subject, docs: Rendered[], label: string): Promise<Sample> {
  const values: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    const uri = subject.uri(`${label}-${i}`);
    values.push(await time(() => within(client.open(uri, docs[i].text), 120_000, `${subject.name} open ${label}`)));
    await within(client.close(uri), 60_000, `${subject.name} close`);
  }
  return { values };
}

/**
 * One-character edits to the codes of services spread over the document: the last digit of the
 * code is replaced. Each edit touches a different service, so nothing is undone by a later edit.
 */
function codeEdits(claims: readonly ClaimSpec[], places: Rendered['services'], count: number): { index: number; change: (p: { line: number; character: number }) => TextDocumentContentChangeEvent }[] {
  const codes = claims.flatMap((c) => c.dates.flatMap((d) => d.services.map((s) => s.code)));
  const step = Math.floor(places.length / (count + 1));
  return Array.from({ length: count }, (_, i) => {
    const index = step * (i + 1);
    const code = codes[index];
    const last = code[code.length - 1];
    const next = /\d/.test(last) ? String((Number(last) + 1) % 10) : 'X';
    return {
      index,
      change: (p) => ({ range: { start: { line: p.line, character: p.character + code.length - 1 }, end: { line: p.line, character: p.character + code.length } }, text: next }),
    };
  });
}

async function changeTimes(client: TestClient, subject: Subject, claims: readonly ClaimSpec[], doc: Rendered, uri: string, count: number): Promise<Sample> {
  const values: number[] = [];
  for (const e of codeEdits(claims, doc.services, count)) {
    const change = e.change(doc.services[e.index]);
    values.push(await time(() => within(client.change(uri, [change]), 60_000, `${subject.name} change`)));
  }
  return { values };
}

async function requestTimes(client: TestClient, subject: Subject, method: string, uri: string, positions: { line: number; character: number }[]): Promise<Sample> {
  const values: number[] = [];
  let empty = 0;
  for (const position of positions) {
    let result: unknown;
    values.push(await time(async () => (result = await within(client.request(method, { textDocument: { uri }, position }), 30_000, `${subject.name} ${method}`))));
    const items = result && typeof result === 'object' ? ((result as { items?: unknown[] }).items ?? (Array.isArray(result) ? result : [result])) : [];
    if (!result || items.length === 0) empty++;
  }
  return { values, note: empty ? `${empty} of ${positions.length} empty` : undefined };
}

/**
 * Inlay hints as an editor asks for them: after each one-character change (its diagnostics
 * awaited), the hints of the 60 lines around the change (a screen), and the whole file's.
 */
async function inlayHintTimes(client: TestClient, claims: readonly ClaimSpec[], doc: Rendered, uri: string, count: number): Promise<{ screen: Sample; whole: Sample }> {
  const screen: number[] = [];
  const whole: number[] = [];
  let empty = 0;
  const lastLine = doc.lines - 1;
  const ask = (start: number, end: number) =>
    within(client.request<unknown[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: start, character: 0 }, end: { line: end, character: 0 } } }), 30_000, 'inlayHint');
  for (const e of codeEdits(claims, doc.services, count)) {
    const at = doc.services[e.index];
    await within(client.change(uri, [e.change(at)]), 60_000, 'change');
    let hints: unknown[] = [];
    screen.push(await time(async () => (hints = await ask(Math.max(0, at.line - 30), Math.min(lastLine, at.line + 30)))));
    if (hints.length === 0) empty++;
    whole.push(await time(() => ask(0, lastLine)));
  }
  return { screen: { values: screen, note: empty ? `${empty} of ${count} empty` : undefined }, whole: { values: whole } };
}

async function inlayHintRows(claims10k: readonly ClaimSpec[]): Promise<Row[]> {
  log('hai-claims: inlay hints ...');
  const client = await start(ours);
  const doc = ours.render(claims10k);
  const uri = ours.uri('10k-inlay');
  await within(client.open(uri, doc.text), 120_000, 'open');
  const { screen, whole } = await inlayHintTimes(client, claims10k, doc, uri, N(40));
  await within(client.shutdown(), 30_000, 'shutdown');
  return [
    // VS Code asks for the visible lines; a client asking for the whole file gets 10,000 hints
    // (about 1 MB of JSON: their tooltips come with inlayHint/resolve, one at a time)
    { measure: 'inlay hints, 10,000-line file: 60 lines around a one-character change', stat: 'median', budget: 5, unit: 'ms', ours: screen },
    { measure: 'inlay hints, 10,000-line file: the whole file (10,000 hints) after a change', stat: 'median', budget: 150, unit: 'ms', ours: whole },
  ];
}

/**
 * Keystrokes in a 10,000-line batch where every claim has a billing problem (about 1,000 findings,
 * so a publish is the most the server sends: 1,000 diagnostics and a last one saying how many were
 * left out): each one-character change to its fresh diagnostics.
 */
async function findingsKeystrokeRow(client: TestClient, count: number, subject = ours): Promise<Row> {
  const claims = generateClaims(10_000, 300, 0.9);
  const doc = subject.render(claims);
  const uri = subject.uri('10k-findings');
  const opened = await within(client.open(uri, doc.text), 120_000, 'open');
  const values: number[] = [];
  const cpu: number[] = [];
  let published = 0;
  for (const e of codeEdits(claims, doc.services, count)) {
    const change = e.change(doc.services[e.index]);
    const c0 = mainThreadCpuMs(client.proc.pid);
    values.push(await time(async () => (published = (await within(client.change(uri, [change]), 60_000, 'change')).length)));
    cpu.push(mainThreadCpuMs(client.proc.pid) - c0);
  }
  await within(client.close(uri), 60_000, 'close');
  const serverCpu = Number.isNaN(median(cpu)) ? '' : `; the server's main thread ${median(cpu).toFixed(2)} ms of CPU (median)`;
  return {
    measure: 'one-character didChange in a 10,000-line file with about 1,000 findings to fresh diagnostics',
    stat: 'median',
    budget: 8,
    unit: 'ms',
    ours: { values },
    note: `${opened.length.toLocaleString('en-US')} diagnostics published on open, ${published.toLocaleString('en-US')} after the last edit${serverCpu}`,
  };
}

function hoverPositions(doc: Rendered, count: number) {
  const step = Math.max(1, Math.floor(doc.services.length / count));
  return Array.from({ length: count }, (_, i) => ({ ...doc.services[(i * step) % doc.services.length] }));
}

/** Completion on half diagnosis codes (after 2 characters) and half procedure codes (after 3). */
function completionPositions(doc: Rendered, count: number) {
  const out: { line: number; character: number }[] = [];
  const dstep = Math.max(1, Math.floor(doc.diagnoses.length / count));
  const sstep = Math.max(1, Math.floor(doc.services.length / count));
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      const d = doc.diagnoses[(i * dstep) % doc.diagnoses.length];
      out.push({ line: d.line, character: d.character + 2 });
    } else {
      const s = doc.services[(i * sstep) % doc.services.length];
      out.push({ line: s.line, character: s.character + 3 });
    }
  }
  return out;
}

async function cliCheck(runs: number): Promise<Sample | undefined> {
  if (!existsSync(CLI)) return undefined;
  const dir = path.join(OUT, 'cli');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 1000; i++) {
    // Exactly 50 lines: claims of about 20 service lines with their headers and dates, topped up
    // with comment lines.
    let services = 21;
    let lines: string[];
    do lines = renderClaims(generateClaims(services--, 10_000 + i)).text.split('\n');
    while (lines.length > 50);
    while (lines.length < 50) lines.splice(lines.length - 1, 0, '# reviewed');
    writeFileSync(path.join(dir, `claims-${String(i).padStart(4, '0')}.claim`), lines.join('\n'));
  }
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'check', dir, '--fail-on', 'none', '--no-color'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    values.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`CLI check exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  }
  return { values };
}

/** Waits until the server has the ICD-10-CM file loaded: a code only that file lists stops being unknown. */
async function awaitIcd10(client: TestClient, code: string): Promise<boolean> {
  const uri = ours.uri('icd10-probe');
  const text = `claim "probe"\npayer medicare\nstate GA\npos 11\ndx C78.7\ndx ${code}\non 2026-03-02\n  96522 dx A\n`;
  const loaded = client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'unknown-dx'));
  await client.open(uri, text);
  try {
    await within(loaded, 60_000, 'ICD-10-CM load');
    return true;
  } catch {
    return false;
  } finally {
    await client.close(uri);
  }
}

/** A batch of claims of about `lines` lines (a pasted export). */
function batchOfLines(lines: number): string {
  const per = renderClaims(generateClaims(1000, 77)).lines / 1000;
  return renderClaims(generateClaims(Math.ceil(lines / per), 77)).text;
}

/**
 * Hovers on a small document, one after another, while a huge document is opened and checked:
 * each run opens the huge one (not awaited) and hovers until its diagnostics arrive (or `max`
 * hovers, then closes it, which stops its check). The huge document must not block the others.
 */
const BLOCKED_MS = 10_000;

async function hoverWhileChecking(bigText: string, runs: number, max: number): Promise<Sample> {
  const client = await start(ours);
  const small = renderClaims(generateClaims(20, 5));
  const smallUri = ours.uri('small');
  await within(client.open(smallUri, small.text), 30_000, 'open small');
  const positions = hoverPositions(small, 20);
  const values: number[] = [];
  let unfinished = 0;
  let empty = 0;
  const checks: number[] = [];
  for (let run = 0; run < runs; run++) {
    const uri = ours.uri(`huge-${run}`);
    let checked = false;
    const t0 = performance.now();
    const published = client.diagnosticsFor(uri, 1).then(() => {
      checked = true;
      checks.push(performance.now() - t0);
    });
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hai-claim', version: 1, text: bigText } });
    let i = 0;
    for (; !checked && i < max; i++) {
      let result: unknown;
      const position = positions[i % positions.length];
      try {
        values.push(await time(async () => (result = await within(client.request('textDocument/hover', { textDocument: { uri: smallUri }, position }), BLOCKED_MS, 'hover while checking'))));
      } catch {
        // One step of the check ran for seconds: the server is blocked; it is killed, not waited for.
        values.push(BLOCKED_MS);
        client.kill();
        return { values, note: `blocked: a hover waited over ${BLOCKED_MS / 1000} s (one step of the check ran that long)` };
      }
      if (!result) empty++;
    }
    if (!checked) unfinished++;
    else values.pop(); // the last hover may have been answered after the check: not "while checking"
    await within(client.close(uri), 120_000, 'close huge');
    void published;
  }
  await within(client.shutdown(), 30_000, 'shutdown');
  const notes = [`${values.length} hovers`];
  if (checks.length) notes.push(`open to diagnostics ${(median(checks) / 1000).toFixed(2)} s median`);
  if (unfinished) notes.push(`${unfinished} of ${runs} checks still running after ${max} hovers`);
  if (empty) notes.push(`${empty} empty`);
  return { values, note: notes.join('; ') };
}

async function hoverWhileCheckingRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [shape, text] of [
    ['a batch of claims', batchOfLines(60_000)],
    ['one claim on one date', oneClaimOneDate(60_000)],
  ] as const) {
    log(`hover while a 60,000-line document (${shape}) is checked ...`);
    const sample = await hoverWhileChecking(text, N(4), 400);
    rows.push({ measure: `hover on a small document while a 60,000-line document (${shape}) is being checked`, stat: 'p95', budget: 50, unit: 'ms', ours: sample, note: sample.note });
  }
  return rows;
}

/**
 * Issue 23: hovers on a small document while a 60,000-line claim on one date, held by the check
 * worker, is edited `edits` times, each edit followed by what the editor asks (foldingRange,
 * documentSymbol, codeLens, inlayHint for the visible lines), until those are answered and the
 * edit's diagnostics published. Also the slowest of those requests after the edit's diagnostics
 * came (what the main thread still had to do then), and the server's resident memory at the end.
 */
async function workerRequests(
  edits: number,
  extra: { icd10?: string; probe?: string; noWorker?: boolean; national?: { data: Record<string, string[]>; cacheDir: string } },
): Promise<{ hovers: Sample; answered: number[]; findings: { values: number[]; inPart: number }; rss: number; heapMb: number; loaded: boolean }> {
  const options = ours.options(extra.icd10 ? { icd10: extra.icd10 } : undefined);
  if (extra.national) {
    // Every national file, the PTP file through the server's on-disk cache (as the extension sets it up).
    const settings = { diagnostics: { debounceMs: 0 }, data: extra.national.data };
    Object.assign(options, { settings, initializationOptions: { haiClaims: settings, cacheDir: extra.national.cacheDir } });
  }
  const client = new TestClient({ ...options, env: extra.noWorker ? { HAI_CLAIMS_NO_WORKER: '1' } : undefined });
  await within(client.initialize(), 30_000, 'initialize');
  await within(client.configured, 30_000, 'settings');
  const loaded = extra.probe ? await awaitIcd10(client, extra.probe) : false;
  const small = renderClaims(generateClaims(20, 5));
  const smallUri = ours.uri('small');
  await within(client.open(smallUri, small.text), 30_000, 'open small');
  const positions = hoverPositions(small, 20);
  const big = ours.uri('worker-held');
  const text = oneClaimOneDate(60_000);
  await within(client.open(big, text), 600_000, 'open the 60,000-line claim');
  const values: number[] = [];
  const answered: number[] = [];
  // Each findings request's time from being sent to its answer, and how many said the checks were still running.
  const findings = { values: [] as number[], inPart: 0 };
  const doc = { textDocument: { uri: big } };
  for (let e = 0; e < edits; e++) {
    const version = e + 2;
    const published = client.diagnosticsFor(big, version);
    // The worker sends what is shown first; the check has ended when the server says so (the
    // findings and estimates in), and that is when it sends the refresh (a session without the
    // worker ends its check with the diagnostics).
    const ended: Promise<unknown> = extra.noWorker ? published : client.waitForNotification<{ uri: string; checking: boolean }>('haiClaims/checking', (p) => p.uri === big && !p.checking);
    const line = 7 + e * 101;
    const editedAt = performance.now();
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: big, version }, contentChanges: [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: ' ' }] });
    const answeredAt = (p: Promise<unknown>) => p.then(() => performance.now());
    /** A findings request: its answer time, and whether it was the partial one (issue 23's bound). */
    const findingsRequest = (method: string, params: unknown) => {
      const sent = performance.now();
      return answeredAt(
        client.request(method, params).then((r) => {
          findings.values.push(performance.now() - sent);
          if (/checking\.\.\.|"pending":true/.test(JSON.stringify(r))) findings.inPart++;
        }),
      );
    };
    const asked = Promise.all([
      published,
      answeredAt(client.request('textDocument/foldingRange', doc)),
      findingsRequest('textDocument/documentSymbol', doc),
      findingsRequest('textDocument/codeLens', doc),
      findingsRequest('textDocument/inlayHint', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } } }),
      findingsRequest('haiClaims/estimate', { uri: big }),
    ]);
    let done = false;
    void asked.then(() => (done = true));
    for (let i = 0; !done; i++) {
      values.push(await time(() => within(client.request('textDocument/hover', { textDocument: { uri: smallUri }, position: positions[i % positions.length] }), BLOCKED_MS, 'hover')));
    }
    const [, ...times] = await within(asked, 600_000, 'requests on the worker-held claim');
    answered.push(Math.max(...times) - editedAt);
    // What the editor does on the refresh the server sends once the findings came (after answers in
    // part): it asks for lenses and hints again, which the main thread now answers from the findings.
    await within(ended, 600_000, 'the check to end');
    await within(Promise.all([findingsRequest('textDocument/codeLens', doc), findingsRequest('textDocument/inlayHint', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } } })]), 600_000, 'refreshed requests');
  }
  // Once the memory has settled: the worker collects a result it has sent after the last of it has gone.
  const rss = await settledRss({ rssMb }, client.proc.pid);
  const stats = await client.request<{ heapUsed: number }>('haiClaims/_stats', {});
  await within(client.shutdown(), 30_000, 'shutdown');
  const worst = values.length ? Math.max(...values) : 0;
  return { hovers: { values, note: `${values.length} hovers over ${edits} edits; the slowest ${worst.toFixed(0)} ms` }, answered, findings, rss, heapMb: stats.heapUsed / 1e6, loaded };
}

/**
 * Issue 23's estimate request on a worker-held claim of `lines` lines on one date: after each of
 * `edits` edits, once its diagnostics are published, the time to the estimate's answer (the main
 * thread puts the analysis together from the worker's findings and estimate).
 */
async function estimateOnWorkerHeld(lines: number, edits: number): Promise<{ values: number[]; note: string }> {
  const client = new TestClient(ours.options());
  await within(client.initialize(), 30_000, 'initialize');
  await within(client.configured, 30_000, 'settings');
  const uri = ours.uri(`estimate-${lines}`);
  await within(client.open(uri, oneClaimOneDate(lines)), 600_000, `open the ${lines}-line claim`);
  const out: number[] = [];
  const toDiagnostics: number[] = [];
  const toEnd: number[] = [];
  for (let e = 0; e < edits; e++) {
    const version = e + 2;
    const published = client.diagnosticsFor(uri, version);
    // The estimate view asks again when the server says the check has ended (haiClaims/checking).
    const ended = client.waitForNotification<{ uri: string; checking: boolean }>('haiClaims/checking', (p) => p.uri === uri && !p.checking);
    const line = 7 + e * 101;
    const editedAt = performance.now();
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: ' ' }] });
    await within(published, 600_000, 'diagnostics');
    const publishedAt = performance.now();
    await within(ended, 600_000, 'the check to end');
    toEnd.push(performance.now() - publishedAt);
    toDiagnostics.push(publishedAt - editedAt);
    const estimate = await time(() => within(client.request<{ pending?: boolean }>('haiClaims/estimate', { uri }).then((r) => {
      if (r.pending) throw new Error('the estimate was pending after the check ended');
    }), 600_000, 'estimate'));
    out.push(estimate);
  }
  await within(client.shutdown(), 30_000, 'shutdown');
  return { values: out, note: `from the edit to its diagnostics ${median(toDiagnostics).toFixed(0)} ms, then to the check's end ${median(toEnd).toFixed(0)} ms (medians)` };
}

/** Issue 23's memory row with every national file at full size (`--worker-requests --national-memory` runs it alone). */
async function nationalMemoryRow(): Promise<Row> {
  const icd10 = path.join(OUT, 'icd10cm_order_2026.txt');
  writeFileSync(icd10, generateIcd10OrderFile(75_000).text);
  const cmsDir = path.join(OUT, 'cms');
  mkdirSync(cmsDir, { recursive: true });
  log('... with every national file at full size (the PTP file through its cache), with and without the worker ...');
  const cms = generateCmsFiles(cmsDir, undefined, guideCodeLists().diagnoses);
  const cacheDir = path.join(OUT, 'ptp-cache');
  mkdirSync(cacheDir, { recursive: true });
  // The ICD-10-CM list is the one above, whose probe code says when the files are in force.
  const nationalData = { ncciPtp: cms.ptp, mue: [cms.mue], pfsRvu: [cms.rvu], icd10cm: [icd10] };
  const allProbe = { probe: generateIcd10OrderFile.probe, national: { data: nationalData, cacheDir } };
  // A first session writes the PTP cache; the measured ones read it.
  await workerRequests(0, allProbe);
  const allWith = await workerRequests(2, allProbe);
  const allAlone = await workerRequests(2, { ...allProbe, noWorker: true });
  return {
    measure: 'resident memory with every national file at full size (PTP 1,500,000 rows from its cache, MUE, PFS RVU, ICD-10-CM) and the worker-held claim (2 edits), over the same session without the worker',
    stat: 'median',
    budget: 1.2,
    unit: 'x',
    ours: { values: [allWith.rss / allAlone.rss] },
    note: allWith.loaded && allAlone.loaded ? `${allWith.rss.toFixed(0)} MB with the worker (main thread heap ${allWith.heapMb.toFixed(0)} MB), ${allAlone.rss.toFixed(0)} MB without (heap ${allAlone.heapMb.toFixed(0)} MB)` : 'the national files did not load',
    };
}

async function workerRequestRows(): Promise<Row[]> {
  if (NATIONAL_MEMORY_ONLY) return [await nationalMemoryRow()];
  const edits = 5;
  log('requests on a worker-held 60,000-line claim, guide tables ...');
  const guide = await workerRequests(edits, {});
  const generated = generateIcd10OrderFile(75_000);
  const icd10 = path.join(OUT, 'icd10cm_order_2026.txt');
  writeFileSync(icd10, generated.text);
  log('... with the ICD-10-CM list loaded ...');
  const national = await workerRequests(edits, { icd10, probe: generateIcd10OrderFile.probe });
  log('... and the same session without the worker (HAI_CLAIMS_NO_WORKER=1), for memory ...');
  const alone = await workerRequests(edits, { icd10, probe: generateIcd10OrderFile.probe, noWorker: true });
  log('... the estimate request on worker-held claims of 30,000 and 60,000 lines ...');
  const est30 = await estimateOnWorkerHeld(30_000, N(3));
  const est60 = await estimateOnWorkerHeld(60_000, N(3));
  const what = 'a 60,000-line claim on one date, held by the check worker, is edited 5 times, each edit followed by foldingRange, documentSymbol, codeLens, inlayHint and the estimate';
  const slowest = (f: typeof guide.findings) => `${f.inPart} of ${f.values.length} answered in part (checks still running)`;
  return [
    { measure: `hover on a small document while ${what} (guide tables)`, stat: 'p95', budget: 50, unit: 'ms', ours: guide.hovers, note: guide.hovers.note },
    {
      measure: `hover on a small document while ${what} (ICD-10-CM list loaded)`,
      stat: 'p95',
      budget: 50,
      unit: 'ms',
      ours: national.hovers,
      note: national.loaded ? national.hovers.note : 'the ICD-10-CM file did not load',
    },
    {
      // Issue 23: every request answers within 1 s, or answers part and says so (PLAN.findingsWaitMs).
      measure: 'slowest findings request (documentSymbol, codeLens, inlayHint, estimate after each edit; codeLens and inlayHint again once its findings came, as on the refresh) on that claim, from request to answer, over the 5 edits (ICD-10-CM list loaded)',
      stat: 'max',
      budget: 1000,
      unit: 'ms',
      ours: { values: national.findings.values },
      note: `${slowest(national.findings)}; guide tables: the slowest ${Math.max(...guide.findings.values).toFixed(0)} ms, ${slowest(guide.findings)}`,
    },
    {
      // Not a budget: from the edit to the last of the five answers (folding from the model at once).
      measure: 'those five requests and foldingRange, from the edit to the last answer (ICD-10-CM list loaded)',
      stat: 'median',
      unit: 'ms',
      ours: { values: national.answered },
      note: `per edit: ${national.answered.map((t) => t.toFixed(0)).join(', ')} ms`,
    },
    {
      measure: 'resident memory with the ICD-10-CM list and a worker-held 60,000-line claim, over the same session (5 edits) without the worker',
      stat: 'median',
      budget: 1.2,
      unit: 'x',
      ours: { values: [national.rss / alone.rss] },
      note: `${national.rss.toFixed(0)} MB with the worker (main thread heap ${national.heapMb.toFixed(0)} MB), ${alone.rss.toFixed(0)} MB without (heap ${alone.heapMb.toFixed(0)} MB)`,
    },
    await nationalMemoryRow(),
    { measure: 'estimate request on a worker-held claim of 30,000 lines on one date, once an edit\'s check has ended (as the estimate view asks again)', stat: 'median', budget: 1000, unit: 'ms', ours: { values: est30.values }, note: est30.note },
    { measure: 'estimate request on a worker-held claim of 60,000 lines on one date, once an edit\'s check has ended (as the estimate view asks again)', stat: 'median', budget: 1000, unit: 'ms', ours: { values: est60.values }, note: est60.note },
    {
      measure: 'the estimate request on 60,000 lines over 30,000 (linear: about 2)',
      stat: 'median',
      budget: 2.5,
      unit: 'x',
      ours: { values: [median(est60.values) / median(est30.values)] },
    },
  ];
}

/**
 * Issue 23's 1 s bound on a document checked in steps on the main thread (not the worker: it has no
 * date of service too long for one step, so the plan steps it). Each of `runs` runs opens it and at
 * once asks what the editor asks (documentSymbol, codeLens, inlayHint for the visible lines, the
 * estimate, hover on its first claim), then edits it `edits` times asking the same after each; and
 * codeLens and inlayHint again once each check's diagnostics came (as on the refresh). Each findings
 * request's time from request to answer, and how many said the checks were still running.
 */
async function steppedRequests(text: string, runs: number, edits: number, env?: NodeJS.ProcessEnv): Promise<{ values: number[]; inPart: number; opens: number[] }> {
  const client = await start(ours, undefined, env);
  const lines = text.split('\n');
  // The edits: a space put before a service line's code (each in another claim).
  const serviceLines = lines.flatMap((l, i) => (/^ {2}\S/.test(l) ? [i] : []));
  const editLines = serviceLines.length ? Array.from({ length: edits }, (_, e) => serviceLines[Math.floor(((e + 0.5) * serviceLines.length) / edits)]) : Array.from({ length: edits }, (_, e) => Math.floor(((e + 0.5) * lines.length) / edits));
  const firstClaim = Math.max(0, lines.findIndex((l) => l.startsWith('claim ')));
  const values: number[] = [];
  const opens: number[] = [];
  let inPart = 0;
  const range = { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } };
  for (let run = 0; run < runs; run++) {
    const uri = ours.uri(`stepped-${run}`);
    const doc = { textDocument: { uri } };
    const findingsRequest = (method: string, params: unknown) => {
      const sent = performance.now();
      return client.request(method, params).then((r) => {
        values.push(performance.now() - sent);
        // HAI_BENCH_DEBUG=1: each answer's time and size, to see which request the others queue behind.
        if (process.env.HAI_BENCH_DEBUG) log(`${method} ${(performance.now() - sent).toFixed(0)} ms ${JSON.stringify(r).length} chars`);
        if (/checking\.\.\.|"pending":true|still running/.test(JSON.stringify(r))) inPart++;
      });
    };
    const ask = () => [
      findingsRequest('textDocument/documentSymbol', doc),
      findingsRequest('textDocument/codeLens', doc),
      findingsRequest('textDocument/inlayHint', { ...doc, range }),
      findingsRequest('haiClaims/estimate', { uri }),
      findingsRequest('textDocument/hover', { ...doc, position: { line: firstClaim, character: 8 } }),
    ];
    const refresh = () => within(Promise.all([findingsRequest('textDocument/codeLens', doc), findingsRequest('textDocument/inlayHint', { ...doc, range })]), 600_000, 'refreshed requests');
    const opened = performance.now();
    const published = client.diagnosticsFor(uri, 1).then(() => opens.push(performance.now() - opened));
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hai-claim', version: 1, text } });
    await within(Promise.all([published, ...ask()]), 600_000, 'requests on the document checked in steps');
    await refresh();
    for (let e = 0; e < edits; e++) {
      const version = e + 2;
      const edited = client.diagnosticsFor(uri, version);
      const line = editLines[e];
      // (In a one-line claim, inside its name.)
      const character = serviceLines.length ? 2 : 7;
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ' ' }] });
      await within(Promise.all([edited, ...ask()]), 600_000, 'requests after an edit');
      await refresh();
    }
    await within(client.close(uri), 120_000, 'close');
  }
  await within(client.shutdown(), 30_000, 'shutdown');
  return { values, inPart, opens };
}

function steppedNote(r: { values: number[]; inPart: number; opens: number[] }, runs: number): string {
  return `the slowest ${Math.max(...r.values).toFixed(0)} ms; ${r.inPart} of ${r.values.length} answered in part (checks still running); open to diagnostics ${(median(r.opens) / 1000).toFixed(2)} s median over ${runs} opens`;
}

/** `--only stepped`: issue 23's 1 s bound on documents checked in steps on the main thread. */
async function steppedRequestRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const runs = N(3);
  const edits = 5;
  for (const [shape, text] of [
    ['a 60,000-line batch of claims', batchOfLines(60_000)],
    ['a 2 MB file of 200,000 one-line claims (each an unknown-payer finding)', 'claim "x"\n'.repeat(200_000)],
  ] as const) {
    log(`findings requests on ${shape}, checked in steps on the main thread ...`);
    const r = await steppedRequests(text, runs, edits);
    rows.push({
      measure: `the slowest findings request on ${shape}, checked in steps on the main thread (documentSymbol, codeLens, inlayHint, the estimate and hover on opening and after each of 5 edits; codeLens and inlayHint again once the diagnostics came), from request to answer`,
      stat: 'max',
      budget: 1000,
      unit: 'ms',
      ours: { values: r.values },
      note: steppedNote(r, runs),
    });
  }
  // Not the shipped path (the plan sends this claim to the worker): what the bound can do without
  // it, when one rule over the date is one step of a second.
  log('... and a 60,000-line claim on one date with the worker off (HAI_CLAIMS_NO_WORKER=1) ...');
  const r = await steppedRequests(oneClaimOneDate(60_000), runs, edits, { HAI_CLAIMS_NO_WORKER: '1' });
  rows.push({
    measure: 'the same on a 60,000-line claim on one date with the worker off (HAI_CLAIMS_NO_WORKER=1: checked in steps here, one rule over the date one step); not a budget, the plan sends it to the worker',
    stat: 'max',
    unit: 'ms',
    ours: { values: r.values },
    note: steppedNote(r, runs),
  });
  return rows;
}

// ---- the table --------------------------------------------------------------------------------

interface Row {
  measure: string;
  /** Which statistic the budget applies to. */
  stat: 'median' | 'p95' | 'max';
  budget?: number;
  unit: 'ms' | 'MB' | 's' | 'x';
  ours?: Sample;
  theirs?: Sample;
  note?: string;
}

function fmt(v: number | undefined, unit: Row['unit']): string {
  if (v === undefined || Number.isNaN(v)) return 'n/a';
  if (unit === 's') return `${(v / 1000).toFixed(2)} s`;
  if (unit === 'MB') return `${v.toFixed(0)} MB`;
  if (unit === 'x') return `${v.toFixed(2)}x`;
  return v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(1)} ms`;
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

/** What is measured: the bundle's size and whether it is minified as `npm run package` ships it. */
function bundle(): string {
  const text = readFileSync(SERVER_BUNDLE, 'utf8');
  const lines = text.split('\n').length;
  const minified = text.length / lines > 500;
  return `${path.relative(ROOT, SERVER_BUNDLE)}, ${(text.length / 1024).toFixed(0)} KB, ${minified ? 'minified as packaged' : 'not minified (npm run bench builds it minified, as packaged)'}`;
}

function table(rows: Row[]): string {
  const head = ['measure', 'ours median', 'ours p95', 'budget', 'result', 'peer median', 'peer p95', 'ours / peer'];
  const body = rows.map((r) => {
    const om = r.ours ? median(r.ours.values) : undefined;
    const op = r.ours ? percentile(r.ours.values, 95) : undefined;
    const tm = r.theirs ? median(r.theirs.values) : undefined;
    const tp = r.theirs ? percentile(r.theirs.values, 95) : undefined;
    const judged = r.stat === 'median' ? om : r.stat === 'max' && r.ours ? Math.max(...r.ours.values) : op;
    const unit = r.unit === 's' ? 'ms' : r.unit;
    const budget = r.budget === undefined ? '' : `${r.stat} < ${fmt(r.budget, r.unit === 's' ? 's' : unit)}`;
    const result = r.budget === undefined || judged === undefined ? (r.ours ? '' : 'n/a') : judged < r.budget ? 'PASS' : 'FAIL';
    const ratio = judged !== undefined && r.theirs ? (r.stat === 'median' ? tm! : tp!) : undefined;
    const q = ratio !== undefined && judged !== undefined ? judged / ratio : undefined;
    const ratioText = q !== undefined && ratio !== undefined && judged !== undefined ? `${q >= 0.01 ? q.toFixed(3) : q.toPrecision(2)} ${judged < ratio ? 'lower' : 'HIGHER'}` : '';
    return [r.measure + (r.note ? ` (${r.note})` : ''), fmt(om, r.unit), r.unit === 'MB' ? '' : fmt(op, r.unit), budget, result, r.theirs ? fmt(tm, r.unit) : '', r.theirs && r.unit !== 'MB' ? fmt(tp, r.unit) : '', ratioText];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

// ---- main -------------------------------------------------------------------------------------

/** `check --fix` on one 1 MB and one 5 MB file, every tenth line fixable (issue 26: it was quadratic). */
function cliFixRows(): Row[] {
  log('CLI --fix ...');
  const one = cliFix(CLI, OUT, 1_000_000, N(3));
  const five = cliFix(CLI, OUT, 5_000_000, N(2));
  const na = (s: unknown) => (s ? undefined : 'n/a (CLI not built)');
  return [
    // Before issue 26: 25 s for 1 MB, over 600 s for 4.9 MB (quadratic).
    { measure: 'CLI check --fix, one 1 MB file (a fix in every tenth line)', stat: 'median', budget: 15_000, unit: 's', ours: one, note: na(one) },
    { measure: 'CLI check --fix, one 5 MB file (linear: about 5x the 1 MB file)', stat: 'median', budget: 75_000, unit: 's', ours: five, note: na(five) },
  ];
}

/** `--only common`: opens, keystrokes and hover of the batches, and the single long claim's keystroke, ours only. */
async function commonRows(subject = ours): Promise<Row[]> {
  const claims1k = Array.from({ length: N(15) }, (_, i) => generateClaims(1000, 100 + i));
  const claims10k = Array.from({ length: N(9) }, (_, i) => generateClaims(10_000, 200 + i));
  log(`${subject.name}: open, change, hover ...`);
  const client = await start(subject);
  const open1k = await openTimes(client, subject, claims1k.map(subject.render), '1k');
  const docs10k = claims10k.map(subject.render);
  const open10k = await openTimes(client, subject, docs10k, '10k');
  const uri = subject.uri('10k-edited');
  await within(client.open(uri, docs10k[0].text), 120_000, 'open');
  const change = await changeTimes(client, subject, claims10k[0], docs10k[0], uri, N(40));
  const hover = await requestTimes(client, subject, 'textDocument/hover', uri, hoverPositions(docs10k[0], N(200)));
  await within(client.close(uri), 60_000, 'close');
  log(`${subject.name}: keystrokes with about 1,000 findings ...`);
  const findings = await findingsKeystrokeRow(client, N(40), subject);
  await within(client.shutdown(), 30_000, 'shutdown');
  const single = await singleClaimEditRow({ start: () => start(subject), within, rssMb, runs: N(3), log });
  return [
    { measure: 'didOpen to publishDiagnostics, 1,000 service lines', stat: 'median', budget: 20, unit: 'ms', ours: open1k },
    { measure: 'didOpen to publishDiagnostics, 10,000 service lines', stat: 'median', budget: 50, unit: 'ms', ours: open10k },
    { measure: 'one-character didChange in the 10,000-line file to fresh diagnostics', stat: 'median', budget: 1.5, unit: 'ms', ours: change },
    findings,
    { measure: 'hover', stat: 'p95', budget: 3, unit: 'ms', ours: hover },
    single,
  ];
}

/** The common rows of ours and of the `--versus` bundle, measured in turns; every sample of each kept. */
async function commonVersus(other: string): Promise<Row[]> {
  const theirs = ourServer(other, `hai-claims (${path.relative(ROOT, other)})`);
  let rows: Row[] = [];
  for (let round = 0; round < 3; round++) {
    const a = await commonRows(ours);
    const b = await commonRows(theirs);
    if (round === 0) rows = a.map((r) => ({ ...r, note: undefined, ours: { values: [] }, theirs: { values: [] } }));
    for (let i = 0; i < rows.length; i++) {
      for (const v of a[i].ours!.values) rows[i].ours!.values.push(v);
      for (const v of b[i].ours!.values) rows[i].theirs!.values.push(v);
      // The last round's notes, of both.
      if (a[i].note || b[i].note) rows[i].note = `ours: ${a[i].note ?? '-'}; other: ${b[i].note ?? '-'}`;
    }
  }
  return rows;
}

async function main(): Promise<void> {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run node scripts/build.mjs first (npm run bench does).`);
  mkdirSync(OUT, { recursive: true });
  if (ONLY === 'inlay-hints') {
    const rows = await inlayHintRows(generateClaims(10_000, 200));
    console.log([`HAI Claims language server benchmark: inlay hints only`, `Machine: ${machine()}`, `Server: ${bundle()}`, '', table(rows)].join('\n'));
    return;
  }
  if (ONLY === 'common') {
    const machineBefore = machine();
    const rows = VERSUS ? await commonVersus(VERSUS) : await commonRows();
    const versus = VERSUS ? [`Peer columns: ${path.relative(ROOT, VERSUS)}, measured in turns with ours (3 rounds, all samples pooled)`] : [];
    console.log([`HAI Claims language server benchmark: the common path only (issue 23's open and keystroke rows)`, `Machine (at start): ${machineBefore}`, `Load average at end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`, `Server: ${bundle()}`, ...versus, '', table(rows)].join('\n'));
    return;
  }
  if (ONLY === 'stepped') {
    const machineBefore = machine();
    const rows = await steppedRequestRows();
    console.log([`HAI Claims language server benchmark: findings requests on documents checked in steps on the main thread only (issue 23)`, `Machine (at start): ${machineBefore}`, `Load average at end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`, `Server: ${bundle()}`, '', table(rows)].join('\n'));
    return;
  }
  if (ONLY === 'fix') {
    console.log([`HAI Claims benchmark: check --fix on large files only (issue 26)`, `Machine: ${machine()}`, '', table(cliFixRows())].join('\n'));
    return;
  }
  peerSchema(path.join(OUT, 'hai-claims.schema.json'));
  const rows: Row[] = [];
  const longRows = () => longClaimRows({ start: () => start(ours), within, rssMb, runs: N(3), log });
  if (LONG_ONLY) {
    for (const row of await longRows()) rows.push(row);
    console.log([`HAI Claims language server benchmark: long claims only (issue 17)`, `Machine: ${machine()}`, `Server: ${bundle()}`, '', table(rows)].join('\n'));
    return;
  }
  if (WORKER_ONLY) {
    for (const row of await workerRequestRows()) rows.push(row);
    console.log([`HAI Claims language server benchmark: requests on a worker-held claim only (issue 23)`, `Machine: ${machine()}`, `Server: ${bundle()}`, '', table(rows)].join('\n'));
    return;
  }
  if (ONLY === 'x12') {
    for (const row of await x12Rows({ cli: CLI, out: OUT, runs: N(5), rssMb, log })) rows.push(row);
    console.log([`HAI Claims benchmark: X12 837P only (issue 24)`, `Machine: ${machine()}`, '', table(rows)].join('\n'));
    return;
  }
  if (HOVER_ONLY) {
    for (const row of await hoverWhileCheckingRows()) rows.push(row);
    console.log([`HAI Claims language server benchmark: hover while a huge document is checked only (issue 17)`, `Machine: ${machine()}`, `Server: ${bundle()}`, '', table(rows)].join('\n'));
    return;
  }

  const claims1k = Array.from({ length: N(15) }, (_, i) => generateClaims(1000, 100 + i));
  log('cold start ...');
  const cold: Row = { measure: 'cold start: spawn to initialize answered (guide tables)', stat: 'median', budget: 150, unit: 'ms' };
  const firstOpen: Row = { measure: 'first didOpen after start (JIT cold), 1,000 service lines', stat: 'median', unit: 'ms' };
  for (const [subject, key] of [[ours, 'ours'], [peer, 'theirs']] as const) {
    const r = await coldStart(subject, N(15), claims1k[0]);
    cold[key] = r.start;
    firstOpen[key] = r.firstOpen;
  }
  rows.push(cold, firstOpen);

  const claims10k = Array.from({ length: N(9) }, (_, i) => generateClaims(10_000, 200 + i));
  const open1k: Row = { measure: 'didOpen to publishDiagnostics, 1,000 service lines', stat: 'median', budget: 20, unit: 'ms' };
  const open10k: Row = { measure: 'didOpen to publishDiagnostics, 10,000 service lines', stat: 'median', budget: 50, unit: 'ms' };
  const change: Row = { measure: 'one-character didChange in the 10,000-line file to fresh diagnostics', stat: 'median', budget: 1.5, unit: 'ms' };
  let findings: Row | undefined;
  const hover: Row = { measure: 'hover', stat: 'p95', budget: 3, unit: 'ms' };
  const lines10k = renderClaims(claims10k[0]).lines;

  for (const [subject, key] of [[ours, 'ours'], [peer, 'theirs']] as const) {
    log(`${subject.name}: open, change, hover ...`);
    const client = await start(subject);
    open1k[key] = await openTimes(client, subject, claims1k.map(subject.render), '1k');
    const docs10k = claims10k.map(subject.render);
    open10k[key] = await openTimes(client, subject, docs10k, '10k');
    const uri = subject.uri('10k-edited');
    const doc = docs10k[0];
    await within(client.open(uri, doc.text), 120_000, `${subject.name} open`);
    change[key] = await changeTimes(client, subject, claims10k[0], doc, uri, N(40));
    hover[key] = await requestTimes(client, subject, 'textDocument/hover', uri, hoverPositions(doc, N(200)));
    // Ours only: the peer takes about a second a keystroke already without findings.
    if (subject === ours) findings = await findingsKeystrokeRow(client, N(40));
    await within(client.shutdown(), 30_000, `${subject.name} shutdown`);
  }
  open10k.note = `${lines10k.toLocaleString('en-US')} lines in all`;
  rows.push(open1k, open10k, change);
  if (findings) rows.push(findings);
  rows.push(hover);
  rows.push(...(await inlayHintRows(claims10k[0])));
  for (const row of await hoverWhileCheckingRows()) rows.push(row);

  // A session on a fresh server: the 1,000- and 10,000-line files open, edited, hovered and
  // completed; then its resident memory. Completion is measured here, with CMS's full ICD-10-CM
  // list when the national loaders exist (the peer's schema then enumerates the same list).
  const session = async (subject: Subject, counts: { edits: number; hovers: number; completions: number }, extra?: Parameters<Subject['options']>[0], probe?: string) => {
    const client = await start(subject, extra);
    const loaded = probe ? await awaitIcd10(client, probe) : false;
    const small = subject.render(claims1k[0]);
    const doc = subject.render(claims10k[0]);
    await within(client.open(subject.uri('session-1k'), small.text), 120_000, `${subject.name} open`);
    const uri = subject.uri('session-10k');
    await within(client.open(uri, doc.text), 300_000, `${subject.name} open`);
    await changeTimes(client, subject, claims10k[0], doc, uri, counts.edits);
    await requestTimes(client, subject, 'textDocument/hover', uri, hoverPositions(doc, counts.hovers));
    const completion = await requestTimes(client, subject, 'textDocument/completion', uri, completionPositions(doc, counts.completions));
    const rss = rssMb(client.proc.pid);
    await within(client.shutdown(), 30_000, `${subject.name} shutdown`);
    return { completion, rss, loaded };
  };
  log('sessions: memory and completion ...');
  const completion: Row = { measure: 'completion', stat: 'p95', budget: 15, unit: 'ms' };
  const rss: Row = { measure: 'resident memory, guide tables: 1,000- and 10,000-line files open, edited, hovered, completed', stat: 'median', budget: 80, unit: 'MB' };
  const counts = { edits: N(40), hovers: N(100), completions: N(100) };
  const guideOurs = await session(ours, counts);
  const guideTheirs = await session(peer, counts);
  rss.ours = { values: [guideOurs.rss] };
  rss.theirs = { values: [guideTheirs.rss] };
  completion.ours = guideOurs.completion;
  completion.theirs = guideTheirs.completion;
  completion.note = 'guide tables: the national loaders are not in this build';
  let nationalRss: Row | undefined;
  if (existsSync(NATIONAL_LOADERS)) {
    log('sessions with the ICD-10-CM list ...');
    const generated = generateIcd10OrderFile(75_000);
    const icd10 = path.join(OUT, 'icd10cm_order_2026.txt');
    writeFileSync(icd10, generated.text);
    // Fewer operations: the peer takes seconds per completion with 75,000 codes in its schema.
    const fewer = { edits: N(10), hovers: N(20), completions: N(20) };
    const nationalOurs = await session(ours, fewer, { icd10 }, generateIcd10OrderFile.probe);
    if (nationalOurs.loaded) {
      const schema = peerSchema(path.join(OUT, 'hai-claims-national.schema.json'), { ...guideCodeLists(), diagnoses: generated.codes });
      const nationalTheirs = await session(peer, fewer, { schema });
      completion.ours = nationalOurs.completion;
      completion.theirs = nationalTheirs.completion;
      completion.note = `${generated.codes.length.toLocaleString('en-US')} ICD-10-CM codes loaded`;
      nationalRss = { measure: 'resident memory, the same session with the ICD-10-CM list loaded', stat: 'median', budget: 400, unit: 'MB', ours: { values: [nationalOurs.rss] }, theirs: { values: [nationalTheirs.rss] } };
    } else {
      completion.note = 'guide tables: the ICD-10-CM file did not load';
    }
  }
  rows.push(completion, rss);
  if (nationalRss) rows.push(nationalRss);

  log('CLI ...');
  const cli = await cliCheck(N(5));
  rows.push({ measure: 'CLI check, 1,000 files of 50 lines', stat: 'median', budget: 2000, unit: 's', ours: cli, note: cli ? undefined : 'n/a (CLI not built)' });
  rows.push(...cliFixRows());
  rows.push(...(await longRows()));
  rows.push(...(await x12Rows({ cli: CLI, out: OUT, runs: N(5), rssMb, log })));
  // Issue 23's rows: requests on a worker-held claim, and on documents checked in steps on the main thread.
  rows.push(...(await workerRequestRows()));
  rows.push(...(await steppedRequestRows()));

  const out = [`HAI Claims language server benchmark${QUICK ? ' (--quick: fewer runs)' : ''}`, `Machine: ${machine()}`, `Server: ${bundle()}`, '', table(rows), '', 'Budgets apply to ours; "ours / peer" compares the same statistic (below 1: ours is faster or smaller).', 'Peer: yaml-language-server with the same claims as YAML and a JSON Schema enumerating the same code lists; its 200 ms validation delay set to 0 as ours is.'];
  console.log(out.join('\n'));
  if (hover.theirs?.note || completion.theirs?.note || hover.ours?.note || completion.ours?.note) {
    console.log(`Empty answers: hover ours ${hover.ours?.note ?? 'none'}, peer ${hover.theirs?.note ?? 'none'}; completion ours ${completion.ours?.note ?? 'none'}, peer ${completion.theirs?.note ?? 'none'}.`);
  }
}

main().then(
  () => {
    if (LONG_ONLY || HOVER_ONLY || ONLY) return;
    const national = path.join(__dirname, 'national.ts');
    if (existsSync(national) && !ONLY) {
      console.log('\nNational CMS data (bench/national.ts, as `npm run bench:national` runs it):');
      const r = spawnSync(process.execPath, ['--expose-gc', '-r', 'tsx/cjs', national], { stdio: 'inherit', cwd: ROOT });
      process.exitCode = r.status ?? 1;
    }
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
