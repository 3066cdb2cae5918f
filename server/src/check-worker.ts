// The check worker (dist/check-worker.js; the main thread's side is handlers/worker-checks.ts): it
// keeps a copy of each huge document the server hands it, applies the same changes, and runs the
// checks on it with the same Documents as the main thread (steps, newer versions cancelling older
// checks, the debounce), off the main thread, sending back the findings (before suppressions).
// Its tables are those in force on the main thread: the guide's, plus, when the main thread has
// national tables, the same files loaded through the same descriptors (national-hook.ts; the PTP
// file from its on-disk cache). Findings are tagged with the epoch of the settings and tables they
// were computed under; the main thread drops those of an older epoch. It never logs text: log
// lines are names and counts.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { DEFAULT_SETTINGS, getLanguageService, type Analysis, type Finding, type Settings, type Tables } from './core/languageService';
import { Documents, isHugeClaim } from './handlers/documents';
import { errorName, injectFault } from './handlers/safety';
import { encodeFindings, transferables } from './handlers/findings-wire';
import type { EstimatePiece, FromWorker, NationalSource, ToWorker } from './handlers/worker-checks';
import { loadNationalForServer } from './national-hook';

const ls = getLanguageService();

/** The worker's slice of a check (ms): it answers no requests, so only a newer version waits on it. */
const WORKER_SLICE_MS = 50;
/**
 * Findings per message: reading one on the main thread is then a few milliseconds. One message at
 * a time, the next when the main thread acknowledges the last (after a turn of its event loop).
 */
const FINDINGS_CHUNK = 5000;
/**
 * A result of more findings than this is not kept for reuse by the next check (Documents forgets
 * it once sent): keeping it would double what the findings cost the process (issue 23's memory
 * budget), while checking afresh costs this thread, never the main one, a little more time.
 */
const KEEP_FINDINGS = 20_000;

/** The national tables the worker loaded, by the settings' data paths and source they were loaded for. */
interface Loaded {
  key: string;
  tables: Tables;
}

type FindingsMessage = Extract<FromWorker, { kind: 'findings' }>;

/** The messages of one result, made as they are sent (encoding them all first held the first one up by a second). */
interface Stream {
  id: number;
  version: number;
  messages: Iterator<FindingsMessage>;
  /** The result is not kept (Documents forgets it): collected once its last message is sent. */
  forget: boolean;
}

/**
 * The findings on their way to the main thread, one message at a time, the next when the main
 * thread acknowledges the last (so reading them never holds up a request). First what the editor
 * is shown (the published selection: at most a thousand findings), so the diagnostics come as soon
 * as the checks end; then every finding, in chunks, for the requests; then the estimates of the
 * claims too long to price on the main thread. Each message is made when the one before is sent,
 * so the worker makes the next while the main thread reads the last.
 */
class FindingsOutbox {
  private streams: Stream[] = [];
  /** The next message, made ahead while the main thread reads the one sent. */
  private ahead?: { stream: Stream; message: FindingsMessage };
  private waiting = false;
  /** A stream of a result not kept has ended: collect the garbage. */
  private finishedForgotten = false;

  constructor(
    private readonly post: (m: FindingsMessage) => void,
    /** Making a message failed (the error's name): the main thread is told no more of that result will come. */
    private readonly failed: (id: number, version: number, error: string) => void,
  ) {}

  /** Queues the findings of a version (replacing what is still queued of an older one); true: the result is not to be kept. */
  send(id: number, version: number, epoch: number, analysis: Analysis): boolean {
    this.drop(id);
    // A huge result is not kept: the main thread has it (compactly), and a second copy here cost
    // more than checking afresh after the next edit (about 130 MB for a 60,000-line date).
    const forget = (analysis.checked ?? analysis.findings).length > KEEP_FINDINGS;
    this.streams.push({ id, version, messages: messagesOf(id, version, epoch, analysis), forget });
    if (!this.waiting) this.next();
    return forget;
  }

  /** The next message (the main thread took the last), and the one after it made ahead. */
  next(): void {
    const current = this.ahead ?? this.take();
    this.waiting = !!current;
    this.ahead = undefined;
    if (current) {
      this.post(current.message);
      this.ahead = this.take();
    }
    if (this.finishedForgotten) {
      // A huge result not kept has been sent whole: it is garbage now, collected at once (once
      // this turn ends: the finished stream still on the stack holds it), so the memory goes back
      // rather than when V8 next finds this thread idle.
      this.finishedForgotten = false;
      setImmediate(() => collectGarbage?.());
    }
  }

  /** The next message of the first stream with one left. */
  private take(): { stream: Stream; message: FindingsMessage } | undefined {
    while (this.streams.length) {
      const stream = this.streams[0];
      let r: IteratorResult<FindingsMessage>;
      try {
        r = stream.messages.next();
      } catch (err) {
        // Never expected (encoding or pricing threw): that result ends here, and the main thread is
        // told so rather than waiting for its last message.
        this.streams.shift();
        this.failed(stream.id, stream.version, errorName(err));
        continue;
      }
      if (!r.done) return { stream, message: r.value };
      this.streams.shift();
      this.finishedForgotten ||= stream.forget;
    }
    return undefined;
  }

  drop(id: number): void {
    this.streams = this.streams.filter((s) => s.id !== id);
    if (this.ahead?.stream.id === id) this.ahead = undefined;
  }
}

/** The messages of one result: the published selection, the findings in chunks, the estimates, and an empty one that says `last`. */
function* messagesOf(id: number, version: number, epoch: number, analysis: Analysis): Generator<FindingsMessage> {
  const all = analysis.checked ?? analysis.findings;
  const chunk = (findings: readonly Finding[]): FindingsMessage => ({ kind: 'findings', id, version, epoch, findings: encodeFindings(findings), first: false, last: false });
  const selection = ls.selectPublished(analysis.findings);
  yield { ...chunk([]), first: true, published: { ...selection, kept: encodeFindings(selection.kept) } };
  // (Tests: making a message fails after the diagnostics were sent.)
  injectFault('findings-message');
  for (let at = 0; at < all.length; at += FINDINGS_CHUNK) yield chunk(all.slice(at, at + FINDINGS_CHUNK));
  for (const piece of hugeEstimates(analysis)) yield { ...chunk([]), estimate: piece };
  yield { ...chunk([]), last: true, internalErrors: analysis.internalErrors };
}

/** Estimate lines per message (about 20 ms to read on the main thread). */
const ESTIMATE_CHUNK = 4000;

/** The estimates of the claims the plan sends to the worker, in pieces (EstimatePiece). */
function* hugeEstimates(analysis: Analysis): Generator<EstimatePiece> {
  for (const claim of analysis.model.claims) {
    if (!isHugeClaim(claim)) continue;
    const estimate = analysis.estimateOf(claim.index);
    if (!estimate) continue;
    yield { claim: claim.index, head: { ...estimate, dates: estimate.dates.map((d) => ({ ...d, lines: [] })) } };
    for (let date = 0; date < estimate.dates.length; date++) {
      const lines = estimate.dates[date].lines;
      for (let at = 0; at < lines.length; at += ESTIMATE_CHUNK) yield { claim: claim.index, date, lines: lines.slice(at, at + ESTIMATE_CHUNK) };
    }
  }
}

/** Serves the check protocol on `port`: exported so a test can run it on a MessageChannel. */
export function serveChecks(port: Pick<MessagePort, 'on' | 'postMessage'>, load: typeof loadNationalForServer = loadNationalForServer): void {
  let settings: Settings = DEFAULT_SETTINGS;
  let tables: Tables = ls.loadDefaultTables();
  let epoch = 0;
  let loaded: Loaded | undefined;
  let reload: AbortController | undefined;
  // Findings' arrays are transferred, not copied.
  const post = (m: FromWorker) => port.postMessage(m, m.kind === 'findings' ? [...transferables(m.findings), ...(m.published ? transferables(m.published.kept) : [])] : undefined);
  const outbox = new FindingsOutbox(post, (id, version, error) => post({ kind: 'checkFailed', id, version, error }));
  const documents = new Documents({
    log: (message) => post({ kind: 'log', message: `check worker: ${message}` }),
    sendDiagnostics: () => undefined,
    sendFindings: (uri, version, analysis) => outbox.send(Number(uri), version, epoch, analysis),
    progress: (uri, version, done, total) => post({ kind: 'progress', id: Number(uri), version, done, total }),
    checkFailed: (uri, version, error) => post({ kind: 'checkFailed', id: Number(uri), version, error }),
    tables: () => tables,
    settings: () => settings,
    // Only a newer version or settings wait on a slice here (read between slices, and they cancel it).
    sliceMs: WORKER_SLICE_MS,
  });
  /** The new settings and tables apply, and every document is checked again under the epoch. */
  const apply = (next: Settings, nextTables: Tables, nextEpoch: number) => {
    settings = next;
    tables = nextTables;
    epoch = nextEpoch;
    documents.revalidateAll();
  };
  const onSettings = (next: Settings, nextEpoch: number, national: NationalSource | undefined) => {
    reload?.abort();
    reload = undefined;
    if (!national) return apply(next, ls.loadDefaultTables(), nextEpoch);
    const key = JSON.stringify([next.data, national]);
    if (loaded?.key === key) return apply(next, loaded.tables, nextEpoch);
    const controller = (reload = new AbortController());
    void load(next, national.baseDir, { cacheDir: national.cacheDir, signal: controller.signal }).then(
      (result) => {
        if (controller.signal.aborted) return;
        reload = undefined;
        const base = ls.loadDefaultTables();
        loaded = { key, tables: ls.createTables(base.guide, base.reference, result.national) };
        apply(next, loaded.tables, nextEpoch);
      },
      // Its findings would be of other tables than the main thread's: the main thread takes its documents back.
      (err: unknown) => post({ kind: 'unusable', reason: `national data load failed: ${errorName(err)}` }),
    );
  };
  port.on('message', (m: ToWorker) => {
    try {
      if (m.kind === 'ack') outbox.next();
      else if (m.kind === 'settings') onSettings(m.settings, m.epoch, m.national);
      else if (m.kind === 'open') documents.open(String(m.id), m.version, m.text);
      else if (m.kind === 'change') documents.change(String(m.id), m.version, m.changes);
      else if (m.kind === 'close') {
        outbox.drop(m.id);
        documents.close(String(m.id));
      }
    } catch (err) {
      // Documents never throws on a document; should it, the name is logged and the worker goes on.
      post({ kind: 'log', message: `check worker: ${m.kind} failed: ${errorName(err)}` });
    }
  });
}

/**
 * A full garbage collection of this thread, or undefined when V8 does not let it ask. V8's `gc`
 * is exposed by a flag a worker cannot be started with, so the flag is set here (process-wide;
 * it only adds the `gc` function to new contexts, such as this one made to fetch it).
 */
function garbageCollector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

const collectGarbage = parentPort ? garbageCollector() : undefined;

if (parentPort) serveChecks(parentPort);
