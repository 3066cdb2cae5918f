// Open documents: open, change and close; the debounced check after an edit; publishing
// diagnostics; and the analysis every request reads (computed at most once per version).
//
// Documents are kept here rather than by vscode-languageserver's TextDocuments: a change updates
// the lines it touches and the whole text is never rebuilt, so a keystroke in a 10,000-line file
// costs what a keystroke in a 10-line file does. (Line breaks that a change fuses, \r then \n, are
// read as the whole text would read them.)
import type { Connection, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { ClaimDocument, loadDefaultTables, longestDateLines, toPublishedDiagnostics, type Analysis, type ClaimModel, type RuleDocs, type Settings, type Tables } from '../core/languageService';
import { drain } from '../core/syntax/incremental';
import { errorName, injectFault, type Log } from './safety';
import type { CheckWorkerPort } from './worker-checks';
import { registerDocumentRouting, type X12Documents } from './x12-documents';

// A huge document must not block the others: a document over these sizes is parsed and checked in
// steps (the core's generators), a slice of at most SLICE_MS at a time, the server answering other
// messages between slices. A smaller one is checked at once (a few milliseconds).
// Steps are not enough for one claim of 60,000 lines on one date: one rule over that date is one
// step of a second or more (steps split a document at claims, rules and dates, not inside a date).
// So when the server has a check worker (handlers/worker-checks.ts), a document with a date of
// service longer than LONG_DATE lines (or a claim longer than HUGE_CLAIM) is handed to it: the
// worker keeps its own copy, gets the same changes and settings, and sends the diagnostics to
// publish; the main thread only answers. A request on the huge document itself still computes its
// analysis here, lazily and in steps (it needs the tree and the model, which the worker does not
// send back). Without a worker (it could not start, or failed) or while national tables are loaded
// (the worker has only the guide's), the steps run here as before.
/** Opened in steps: a text longer than this (characters). */
const LARGE_TEXT = 64 * 1024;
/** Checked in steps: a document with more lines than this. */
const LARGE_LINES = 2000;
/** The longest a slice of a check runs before the server turns to its other messages. */
const SLICE_MS = 5;
/**
 * A date of service longer than this (lines, its same-day blocks together) makes a step too long
 * for the main thread: its document is checked in the worker. Only those: the worker costs a second
 * copy of the tables and of the document's analysis, and its answers cross a thread (the
 * diagnostics are copied), which a long claim of many short dates, checked here in steps of a few
 * milliseconds, does not need (a keystroke in a 10,000-line claim of 1,250 dates).
 */
const LONG_DATE = 1000;
/** A claim longer than this makes its claim-wide steps (resolving it, the global period) too long. */
const HUGE_CLAIM = 50_000;

/**
 * The lines of the longest claim of `text` (from a `claim` line to the next; any case, as the
 * parser reads it) and of its longest date of service (from an `on` line to the next `on` or
 * `claim` line, the blocks of one claim with the same date together). Read from the text, before
 * it is parsed; `on` lines are compared by their date as written (a date written two ways is
 * caught after the first check: needsWorker).
 */
export function longestParts(text: string): { claim: number; date: number } {
  const claimLine = /[ \t]*claim(?![^ \t\r\n])/iy;
  const onLine = /[ \t]*on[ \t]+(day[ \t]+\S+|\S+)/iy;
  let claim = 0;
  let date = 0;
  let start = 0;
  let line = 0;
  // The current claim's dates (by the date as written) and their lines so far.
  let dates = new Map<string, number>();
  let current: string | undefined;
  let currentFrom = 0;
  const endDate = (at: number) => {
    if (current === undefined) return;
    const total = (dates.get(current) ?? 0) + at - currentFrom;
    dates.set(current, total);
    date = Math.max(date, total);
    current = undefined;
  };
  for (let pos = 0; pos <= text.length; line++) {
    claimLine.lastIndex = pos;
    onLine.lastIndex = pos;
    if (claimLine.test(text)) {
      endDate(line);
      claim = Math.max(claim, line - start);
      start = line;
      dates = new Map();
    } else {
      const on = onLine.exec(text);
      if (on) {
        endDate(line);
        current = on[1].toLowerCase().replace(/[ \t]+/g, ' ');
        currentFrom = line;
      }
    }
    const next = text.indexOf('\n', pos);
    if (next < 0) break;
    pos = next + 1;
  }
  endDate(line + 1);
  return { claim: Math.max(claim, line + 1 - start), date };
}

/** The lines of a checked claim and of its longest date (longestParts, from the model). */
function claimParts(c: ClaimModel): { claim: number; date: number } {
  return { claim: c.endLine - c.line + 1, date: longestDateLines(c) };
}

/** Whether a text's longest date or claim is too long for the main thread's steps. */
function tooLongForSteps(parts: { claim: number; date: number }): boolean {
  return parts.date > LONG_DATE || parts.claim > HUGE_CLAIM;
}

/** A check in steps under way, of one version of a document. */
interface Job {
  version: number;
  steps: Generator<void, Analysis | undefined>;
  /** Requests waiting for this check's analysis. */
  waiters: { resolve(a: Analysis): void; reject(err: unknown): void }[];
  /** Publish its diagnostics when done. */
  publish: boolean;
}

interface DocState {
  uri: string;
  version: number;
  /** The document's lines, updated by each change, and its analyses, which reuse untouched claims. */
  doc?: ClaimDocument;
  /** A large document still being parsed (doc is then undefined). */
  opening?: Generator<void, ClaimDocument>;
  analysis?: Analysis;
  /** The version `analysis` is of. */
  analysed: number;
  timer?: NodeJS.Timeout;
  job?: Job;
  /** Checked and published by the check worker (this thread checks it only for requests). */
  inWorker?: boolean;
}

/** Settles a request that waited for the check of a document closed meanwhile. */
class DocumentClosed extends Error {
  override name = 'DocumentClosed';
}

/** What the documents need from the rest of the server. */
export interface DocumentsHost {
  log: Log;
  sendDiagnostics(params: PublishDiagnosticsParams): void;
  /** The tables and settings in force now (both change with the settings). */
  tables(): Tables;
  settings(): Settings;
  /** Where each diagnostic's code links to (codeDescription); the core's default is the repository's docs/checks.md. */
  ruleDocs?: RuleDocs;
  /** The check worker for documents with a very long claim, if the server has one (never inside the worker itself). */
  worker?: CheckWorkerPort;
  /**
   * The longest a slice of a check runs before other messages are read (default SLICE_MS). The
   * worker, which answers no requests, takes longer slices: fewer turns of its event loop per edit.
   */
  sliceMs?: number;
}

export class Documents {
  private readonly docs = new Map<string, DocState>();
  /** Counts the settings and tables in force: the worker's diagnostics of an older epoch are dropped. */
  private epoch = 0;
  /** The epoch whose settings the worker has. */
  private workerEpoch = -1;

  constructor(private readonly host: DocumentsHost) {}

  get size(): number {
    return this.docs.size;
  }

  open(uri: string, version: number, text: string): void {
    this.drop(this.docs.get(uri));
    const s: DocState = { uri, version, analysed: -1 };
    if (text.length > LARGE_TEXT) s.opening = ClaimDocument.openSteps(text);
    else s.doc = new ClaimDocument(text);
    this.docs.set(uri, s);
    if (text.length > LONG_DATE && tooLongForSteps(longestParts(text)) && this.delegate(s, () => text)) return;
    this.publish(uri);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const s = this.docs.get(uri);
    if (!s) return;
    try {
      // A change to a document still being parsed in steps: finish the parse now, to apply it.
      const doc = this.docOf(s);
      s.doc = doc;
      doc.update(changes);
    } catch (err) {
      // Never expected (positions are clamped, any text is a text); if it happens the lines no
      // longer match the editor's, so the document is dropped (reopening it checks it again)
      // rather than checked wrongly.
      this.host.log(`document update failed: ${errorName(err)}; close and reopen the file to check it again`);
      this.close(uri);
      return;
    }
    s.version = version;
    // The worker's copy gets the same changes; its newer version cancels its check of the older.
    if (s.inWorker) this.host.worker?.post({ kind: 'change', uri, version, changes });
    // The newer version cancels the check of the older one; requests waiting for it get the newer
    // version's analysis (checked now), the diagnostics wait for the debounce.
    const job = s.job;
    if (job) {
      s.job = undefined;
      if (job.waiters.length) this.startJob(s, false, job.waiters);
    }
    // The worker debounces and publishes it (a document whose claim has grown long is handed to it
    // when the debounce ends: publish).
    if (s.inWorker) return;
    this.schedule(s);
  }

  close(uri: string): void {
    this.drop(this.docs.get(uri));
    this.docs.delete(uri);
    this.host.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Settings or tables changed: every open document is checked again now. */
  revalidateAll(): void {
    this.epoch++;
    const worker = this.host.worker;
    if (this.workerApplies()) {
      // The worker checks its documents again with the new settings (and tags them with the epoch).
      // Only when it has some: a message would start it, and it costs a second copy of the tables
      // (about 45 MB) that documents of usual claims never need; delegate() sends the settings first.
      if ([...this.docs.values()].some((d) => d.inWorker)) {
        worker?.post({ kind: 'settings', settings: this.host.settings(), epoch: this.epoch });
        this.workerEpoch = this.epoch;
      }
    } else {
      // National tables in force (the worker has only the guide's): checked here again.
      for (const s of this.docs.values()) if (s.inWorker) this.undelegate(s);
    }
    for (const s of this.docs.values()) {
      s.analysis = undefined;
      // A check under way read the old settings: start again, keeping who waits for it.
      const job = s.job;
      s.job = undefined;
      if (job) this.startJob(s, !s.inWorker, job.waiters);
    }
    for (const [uri, s] of this.docs) if (!s.inWorker) this.publish(uri);
  }

  /** Diagnostics from the check worker: published when still of the current version and settings. */
  fromWorker(params: PublishDiagnosticsParams, epoch: number): void {
    const s = this.docs.get(params.uri);
    if (!s?.inWorker || epoch !== this.epoch || params.version !== s.version) return;
    this.host.sendDiagnostics(params);
  }

  /** The check worker could not start or stopped: its documents are checked here, in steps. */
  workerFailed(): void {
    for (const [uri, s] of this.docs) {
      if (!s.inWorker) continue;
      s.inWorker = false;
      this.publish(uri);
    }
  }

  /**
   * Whether a document checked here has a date over LONG_DATE lines or a claim over HUGE_CLAIM (an
   * edit made it so, or its text hid it from longestParts): read from the last analysis's claims, so
   * a keystroke costs no scan of the text. A paste that makes one is checked here once, in steps,
   * and the worker takes it from the next check.
   */
  private grewTooLong(s: DocState): boolean {
    if (!s.doc || s.doc.lineCount <= LONG_DATE || !s.analysis) return false;
    return s.analysis.model.claims.some((c) => c.endLine - c.line + 1 > LONG_DATE && tooLongForSteps(claimParts(c)));
  }

  /** Whether huge documents go to the worker: it is up, and the tables in force are the guide's (its own). */
  private workerApplies(): boolean {
    return !!this.host.worker?.usable && this.host.tables() === loadDefaultTables();
  }

  /**
   * Hands a huge document to the check worker (true), or false when there is none to take it. Should
   * the worker fail as it is handed over, workerFailed has already checked it here: still true.
   */
  private delegate(s: DocState, text: () => string): boolean {
    const worker = this.host.worker;
    if (!worker || !this.workerApplies()) return false;
    this.stopTimer(s);
    s.inWorker = true;
    if (this.workerEpoch !== this.epoch) {
      worker.post({ kind: 'settings', settings: this.host.settings(), epoch: this.epoch });
      this.workerEpoch = this.epoch;
    }
    worker.post({ kind: 'open', uri: s.uri, version: s.version, text: text() });
    return true;
  }

  /** The worker's copy is dropped; the caller checks the document here. */
  private undelegate(s: DocState): void {
    s.inWorker = false;
    this.host.worker?.post({ kind: 'close', uri: s.uri });
  }

  /**
   * `fn` of the open document's current analysis; `notOpen` when the document is not open (or is
   * closed while its check runs). A promise while a large document's check is under way.
   */
  withDoc<R>(uri: string | undefined, notOpen: R, fn: (analysis: Analysis) => R): R | Promise<R> {
    const s = uri === undefined ? undefined : this.docs.get(uri);
    if (!s) return notOpen;
    const analysis = this.analysisOf(s);
    if (!(analysis instanceof Promise)) return fn(analysis);
    return analysis.then(fn, (err: unknown) => {
      if (err instanceof DocumentClosed) return notOpen;
      throw err;
    });
  }

  private isLarge(s: DocState): boolean {
    return !s.doc || s.doc.lineCount > LARGE_LINES || !!s.job || !!s.inWorker;
  }

  private docOf(s: DocState): ClaimDocument {
    if (!s.doc) {
      s.doc = drain(s.opening as Generator<void, ClaimDocument>);
      s.opening = undefined;
    }
    return s.doc;
  }

  /** The analysis of the document's current version; computed at most once per version. */
  private analysisOf(s: DocState): Analysis | Promise<Analysis> {
    if (s.analysis && s.analysed === s.version) return s.analysis;
    if (this.isLarge(s)) {
      const job = this.startJob(s, false);
      return new Promise((resolve, reject) => job.waiters.push({ resolve, reject }));
    }
    return this.accept(s, s.version, this.docOf(s).analyze(this.host.tables(), this.host.settings()));
  }

  private accept(s: DocState, version: number, analysis: Analysis): Analysis {
    s.analysis = analysis;
    s.analysed = version;
    for (const e of analysis.internalErrors) this.host.log(`check ${e.rule} failed: ${e.error}`);
    return analysis;
  }

  /** The check in steps of the current version: the one under way, or a new one. */
  private startJob(s: DocState, publish: boolean, waiters: Job['waiters'] = []): Job {
    const current = s.job;
    if (current && current.version === s.version) {
      current.publish ||= publish;
      for (const w of waiters) current.waiters.push(w);
      return current;
    }
    const job: Job = { version: s.version, steps: this.steps(s), waiters, publish };
    s.job = job;
    setImmediate(() => this.runSlice(s, job));
    return job;
  }

  /** Parses (when the document is still opening), then analyses, in steps. */
  private *steps(s: DocState): Generator<void, Analysis | undefined> {
    if (!s.doc) {
      s.doc = yield* s.opening as Generator<void, ClaimDocument>;
      s.opening = undefined;
    }
    return yield* s.doc.analyzeSteps(this.host.tables(), this.host.settings());
  }

  /** Runs one slice of a check; schedules the next, or settles the check. */
  private runSlice(s: DocState, job: Job): void {
    // Superseded by a newer version or settings, or the document was closed.
    if (s.job !== job || this.docs.get(s.uri) !== s) return;
    const deadline = performance.now() + (this.host.sliceMs ?? SLICE_MS);
    let step: IteratorResult<void, Analysis | undefined>;
    try {
      injectFault('check');
      do step = job.steps.next();
      while (!step.done && performance.now() < deadline);
    } catch (err) {
      // A failure costs this check (its waiters get an error answer), never the server.
      s.job = undefined;
      this.host.log(`diagnostics failed: ${errorName(err)}`);
      for (const w of job.waiters) w.reject(err);
      return;
    }
    if (!step.done) {
      setImmediate(() => this.runSlice(s, job));
      return;
    }
    s.job = undefined;
    if (!step.value) {
      // Stale (the document changed; a change replaces the check first, so not expected): again.
      this.startJob(s, job.publish, job.waiters);
      return;
    }
    const analysis = this.accept(s, job.version, step.value);
    if (job.publish && !s.inWorker) this.send(s, analysis);
    for (const w of job.waiters) w.resolve(analysis);
  }

  private send(s: DocState, analysis: Analysis): void {
    try {
      this.host.sendDiagnostics({ uri: s.uri, version: s.version, diagnostics: toPublishedDiagnostics(analysis.findings, s.uri, undefined, this.host.ruleDocs) });
    } catch (err) {
      this.host.log(`diagnostics failed: ${errorName(err)}`);
    }
  }

  private publish(uri: string): void {
    const s = this.docs.get(uri);
    // A document in the worker is published from its diagnostics (fromWorker).
    if (!s || s.inWorker) return;
    // Runs from notifications and timers, where a throw would be logged with its message or end
    // the process: a failure here costs this one publication, never the server.
    try {
      injectFault('publish');
      if (this.grewTooLong(s) && this.delegate(s, () => this.docOf(s).getText())) return;
      if (this.isLarge(s) && !(s.analysis && s.analysed === s.version)) {
        this.startJob(s, true);
        return;
      }
      this.send(s, this.analysisOf(s) as Analysis);
    } catch (err) {
      this.host.log(`diagnostics failed: ${errorName(err)}`);
    }
  }

  private schedule(s: DocState): void {
    this.stopTimer(s);
    const delay = this.host.settings().diagnostics.debounceMs;
    if (delay <= 0) {
      this.publish(s.uri);
      return;
    }
    // Only the latest version is ever analysed when the timer fires, so a stale result is never published.
    s.timer = setTimeout(() => {
      s.timer = undefined;
      this.publish(s.uri);
    }, delay);
  }

  /** A document closed or reopened: its timer stops, its check stops, and who waited for it is told. */
  private drop(s: DocState | undefined): void {
    if (!s) return;
    this.stopTimer(s);
    if (s.inWorker) this.undelegate(s);
    const job = s.job;
    s.job = undefined;
    for (const w of job?.waiters ?? []) w.reject(new DocumentClosed());
  }

  private stopTimer(s: DocState | undefined): void {
    if (s?.timer) clearTimeout(s.timer);
    if (s) s.timer = undefined;
  }
}

/** Wires the document notifications of `connection` to `documents`, and 837P documents to `x12` (issue 24). */
export function registerDocuments(connection: Connection, documents: Documents, x12: X12Documents): void {
  registerDocumentRouting(connection, documents, x12);
}
