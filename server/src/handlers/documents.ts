// The check scheduler: open, change and close on the document store (document-store.ts: text,
// versions, debounce); where each document is checked (at once, in steps here, or in the check
// worker), the debounced check after an edit, publishing diagnostics, and the analysis every
// request reads (computed at most once per version, by what the request reads).
import type { Connection, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { getLanguageService, type Progress, PLAN, type DocumentShape, type Analysis, type ClaimEstimate, type ClaimModel, type Finding, type InternalError, type PublishedSelection, type RuleDocs, type Settings, type Tables } from '../core/languageService';
import { errorName, injectFault, type Log } from './safety';
import { DocumentStore, type StoredDocument } from './document-store';
import type { CheckWorkerPort, EstimatePiece, FindingsChunk, NationalSource } from './worker-checks';
import { registerDocumentRouting, type X12Documents } from './x12-documents';

const ls = getLanguageService();

// A huge document must not block the others: a document over the plan's sizes (core/plan.ts) is
// parsed and checked in steps (the core's generators), a slice of at most PLAN.sliceMs at a time,
// the server answering other messages between slices. A smaller one is checked at once (a few
// milliseconds).
// Steps are not enough for one claim of 60,000 lines on one date: one rule over that date is one
// step of a second or more (steps split a document at claims, rules and dates, not inside a date).
// So when the server has a check worker (handlers/worker-checks.ts), a document the plan sends
// there (a date of service or a claim too long for one step, read from the parsed tree) is handed to it: the
// worker keeps its own copy, gets the same changes, settings and tables, runs the checks and sends
// back the findings. This thread never runs a rule on it: it keeps the text, the tree and the model
// (resolved in steps, on demand), and assembles the analysis from them and the worker's findings
// (suppressions, messages and the estimate are worked out here). A request says what it reads
// (`Need`): one that reads the tree or model is answered from them at once; one that reads the
// findings waits for the worker's findings of the current version, without blocking the others.
// Without a worker (it could not start, or failed), the steps run here as before.
/** The lines of a checked claim and of its longest date, as the plan reads them (from the model). */
function claimShape(c: ClaimModel): DocumentShape {
  const lines = c.endLine - c.line + 1;
  return { lines, longestClaim: lines, longestDate: ls.longestDateLines(c) };
}

/** A claim the plan sends to the worker (a date or the claim too long for one step): the worker prices it too. */
export function isHugeClaim(c: ClaimModel): boolean {
  return c.endLine - c.line + 1 > PLAN.longDate && ls.checkPath(claimShape(c), true) === 'worker';
}

/** A check in steps under way, of one version of a document. */
interface Job {
  version: number;
  steps: Generator<void, Analysis | undefined>;
  /** Requests waiting for this check's analysis. */
  waiters: { resolve(a: Analysis): void; reject(err: unknown): void }[];
  /** Publish its diagnostics when done. */
  publish: boolean;
  /** How far its check has come (rule runs). */
  progress: Progress;
}

/** A piece of a claim's estimate from the worker, put in place (its head first, then its dates' lines in order). */
function takeEstimate(estimates: Map<number, ClaimEstimate>, piece: EstimatePiece): void {
  if (piece.head) estimates.set(piece.claim, piece.head);
  const lines = piece.date === undefined ? undefined : estimates.get(piece.claim)?.dates[piece.date]?.lines;
  for (const l of lines ? piece.lines ?? [] : []) lines!.push(l);
}

/** What a request reads of a document's analysis: its tree and model only, or its findings (and the estimate) too. */
export type Need = 'model' | 'findings';

/** The worker's findings of one version of a worker-held document. */
interface Found {
  version: number;
  epoch: number;
  findings: Finding[];
  internalErrors: InternalError[];
  /** The estimates of the claims too long to price here, priced by the worker (by claim index). */
  estimates: Map<number, ClaimEstimate>;
  /** Its diagnostics were published from the selection the worker sent first. */
  published: boolean;
}

/** A stored document and what the scheduler keeps of its checks. */
interface DocState extends StoredDocument {
  analysis?: Analysis;
  /** The version `analysis` is of. */
  analysed: number;
  job?: Job;
  /** Checked by the check worker: this thread resolves its model for requests, and takes its findings from the worker. */
  inWorker?: boolean;
  /** The worker's findings being received (chunks of one version), and the last complete ones. */
  incoming?: Found;
  found?: Found;
  /** The analysis with the worker's findings (`found`) of the current version. */
  full?: { version: number; epoch: number; analysis: Analysis };
  /** The last percent of the worker's check told to the status bar. */
  percent?: number;
  /** Requests waiting for the worker's findings of the current version. */
  findingWaiters: { resolve(): void; reject(err: unknown): void }[];
  /** A request was answered in part (its findings not in within the bound): the client is told when they come. */
  answeredInPart?: boolean;
  /**
   * The last check of this document failed (the error's name, and the version and settings epoch
   * it checked), and the status bar was told: it is told again when a check ends. Until the version
   * or epoch changes, findings requests are answered saying so (failedNow).
   */
  failed?: { error: string; version: number; epoch: number };
}

/** A request that waits for a document's findings, until it is answered in part (then it no longer needs them). */
interface Wait {
  answeredInPart: boolean;
}

/** Settles a request that waited for the check of a document closed meanwhile. */
class DocumentClosed extends Error {
  override name = 'DocumentClosed';
}

/** Settles a request that waits for the worker's findings of a check that failed there (its error is logged by the worker). */
class CheckFailed extends Error {
  override name = 'CheckFailed';
}

/** Settles the wait of a request answered in part meanwhile (its answer is sent: nothing reads this). */
class AnsweredInPart extends Error {
  override name = 'AnsweredInPart';
}

/** What the documents need from the rest of the server. */
export interface DocumentsHost {
  log: Log;
  sendDiagnostics(params: PublishDiagnosticsParams): void;
  /**
   * The check worker's own documents: the checks' findings of a version are sent to the main thread
   * instead of diagnostics. True: the results are not kept (the next check starts afresh).
   */
  sendFindings?(uri: string, version: number, analysis: Analysis): boolean | void;
  /** How far the check of a document in steps has come (the worker's, for the status bar). */
  progress?(uri: string, version: number, done: number, total: number): void;
  /** A document the worker holds is being checked (`percent` as far as known), or is checked (undefined): for the status bar. */
  checking?(uri: string, checking: { percent?: number } | undefined): void;
  /**
   * The check of a document stopped on an internal error (its name, never its message): for the
   * status bar, which says so until a check of the document ends (checking, undefined). Its
   * findings are not shown as clean: one diagnostic says the check failed (tellFailed).
   */
  checkFailed?(uri: string, version: number, error: string): void;
  /** Where the national tables in force were loaded from, for the worker to load the same; undefined when only the guide's are. */
  nationalSource?(): NationalSource | undefined;
  /** The tables and settings in force now (both change with the settings). */
  tables(): Tables;
  settings(): Settings;
  /** Where each diagnostic's code links to (codeDescription); the core's default is the repository's docs/checks.md. */
  ruleDocs?: RuleDocs;
  /** The check worker for documents with a very long claim, if the server has one (never inside the worker itself). */
  worker?: CheckWorkerPort;
  /**
   * The longest a slice of a check runs before other messages are read (default PLAN.sliceMs). The
   * worker, which answers no requests, takes longer slices: fewer turns of its event loop per edit.
   */
  sliceMs?: number;
  /** The longest a request waits for a document's findings (worker-held, or checked in steps here) before answering in part (default PLAN.findingsWaitMs). */
  findingsWaitMs?: number;
  /** The findings of a document came (or its check in steps ended) after a request on it was answered in part: the client is told to ask again. */
  findingsReady?(uri: string): void;
}

export class Documents {
  private readonly store = new DocumentStore<DocState>();
  /** The documents the worker holds, by the id they were opened under. */
  private readonly byId = new Map<number, DocState>();
  /** Counts the settings and tables in force: the worker's diagnostics of an older epoch are dropped. */
  private epoch = 0;
  /** The epoch whose settings the worker has. */
  private workerEpoch = -1;

  constructor(private readonly host: DocumentsHost) {}

  get size(): number {
    return this.store.size;
  }

  open(uri: string, version: number, text: string): void {
    this.drop(this.store.get(uri));
    const s = this.store.open(uri, version, text, (base) => ({ ...base, analysed: -1, findingWaiters: [] }));
    // A large text is planned once parsed, in steps (steps()); a smaller one now.
    if (s.doc && text.length > PLAN.longDate && this.planWorker(s, () => text)) {
      if (this.isLarge(s)) this.startJob(s, false);
      return;
    }
    this.publish(uri);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const s = this.store.get(uri);
    if (!s) return;
    try {
      // A change to a document still being parsed in steps: its parse is finished now, to apply it.
      this.store.update(s, version, changes);
    } catch (err) {
      // Never expected (positions are clamped, any text is a text); if it happens the lines no
      // longer match the editor's, so the document is dropped (reopening it checks it again)
      // rather than checked wrongly.
      this.host.log(`document update failed: ${errorName(err)}; close and reopen the file to check it again`);
      this.close(uri);
      return;
    }
    // The worker's copy gets the same changes; its newer version cancels its check of the older.
    if (s.inWorker) {
      this.host.worker?.post({ kind: 'change', id: s.id, version, changes });
      s.percent = undefined;
      // (The status bar's failed check, if any, is replaced by this one.)
      s.failed = undefined;
      this.host.checking?.(uri, {});
    }
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
    const s = this.store.get(uri);
    this.drop(s);
    if (s) this.store.delete(s);
    this.host.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Settings or tables changed: every open document is checked again now. */
  revalidateAll(): void {
    this.epoch++;
    // The worker checks its documents again with the new settings and tables (and tags them with the
    // epoch). Only when it has some: a message would start it, and it costs a second copy of the
    // tables that documents of usual claims never need; delegate() sends the settings first.
    if (this.byId.size) this.sendSettings();
    for (const s of this.store.all()) {
      s.analysis = undefined;
      s.full = undefined;
      // The worker checks it again: the status bar's failed check gives way to that check.
      if (s.inWorker && s.failed !== undefined) {
        s.failed = undefined;
        this.host.checking?.(s.uri, {});
      }
      // A check under way read the old settings: start again, keeping who waits for it.
      const job = s.job;
      s.job = undefined;
      if (job) this.startJob(s, !s.inWorker, job.waiters);
    }
    for (const s of [...this.store.all()]) if (!s.inWorker) this.publish(s.uri);
  }

  /**
   * Findings from the check worker, a chunk at a time: taken when of the current opening, version
   * and settings (a late result of an older one is dropped). The first chunk's selection (what the
   * editor is shown) is published at once; the findings, once all have come, are handed to the
   * requests waiting for them.
   */
  fromWorker(chunk: FindingsChunk): void {
    const s = this.byId.get(chunk.id);
    if (!s?.inWorker || chunk.epoch !== this.epoch || chunk.version !== s.version) return;
    let incoming = s.incoming;
    if (chunk.first || !incoming || incoming.version !== chunk.version || incoming.epoch !== chunk.epoch) incoming = s.incoming = { version: chunk.version, epoch: chunk.epoch, findings: [], internalErrors: [], estimates: new Map(), published: false };
    // What the editor is shown comes first: published now, before the rest of the findings.
    if (chunk.published) incoming.published = this.sendSelection(s, chunk.version, chunk.published);
    for (const f of chunk.findings) incoming.findings.push(f);
    if (chunk.estimate) takeEstimate(incoming.estimates, chunk.estimate);
    if (!chunk.last) return;
    incoming.internalErrors = chunk.internalErrors ?? [];
    s.incoming = undefined;
    s.found = incoming;
    s.full = undefined;
    s.failed = undefined;
    this.host.checking?.(s.uri, undefined);
    for (const e of incoming.internalErrors) this.host.log(`check ${e.rule} failed: ${e.error}`);
    if (!incoming.published) this.sendFound(s, incoming);
    this.wakeFindingWaiters(s);
    if (s.answeredInPart) {
      s.answeredInPart = false;
      this.host.findingsReady?.(s.uri);
    }
  }

  /**
   * The worker's check of a document failed: when of the current version, no findings of it will
   * come, so the requests waiting for them are answered that it failed (an error answer when they
   * have no partial one, as on this thread) and the status bar says so until a check of it ends.
   */
  workerCheckFailed(id: number, version: number, error: string): void {
    const s = this.byId.get(id);
    if (!s?.inWorker || version !== s.version) return;
    this.tellFailed(s, error);
    for (const w of s.findingWaiters.splice(0)) w.reject(new CheckFailed());
  }

  /** How far the worker's check of a document has come: told to the status bar when of the current version. */
  workerProgress(id: number, version: number, done: number, total: number): void {
    const s = this.byId.get(id);
    if (!s?.inWorker || version !== s.version || total <= 0) return;
    this.tellPercent(s, done, total);
  }

  /** How far a document's check has come, to the status bar when the percent changes. */
  private tellPercent(s: DocState, done: number, total: number): void {
    const percent = Math.min(99, Math.floor((100 * done) / total));
    if (percent === s.percent) return;
    s.percent = percent;
    this.host.checking?.(s.uri, { percent });
  }

  /** The check worker could not start or stopped: its documents are checked here, in steps. */
  workerFailed(): void {
    for (const s of [...this.store.all()]) {
      if (!s.inWorker) continue;
      this.leaveWorker(s);
      this.publish(s.uri);
    }
  }

  /** A document no longer in the worker: what came from it is dropped, and who waited for its findings asks again. */
  private leaveWorker(s: DocState): void {
    s.inWorker = false;
    this.byId.delete(s.id);
    s.analysis = undefined;
    s.found = s.incoming = s.full = undefined;
    const job = s.job;
    s.job = undefined;
    if (job?.waiters.length) this.startJob(s, false, job.waiters);
    this.wakeFindingWaiters(s);
  }

  /**
   * Wakes the requests that waited for a document's findings, one per turn of the event loop: the
   * first puts the analysis together (and may price claims), each then answers, and the messages
   * read meanwhile (a hover on another document) are answered in between, not after all of them.
   */
  private wakeFindingWaiters(s: DocState): void {
    const waiters = s.findingWaiters.splice(0);
    const next = () => {
      const w = waiters.shift();
      try {
        w?.resolve();
      } catch (err) {
        // Closed meanwhile (DocumentClosed: answered as not open), or the answer failed: that request's error.
        w?.reject(err);
      }
      if (waiters.length) setImmediate(next);
    };
    if (waiters.length) setImmediate(next);
  }

  /** Publishes what the worker selected to show (true), or false when that failed (logged; published from all the findings once they are in). */
  private sendSelection(s: DocState, version: number, selection: PublishedSelection): boolean {
    try {
      this.host.sendDiagnostics({ uri: s.uri, version, diagnostics: ls.selectionDiagnostics(selection, s.uri, this.host.ruleDocs) });
      return true;
    } catch (err) {
      this.host.log(`diagnostics failed: ${errorName(err)}`);
      return false;
    }
  }

  /** Publishes the worker's findings of a result that brought no selection: its tree is this thread's (for the suppressions); no model needed. */
  private sendFound(s: DocState, found: Found): void {
    try {
      if (!s.doc) {
        // Still being parsed in steps: published when the model job (started on open) finishes.
        return;
      }
      const findings = ls.publishedFindings(s.doc.tree, found.findings, this.host.tables(), this.host.settings());
      this.host.sendDiagnostics({ uri: s.uri, version: found.version, diagnostics: ls.toPublishedDiagnostics(findings, s.uri, undefined, this.host.ruleDocs) });
    } catch (err) {
      this.host.log(`diagnostics failed: ${errorName(err)}`);
    }
  }

  /**
   * Whether a document checked here now has a claim the plan sends to the worker (an edit made it
   * so, or a date written two ways hid it from shapeOf): read from the last analysis's claims, so a
   * keystroke costs no scan of the text. A paste that makes one is checked here once, in steps, and
   * the worker takes it from the next check.
   */
  private grewTooLong(s: DocState): boolean {
    if (!s.doc || s.doc.lineCount <= PLAN.longDate || !s.analysis) return false;
    return s.analysis.model.claims.some(isHugeClaim);
  }

  /** Hands a parsed document to the worker when the plan says so (true). */
  private planWorker(s: DocState, text: () => string): boolean {
    if (s.inWorker || !s.doc || !this.workerApplies() || ls.checkPath(ls.shapeOf(s.doc.tree), true) !== 'worker') return false;
    return this.delegate(s, text);
  }

  /** Whether huge documents go to the worker: it is up. */
  private workerApplies(): boolean {
    return !!this.host.worker?.usable;
  }

  /** The settings and tables in force, to the worker, under the current epoch. */
  private sendSettings(): void {
    this.host.worker?.post({ kind: 'settings', settings: this.host.settings(), epoch: this.epoch, national: this.host.nationalSource?.() });
    this.workerEpoch = this.epoch;
  }

  /**
   * Hands a huge document to the check worker (true), or false when there is none to take it. Should
   * the worker fail as it is handed over, workerFailed has already checked it here: still true.
   */
  private delegate(s: DocState, text: () => string): boolean {
    const worker = this.host.worker;
    if (!worker || !this.workerApplies()) return false;
    this.store.stopTimer(s);
    s.inWorker = true;
    this.byId.set(s.id, s);
    // An analysis made here ran the rules; from now on this thread only resolves the model.
    s.analysis = undefined;
    if (this.workerEpoch !== this.epoch) this.sendSettings();
    worker.post({ kind: 'open', id: s.id, version: s.version, text: text() });
    // (A worker that failed as it was handed over has left it to this thread already: workerFailed.)
    if (s.inWorker) this.host.checking?.(s.uri, {});
    return true;
  }

  /** The worker's copy is dropped. */
  private undelegate(s: DocState): void {
    this.host.worker?.post({ kind: 'close', id: s.id });
    this.byId.delete(s.id);
    s.inWorker = false;
  }

  /**
   * `fn` of the open document's current analysis; `notOpen` when the document is not open (or is
   * closed while its check runs). A promise while a large document's check is under way.
   */
  withDoc<R>(uri: string | undefined, notOpen: R, fn: (analysis: Analysis) => R, need: Need = 'findings', partial?: (model: Analysis | undefined, failed?: string) => R): R | Promise<R> {
    const s = this.store.get(uri);
    if (!s) return notOpen;
    // The check of this version failed: no findings will come until an edit (or new settings), and
    // a request must not start the same check again (it may fail the same way): answered in part, saying so.
    const failed = need === 'findings' && partial ? this.failedNow(s) : undefined;
    if (failed !== undefined) return partial!(this.modelNow(s), failed);
    const wait: Wait = { answeredInPart: false };
    const analysis = this.answer(s, need, wait);
    if (!(analysis instanceof Promise)) return fn(analysis);
    const answered = need === 'findings' && partial ? this.bounded(s, analysis, fn, partial, wait) : analysis.then(fn);
    return answered.catch((err: unknown) => {
      if (err instanceof DocumentClosed) return notOpen;
      throw err;
    });
  }

  /**
   * A findings request on a document the worker holds, or checked in steps here, answers within PLAN.findingsWaitMs (issue 23):
   * `fn` of the full analysis when the findings of the current version come by then, else
   * `partial` of its tree and model (the client is told to ask again when they come:
   * findingsReady). A worker-held document whose model is not resolved yet waits for it (looked at
   * again each few slices). A document checked in steps on this thread has no model before its
   * check ends: `partial` of none, and the client is told to ask again when the check ends.
   */
  private bounded<R>(s: DocState, full: Promise<Analysis>, fn: (analysis: Analysis) => R, partial: (model: Analysis | undefined, failed?: string) => R, wait: Wait): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (answer: () => R) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          resolve(answer());
        } catch (err) {
          reject(err);
        }
      };
      const inPart = () => {
        if (settled || !this.store.isOpen(s)) return;
        const model = this.modelNow(s);
        // Checked in steps on this thread: its parts are resolved and checked together, so there is
        // no model before the check ends; answered without one. The status bar says it is being checked.
        const stepped = !s.inWorker && !!s.job;
        if (model || stepped) {
          // The findings, when they come, are put together for the request the client sends then, not for this one.
          wait.answeredInPart = true;
          if (stepped && !s.answeredInPart) this.host.checking?.(s.uri, {});
          s.answeredInPart = true;
          settle(() => partial(model));
        } else if (s.inWorker) timer = setTimeout(inPart, 4 * PLAN.sliceMs);
      };
      timer = setTimeout(inPart, this.host.findingsWaitMs ?? PLAN.findingsWaitMs);
      full.then(
        (a) => settle(() => fn(a)),
        (err: unknown) => {
          if (settled) return;
          // The check it waited for failed: answered saying so, as the requests after it are.
          const failed = this.store.isOpen(s) ? this.failedNow(s) : undefined;
          if (failed !== undefined) return settle(() => partial(this.modelNow(s), failed));
          settled = true;
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }

  private isLarge(s: DocState): boolean {
    return !s.doc || ls.checkPath({ lines: s.doc.lineCount, longestClaim: 0, longestDate: 0 }, false) !== 'at-once' || !!s.job || !!s.inWorker;
  }


  /**
   * What a request that reads `need` is answered from. A document the worker holds: its model
   * analysis for the tree or model, else the analysis with the worker's findings of the current
   * version, waiting for them (a promise) until they come.
   */
  private answer(s: DocState, need: Need, wait?: Wait): Analysis | Promise<Analysis> {
    const model = this.analysisOf(s);
    // Asked again once the model is there: a document still being parsed may go to the worker meanwhile.
    if (model instanceof Promise) return model.then(() => this.answerIfOpen(s, need, wait));
    if (!s.inWorker || need === 'model') return model;
    const found = s.found;
    if (!found || found.version !== s.version || found.epoch !== this.epoch) {
      // The worker's check of this version failed: no findings will come (an edit checks it again).
      if (this.failedNow(s) !== undefined) throw new CheckFailed();
      return new Promise((resolve, reject) => s.findingWaiters.push({ resolve: () => resolve(this.answerIfOpen(s, need, wait)), reject }));
    }
    const full = s.full;
    if (full && full.version === s.version && full.epoch === this.epoch) return full.analysis;
    const analysis = ls.withFindings(model, found.findings, found.internalErrors, found.estimates) ?? model;
    s.full = { version: s.version, epoch: this.epoch, analysis };
    return analysis;
  }

  private answerIfOpen(s: DocState, need: Need, wait?: Wait): Analysis | Promise<Analysis> {
    if (!this.store.isOpen(s)) throw new DocumentClosed();
    // Answered in part already: its findings are not put together for it (that cost would hold up the next edit's requests).
    if (wait?.answeredInPart) throw new AnsweredInPart();
    return this.answer(s, need, wait);
  }

  /**
   * The analysis of the document's current version; computed at most once per version. Of a
   * document the worker holds: its tree and model only (ClaimDocument.modelSteps).
   */
  private analysisOf(s: DocState): Analysis | Promise<Analysis> {
    if (s.analysis && s.analysed === s.version) return s.analysis;
    if (this.isLarge(s)) {
      const job = this.startJob(s, false);
      return new Promise((resolve, reject) => job.waiters.push({ resolve, reject }));
    }
    const analysis = this.accept(s, s.version, this.store.docOf(s).analyze(this.host.tables(), this.host.settings()));
    // A document that was checked in steps and is now small (an edit): its last check in steps ends here.
    if (!s.inWorker) this.checkEnded(s);
    return analysis;
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
    const progress: Progress = { done: 0, total: 0 };
    const job: Job = { version: s.version, steps: this.steps(s, progress), waiters, publish, progress };
    s.job = job;
    setImmediate(() => this.runSlice(s, job));
    return job;
  }

  /** Parses (when the document is still opening), then analyses, in steps. */
  private *steps(s: DocState, progress: Progress): Generator<void, Analysis | undefined> {
    const opening = !s.doc;
    const doc = yield* this.store.parseSteps(s);
    if (opening) this.planWorker(s, () => doc.getText());
    if (s.inWorker) return yield* doc.modelSteps(this.host.tables(), this.host.settings());
    return yield* doc.analyzeSteps(this.host.tables(), this.host.settings(), true, progress);
  }

  /** Runs one slice of a check; schedules the next, or settles the check. */
  private runSlice(s: DocState, job: Job): void {
    // Superseded by a newer version or settings, or the document was closed.
    if (s.job !== job || !this.store.isOpen(s)) return;
    const deadline = performance.now() + (this.host.sliceMs ?? PLAN.sliceMs);
    let step: IteratorResult<void, Analysis | undefined>;
    try {
      injectFault('check');
      // (Tests: a check in steps that fails after a request on it was answered in part; a check in the worker.)
      if (s.answeredInPart) injectFault('check-in-part');
      if (this.host.sendFindings) injectFault('check-in-worker');
      do step = job.steps.next();
      while (!step.done && performance.now() < deadline);
    } catch (err) {
      // A failure costs this check (its waiters get an error answer), never the server.
      s.job = undefined;
      this.checkFailed(s, err);
      for (const w of job.waiters) w.reject(err);
      return;
    }
    if (!step.done) {
      if (job.progress.total) this.host.progress?.(s.uri, job.version, job.progress.done, job.progress.total);
      // A request was answered in part meanwhile: the status bar shows how far along the check is.
      if (job.progress.total && s.answeredInPart && !s.inWorker) this.tellPercent(s, job.progress.done, job.progress.total);
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
    if (!s.inWorker) this.checkEnded(s);
    // The worker's findings of this version came while the text was still being parsed: published now.
    if (s.inWorker && s.found?.version === s.version && s.found.epoch === this.epoch && !s.found.published) this.sendFound(s, s.found);
    for (const w of job.waiters) w.resolve(analysis);
  }

  /**
   * A check of a document here ended with its analysis (in steps, or at once after an edit made it
   * small): the status bar, told that it was being checked (a request answered in part) or that
   * its last check failed, is told it is checked, and the client asks again for what it was
   * answered in part.
   */
  private checkEnded(s: DocState): void {
    if (!s.answeredInPart && s.failed === undefined) return;
    s.answeredInPart = false;
    s.failed = undefined;
    s.percent = undefined;
    this.host.checking?.(s.uri, undefined);
    this.host.findingsReady?.(s.uri);
  }

  /**
   * A check of a document here failed: logged by the error's name (never its message, which may
   * quote text), and the status bar says so until a check of it ends (checkEnded). Its findings
   * requests are answered that it failed (withDoc) rather than starting the same check, which may
   * fail the same way, until an edit or new settings check it again.
   */
  private checkFailed(s: DocState, err: unknown): void {
    const name = errorName(err);
    this.host.log(`diagnostics failed: ${name}; the problems of this version are not known, edit or reopen the file to check it again`);
    this.tellFailed(s, name);
  }

  /** A worker-held document's model analysis of its current version, when resolved (what a partial answer reads). */
  private modelNow(s: DocState): Analysis | undefined {
    return s.inWorker && s.analysis && s.analysed === s.version ? s.analysis : undefined;
  }

  /** The error's name when the last check of the document's current version (under the settings in force) failed. */
  private failedNow(s: DocState): string | undefined {
    return s.failed?.version === s.version && s.failed.epoch === this.epoch ? s.failed.error : undefined;
  }

  /**
   * The check of the document's current version failed: the status bar is told; one diagnostic
   * says so (the Problems panel never shows the file as clean, nor an older text's findings at
   * places that may have moved); and a client answered in part is told to ask again, to be
   * answered that the check failed rather than "checking..." until the next edit.
   */
  private tellFailed(s: DocState, error: string): void {
    const answeredInPart = s.answeredInPart;
    s.answeredInPart = false;
    s.percent = undefined;
    s.failed = { error, version: s.version, epoch: this.epoch };
    this.host.checkFailed?.(s.uri, s.version, error);
    try {
      this.host.sendDiagnostics({ uri: s.uri, version: s.version, diagnostics: [ls.checkFailedDiagnostic(error)] });
    } catch (err) {
      this.host.log(`diagnostics failed: ${errorName(err)}`);
    }
    if (answeredInPart) this.host.findingsReady?.(s.uri);
  }

  private send(s: DocState, analysis: Analysis): void {
    if (this.host.sendFindings) {
      if (this.host.sendFindings(s.uri, s.version, analysis) === true) {
        s.analysis = undefined;
        s.doc?.forgetResults();
      }
      return;
    }
    try {
      this.host.sendDiagnostics({ uri: s.uri, version: s.version, diagnostics: ls.toPublishedDiagnostics(analysis.findings, s.uri, undefined, this.host.ruleDocs) });
    } catch (err) {
      this.host.log(`diagnostics failed: ${errorName(err)}`);
    }
  }

  private publish(uri: string): void {
    const s = this.store.get(uri);
    // A document in the worker is published from its diagnostics (fromWorker).
    if (!s || s.inWorker) return;
    // Runs from notifications and timers, where a throw would be logged with its message or end
    // the process: a failure here costs this one publication, never the server.
    try {
      injectFault('publish');
      if (this.grewTooLong(s) && this.delegate(s, () => this.store.docOf(s).getText())) {
        // The tree and model, resolved in steps now: the editor asks for folding and symbols after an edit.
        this.startJob(s, false);
        return;
      }
      if (this.isLarge(s) && !(s.analysis && s.analysed === s.version)) {
        this.startJob(s, true);
        return;
      }
      this.send(s, this.analysisOf(s) as Analysis);
    } catch (err) {
      this.checkFailed(s, err);
    }
  }

  private schedule(s: DocState): void {
    // Only the latest version is ever analysed when the timer fires, so a stale result is never published.
    this.store.debounce(s, this.host.settings().diagnostics.debounceMs, () => this.publish(s.uri));
  }

  /** A document closed or reopened: its timer stops, its check stops, and who waited for it is told. */
  private drop(s: DocState | undefined): void {
    if (!s) return;
    // The status bar no longer shows it as being checked, or as failed.
    if (s.inWorker || s.answeredInPart || s.failed !== undefined) this.host.checking?.(s.uri, undefined);
    this.store.stopTimer(s);
    if (s.inWorker) this.undelegate(s);
    const job = s.job;
    s.job = undefined;
    for (const w of job?.waiters ?? []) w.reject(new DocumentClosed());
    for (const w of s.findingWaiters.splice(0)) w.reject(new DocumentClosed());
  }
}

/** Wires the document notifications of `connection` to `documents`, and 837P documents to `x12` (issue 24). */
export function registerDocuments(connection: Connection, documents: Documents, x12: X12Documents): void {
  registerDocumentRouting(connection, documents, x12);
}
