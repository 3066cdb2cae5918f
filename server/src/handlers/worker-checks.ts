// The check worker, seen from the server's main thread: a worker_threads worker (dist/check-worker.js,
// server/src/check-worker.ts) that keeps its own copy of each huge document, runs the checks on it
// and sends back its findings (the checks' own, before suppressions), so that one long step of a
// check (a rule over a date of 60,000 lines) never holds up the answers to other documents (issues
// 17 and 23). The main thread keeps the text, tree and model; suppressions, messages and the
// estimate are worked out there from these findings.
//
// The protocol is plain, cloneable objects: the documents' notifications (open, change, close) as
// the client sent them, under an id the main thread gives each opening (never the uri: a document
// closed and reopened is a new id, so a late result of the old text is never taken for the new);
// the settings in force with an epoch, and where national tables are in force, where to load them
// from (the worker loads the same files through the same descriptors); and, back, the findings of a
// version (tagged with the epoch they were checked under, in chunks, so no one message costs the
// main thread long to read), how far a check has come, and log lines (names and counts, never text).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { ClaimEstimate, Finding, InternalError, LineEstimate, PublishedSelection, Settings } from '../core/languageService';
import { decodeFindings, type FindingsWire } from './findings-wire';
import { errorName, type Log } from './safety';

/** Where the national tables in force were loaded from (the worker loads the same files), when any are. */
export interface NationalSource {
  baseDir?: string;
  cacheDir?: string;
}

/** From the main thread to the worker. */
export type ToWorker =
  | { kind: 'settings'; settings: Settings; epoch: number; national?: NationalSource }
  | { kind: 'open'; id: number; version: number; text: string }
  | { kind: 'change'; id: number; version: number; changes: TextDocumentContentChangeEvent[] }
  | { kind: 'close'; id: number }
  /** A chunk of findings was taken: the worker sends the next (one at a time, so reading them never holds up a request). */
  | { kind: 'ack' };

/** The findings of one version of a document, or a chunk of them (`last` on the final chunk). */
export interface FindingsChunk {
  id: number;
  version: number;
  epoch: number;
  findings: Finding[];
  /** Set on the last chunk. */
  internalErrors?: InternalError[];
  /**
   * Set on the first chunk of a result. The worker may check one version twice (a revalidation);
   * chunks of the earlier result already sent must not be joined to the later one's.
   */
  first: boolean;
  last: boolean;
  /** A piece of the estimate of a claim too long for one step of the main thread (after the findings). */
  estimate?: EstimatePiece;
  /**
   * On the first chunk: what the editor is shown (at most a thousand findings, after suppressions,
   * and how many are left out), so the diagnostics are published before every finding has come.
   */
  published?: PublishedSelection;
}

/**
 * The estimate of a claim the plan sends to the worker, priced there (the main thread would price
 * it in one step of about a second): its head (dates without their lines), then each date's lines
 * in pieces, so that no one message costs the main thread long to read.
 */
export interface EstimatePiece {
  claim: number;
  head?: ClaimEstimate;
  /** With `lines`: the index of the date they belong to (appended in order). */
  date?: number;
  lines?: LineEstimate[];
}

/** From the worker to the main thread: findings travel as typed arrays and a string table (findings-wire.ts). */
export type FromWorker =
  | ({ kind: 'findings' } & Omit<FindingsChunk, 'findings' | 'published'> & { findings: FindingsWire; published?: Omit<PublishedSelection, 'kept'> & { kept: FindingsWire } })
  | { kind: 'progress'; id: number; version: number; done: number; total: number }
  /** The check of a version of a document stopped on an internal error (its name): no findings of it will come. */
  | { kind: 'checkFailed'; id: number; version: number; error: string }
  /** The worker cannot check as the main thread would (its tables could not be loaded): its documents go back. */
  | { kind: 'unusable'; reason: string }
  | { kind: 'log'; message: string };

/** A chunk of findings as it came over the wire, decoded. */
export function decodeChunk(m: Extract<FromWorker, { kind: 'findings' }>): FindingsChunk {
  return { ...m, findings: decodeFindings(m.findings), published: m.published && { ...m.published, kept: decodeFindings(m.published.kept) } };
}

/** What the documents need of the worker (a fake in tests). */
export interface CheckWorkerPort {
  /** False once the worker could not start or has failed: the documents are checked on the main thread. */
  readonly usable: boolean;
  post(message: ToWorker): void;
}

export interface CheckWorkerEvents {
  findings(chunk: FindingsChunk): void;
  progress?(id: number, version: number, done: number, total: number): void;
  checkFailed?(id: number, version: number, error: string): void;
  /** The worker could not start, or stopped: every document it held must be checked otherwise. */
  failed(): void;
}

/**
 * The worker's young generation (MB). It holds one huge analysis (tens of thousands of findings)
 * that lives until the next edit, so a large young generation only keeps copies in flight: with
 * V8's default the server held 255 MB after opening a claim of 60,000 lines on one date, with
 * 16 MB 243 MB (and 8 MB 234 MB, but the open took 1.8 s instead of 1.6 s).
 */
const WORKER_YOUNG_GENERATION_MB = 16;

/** The bundled worker, next to the server bundle. */
export const CHECK_WORKER_FILE = path.join(__dirname, 'check-worker.js');

/** The real worker, started on first use. */
export class CheckWorker implements CheckWorkerPort {
  private worker?: Worker;
  private broken = false;
  events?: CheckWorkerEvents;

  constructor(
    private readonly log: Log,
    private readonly file = CHECK_WORKER_FILE,
  ) {}

  get usable(): boolean {
    return !this.broken;
  }

  post(message: ToWorker): void {
    if (this.broken) return;
    try {
      (this.worker ??= this.start()).postMessage(message);
    } catch (err) {
      this.fail(`check worker unavailable: ${errorName(err)}`);
    }
  }

  /** Stops the worker (the server is shutting down, or a test is done). */
  stop(): void {
    this.broken = true;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    if (!existsSync(this.file)) throw Object.assign(new Error(), { name: 'WorkerFileMissing' });
    // Its stdout and stderr are its own (stdout is the LSP channel when the server runs over stdio),
    // read and dropped: the worker writes nothing there, and nothing it might print reaches the client.
    const worker = new Worker(this.file, { stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.stdout.resume();
    worker.stderr.resume();
    // The server exits on LSP's exit notification; the worker never holds it up.
    worker.unref();
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'log') this.log(m.message);
      else if (m.kind === 'findings') {
        this.events?.findings(decodeChunk(m));
        // The next chunk after a turn of the event loop: requests read meanwhile are answered first.
        setImmediate(() => this.post({ kind: 'ack' }));
      }
      else if (m.kind === 'progress') this.events?.progress?.(m.id, m.version, m.done, m.total);
      else if (m.kind === 'checkFailed') this.events?.checkFailed?.(m.id, m.version, m.error);
      else if (m.kind === 'unusable') this.fail(`check worker unusable: ${m.reason}`);
    });
    worker.on('error', (err) => this.fail(`check worker failed: ${errorName(err)}`));
    worker.on('exit', (code) => {
      if (!this.broken) this.fail(`check worker stopped (exit code ${code})`);
    });
    return worker;
  }

  private fail(message: string): void {
    if (this.broken) return;
    this.broken = true;
    this.log(`${message}; huge documents are checked in steps on the main thread`);
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate().catch(() => undefined);
    this.events?.failed();
  }
}

/**
 * A test hook (HAI_CLAIMS_HOLD_FINDINGS=1, read once at start): the worker's findings are held on
 * their way to the documents until the test asks for them (haiClaims/_holdFindings with
 * `hold: false`), so a test sees a worker-held document whose checks are still running, on events
 * rather than timings. `hold: true` holds the next ones again.
 */
export function findingsGate(deliver: (chunk: FindingsChunk) => void, hold: boolean): { findings(chunk: FindingsChunk): void; setHold(hold: boolean): void } {
  const held: FindingsChunk[] = [];
  return {
    findings: (chunk) => (hold ? held.push(chunk) : deliver(chunk)),
    setHold: (next) => {
      hold = next;
      if (!hold) for (const chunk of held.splice(0)) deliver(chunk);
    },
  };
}
